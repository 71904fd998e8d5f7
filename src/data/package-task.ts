import { readSidecarText } from '../lib/skill/listing-fs.ts';
import { renderPackage, type RenderOptions } from '../lib/render/render-package.ts';
import { analyseSource, type ExcludedSkill, type SkillRecord } from '../lib/skill/package.ts';
import { fsSource } from '../lib/skill/source-fs.ts';
import { createHash } from 'node:crypto';
import { DEFAULT_LIMITS, isJunk, MAX_DEPTH, MAX_ENTRIES } from '../lib/skill/select.ts';
import { hasPackageOutputs, readRecord, writePackageOutputs } from './package-cache.ts';

/** One package to read, analyse, render and archive. */
export interface PackageTask {
  dir: string;
  publisher: string;
  slug: string;
  /** Hash of the code and dependencies that make the outputs (part of the key). */
  code: string;
  /** Options that change the outputs (part of the key). */
  extra: string;
  /** The record the collection already holds: its key, and whether it is listed (then its outputs must exist too). */
  known?: { key: string; listed: boolean } | undefined;
  cacheRoot: string;
  /** ISO date of the build, for the trust report. */
  date?: string | undefined;
  render: RenderOptions;
}

/** What a package task answers: a listed skill's record, or why it was left out. */
export type SkillEntryData =
  ({ state: 'listed' } & SkillRecord) | ({ state: 'excluded' } & ExcludedSkill);

/**
 * What the collection stores per package folder: for a listed skill only its build-cache key (its
 * record is in the cache, src/data/package-cache.ts readRecord), or why it was left out.
 */
export type StoredEntry =
  | { state: 'listed'; id: string; publisher: string; slug: string; cacheKey: string }
  | ({ state: 'excluded' } & ExcludedSkill);

/** The small entry the collection keeps for a task's answer. */
export function storedEntry(data: SkillEntryData, key: string): StoredEntry {
  return data.state === 'listed'
    ? { state: 'listed', id: data.id, publisher: data.publisher, slug: data.slug, cacheKey: key }
    : data;
}

/**
 * The cache key of a package folder: the content of every file (not its dates), the listing
 * (paths, types, sizes, modes, link targets), the sidecar, the code and the render options. A file
 * touched but unchanged keeps its key; a byte changed anywhere makes a new one.
 */
export function fingerprint(dir: string, code: string, extra: string): string {
  const hash = createHash('sha256')
    .update(code)
    .update('\0')
    .update(dir)
    .update('\0')
    .update(extra);
  const source = fsSource(dir);
  const listing = source.list({ skipDir: isJunk, maxEntries: MAX_ENTRIES, maxDepth: MAX_DEPTH });
  let budget = DEFAULT_LIMITS.maxPackageBytes;
  for (const e of listing.entries) {
    let content = '';
    // Files past the limits are left out of the package whatever their bytes: their size keys them.
    if (e.type === 'file' && e.size <= DEFAULT_LIMITS.maxFileBytes && e.size <= budget) {
      budget -= e.size;
      try {
        content = createHash('sha256')
          .update(source.read(e.path, DEFAULT_LIMITS.maxFileBytes))
          .digest('hex');
      } catch (error) {
        content = `unreadable: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    hash.update(
      `${e.path}\0${e.validName}\0${e.type}\0${e.size}\0${e.mode}\0${e.target ?? ''}\0${content}\n`,
    );
  }
  hash.update(listing.truncated ?? '');
  hash.update(`sidecar\0${readSidecarText(dir) ?? ''}`);
  return hash.digest('hex');
}

/** A task's answer: the package's key, and its record unless the collection's record is still current. */
export interface PackageResult {
  key: string;
  data?: SkillEntryData | undefined;
}

/**
 * The whole pipeline for one package — read → parse → render → scan → archive — writing its outputs
 * to the build cache and returning the small record the content store keeps. Runs in a worker thread.
 */
export async function runPackageTask(task: PackageTask): Promise<PackageResult> {
  const key = fingerprint(task.dir, task.code, task.extra);
  const { known } = task;
  if (key === known?.key && (!known.listed || hasPackageOutputs(key, task.cacheRoot)))
    return { key };
  // Not in the content store (a fresh checkout, or another part's build filled the cache): a
  // complete cache entry for this key is the package's record — the key holds every input.
  if (!known && hasPackageOutputs(key, task.cacheRoot)) {
    const record = cachedRecord(key, task.cacheRoot);
    if (record?.publisher === task.publisher && record.slug === task.slug)
      return { key, data: { state: 'listed', ...record } };
  }
  return { key, data: await buildPackage(task, key) };
}

/** The cached record of a package, or undefined when it cannot be read (then it is made again). */
function cachedRecord(key: string, root: string): SkillRecord | undefined {
  try {
    const record = readRecord(key, root);
    return record.cacheKey === key ? record : undefined;
  } catch {
    return undefined;
  }
}

async function buildPackage(task: PackageTask, key: string): Promise<SkillEntryData> {
  const analysis = analyseSource(fsSource(task.dir), task.publisher, task.slug, undefined, {
    sidecar: readSidecarText(task.dir),
    date: task.date,
  });
  if (!analysis.ok) return { state: 'excluded', ...analysis.excluded };
  const skill: SkillRecord = { ...analysis.skill, cacheKey: key };
  const rendered = await renderPackage(skill, analysis.snapshot, task.render);
  writePackageOutputs(key, skill, analysis.snapshot, rendered, analysis.zips, task.cacheRoot);
  return { state: 'listed', ...skill };
}
