import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { isJunk } from '../lib/package-files.ts';
import { findPackageDirs, isDirectory } from '../lib/package-dirs.ts';
import { listingPath } from '../lib/listing.ts';
import { readSkillPackage, type ExcludedSkill, type SkillRecord } from '../lib/skill-package.ts';

/** What the collection stores per package folder: a listed skill's metadata, or why it was left out. */
export type SkillEntryData = ({ state: 'listed' } & SkillRecord) | ({ state: 'excluded' } & ExcludedSkill);

/**
 * A hash of the code that turns a folder into a record (src/lib): when it changes, every cached
 * record is stale, even for unchanged folders.
 */
function codeVersion(): string {
  const hash = createHash('sha1');
  const lib = join(process.cwd(), 'src', 'lib');
  if (!existsSync(lib)) return '';
  for (const name of readdirSync(lib, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(lib, name);
    if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
  }
  return hash.digest('hex');
}

/** A cheap fingerprint of a package folder (paths, sizes, mtimes, sidecar) and of the code reading it. */
function fingerprint(dir: string, code: string): string {
  const hash = createHash('sha1');
  hash.update(code);
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      if (isJunk(name)) continue;
      const path = join(current, name);
      const stat = lstatSync(path);
      hash.update(`${relative(dir, path).split(sep).join('/')}\0${stat.size}\0${stat.mtimeMs}\0${stat.mode}\n`);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(dir);
  const sidecar = listingPath(dir);
  if (existsSync(sidecar)) hash.update(`sidecar\0${statSync(sidecar).mtimeMs}`);
  return hash.digest('hex');
}

/**
 * Loads every package folder into the collection as small metadata only: bodies are rendered
 * when their pages are built, so the content store stays small at 100,000 skills.
 */
export function skillLoader(options: { root: string }): Loader {
  const loadOne = (context: LoaderContext, publisher: string, slug: string, dir: string): void => {
    const id = `${publisher}/${slug}`;
    const digest = fingerprint(dir, code);
    if (context.store.get(id)?.digest === digest) return;
    const result = readSkillPackage(dir, publisher, slug);
    const data: SkillEntryData = result.ok ? { state: 'listed', ...result.skill } : { state: 'excluded', ...result.excluded };
    // The store wants an index-signature record; our typed interfaces are plain JSON data.
    context.store.set({ id, data: data as unknown as Record<string, unknown>, digest });
  };

  let code = '';
  return {
    name: 'skillshelf-skills',
    load: async (context) => {
      code = codeVersion();
      const dirs = findPackageDirs(options.root);
      const seen = new Set<string>();
      for (const { publisher, slug, dir } of dirs) {
        seen.add(`${publisher}/${slug}`);
        loadOne(context, publisher, slug, dir);
      }
      for (const id of context.store.keys()) if (!seen.has(id)) context.store.delete(id);
      // Report left-out skills on every build, including ones whose unchanged folders came from the cache.
      let excluded = 0;
      for (const entry of context.store.values()) {
        const data = entry.data as unknown as SkillEntryData;
        if (data.state !== 'excluded') continue;
        excluded += 1;
        context.logger.warn(`content/skills/${data.id}/${data.file}${data.line ? `:${data.line}` : ''} left out: ${data.reason}`);
      }
      context.logger.info(`${seen.size} skill folders read from ${relative(process.cwd(), options.root) || '.'}: ${seen.size - excluded} listed, ${excluded} left out (details: /report/ or npm run check)`);

      // In `astro dev`, re-read just the package whose files changed.
      context.watcher?.add(options.root);
      context.watcher?.on('all', (_event, changed) => {
        const rel = relative(options.root, changed).split(sep);
        if (rel[0] === '..' || rel.length < 2) return;
        const publisher = rel[0]!;
        const slug = rel[1]!.replace(/\.listing\.json$/, '');
        const dir = join(options.root, publisher, slug);
        if (isDirectory(dir)) loadOne(context, publisher, slug, dir);
        else context.store.delete(`${publisher}/${slug}`);
      });
    },
  };
}
