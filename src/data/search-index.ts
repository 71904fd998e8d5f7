import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { apiSummary } from '../lib/publish/install-endpoints.ts';
import { cardRecord, type ApiSummary, type CardRecord } from '../lib/search/card-record.ts';
import { searchDocument } from '../lib/search/search-document.ts';
import { shardCount, shardOf } from '../lib/search/shards.ts';
import { shardFolder, skillUrl, stripBase } from '../lib/shared/urls.ts';
import { cacheRoot, readSearchText } from './package-cache.ts';
import { publishTree } from './publish-fs.ts';
import { catalogueManifestPath } from './skill-loader.ts';
import type { ListedSkill } from './skills.ts';

/**
 * The search index (Node-only), in two Pagefind bundles, each in shards of at most ~2,000 skills
 * (src/lib/search/shards.ts) that the browser merges:
 * - `pagefind/`: full text. Each skill is one small search document (name, description, filters,
 *   its SKILL.md as headings and text, its references at half weight) made from catalogue data and
 *   the load phase's search body — never scraped from the built pages.
 * - `pagefind-cards/`: one small record per skill (name, description, filters, sort keys) for the
 *   catalogue's filters.
 * A shard is built once per content: its files are kept in the build cache under a key of every
 * record in it, so a rebuild re-indexes only the shards whose skills changed, and only one shard's
 * index is held in memory at a time.
 */

/** One skill as the index sees it: its site path (no base), card record and the key of its search body. */
export interface IndexEntry {
  id: string;
  url: string;
  card: CardRecord;
  key: string;
}

export type Bundle = 'pagefind' | 'pagefind-cards';
const BUNDLES: Bundle[] = ['pagefind', 'pagefind-cards'];

/** Records sent to Pagefind at once. */
const ADD_BATCH = 64;

// Anything that changes what a shard's files hold: this module's format and Pagefind's version.
const INDEX_FORMAT = '2';
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as {
    version: string;
  }
).version;

/** The cache key of one shard: every record in it, the search bodies' keys, the shard layout and the index's version. */
function shardKey(bundle: Bundle, entries: IndexEntry[], index: number, count: number): string {
  const hash = createHash('sha256').update(
    `${INDEX_FORMAT}\0${PAGEFIND_VERSION}\0${bundle}\0${index}/${count}\n`,
  );
  for (const entry of entries)
    hash.update(
      `${entry.id}\0${bundle === 'pagefind' ? entry.key : ''}\0${JSON.stringify(entry.card)}\n`,
    );
  return hash.digest('hex');
}

/** Builds one shard of a bundle into the cache (or finds it there) and returns its folder. */
async function buildShard(
  bundle: Bundle,
  entries: IndexEntry[],
  key: string,
  warn: (message: string) => void,
): Promise<{ dir: string; reused: boolean }> {
  const dir = join(cacheRoot(), 'search', bundle, key.slice(0, 2), key);
  if (existsSync(join(dir, 'done'))) return { dir, reused: true };
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Each call is a round trip to Pagefind's process: many in flight keep it busy.
    for (let start = 0; start < entries.length; start += ADD_BATCH)
      await Promise.all(
        entries.slice(start, start + ADD_BATCH).map((entry) => add(bundle, index, entry, warn)),
      );
    const temp = `${dir}.tmp-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: temp });
    if (written.errors.length)
      throw new Error(`Pagefind could not write ${bundle}/: ${written.errors.join('; ')}`);
    writeFileSync(join(temp, 'done'), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  } finally {
    // Frees the shard's index in Pagefind's process before the next one is built.
    await index.deleteIndex();
  }
  return { dir, reused: false };
}

async function add(
  bundle: Bundle,
  index: PagefindIndex,
  entry: IndexEntry,
  warn: (message: string) => void,
): Promise<void> {
  if (bundle === 'pagefind-cards') {
    const added = await index.addCustomRecord(entry.card);
    if (added.errors.length) warn(`${entry.url} (card): ${added.errors.join('; ')}`);
    return;
  }
  const sourcePath = join(decodeURI(entry.url), 'index.html').replace(/^\/+/, '');
  const added = await index.addHTMLFile({
    sourcePath,
    content: searchDocument(entry.card, readSearchText(entry.key)),
  });
  if (added.errors.length) warn(`${sourcePath}: ${added.errors.join('; ')}`);
}

/** The shards of both bundles, built or found in the cache. */
export interface ShardSet {
  count: number;
  dirs: Record<Bundle, string[]>;
  reused: number;
  skills: number;
}

/** Builds (or finds in the cache) every shard of both bundles. */
export async function buildShards(
  entries: IndexEntry[],
  warn: (message: string) => void,
  /** Which shards to build (a build of one part makes its share); the others are left out of the set. */
  wanted: (shard: number) => boolean = () => true,
): Promise<ShardSet> {
  const count = shardCount(entries.length);
  const shards: IndexEntry[][] = Array.from({ length: count }, () => []);
  for (const entry of entries) shards[shardOf(entry.id, count)]!.push(entry);
  const dirs: Record<Bundle, string[]> = { pagefind: [], 'pagefind-cards': [] };
  let reused = 0;
  try {
    // The two bundles are built side by side: Pagefind's service indexes them concurrently.
    await Promise.all(
      BUNDLES.map(async (bundle) => {
        for (const [index, members] of shards.entries()) {
          if (!wanted(index)) continue;
          const built = await buildShard(
            bundle,
            members,
            shardKey(bundle, members, index, count),
            warn,
          );
          if (built.reused) reused += 1;
          dirs[bundle][index] = built.dir;
        }
      }),
    );
  } finally {
    await close();
  }
  return { count, dirs, reused, skills: entries.length };
}

/** Copies the shards into the site: the first at each bundle's root, the others in `shard-<n>/`, and `shards.json`. */
export function publishShards(outDir: string, set: ShardSet): void {
  for (const bundle of BUNDLES) {
    const target = join(outDir, bundle);
    rmSync(target, { recursive: true, force: true });
    set.dirs[bundle].forEach((dir, index) =>
      publishTree(dir, join(target, shardFolder(index)), (name) => name === 'done'),
    );
    mkdirSync(target, { recursive: true });
    // `tag` names this build of the index: browsers may cache Pagefind's entry file under it.
    const tag = createHash('sha256')
      .update(set.dirs[bundle].map((dir) => basename(dir)).join('\n'))
      .digest('hex')
      .slice(0, 16);
    writeFileSync(join(target, 'shards.json'), `${JSON.stringify({ count: set.count, tag })}\n`);
  }
}

/** The index entries of the listed catalogue, as the pages list it. */
export function indexEntries(skills: ListedSkill[]): IndexEntry[] {
  return skills.map((skill) => {
    // Site paths without the base: Pagefind's browser API adds it back (its `baseUrl`).
    const url = skillUrl(skill.publisher, skill.slug, '/');
    const summary = apiSummary(skill, skill.publisherName, 'http://localhost') as ApiSummary;
    return { id: skill.id, url, card: cardRecord(url, summary), key: skill.cacheKey ?? '' };
  });
}

/** The index entries of an already built site, from its `api/skills.json` and the catalogue manifest. */
export function indexEntriesFromSite(outDir: string, root: string, base: string): IndexEntry[] {
  const manifest = JSON.parse(readFileSync(catalogueManifestPath(root), 'utf8')) as {
    skills: { id: string; key: string }[];
  };
  const keys = new Map(manifest.skills.map((s) => [s.id, s.key]));
  const api = JSON.parse(readFileSync(join(outDir, 'api', 'skills.json'), 'utf8')) as {
    skills: ApiSummary[];
  };
  const entries: IndexEntry[] = [];
  for (const summary of api.skills) {
    const url = stripBase(new URL(summary.url).pathname, base);
    const key = keys.get(summary.id);
    if (url === undefined || key === undefined) continue;
    entries.push({ id: summary.id, url, card: cardRecord(url, summary), key });
  }
  return entries;
}

/** Indexes an already built site (the CLI path, `src/cli/index.ts`). */
export async function buildSearchIndex(
  outDir: string,
  root: string,
  warn: (message: string) => void,
  base = '/',
): Promise<ShardSet> {
  try {
    const set = await buildShards(indexEntriesFromSite(outDir, root, base), warn);
    publishShards(outDir, set);
    return set;
  } catch (cause) {
    throw new Error('Failed to build the search index.', { cause });
  }
}
