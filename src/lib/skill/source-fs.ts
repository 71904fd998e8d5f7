import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
} from 'node:fs';
import type { FileSource, SourceEntry, SourceListing } from './source.ts';

/** A package folder on disk as a FileSource (Node-only). */
export function fsSource(root: string): FileSource {
  // Paths stay Buffers from readdir to open, so names that are not valid UTF-8 still resolve.
  const absolute = new Map<string, Buffer>();
  const rootBuffer = Buffer.from(root);
  return {
    list({ skipDir, maxEntries, maxDepth }): SourceListing {
      const entries: SourceEntry[] = [];
      absolute.clear();
      let truncated: string | undefined;
      const walk = (dir: Buffer, prefix: string, prefixValid: boolean, depth: number): void => {
        let names: Buffer[];
        try {
          names = readdirSync(dir, { encoding: 'buffer' }).sort((a, b) => Buffer.compare(a, b));
        } catch (error) {
          truncated ??= `a folder could not be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
          return;
        }
        for (const name of names) {
          if (truncated) return;
          if (entries.length >= maxEntries) {
            truncated = `the package has more than ${maxEntries} entries`;
            return;
          }
          const decoded = decodeName(name);
          const path = prefix ? `${prefix}/${decoded.text}` : decoded.text;
          const validName = prefixValid && decoded.valid;
          const full = Buffer.concat([dir, Buffer.from('/'), name]);
          const stat = lstatSync(full);
          const type = stat.isFile()
            ? 'file'
            : stat.isDirectory()
              ? 'dir'
              : stat.isSymbolicLink()
                ? 'symlink'
                : 'other';
          if (type === 'dir' && skipDir(decoded.text)) continue;
          const entry: SourceEntry = {
            path,
            validName,
            type,
            size: type === 'file' ? stat.size : 0,
            mode: stat.mode & 0o777,
            mtimeMs: stat.mtimeMs,
          };
          if (type === 'symlink')
            entry.target = readlinkSync(full, { encoding: 'buffer' }).toString('utf8');
          entries.push(entry);
          absolute.set(path, full);
          if (type === 'dir') {
            if (depth >= maxDepth) truncated = `folders are nested more than ${maxDepth} deep`;
            else walk(full, path, validName, depth + 1);
          }
        }
      };
      walk(rootBuffer, '', true, 1);
      return { entries, truncated };
    },
    read(path, maxBytes) {
      const full = absolute.get(path);
      if (!full) throw new Error(`${path} is not in the package listing`);
      // O_NOFOLLOW refuses a link swapped in since the listing; O_NONBLOCK keeps a FIFO from blocking the open.
      const fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) throw new Error(`${path} is not a regular file`);
        if (stat.size > maxBytes)
          throw new Error(`${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit`);
        const bytes = new Uint8Array(stat.size);
        let offset = 0;
        while (offset < bytes.length) {
          const read = readSync(fd, bytes, offset, bytes.length - offset, offset);
          if (read === 0) break;
          offset += read;
        }
        return offset === bytes.length ? bytes : bytes.subarray(0, offset);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** True when `path` exists and is a real folder (a symbolic link to one is not). */
export function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(name: Buffer): { text: string; valid: boolean } {
  try {
    return { text: strictUtf8.decode(name), valid: true };
  } catch {
    return { text: name.toString('utf8'), valid: false };
  }
}
