import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZipLayout } from '../lib/publish/zip.ts';
import { analyseSource } from '../lib/skill/package.ts';
import { DEFAULT_LIMITS } from '../lib/skill/select.ts';
import { treeSource, type TreeFile } from '../lib/skill/source-tree.ts';
import { versionOf, withheldVersion, type VersionSummary } from '../lib/versions/version.ts';
import { storedBlobReader } from './git-blobs.ts';
import { writeBlobs } from './package-cache.ts';
import { errorText } from './worker-pool.ts';

/** One past state of a skill folder to analyse and archive (in a worker thread). */
export interface VersionTask {
  kind: 'version';
  publisher: string;
  slug: string;
  /** The folder's files as git stores them, and the key of that state (src/data/version-history.ts). */
  files: TreeFile[];
  folderKey: string;
  /** Where the objects were exported (src/data/git-blobs.ts), and their sizes. */
  blobDir: string;
  sizes: [string, number][];
  /** Hash of the code and dependencies that make the outputs (part of the key). */
  code: string;
  cacheRoot: string;
}

export interface VersionResult {
  key: string;
  version: VersionSummary;
}

/** All the pending past states of one skill, read in turn by one worker (src/data/versions.ts). */
export interface VersionsTask {
  kind: 'versions';
  states: VersionTask[];
}

/** What a VersionsTask did: each state's result, or why it could not be read. */
export type VersionsResult = (
  { folderKey: string; result: VersionResult } | { folderKey: string; error: string }
)[];

/** The folder of one past version's outputs in the build cache. */
export function versionDir(key: string, root: string): string {
  return join(root, 'versions', key.slice(0, 2), key);
}

/** The cache key of a past version: its folder's state and the code that reads it. */
export function versionKey(folderKey: string, code: string): string {
  return createHash('sha256').update(code).update('\0').update(folderKey).digest('hex');
}

const DONE = 'done';
const LAYOUTS: ZipLayout[] = ['folder', 'root', 'plugin'];

/**
 * Reads a past state through the package model — the same selection, budgets, checks and archives
 * as today's folder — and keeps its summary and archives in the cache. A state that breaks the rules
 * is a withheld version, with the reason. Pages are not rendered: only what a version page diffs.
 */
export function runVersionTask(task: VersionTask): VersionResult {
  const key = versionKey(task.folderKey, task.code);
  const dir = versionDir(key, task.cacheRoot);
  if (existsSync(join(dir, DONE)))
    try {
      return {
        key,
        version: JSON.parse(readFileSync(join(dir, 'version.json'), 'utf8')) as VersionSummary,
      };
    } catch {
      // An unreadable entry is made again below.
    }
  const blobs = storedBlobReader(task.blobDir, new Map(task.sizes), DEFAULT_LIMITS.maxFileBytes);
  // Past versions are shown as published: the claude.ai fix is offered for the latest only.
  const analysis = analyseSource(
    treeSource(task.files, blobs),
    task.publisher,
    task.slug,
    undefined,
    {
      fix: false,
    },
  );
  const version = analysis.ok
    ? versionOf(analysis.skill)
    : withheldVersion(task.folderKey, analysis.excluded.reason);
  // The files' bytes, by SHA-256, for the version pages' diffs.
  if (analysis.ok) writeBlobs(analysis.snapshot, task.cacheRoot);
  const temp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(temp, { recursive: true });
  writeFileSync(join(temp, 'version.json'), JSON.stringify(version));
  if (analysis.ok)
    for (const layout of LAYOUTS)
      writeFileSync(join(temp, `${layout}.zip`), analysis.zips[layout].bytes);
  writeFileSync(join(temp, DONE), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(temp, dir);
  return { key, version };
}

/** Reads one skill's past states in turn; a state that fails is reported and the others still read. */
export function runVersionsTask(task: VersionsTask): VersionsResult {
  return task.states.map((state) => {
    try {
      return { folderKey: state.folderKey, result: runVersionTask(state) };
    } catch (error) {
      return {
        folderKey: state.folderKey,
        error: errorText(error),
      };
    }
  });
}
