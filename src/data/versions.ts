import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_LIMITS } from '../lib/skill/select.ts';
import type { SkillRecord } from '../lib/skill/package.ts';
import type { ListedVersion } from '../lib/versions/api.ts';
import { versionOf, type VersionSummary } from '../lib/versions/version.ts';
import { exportGitBlobs } from './git-blobs.ts';
import { zipFile } from './package-cache.ts';
import { openSkillsRepository, streamGitTokens } from './git-log.ts';
import { readVersionHistory, type FolderState } from './version-history.ts';
import { versionDir, versionKey, type VersionTask } from './version-task.ts';

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

/**
 * The version tasks for the pending past states of listed skills. The objects they read are
 * exported from git first, once, into the build cache.
 */
export function versionTasks(
  skillsDir: string,
  pending: HistoryRead['pending'],
  listed: ReadonlyMap<string, { publisher: string; slug: string }>,
  code: string,
  cacheRoot: string,
): VersionTask[] {
  const wanted = [...pending].filter(([, state]) => listed.has(state.id));
  const repo = openSkillsRepository(skillsDir, '.');
  if (!repo.ok || !wanted.length) return [];
  const blobDir = join(cacheRoot, 'git-blobs');
  const { sizes } = exportGitBlobs(
    repo.top,
    wanted.flatMap(([, state]) => state.files.map((f) => f.blob)),
    blobDir,
    DEFAULT_LIMITS.maxFileBytes,
  );
  return wanted.map(([folderKey, { id, files }]) => ({
    kind: 'version',
    publisher: listed.get(id)!.publisher,
    slug: listed.get(id)!.slug,
    files,
    folderKey,
    blobDir,
    sizes: files.flatMap((f) => {
      const size = sizes.get(f.blob);
      return size === undefined ? [] : [[f.blob, size] as [string, number]];
    }),
    code,
    cacheRoot,
  }));
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
 * Keeps this build's histories for the pages: one small file per distinct history (named by its
 * content, so an unchanged one is not written again) and an index of which skill has which, or why
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
    const text = JSON.stringify(history);
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
    const summary = readPastVersion(state, cacheRoot);
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
