import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { cardRecord, type ApiSummary, type CardRecord } from '../lib/search/card-record.ts';
import { searchDocument } from '../lib/search/search-document.ts';
import { shardCount, shardOf } from '../lib/search/shards.ts';
import { shardFolder, stripBase } from '../lib/shared/urls.ts';
import { skillsRoot } from '../lib/site-config-fs.ts';
import { cacheRoot, readSearchText } from '../data/package-cache.ts';
import { catalogueManifestPath } from '../data/skill-loader.ts';

/** One skill as the index sees it: its site path, card record and the key of its search body. */
interface IndexEntry {
  id: string;
  url: string;
  card: CardRecord;
  key: string;
}

type Bundle = 'pagefind' | 'pagefind-cards';

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

/**
 * Indexes the catalogue with Pagefind, in-process, into two bundles, each in shards of at most
 * ~2,000 skills (src/lib/search/shards.ts) that the browser merges:
 * - `pagefind/`: full text. Each skill is one small search document (name, description, filters,
 *   its SKILL.md as headings and text, its references at half weight) made from catalogue data and
 *   the load phase's search body — never scraped from the built pages.
 * - `pagefind-cards/`: one small record per skill (name, description, filters, sort keys) for the
 *   catalogue's filters.
 * A shard is built once per content: its files are kept in the build cache under a key of every
 * record in it, so a rebuild re-indexes only the shards whose skills changed. Only one shard's
 * index is held at a time. Returns how many skills and shards were indexed and reused.
 */
export async function buildSearchIndex(
  outDir: string,
  root: string,
  warn: (message: string) => void,
  base = '/',
): Promise<{ skills: number; shards: number; reused: number }> {
  try {
    const manifest = JSON.parse(readFileSync(catalogueManifestPath(root), 'utf8')) as {
      skills: { id: string; key: string }[];
    };
    const keys = new Map(manifest.skills.map((s) => [s.id, s.key]));
    const api = JSON.parse(readFileSync(join(outDir, 'api', 'skills.json'), 'utf8')) as {
      skills: ApiSummary[];
    };
    const entries: IndexEntry[] = [];
    for (const summary of api.skills) {
      // Index site paths without the base: Pagefind's browser API adds it back (its `baseUrl`).
      const url = stripBase(new URL(summary.url).pathname, base);
      const key = keys.get(summary.id);
      if (url === undefined || key === undefined) continue;
      entries.push({ id: summary.id, url, card: cardRecord(url, summary), key });
    }
    const count = shardCount(entries.length);
    const shards: IndexEntry[][] = Array.from({ length: count }, () => []);
    for (const entry of entries) shards[shardOf(entry.id, count)]!.push(entry);

    let reused = 0;
    // The two bundles are built side by side: Pagefind's service indexes them concurrently.
    await Promise.all(
      (['pagefind', 'pagefind-cards'] as const).map(async (bundle) => {
        const target = join(outDir, bundle);
        rmSync(target, { recursive: true, force: true });
        for (const [index, members] of shards.entries()) {
          const key = shardKey(bundle, members, index, count);
          const built = await buildShard(bundle, members, key, warn);
          if (built.reused) reused += 1;
          cpSync(built.dir, join(target, shardFolder(index)), {
            recursive: true,
            filter: (source) => !source.endsWith('/done'),
          });
        }
        mkdirSync(target, { recursive: true });
        writeFileSync(join(target, 'shards.json'), `${JSON.stringify({ count })}\n`);
      }),
    );
    return { skills: entries.length, shards: count, reused };
  } catch (cause) {
    throw new Error('Failed to build the search index.', { cause });
  } finally {
    await close();
  }
}

/** Runs the search index after `astro build`; `SKILLSHELF_SKIP_INDEX=1` leaves it to `src/cli/index.ts` (benchmarks). */
export function pagefindIntegration(): AstroIntegration {
  let base = '/';
  return {
    name: 'skillshelf-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env['SKILLSHELF_SKIP_INDEX'] === '1') return;
        const started = performance.now();
        const { skills, shards, reused } = await buildSearchIndex(
          fileURLToPath(dir),
          skillsRoot(),
          (m) => logger.warn(m),
          base,
        );
        logger.info(
          `Indexed ${skills} skills in ${shards} shard(s) per bundle (${reused} of ${shards * 2} unchanged, from the cache) in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
