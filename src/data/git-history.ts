import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  GIT_CONFIG,
  historyLogArgs,
  openSkillsRepository,
  streamGitTokens,
  utc,
} from './git-log.ts';

/** When each skill and publisher first appeared in the operator's first-parent history. */
export interface FirstSeen {
  /** `<publisher>/<skill>` → index of the first first-parent commit adding a file under it (0 = oldest). */
  firstSeen: Map<string, number>;
  /** `<publisher>/<skill>` → that commit's committer date, UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  firstSeenDate: Map<string, string>;
  /** `<publisher>/<skill>` → committer date of the last first-parent commit that changed a file under it. */
  lastChangedDate: Map<string, string>;
  /** `<publisher>` → index of the first commit adding any file under `<publisher>/` (publisher.json included). */
  publisherFirstSeen: Map<string, number>;
  /** HEAD's committer date, UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  headDate?: string;
  /** Why there is no history (no git, not a repository, shallow clone, …); the maps are then empty. */
  reason?: string;
}

/**
 * Reads, with one `git log`, when every `<publisher>/<skill>` under `skillsDir` first appeared in
 * the first-parent history of `repoRoot` (a merged branch counts once, at its merge commit).
 */
export function readFirstSeen(
  repoRoot: string,
  skillsDir: string,
  options: { chunkSize?: number } = {},
): FirstSeen {
  const empty = (reason: string, headDate?: string): FirstSeen => ({
    firstSeen: new Map(),
    firstSeenDate: new Map(),
    lastChangedDate: new Map(),
    publisherFirstSeen: new Map(),
    ...(headDate ? { headDate } : {}),
    reason,
  });
  const repo = openSkillsRepository(repoRoot, skillsDir);
  if (!repo.ok) return empty(repo.reason, repo.headDate);
  const { top, prefix, headDate } = repo;

  // Every change is listed: the first commit naming a skill's folder is when it appeared, the last
  // is when it last changed.
  const args = historyLogArgs(prefix, ['--name-only']);
  const result: FirstSeen = {
    firstSeen: new Map(),
    firstSeenDate: new Map(),
    lastChangedDate: new Map(),
    publisherFirstSeen: new Map(),
    ...(headDate ? { headDate } : {}),
  };
  const base = prefix ? `${prefix}/` : '';
  // Indexes count only commits where something first appeared, so edits in between do not shift them.
  let index = -1;
  let seenInCommit = false;
  let commits = 0;
  let date = '';
  let afterHeader = false;
  const token = (text: string): void => {
    // git separates a commit's header from its file list with a newline, once.
    if (afterHeader && text.startsWith('\n')) text = text.slice(1);
    afterHeader = false;
    if (text.startsWith('/')) {
      commits += 1;
      seenInCommit = false;
      date = utc(text.slice(text.indexOf('/', 1) + 1)) ?? '';
      afterHeader = true;
      return;
    }
    if (commits === 0 || !text.startsWith(base)) return;
    const firstHere = (): number => {
      if (!seenInCommit) {
        index += 1;
        seenInCommit = true;
      }
      return index;
    };
    const parts = text.slice(base.length).split('/');
    if (parts.length < 2) return;
    const publisher = parts[0]!;
    if (!result.publisherFirstSeen.has(publisher))
      result.publisherFirstSeen.set(publisher, firstHere());
    // Only files inside a folder make a skill; `<publisher>/<skill>.listing.json` does not.
    if (parts.length < 3) return;
    const id = `${publisher}/${parts[1]!}`;
    if (date) result.lastChangedDate.set(id, date);
    if (result.firstSeen.has(id)) return;
    result.firstSeen.set(id, firstHere());
    if (date) result.firstSeenDate.set(id, date);
  };

  const failed = streamGitTokens(args, top, token, options.chunkSize);
  if (failed) return empty(failed, headDate);
  return result;
}

/** The HEAD commit's date (ISO, UTC) of the repository holding `repoRoot`, if it is one. */
export function readHeadDate(repoRoot: string): string | undefined {
  if (!existsSync(repoRoot)) return undefined;
  const run = spawnSync('git', [...GIT_CONFIG, 'log', '-1', '--format=%cI', 'HEAD'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return run.status === 0 && run.stdout.trim() ? utc(run.stdout.trim()) : undefined;
}
