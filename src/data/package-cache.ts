import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RenderedMarkdown } from '../lib/render/markdown.ts';
import type { RenderedFile, RenderedPackage } from '../lib/render/render-package.ts';
import type { PackageZips, SkillRecord } from '../lib/skill/package.ts';
import type { PackageSnapshot } from '../lib/skill/snapshot.ts';
import type { ZipLayout } from '../lib/publish/zip.ts';

/**
 * The build cache (Node-only): everything made from a package snapshot — rendered pages, search
 * text, archives and the file bytes themselves — so pages, downloads and the search index read what
 * the load phase read, never the content folder again. Kept under node_modules/.cache/skillshelf/:
 * deleting node_modules/.cache gives a cold build. `SKILLSHELF_CACHE_DIR` puts it (and Astro's
 * own cache, see astro.config.mjs) elsewhere, e.g. one folder per CI cache or per parallel build.
 */
export function cacheRoot(cwd = process.cwd()): string {
  const elsewhere = process.env['SKILLSHELF_CACHE_DIR'];
  return elsewhere
    ? join(resolve(cwd, elsewhere), 'skillshelf')
    : join(cwd, 'node_modules', '.cache', 'skillshelf');
}

/** The folder of one package's outputs. */
function packageDir(key: string, root = cacheRoot()): string {
  return join(root, 'packages', key.slice(0, 2), key);
}

/** The file holding the bytes with this SHA-256 (content-addressed: shared by every package and version). */
function blobPath(sha256: string, root = cacheRoot()): string {
  return join(root, 'blobs', sha256.slice(0, 2), sha256);
}

const DONE = 'done';

/** True when a package's outputs were written completely (a build killed half-way leaves no marker). */
export function hasPackageOutputs(key: string, root = cacheRoot()): boolean {
  return existsSync(join(packageDir(key, root), DONE));
}

/** Keeps the bytes of every file of a snapshot, by SHA-256 (shared by every package and version). */
export function writeBlobs(snapshot: PackageSnapshot, root = cacheRoot()): void {
  for (const file of snapshot.files) {
    const path = blobPath(file.sha256, root);
    if (existsSync(path)) continue;
    mkdirSync(join(path, '..'), { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(temp, file.bytes);
    renameSync(temp, path);
  }
}

/** Writes a package's outputs: into a temporary folder, renamed into place once complete. */
export function writePackageOutputs(
  key: string,
  skill: SkillRecord,
  snapshot: PackageSnapshot,
  rendered: RenderedPackage,
  zips: PackageZips,
  root = cacheRoot(),
): void {
  writeBlobs(snapshot, root);
  const final = packageDir(key, root);
  const temp = `${final}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(temp, 'record.json'), JSON.stringify(skill));
  writeFileSync(join(temp, 'body.json'), JSON.stringify(rendered.body));
  writeFileSync(join(temp, 'search.html'), rendered.searchText);
  skill.files.forEach((file, index) => {
    const page = rendered.files[file.path];
    if (page) writeFileSync(join(temp, `file-${index}.json`), JSON.stringify(page));
  });
  for (const [layout, zip] of Object.entries(zips))
    if (zip) writeFileSync(join(temp, `${layout}.zip`), zip.bytes);
  writeFileSync(join(temp, DONE), '');
  rmSync(final, { recursive: true, force: true });
  renameSync(temp, final);
}

/**
 * The record of a listed skill, kept here rather than in Astro's content store: the store is written
 * as one string, which a catalogue of 100,000 records would not fit.
 */
export function readRecord(key: string, root = cacheRoot()): SkillRecord {
  try {
    return JSON.parse(
      readFileSync(join(packageDir(key, root), 'record.json'), 'utf8'),
    ) as SkillRecord;
  } catch (cause) {
    throw new Error(
      `The build cache has no record for package ${key}: it was deleted or changed during the build. Build again.`,
      { cause },
    );
  }
}

/** The rendered SKILL.md body of a listed skill. */
export function readBody(skill: SkillRecord, root = cacheRoot()): RenderedMarkdown {
  return JSON.parse(
    readFileSync(join(packageDir(cacheKeyOf(skill), root), 'body.json'), 'utf8'),
  ) as RenderedMarkdown;
}

/** The rendered page of one package file, when it has one (text files, SVG pictures). */
export function readRenderedFile(
  skill: SkillRecord,
  path: string,
  root = cacheRoot(),
): RenderedFile | undefined {
  const index = skill.files.findIndex((f) => f.path === path);
  const file = join(packageDir(cacheKeyOf(skill), root), `file-${index}.json`);
  return index >= 0 && existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as RenderedFile)
    : undefined;
}

/** The bytes of one archive layout of a skill. */
export function readZip(skill: SkillRecord, layout: ZipLayout, root = cacheRoot()): Uint8Array {
  return readFileSync(join(packageDir(cacheKeyOf(skill), root), `${layout}.zip`));
}

/** The cached file holding the bytes with this SHA-256. */
export function blobFile(sha256: string, root = cacheRoot()): string {
  return blobPath(sha256, root);
}

/** The cached file of one archive layout of a package (`claude-ai`: the archive fixed for claude.ai). */
export function zipFile(key: string, layout: ZipLayout | 'claude-ai', root = cacheRoot()): string {
  return join(packageDir(key, root), `${layout}.zip`);
}

/** A package's search document body (src/lib/render/render-package.ts `searchText`). */
export function readSearchText(key: string, root = cacheRoot()): string {
  const file = join(packageDir(key, root), 'search.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function cacheKeyOf(skill: SkillRecord): string {
  if (!skill.cacheKey)
    throw new Error(`${skill.id} has no build-cache key: it was not loaded by the skill loader`);
  return skill.cacheKey;
}
