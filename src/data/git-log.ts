import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The git plumbing the build's history readers share: one checked view of the operator's
 * repository and a streamed, NUL-separated `git log`, so memory stays bounded by the catalogue,
 * never by the length of its history.
 */

// Settings that would change git's output whatever a user's configuration says.
export const GIT_CONFIG = [
  '-c',
  'core.quotePath=false',
  '-c',
  'diff.relative=false',
  '-c',
  'log.showSignature=false',
];

export interface GitRun {
  ok: boolean;
  out: string;
  err: string;
}

/** Runs one short git command (small output) in `cwd`. */
export function runGit(args: string[], cwd: string): GitRun {
  const run = spawnSync('git', [...GIT_CONFIG, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.error)
    return {
      ok: false,
      out: '',
      err:
        (run.error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'git is not installed'
          : run.error.message,
    };
  return { ok: run.status === 0, out: run.stdout.trim(), err: run.stderr.trim() };
}

/** The skills folder inside a repository with a whole history, or why there is none to read. */
export type SkillsRepository =
  | {
      ok: true;
      /** The repository's top folder. */
      top: string;
      /** The skills folder relative to `top`, POSIX separators, `''` when it is the top. */
      prefix: string;
      /** HEAD's committer date, UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
      headDate: string | undefined;
    }
  | { ok: false; reason: string; headDate?: string | undefined };

/**
 * Checks that `skillsDir` (relative to `repoRoot`) is inside a git repository with its whole
 * history: git installed, a repository, not shallow, at least one commit.
 */
export function openSkillsRepository(repoRoot: string, skillsDir: string): SkillsRepository {
  if (!existsSync(repoRoot)) return { ok: false, reason: `${repoRoot} does not exist` };
  const top = runGit(['rev-parse', '--show-toplevel'], repoRoot);
  if (!top.ok)
    return {
      ok: false,
      reason:
        top.err === 'git is not installed'
          ? 'git is not installed'
          : `not a git repository (${repoRoot})`,
    };
  const shallow = runGit(['rev-parse', '--is-shallow-repository'], top.out);
  if (shallow.ok && shallow.out === 'true')
    return {
      ok: false,
      reason:
        'shallow clone: fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)',
    };
  const head = runGit(['log', '-1', '--format=%cI', 'HEAD'], top.out);
  if (!head.ok || !head.out) return { ok: false, reason: 'the repository has no commits yet' };
  const headDate = utc(head.out);
  let prefix: string;
  try {
    prefix = relative(realpathSync(top.out), realpathSync(resolve(repoRoot, skillsDir)));
  } catch {
    return { ok: false, reason: `the skills folder ${skillsDir} does not exist`, headDate };
  }
  if (prefix === '..' || prefix.startsWith(`..${sep}`) || isAbsolute(prefix))
    return {
      ok: false,
      reason: `the skills folder ${skillsDir} is outside the repository ${top.out}`,
      headDate,
    };
  return { ok: true, top: top.out, prefix: prefix.split(sep).join('/'), headDate };
}

/**
 * Runs `git <args>` in `cwd` with `-z` output and hands each NUL-separated token to `onToken`.
 * The output goes to a temporary file read back a megabyte at a time. Returns an error message, or
 * undefined when git succeeded.
 */
export function streamGitTokens(
  args: string[],
  cwd: string,
  onToken: (token: string) => void,
  chunkSize = 1 << 20,
): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'skillshelf-git-'));
  const fd = openSync(join(dir, 'out'), 'w+');
  try {
    const run = spawnSync('git', [...GIT_CONFIG, ...args], {
      cwd,
      stdio: ['ignore', fd, 'pipe'],
      maxBuffer: 1 << 20,
    });
    if (run.error || run.status !== 0)
      return `git ${args.find((arg) => !arg.startsWith('-')) ?? ''} failed: ${run.error?.message ?? String(run.stderr).trim()}`;
    const buffer = Buffer.alloc(chunkSize);
    let carry = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkSize, position);
      if (read === 0) break;
      position += read;
      const data = carry.length
        ? Buffer.concat([carry, buffer.subarray(0, read)])
        : buffer.subarray(0, read);
      let start = 0;
      for (let nul = data.indexOf(0, start); nul !== -1; nul = data.indexOf(0, start)) {
        if (nul > start) onToken(data.toString('utf8', start, nul));
        start = nul + 1;
      }
      // One token longer than a chunk is carried over whole; git paths are far shorter than that.
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length) onToken(carry.toString('utf8'));
    return undefined;
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An ISO date as UTC `YYYY-MM-DDTHH:MM:SSZ`, or undefined when it is not a date. */
export function utc(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/**
 * The one history walk both readers share, oldest first: `--first-parent -m` (a merged pull request
 * is one commit, listing what it changed against its first parent), `--no-renames` (a moved folder is
 * new where it lands), a `/<hash>/<committer date>` header per commit (no path git prints starts with
 * "/"), NUL-separated; `detail` picks what each commit lists (`--name-only`, or `--raw` for modes and
 * object ids).
 */
export function historyLogArgs(prefix: string, detail: readonly string[]): string[] {
  return [
    '--literal-pathspecs',
    'log',
    '--first-parent',
    '-m',
    '--reverse',
    '--no-renames',
    ...detail,
    '--format=/%H/%cI',
    '-z',
    '--',
    prefix || '.',
  ];
}
