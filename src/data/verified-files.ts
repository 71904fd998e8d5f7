import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256Hex } from '../lib/skill/snapshot.ts';
import { cacheRoot } from './package-cache.ts';
import { writeLinesAtomically } from './publish-fs.ts';

/**
 * Which build-cache files were last read whole and found to hold the digest their record names,
 * and the file's size, modification time and inode then: a file that still has all three is not
 * read again (as git's index trusts an unchanged stat). Cache files are never rewritten in place,
 * only replaced (a new inode), so a file that changed, was re-made or was damaged by hand is read
 * and checked again. A file changed within the last seconds is not remembered: a clock tick covers
 * several milliseconds, so a second write in the same tick could keep its time (git's "racy" case).
 * One line per file: `path sha256 size mtimeMs ino`, paths relative to the cache. Only the files
 * checked in a build are kept for the next one.
 */
const RACY_MS = 2000;

export class VerifiedFiles {
  readonly #file: string;
  readonly #root: string;
  readonly #previous = new Map<string, string>();
  readonly #next = new Map<string, string>();
  #read = 0;

  constructor(root = cacheRoot()) {
    this.#root = root;
    this.#file = join(root, 'verified.tsv');
    if (!existsSync(this.#file)) return;
    for (const line of readFileSync(this.#file, 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) this.#previous.set(line.slice(0, tab), line.slice(tab + 1));
    }
  }

  /** Files read whole by `check` so far (the rest were trusted by their stat). */
  get read(): number {
    return this.#read;
  }

  /** True when `file` holds the bytes with this SHA-256. */
  check(file: string, sha256: string): boolean {
    const key = relative(this.#root, file);
    const stat = statSync(file);
    const stamp = `${sha256}\t${stat.size}\t${stat.mtimeMs}\t${stat.ino}`;
    if (this.#previous.get(key) !== stamp) {
      this.#read += 1;
      if (sha256Hex(readFileSync(file)) !== sha256) return false;
    }
    if (Date.now() - stat.mtimeMs > RACY_MS) this.#next.set(key, stamp);
    return true;
  }

  /** Keeps what this build checked for the next one (a line at a time: over a million at 100,000 skills). */
  save(): void {
    writeLinesAtomically(
      this.#file,
      (function* (next) {
        for (const [key, stamp] of next) yield `${key}\t${stamp}\n`;
      })(this.#next),
    );
  }
}
