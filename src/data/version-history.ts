import { createHash } from 'node:crypto';
import type { TreeFile as GitFile } from '../lib/skill/source-tree.ts';
import { historyLogArgs, openSkillsRepository, streamGitTokens, utc } from './git-log.ts';

/** A distinct state of a skill folder in the first-parent history. */
export interface FolderState {
  /** SHA-256 (hex) of the sorted `<path>\0<mode>\0<blob>\n` lines: equal folders, equal keys. */
  key: string;
  /** The folder's files, sorted by path bytes; empty once the state fell out of the kept window. */
  files: GitFile[];
  /** Each first-parent commit at which the folder became this state, oldest first. */
  seen: { commit: string; date: string }[];
}

/** The kept states of every skill folder, newest first. */
export interface VersionHistory {
  /** `<publisher>/<skill>` → its distinct states, most recently seen first, at most `keep`. */
  skills: Map<string, FolderState[]>;
  /** First-parent commits read. */
  commits: number;
  /** HEAD's committer date, UTC. */
  headDate?: string | undefined;
  /** Why there is no history (no git, shallow clone, …): every skill then has only its current state. */
  reason?: string | undefined;
}

export interface HistoryOptions {
  /** Distinct states kept per skill (the newest by when they were last seen); default 5. */
  keep?: number;
  /** Dates later than this (the build's "now", ISO) are clamped to it. */
  now?: string | undefined;
  chunkSize?: number;
}

/** What a folder state is made of, as a key independent of how git lists it. */
export function folderKey(files: readonly GitFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.mode}\0${file.blob}\n`);
  return hash.digest('hex');
}

const byPathBytes = (a: GitFile, b: GitFile): number =>
  Buffer.compare(Buffer.from(a.path, 'utf8'), Buffer.from(b.path, 'utf8'));

/**
 * Reads, with one `git log`, every distinct state of every `<publisher>/<skill>` folder under
 * `skillsDir` at the first-parent commits of HEAD: a merged pull request is one state (its merge),
 * not one per commit of the branch, and a state equal to an earlier one is that state again, seen
 * twice. Memory holds the current tree of the skills folder and each skill's kept states.
 */
export function readVersionHistory(
  repoRoot: string,
  skillsDir: string,
  options: HistoryOptions = {},
): VersionHistory {
  const keep = Math.max(1, options.keep ?? 5);
  const repo = openSkillsRepository(repoRoot, skillsDir);
  if (!repo.ok)
    return { skills: new Map(), commits: 0, headDate: repo.headDate, reason: repo.reason };
  const { top, prefix, headDate } = repo;
  const now = options.now ?? headDate;
  const base = prefix ? `${prefix}/` : '';

  // The current files of every skill folder, by path inside the folder.
  const tree = new Map<string, Map<string, { mode: string; blob: string }>>();
  const states = new Map<string, FolderState[]>();
  let commits = 0;
  let commit = '';
  let date = '';
  let touched = new Set<string>();
  // A raw record (`:100644 100755 <old> <new> M`) waiting for its path.
  let pending: { mode: string; blob: string; status: string } | undefined;

  const settle = (): void => {
    for (const id of touched) {
      const current = tree.get(id);
      if (!current?.size) continue;
      const files = [...current].map(([path, f]) => ({ path, ...f })).sort(byPathBytes);
      const key = folderKey(files);
      const list = states.get(id) ?? [];
      const seen = { commit, date };
      const index = list.findIndex((state) => state.key === key);
      if (index === 0) continue;
      if (index > 0) {
        // That state again: it moves to the front, with one more date, and its files back.
        const [again] = list.splice(index, 1);
        again!.seen.push(seen);
        again!.files = files;
        list.unshift(again!);
      } else list.unshift({ key, files, seen: [seen] });
      // States out of the window keep only their key and dates, so a return to one is still recognised.
      for (const old of list.slice(keep)) old.files = [];
      states.set(id, list);
    }
    touched = new Set();
  };

  const token = (raw: string): void => {
    // git separates a commit's header from its records with a newline.
    const text = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (pending) {
      apply(pending, text);
      pending = undefined;
      return;
    }
    if (text.startsWith('/')) {
      settle();
      commits += 1;
      const slash = text.indexOf('/', 1);
      commit = text.slice(1, slash);
      const when = utc(text.slice(slash + 1)) ?? '';
      date = now && when > now ? now : when;
      return;
    }
    if (text.startsWith(':')) {
      const [, newMode = '', , newBlob = '', status = ''] = text.slice(1).split(' ');
      pending = { mode: newMode, blob: newBlob, status };
    }
  };

  const apply = (record: { mode: string; blob: string; status: string }, path: string): void => {
    if (!path.startsWith(base)) return;
    const parts = path.slice(base.length).split('/');
    // Only files inside a folder belong to a skill; `<publisher>/<skill>.listing.json` does not.
    if (parts.length < 3) return;
    const id = `${parts[0]!}/${parts[1]!}`;
    const inside = parts.slice(2).join('/');
    let files = tree.get(id);
    if (!files) tree.set(id, (files = new Map<string, { mode: string; blob: string }>()));
    if (record.status.startsWith('D')) files.delete(inside);
    else files.set(inside, { mode: record.mode, blob: record.blob });
    touched.add(id);
  };

  const failed = streamGitTokens(
    historyLogArgs(prefix, ['--no-abbrev', '--raw']),
    top,
    token,
    options.chunkSize,
  );
  if (failed) return { skills: new Map(), commits: 0, headDate, reason: failed };
  settle();
  for (const [id, list] of states) states.set(id, list.slice(0, keep));
  return { skills: states, commits, headDate };
}
