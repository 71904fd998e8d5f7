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

// Settings that would change git's output whatever a user's configuration says.
const GIT_CONFIG = [
  '-c',
  'core.quotePath=false',
  '-c',
  'diff.relative=false',
  '-c',
  'log.showSignature=false',
];

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
  const git = (args: string[], cwd: string): { ok: boolean; out: string; err: string } => {
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
  };

  if (!existsSync(repoRoot)) return empty(`${repoRoot} does not exist`);
  const top = git(['rev-parse', '--show-toplevel'], repoRoot);
  if (!top.ok)
    return empty(
      top.err === 'git is not installed'
        ? 'git is not installed'
        : `not a git repository (${repoRoot})`,
    );
  const shallow = git(['rev-parse', '--is-shallow-repository'], top.out);
  if (shallow.ok && shallow.out === 'true')
    return empty(
      'shallow clone: fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)',
    );
  const head = git(['log', '-1', '--format=%cI', 'HEAD'], top.out);
  if (!head.ok || !head.out) return empty('the repository has no commits yet');
  const headDate = utc(head.out);

  let prefix: string;
  try {
    prefix = relative(realpathSync(top.out), realpathSync(resolve(repoRoot, skillsDir)));
  } catch {
    return empty(`the skills folder ${skillsDir} does not exist`, headDate);
  }
  if (prefix === '..' || prefix.startsWith(`..${sep}`) || isAbsolute(prefix))
    return empty(`the skills folder ${skillsDir} is outside the repository ${top.out}`, headDate);
  prefix = prefix.split(sep).join('/');

  // Output goes to a temporary file, read back a megabyte at a time: memory stays bounded by the
  // number of skills, not by the size of the history.
  const dir = mkdtempSync(join(tmpdir(), 'skillshelf-git-'));
  const file = join(dir, 'log');
  const fd = openSync(file, 'w+');
  try {
    // --first-parent -m: a merge is one commit, listing what it adds relative to its first parent.
    // --no-renames: a moved folder counts as new where it lands. Every change is listed: the first
    // commit naming a skill's folder is when it appeared, the last is when it last changed.
    // The header starts with "/", which no path git prints can.
    const args = [
      ...GIT_CONFIG,
      '--literal-pathspecs',
      'log',
      '--first-parent',
      '-m',
      '--reverse',
      '--no-renames',
      '--format=/%H/%cI',
      '--name-only',
      '-z',
      '--',
      prefix || '.',
    ];
    const run = spawnSync('git', args, {
      cwd: top.out,
      stdio: ['ignore', fd, 'pipe'],
      maxBuffer: 1 << 20,
    });
    if (run.error || run.status !== 0)
      return empty(`git log failed: ${run.error?.message ?? String(run.stderr).trim()}`, headDate);

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

    const chunk = options.chunkSize ?? 1 << 20;
    const buffer = Buffer.alloc(chunk);
    let carry = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, chunk, position);
      if (read === 0) break;
      position += read;
      const data = carry.length
        ? Buffer.concat([carry, buffer.subarray(0, read)])
        : buffer.subarray(0, read);
      let start = 0;
      for (let nul = data.indexOf(0, start); nul !== -1; nul = data.indexOf(0, start)) {
        if (nul > start) token(data.toString('utf8', start, nul));
        start = nul + 1;
      }
      // One path longer than a chunk is carried over whole; git paths are far shorter than that.
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length) token(carry.toString('utf8'));
    return result;
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An ISO date as UTC `YYYY-MM-DDTHH:MM:SSZ`, or undefined when it is not a date. */
function utc(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : `${new Date(time).toISOString().slice(0, 19)}Z`;
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
