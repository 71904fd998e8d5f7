import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_LIMITS } from '../lib/skill/select.ts';
import type { SkillRecord } from '../lib/skill/package.ts';
import type { ListedVersion } from '../lib/versions/api.ts';
import { versionOf, type VersionSummary } from '../lib/versions/version.ts';
import { exportGitBlobs } from './git-blobs.ts';
import { zipFile } from './package-cache.ts';
import { openSkillsRepository, streamGitTokens } from './git-log.ts';
import { readVersionHistory, type FolderState } from './version-history.ts';
import { versionDir, versionKey, type VersionsTask, type VersionTask } from './version-task.ts';

/**
 * A skill's versions (Node-only): its kept past states from git, analysed through the package model
 * in the worker pool (src/data/version-task.ts) and kept in the build cache, then assembled with
 * today's folder into one list, newest first. Nothing of this goes into Astro's content store.
 */

/** A past state of a skill folder, as the loader found it, and where its analysis is kept. */
export interface PastState {
  folderKey: string;
  /** Cache key of its analysis (versions/<key>/ in the build cache). */
  key: string;
  seen: FolderState['seen'];
  /** Its analysis, copied from the cache into the history file once, so pages read one file per skill. */
  summary?: VersionSummary | undefined;
}

/** What the loader keeps per skill: its past states and whether today's folder is the newest of them. */
export interface SkillHistory {
  /** Newest first. */
  states: PastState[];
  /** True when today's folder has changes git has not committed (then it is a version of its own). */
  dirty: boolean;
}

/** One version of a skill as pages and the API show it, and the cache folder holding its archives. */
export type SkillVersion = ListedVersion & { archiveDir: string };

/** What reading the history found: each skill's kept states, and the past states still to analyse. */
export interface HistoryRead {
  histories: Map<string, SkillHistory>;
  /** Past states not in the cache yet: their files, by folder key, and whose they are. */
  pending: Map<string, { id: string; files: FolderState['files'] }>;
  /** Why there are no versions (no git, a shallow clone, …), shown on the report page and in the log. */
  reason?: string | undefined;
  commits: number;
}

/**
 * Reads every skill folder's kept states with one `git log`, and which folders have uncommitted
 * changes with one `git status`. Past states whose analysis is not in the cache yet are returned
 * with their files; the newest state of a clean folder never is (today's record is its analysis).
 */
export function readSkillHistories(
  skillsDir: string,
  options: { keep: number; now?: string | undefined },
  code: string,
  cacheRoot: string,
): HistoryRead {
  const history = readVersionHistory(skillsDir, '.', { keep: options.keep, now: options.now });
  const histories = new Map<string, SkillHistory>();
  const pending = new Map<string, { id: string; files: FolderState['files'] }>();
  if (history.reason) return { histories, pending, reason: history.reason, commits: 0 };
  const dirty = dirtySkills(skillsDir);
  for (const [id, states] of history.skills) {
    const skill: SkillHistory = { dirty: dirty.has(id), states: [] };
    states.forEach((state, index) => {
      const key = versionKey(state.key, code);
      skill.states.push({ folderKey: state.key, key, seen: state.seen });
      const isToday = index === 0 && !skill.dirty;
      if (!isToday && state.files.length && !existsSync(join(versionDir(key, cacheRoot), 'done')))
        pending.set(state.key, { id, files: state.files });
    });
    histories.set(id, skill);
  }
  return { histories, pending, commits: history.commits };
}

/** `<publisher>/<skill>` of every folder with uncommitted changes (modified, added, deleted, untracked). */
function dirtySkills(skillsDir: string): Set<string> {
  const repo = openSkillsRepository(skillsDir, '.');
  const dirty = new Set<string>();
  if (!repo.ok) return dirty;
  const base = repo.prefix ? `${repo.prefix}/` : '';
  streamGitTokens(
    [
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--no-renames',
      '--',
      repo.prefix || '.',
    ],
    repo.top,
    (entry) => {
      // `XY path`: two status letters and a space, then the path relative to the top.
      const path = entry.slice(3);
      if (!path.startsWith(base)) return;
      const parts = path.slice(base.length).split('/');
      if (parts.length >= 3) dirty.add(`${parts[0]!}/${parts[1]!}`);
    },
  );
  return dirty;
}

/** What reading the history found, with the past states' objects already exported from git. */
export interface PreparedHistory extends HistoryRead {
  /** Where the objects were exported (src/data/git-blobs.ts), and each exported object's size. */
  blobDir: string;
  sizes: Map<string, number>;
}

/**
 * Reads the history (readSkillHistories) and exports the objects of every pending past state from
 * git into the build cache, once. It needs no package's result, so the build runs it in a thread of
 * its own (src/data/history-worker.ts) while the packages are read: its `git` processes no longer
 * hold up the pool.
 */
export function prepareHistory(
  skillsDir: string,
  options: { keep: number; now?: string | undefined },
  code: string,
  cacheRoot: string,
): PreparedHistory {
  const read = readSkillHistories(skillsDir, options, code, cacheRoot);
  const blobDir = join(cacheRoot, 'git-blobs');
  const repo = read.pending.size ? openSkillsRepository(skillsDir, '.') : undefined;
  if (!repo?.ok) return { ...read, blobDir, sizes: new Map() };
  const { sizes } = exportGitBlobs(
    repo.top,
    [...read.pending.values()].flatMap((state) => state.files.map((f) => f.blob)),
    blobDir,
    DEFAULT_LIMITS.maxFileBytes,
  );
  return { ...read, blobDir, sizes };
}

/** prepareHistory in a worker thread of its own; the build goes on reading packages meanwhile. */
export function prepareHistoryInThread(data: {
  root: string;
  keep: number;
  now: string;
  code: string;
  cacheRoot: string;
}): Promise<PreparedHistory> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./history-worker.ts', import.meta.url), {
      workerData: data,
    });
    worker.once('message', (message: { prepared?: PreparedHistory; error?: string }) => {
      void worker.terminate();
      if (message.prepared) resolve(message.prepared);
      else reject(new Error(`reading the version history failed: ${message.error ?? ''}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the thread reading the version history stopped (exit code ${code})`)),
    );
  });
}

/**
 * The version tasks for the pending past states of listed skills: one task per skill, holding all
 * its states, so one worker reads them in turn and a text they share (a SKILL.md two versions kept,
 * a reference no version changed) is counted once, from the worker's memory.
 */
export function versionTasks(
  prepared: Pick<PreparedHistory, 'pending' | 'blobDir' | 'sizes'>,
  listed: ReadonlyMap<string, { publisher: string; slug: string }>,
  code: string,
  cacheRoot: string,
): VersionsTask[] {
  const bySkill = new Map<string, VersionTask[]>();
  for (const [folderKey, { id, files }] of prepared.pending) {
    const skill = listed.get(id);
    if (!skill) continue;
    const tasks = bySkill.get(id) ?? [];
    tasks.push({
      kind: 'version',
      publisher: skill.publisher,
      slug: skill.slug,
      files,
      folderKey,
      blobDir: prepared.blobDir,
      sizes: files.flatMap((f) => {
        const size = prepared.sizes.get(f.blob);
        return size === undefined ? [] : [[f.blob, size] as [string, number]];
      }),
      code,
      cacheRoot,
    });
    bySkill.set(id, tasks);
  }
  return [...bySkill.values()].map((states) => ({ kind: 'versions', states }));
}

/** What the pages read of this build's history: why there is none, or each skill's history file. */
export interface HistoryIndex {
  reason?: string | undefined;
  /** `<publisher>/<skill>` → the name of its history file (content-addressed). */
  skills: Record<string, string>;
}

function historyIndexFile(root: string, cacheRoot: string): string {
  return join(
    cacheRoot,
    `histories-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.json`,
  );
}

function historyFile(name: string, cacheRoot: string): string {
  return join(cacheRoot, 'histories', name.slice(0, 2), `${name}.json`);
}

/**
 * Keeps this build's histories for the pages, once the past versions are analysed: one small file
 * per distinct history, with each past version's analysis (named by its content, so an unchanged one
 * is not written again) and an index of which skill has which, or why
 * there is no history at all. A history from an earlier build is never read by mistake.
 */
export function writeHistories(
  root: string,
  read: Pick<HistoryRead, 'histories' | 'reason'>,
  listed: ReadonlySet<string>,
  cacheRoot: string,
): void {
  const index: HistoryIndex = { ...(read.reason ? { reason: read.reason } : {}), skills: {} };
  for (const [id, history] of read.histories) {
    if (!listed.has(id)) continue;
    const states = history.states.map((state, index) =>
      // Today's clean folder is the current record, not a past version.
      index === 0 && !history.dirty
        ? state
        : { ...state, summary: readPastVersion(state, cacheRoot) },
    );
    const text = JSON.stringify({ ...history, states });
    const name = createHash('sha256').update(text).digest('hex').slice(0, 32);
    const file = historyFile(name, cacheRoot);
    if (!existsSync(file)) {
      mkdirSync(join(file, '..'), { recursive: true });
      const temp = `${file}.tmp-${process.pid}`;
      writeFileSync(temp, text);
      renameSync(temp, file);
    }
    index.skills[id] = name;
  }
  mkdirSync(cacheRoot, { recursive: true });
  writeFileSync(historyIndexFile(root, cacheRoot), JSON.stringify(index));
}

/** This build's history index (written by the loader); an empty one when there is none. */
export function readHistoryIndex(root: string, cacheRoot: string): HistoryIndex {
  const file = historyIndexFile(root, cacheRoot);
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as HistoryIndex)
    : { reason: 'the build kept no history', skills: {} };
}

/** A skill's history by the name the index gives it. */
export function readSkillHistory(
  name: string | undefined,
  cacheRoot: string,
): SkillHistory | undefined {
  if (!name) return undefined;
  const file = historyFile(name, cacheRoot);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SkillHistory) : undefined;
}

/** The analysis of a past state, from the cache. */
function readPastVersion(state: PastState, cacheRoot: string): VersionSummary | undefined {
  const file = join(versionDir(state.key, cacheRoot), 'version.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VersionSummary) : undefined;
}

/**
 * Every kept version of a skill, newest first: today's folder (dated by its newest commit, or not
 * committed yet) and its past states. States with the same version id (the same shipped files, e.g.
 * only a junk file changed) are one version, with every date.
 */
export function assembleVersions(
  skill: SkillRecord,
  history: SkillHistory | undefined,
  cacheRoot: string,
  keep: number,
): SkillVersion[] {
  const current: SkillVersion = {
    ...versionOf(skill),
    seen: [],
    current: true,
    archiveDir: dirname(zipFile(skill.cacheKey ?? '', 'folder', cacheRoot)),
  };
  const versions: SkillVersion[] = [current];
  const states = history?.states ?? [];
  states.forEach((state, index) => {
    if (index === 0 && !history?.dirty) {
      current.seen.push(...state.seen);
      return;
    }
    const summary = state.summary ?? readPastVersion(state, cacheRoot);
    if (!summary) return;
    const same = versions.find((v) => v.id === summary.id);
    if (same) same.seen.push(...state.seen);
    else
      versions.push({
        ...summary,
        seen: [...state.seen],
        current: false,
        archiveDir: versionDir(state.key, cacheRoot),
      });
  });
  for (const version of versions) version.seen.sort((a, b) => (a.date < b.date ? -1 : 1));
  return versions.slice(0, keep);
}
