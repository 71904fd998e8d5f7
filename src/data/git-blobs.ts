import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobReader } from '../lib/skill/source-tree.ts';
import { GIT_CONFIG } from './git-log.ts';

/*
 * The bytes of past versions, copied out of git once into a folder keyed by object id (the build
 * cache), so workers read them like files and a later build copies only what is new. Objects over
 * `maxBytes` are never copied: their size is known, and the package budgets leave them out.
 */

const OBJECT_ID = /^[0-9a-f]{40,64}$/;

/** Runs `git cat-file <mode>` over `ids` with the output in a temporary file, and reads it back. */
function catFile(
  top: string,
  mode: '--batch-check' | '--batch',
  ids: string[],
  read: (fd: number) => void,
): void {
  const dir = mkdtempSync(join(tmpdir(), 'skillshelf-cat-'));
  const fd = openSync(join(dir, 'out'), 'w+');
  try {
    const run = spawnSync('git', [...GIT_CONFIG, 'cat-file', mode], {
      cwd: top,
      input: ids.map((id) => `${id}\n`).join(''),
      stdio: ['pipe', fd, 'pipe'],
      maxBuffer: 1 << 20,
    });
    if (run.error || run.status !== 0)
      throw new Error(`git cat-file failed: ${run.error?.message ?? String(run.stderr).trim()}`);
    read(fd);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads the file behind `fd` a line or a counted run of bytes at a time. */
function reader(fd: number): { line: () => string | undefined; bytes: (n: number) => Buffer } {
  let position = 0;
  const chunk = Buffer.alloc(1 << 16);
  return {
    line() {
      const parts: Buffer[] = [];
      for (;;) {
        const read = readSync(fd, chunk, 0, chunk.length, position);
        if (read === 0) return parts.length ? Buffer.concat(parts).toString('utf8') : undefined;
        const newline = chunk.subarray(0, read).indexOf(10);
        if (newline !== -1) {
          parts.push(chunk.subarray(0, newline));
          position += newline + 1;
          return Buffer.concat(parts).toString('utf8');
        }
        parts.push(Buffer.from(chunk.subarray(0, read)));
        position += read;
      }
    },
    bytes(n) {
      const out = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const read = readSync(fd, out, done, n - done, position);
        if (read === 0) throw new Error('git cat-file output ended early');
        done += read;
        position += read;
      }
      position += 1; // the newline after the content
      return out;
    },
  };
}

/** What exporting objects found: each object's size, and those git did not have. */
export interface ExportedBlobs {
  sizes: Map<string, number>;
  /** Objects git did not have (a partial clone): their files are missing from that version. */
  missing: Set<string>;
}

/** Where an object's bytes are kept in `dir`. */
const storedPath = (dir: string, id: string): string => join(dir, id.slice(0, 2), id);

/**
 * Makes every object in `ids` readable from `dir`: sizes from one `git cat-file --batch-check`,
 * the bytes of those not stored yet and not over `maxBytes` from one `git cat-file --batch`.
 */
export function exportGitBlobs(
  top: string,
  ids: Iterable<string>,
  dir: string,
  maxBytes: number,
): ExportedBlobs {
  const wanted = [...new Set(ids)].filter((id) => OBJECT_ID.test(id)).sort();
  const sizes = new Map<string, number>();
  const missing = new Set<string>();
  if (wanted.length)
    catFile(top, '--batch-check', wanted, (fd) => {
      const lines = reader(fd);
      for (let line = lines.line(); line !== undefined; line = lines.line()) {
        const [id = '', type = '', size = ''] = line.split(' ');
        if (type === 'missing' || !size) missing.add(id);
        else sizes.set(id, Number(size));
      }
    });
  const copy = wanted.filter(
    (id) => sizes.has(id) && sizes.get(id)! <= maxBytes && !existsSync(storedPath(dir, id)),
  );
  if (copy.length)
    catFile(top, '--batch', copy, (fd) => {
      const lines = reader(fd);
      for (let line = lines.line(); line !== undefined; line = lines.line()) {
        const [id = '', type = '', size = ''] = line.split(' ');
        if (type === 'missing' || !size) continue;
        const bytes = lines.bytes(Number(size));
        mkdirSync(join(dir, id.slice(0, 2)), { recursive: true });
        const temp = `${storedPath(dir, id)}.tmp-${process.pid}`;
        writeFileSync(temp, bytes);
        renameSync(temp, storedPath(dir, id));
      }
    });
  return { sizes, missing };
}

/**
 * Reads exported objects from `dir` (in any thread): sizes as exported, bytes checked against
 * their object id. Objects over `maxBytes` were never copied and cannot be read.
 */
export function storedBlobReader(
  dir: string,
  sizes: ReadonlyMap<string, number>,
  maxBytes: number,
): BlobReader {
  const size = (blob: string): number => {
    const known = sizes.get(blob);
    if (known === undefined) throw new Error(`object ${blob} is not in the repository`);
    return known;
  };
  return {
    size,
    read(blob) {
      const stored = size(blob);
      if (stored > maxBytes) throw new Error(`object ${blob} is ${stored} bytes, over ${maxBytes}`);
      const path = storedPath(dir, blob);
      const bytes = readFileSync(path);
      // A stored copy is checked against its object id, never trusted.
      if (gitObjectId(bytes, blob.length === 64 ? 'sha256' : 'sha1') !== blob) {
        rmSync(path, { force: true });
        throw new Error(
          `${path} does not match its object id (a corrupt cache entry, now deleted): build again`,
        );
      }
      return bytes;
    },
  };
}

/** git's id of a blob: the hash of `blob <size>\0` and the bytes. */
export function gitObjectId(bytes: Uint8Array, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
