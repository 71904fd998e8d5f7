import { posix } from 'node:path';
import type { Finding } from './findings.ts';
import { formatBytes } from '../shared/format.ts';
import { isJunk } from '../shared/junk.ts';
import { rawPath } from '../shared/raw-types.ts';
import { findCollision, foldName, pathProblem } from './names.ts';
import type { SourceEntry } from './source.ts';

/** Size limits a package must respect; files beyond them are left out and reported. */
export interface PackageLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxPackageBytes: number;
}

/** Defaults follow the discovery RFC's client caps (1,000 files, ~50 MB unpacked). */
export const DEFAULT_LIMITS: PackageLimits = {
  maxFiles: 1000,
  maxFileBytes: 10 * 1024 * 1024,
  maxPackageBytes: 50 * 1024 * 1024,
};

/** Most entries (files, folders, links, junk aside) listed before a package is refused. */
export const MAX_ENTRIES = 10_000;
/** Deepest folder nesting listed before a package is refused. */
export const MAX_DEPTH = 16;

/** Names never published: OS litter, caches, dependency folders and VCS data. */
/** A file chosen for publication: its path, and the listed regular file whose bytes it has. */
export interface SelectedFile {
  path: string;
  /** The path of the regular file to read (differs from `path` for an in-package symlink). */
  readPath: string;
  size: number;
  executable: boolean;
}

/** The files a package publishes, what was left out, or the problem that refuses the whole package. */
export type Selection =
  | { ok: true; files: SelectedFile[]; findings: Finding[] }
  | { ok: false; file: string; reason: string };

/** Longest chain of links followed inside a package. */
const MAX_LINK_HOPS = 8;

/**
 * Chooses a package's publishable files from its listing: junk and `exclude`d sub-folders left out,
 * links resolved inside the package only (never on disk), size limits applied, and names checked —
 * a name that cannot be published refuses the whole package.
 */
export function selectFiles(
  entries: readonly SourceEntry[],
  limits: PackageLimits = DEFAULT_LIMITS,
  exclude: readonly string[] = [],
): Selection {
  const excluded = (path: string): boolean =>
    path.split('/').some(isJunk) || exclude.some((e) => path === e || path.startsWith(`${e}/`));
  const kept = entries.filter((e) => !excluded(e.path));
  for (const entry of kept) {
    if (!entry.validName)
      return {
        ok: false,
        file: entry.path,
        reason: `The name "${entry.path}" is not valid UTF-8.`,
      };
    const problem = pathProblem(entry.path);
    if (problem)
      return { ok: false, file: entry.path, reason: `The name "${entry.path}" has ${problem}.` };
  }
  const collision = findCollision(kept.map((e) => e.path));
  if (collision)
    return {
      ok: false,
      file: collision[1],
      reason: `"${collision[0]}" and "${collision[1]}" differ only by case or Unicode form: on most computers they are the same file.`,
    };
  // A file published as `<name>.txt` must not land on another file's address (`a.html` beside `a.html.txt`).
  const published = new Map<string, string>();
  for (const entry of kept) {
    if (entry.type === 'dir') continue;
    for (const address of new Set([entry.path, rawPath(entry.path)])) {
      const key = foldName(address);
      const other = published.get(key);
      if (other !== undefined && other !== entry.path)
        return {
          ok: false,
          file: entry.path,
          reason: `"${other}" and "${entry.path}" would be published at the same address (raw copies of active files get .txt).`,
        };
      published.set(key, entry.path);
    }
  }
  const byPath = new Map(kept.map((e) => [e.path, e]));
  const files: SelectedFile[] = [];
  const findings: Finding[] = [];
  const skip = (file: string, message: string, rule = 'file-skipped'): void =>
    void findings.push({ rule, severity: 'warning', file, message });
  let total = 0;
  for (const entry of kept) {
    if (entry.type === 'dir') continue;
    if (entry.type === 'other') {
      skip(entry.path, 'Not a regular file (device, socket or pipe); left out.');
      continue;
    }
    let target = entry;
    if (entry.type === 'symlink') {
      const resolved = resolveLink(entry, byPath);
      if (resolved.kind === 'escape')
        skip(
          entry.path,
          'This symbolic link points outside the package; it is left out so nothing beyond the skill is published.',
          'symlink-escape',
        );
      else if (resolved.kind === 'dangling')
        skip(
          entry.path,
          'This symbolic link points to nothing (dangling); it is left out of the package.',
          'symlink-dangling',
        );
      else if (resolved.kind === 'dir')
        skip(
          entry.path,
          'This symbolic link points to a folder inside the package; its files are already published once, so the link is left out.',
          'symlink-directory',
        );
      if (resolved.kind !== 'file') continue;
      target = resolved.entry;
    }
    if (files.length >= limits.maxFiles) {
      skip(
        entry.path,
        `The package has more than ${limits.maxFiles} files; the rest are left out.`,
        'package-too-many-files',
      );
      continue;
    }
    if (target.size > limits.maxFileBytes) {
      skip(
        entry.path,
        `The file is ${formatBytes(target.size)}, over the ${formatBytes(limits.maxFileBytes)} limit per file; it is left out.`,
        'file-too-large',
      );
      continue;
    }
    if (total + target.size > limits.maxPackageBytes) {
      skip(
        entry.path,
        `Adding this file would take the package over ${formatBytes(limits.maxPackageBytes)}; it is left out.`,
        'package-too-large',
      );
      continue;
    }
    total += target.size;
    files.push({
      path: entry.path,
      readPath: target.path,
      size: target.size,
      executable: (target.mode & 0o100) !== 0,
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, files, findings };
}

type Resolved =
  | { kind: 'file'; entry: SourceEntry }
  | { kind: 'dir' }
  | { kind: 'escape' }
  | { kind: 'dangling' };

/** Follows a link through the listing only: absolute targets and `..` past the root escape. */
function resolveLink(link: SourceEntry, byPath: ReadonlyMap<string, SourceEntry>): Resolved {
  let current = link;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop += 1) {
    const target = current.target ?? '';
    if (target.startsWith('/') || target.includes('\\')) return { kind: 'escape' };
    const path = posix.normalize(posix.join(posix.dirname(current.path), target));
    if (path === '..' || path.startsWith('../')) return { kind: 'escape' };
    if (path === '.') return { kind: 'dir' };
    const next = byPath.get(path);
    if (!next) return { kind: 'dangling' };
    if (next.type === 'file') return { kind: 'file', entry: next };
    if (next.type === 'dir') return { kind: 'dir' };
    if (next.type !== 'symlink') return { kind: 'dangling' };
    current = next;
  }
  return { kind: 'dangling' };
}

export { isJunk };
