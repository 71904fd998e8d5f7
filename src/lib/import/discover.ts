import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { join, sep } from 'node:path';
import { formatBytes } from '../shared/format.ts';
import { nameProblem } from '../skill/names.ts';

/** A folder holding a skill, found in a source repository. */
export interface DiscoveredSkill {
  /** Absolute path of the folder. */
  dir: string;
  /** POSIX path relative to the source root ('' for a skill at the root); invalid UTF-8 bytes shown as `\xff`. */
  path: string;
  /** `SKILL.md` or the lower-case variant found. */
  skillFile: string;
  /** Paths (relative to this skill) of nested skill folders, which are packages of their own. */
  nested: string[];
  /** Why the skill cannot be imported whatever its content (a folder on its path has an unusable name). */
  problem?: string | undefined;
}

/** Something discovery passed over, with the reason (symlinked mirrors, dependency folders). */
export interface IgnoredPath {
  path: string;
  reason: string;
}

/** Folders never searched: VCS data and installed dependencies. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv']);
/** Deepest folder searched below the repository root. */
const MAX_DEPTH = 64;

// ignoreBOM keeps a leading U+FEFF in the name instead of silently dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const byName = (a: Dirent<Buffer>, b: Dirent<Buffer>): number => Buffer.compare(a.name, b.name);

/** A file name as text for people: valid UTF-8 as is, each invalid byte as `\xNN`. */
export function displayName(name: Buffer): string {
  try {
    return utf8.decode(name);
  } catch {
    let out = '';
    for (let i = 0; i < name.length;) {
      // Decode the longest valid UTF-8 sequence at i (1 to 4 bytes), else escape one byte.
      let step = 0;
      for (let n = 1; n <= 4 && i + n <= name.length && step === 0; n += 1) {
        try {
          out += utf8.decode(name.subarray(i, i + n));
          step = n;
        } catch {
          // try a longer sequence
        }
      }
      if (step === 0) {
        out += `\\x${name[i]!.toString(16).padStart(2, '0')}`;
        step = 1;
      }
      i += step;
    }
    return out;
  }
}

/** Why a file or folder name on the way to a skill cannot be used (the package rules of src/lib/skill/names.ts), or undefined. */
export function folderNameProblem(name: Buffer): string | undefined {
  let text: string;
  try {
    text = utf8.decode(name);
  } catch {
    return 'is not valid UTF-8';
  }
  const problem = nameProblem(text);
  return problem ? `has ${problem}` : undefined;
}

/** A name in a message: shortened when very long, so a 250-character name does not swamp the summary. */
export function shortName(text: string): string {
  const chars = [...text];
  return chars.length > 80
    ? `${chars.slice(0, 40).join('')}…${chars.slice(-20).join('')} (${chars.length} characters)`
    : text;
}

const KIND: [(s: Stats) => boolean, string][] = [
  [(s) => s.isDirectory(), 'a folder'],
  [(s) => s.isFIFO(), 'a named pipe (FIFO)'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), 'a device'],
  [(s) => s.isSocket(), 'a socket'],
];
const kindOf = (stat: Stats): string =>
  KIND.find(([test]) => test(stat))?.[1] ?? 'not a regular file';

/** True when `path` is `root` or below it (both real, absolute paths). */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * Says whether `path` is a regular file that may be read, without opening it: a symbolic link is
 * resolved and must stay inside `within` (the repository's real path); pipes, devices and folders
 * are refused, because opening a FIFO blocks forever and a device never ends.
 */
export function checkRegularFile(
  path: string,
  within: string,
): { ok: true; real: string; size: number } | { ok: false; reason: string } {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch (error) {
    return {
      ok: false,
      reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  if (stat.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path, 'utf8');
    } catch {
      return { ok: false, reason: 'is a dangling symbolic link' };
    }
    if (!isInside(within, real))
      return { ok: false, reason: 'is a symbolic link pointing outside the repository' };
    let target: Stats;
    try {
      target = statSync(real);
    } catch (error) {
      return {
        ok: false,
        reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      };
    }
    if (!target.isFile())
      return {
        ok: false,
        reason: `is a symbolic link to ${kindOf(target)}, not to a regular file`,
      };
    return { ok: true, real, size: target.size };
  }
  if (!stat.isFile()) return { ok: false, reason: `is ${kindOf(stat)}, not a regular file` };
  // The real path, so callers compare it with other real paths even when the source was reached through a link.
  try {
    return { ok: true, real: realpathSync(path, 'utf8'), size: stat.size };
  } catch (error) {
    return {
      ok: false,
      reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
}

/**
 * Reads a regular file, refusing more than `maxBytes`. Opens without following a final symlink and
 * without blocking, and checks the opened file again, so a file swapped for a pipe after the
 * check cannot hang the import.
 */
export function readCapped(path: string, maxBytes: number): Buffer {
  const fd = openSync(
    path,
    constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
  );
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`it is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes)
      throw new Error(`it is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit`);
    // One byte more than the size: a file that grew past the limit since fstat is caught too.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) throw new Error(`it is over the ${formatBytes(maxBytes)} limit`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** A folder being walked: its bytes path for the file system, its text path as other code spells it, its display path. */
interface Walking {
  fs: Buffer;
  text: string;
  display: string;
  depth: number;
  /** The first unusable name on the way here, with why. */
  problem?: string | undefined;
}

const toText = (name: Buffer): string => name.toString('utf8');
// Paths are joined as bytes: a name that is not UTF-8 would not survive a round trip through a string.
const SEP = Buffer.from(sep);
const childPath = (dir: Buffer, name: Buffer): Buffer => Buffer.concat([dir, SEP, name]);

/**
 * Finds every folder holding a SKILL.md (or skill.md) under `root`, at any depth and in hidden
 * folders. Symlinked folders are not followed (mirror trees such as `.codex/skills → ../skills`
 * would import everything twice, a link out of the repository would import someone else's files,
 * and a link loop would never end); they are reported instead. Names are read as bytes, so a
 * name that is not UTF-8 is reported rather than crashing the walk.
 */
export function discoverSkills(root: string): {
  skills: DiscoveredSkill[];
  ignored: IgnoredPath[];
} {
  const found: DiscoveredSkill[] = [];
  const ignored: IgnoredPath[] = [];
  const realRoot = realpathSync(root);
  // Depth-first in name order, with an explicit stack so no repository shape can overflow the call stack.
  const stack: Walking[] = [{ fs: Buffer.from(root), text: root, display: '', depth: 0 }];
  const at = (parent: string, name: string): string => (parent ? `${parent}/${name}` : name);
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(dir.fs, { withFileTypes: true, encoding: 'buffer' }).sort(byName);
    } catch (error) {
      ignored.push({
        path: dir.display || '.',
        reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); not searched`,
      });
      continue;
    }
    const names = entries.map((e) => toText(e.name));
    const skillIndex =
      names.indexOf('SKILL.md') >= 0
        ? names.indexOf('SKILL.md')
        : names.findIndex((n) => n.toLowerCase() === 'skill.md');
    if (skillIndex >= 0)
      found.push({
        dir: dir.text,
        path: dir.display,
        skillFile: names[skillIndex]!,
        nested: [],
        problem: dir.problem,
      });
    const children: Walking[] = [];
    entries.forEach((entry, i) => {
      const name = names[i]!;
      const display = at(dir.display, displayName(entry.name));
      const fsPath = childPath(dir.fs, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(fsPath, 'utf8');
        } catch {
          return; // dangling (or a loop): the package reader reports it if it matters
        }
        let isDir = false;
        try {
          isDir = statSync(target).isDirectory();
        } catch {
          // unreadable target: not a folder we would search
        }
        if (isDir) {
          ignored.push({
            path: display,
            reason: isInside(realRoot, target)
              ? `symlinked folder (mirror of ${
                  target
                    .slice(realRoot.length + 1)
                    .split(sep)
                    .join('/') || '.'
                }); not followed, so nothing is imported twice`
              : 'symlinked folder pointing outside the repository; not followed',
          });
        }
        return;
      }
      if (!entry.isDirectory()) return;
      if (SKIP_DIRS.has(name)) {
        if (name === 'node_modules' || name === '.venv' || name === 'venv')
          ignored.push({ path: display, reason: 'dependency folder; not searched' });
        return;
      }
      if (dir.depth + 1 > MAX_DEPTH) {
        ignored.push({
          path: display,
          reason: `more than ${MAX_DEPTH} folders deep; not searched`,
        });
        return;
      }
      const bad = dir.problem ? undefined : folderNameProblem(entry.name);
      children.push({
        fs: fsPath,
        text: join(dir.text, name),
        display,
        depth: dir.depth + 1,
        problem:
          dir.problem ?? (bad ? `the folder name "${shortName(display)}" ${bad}` : undefined),
      });
    });
    // Pushed in reverse so the stack pops them in name order, as the recursive walk did.
    for (const child of children.reverse()) stack.push(child);
  }
  // A skill inside another skill is its own package: record it so the outer one leaves it out.
  for (const outer of found) {
    const prefix = outer.path === '' ? '' : `${outer.path}/`;
    outer.nested = found
      .filter(
        (inner) => inner !== outer && inner.path.startsWith(prefix) && inner.path !== outer.path,
      )
      .map((inner) => relativeText(outer.dir, inner.dir));
  }
  return { skills: found, ignored };
}

/** `inner` relative to `outer` as POSIX text, spelled as `readdirSync` (UTF-8, lossy) spells names. */
function relativeText(outer: string, inner: string): string {
  return inner
    .slice(outer.length + 1)
    .split(sep)
    .join('/');
}
