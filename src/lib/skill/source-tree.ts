import type { FileSource, SourceEntry, SourceListing } from './source.ts';

/** One file of a package as a version-control tree stores it (a git tree entry). */
export interface TreeFile {
  /** POSIX path relative to the package root. */
  path: string;
  /** git's mode: `100644`, `100755`, `120000` (a link), `160000` (a submodule). */
  mode: string;
  /** The object id of the file's bytes (a link's bytes are its target). */
  blob: string;
}

/** Reads stored objects by id: the bytes of a file at some version. */
export interface BlobReader {
  size(blob: string): number;
  read(blob: string): Uint8Array;
}

/**
 * A package at a past version as a FileSource: the same listing rules as a folder on disk (folders
 * before their contents, names in byte order, links listed and never followed, submodules as
 * "other"), so a past version goes through the same selection, budgets and checks as today's.
 */
export function treeSource(files: readonly TreeFile[], blobs: BlobReader): FileSource {
  const byPath = new Map(files.map((file) => [file.path, file]));
  return {
    list({ skipDir, maxEntries, maxDepth }): SourceListing {
      // Folders are implied by the paths of the files in them.
      const children = new Map<string, Set<string>>();
      for (const file of files) {
        const parts = file.path.split('/');
        for (let i = 0; i < parts.length; i += 1)
          (
            children.get(parts.slice(0, i).join('/')) ??
            setIn(children, parts.slice(0, i).join('/'))
          ).add(parts[i]!);
      }
      const entries: SourceEntry[] = [];
      let truncated: string | undefined;
      const walk = (dir: string, depth: number): void => {
        const names = [...(children.get(dir) ?? [])].sort((a, b) =>
          Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')),
        );
        for (const name of names) {
          if (truncated) return;
          if (entries.length >= maxEntries) {
            truncated = `the package has more than ${maxEntries} entries`;
            return;
          }
          const path = dir ? `${dir}/${name}` : name;
          const file = byPath.get(path);
          if (!file) {
            if (skipDir(name)) continue;
            entries.push({ path, validName: true, type: 'dir', size: 0, mode: 0o755, mtimeMs: 0 });
            if (depth >= maxDepth) truncated = `folders are nested more than ${maxDepth} deep`;
            else walk(path, depth + 1);
            continue;
          }
          entries.push(entryOf(file, blobs));
        }
      };
      walk('', 1);
      return { entries, ...(truncated ? { truncated } : {}) };
    },
    read(path: string, maxBytes: number): Uint8Array {
      const file = byPath.get(path);
      if (!file || !isRegular(file.mode)) throw new Error(`${path} is not a regular file`);
      const size = blobs.size(file.blob);
      if (size > maxBytes)
        throw new Error(`${path} is ${size} bytes, over the ${maxBytes}-byte limit`);
      return blobs.read(file.blob);
    },
  };
}

function setIn(map: Map<string, Set<string>>, key: string): Set<string> {
  const set = new Set<string>();
  map.set(key, set);
  return set;
}

const isRegular = (mode: string): boolean =>
  mode === '100644' || mode === '100755' || mode === '100664';

function entryOf(file: TreeFile, blobs: BlobReader): SourceEntry {
  const base = { path: file.path, validName: true, mtimeMs: 0 };
  if (isRegular(file.mode))
    return {
      ...base,
      type: 'file',
      size: blobs.size(file.blob),
      mode: file.mode === '100755' ? 0o755 : 0o644,
    };
  if (file.mode === '120000')
    return {
      ...base,
      type: 'symlink',
      size: 0,
      mode: 0o777,
      target: Buffer.from(blobs.read(file.blob)).toString('utf8'),
    };
  return { ...base, type: 'other', size: 0, mode: 0 };
}
