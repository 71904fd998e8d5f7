import {
  closeSync,
  copyFileSync,
  constants,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Puts a file from the build cache into the site: a hard link where the file system allows (no
 * bytes copied: cache entries are never rewritten in place, only replaced), a copy elsewhere.
 */
export function publishFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    // Another file system, or links not allowed: a copy-on-write clone or a plain copy.
    copyFileSync(from, to, constants.COPYFILE_FICLONE);
  }
}

/** Publishes a cached folder into the site (see publishFile), leaving out the names `skip` refuses. */
export function publishTree(from: string, to: string, skip: (name: string) => boolean): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) publishTree(source, target, skip);
    else if (entry.isFile()) publishFile(source, target);
  }
}

/**
 * Writes `lines` (each ending in a newline) to `file` in chunks of about 1 MB, through a temporary
 * file renamed into place: records of a million lines are never joined into one string.
 */
export function writeLinesAtomically(file: string, lines: Iterable<string>): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
