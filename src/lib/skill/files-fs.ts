import { closeSync, constants, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './findings.ts';
import { classifyBytes } from './classify.ts';
import type { SnapshotFile } from './snapshot.ts';
import { fsSource } from './source-fs.ts';
import {
  DEFAULT_LIMITS,
  isJunk,
  MAX_DEPTH,
  MAX_ENTRIES,
  selectFiles,
  type PackageLimits,
} from './select.ts';

export { DEFAULT_LIMITS, isJunk, type PackageLimits };
export { formatBytes } from '../shared/format.ts';

/** A file that belongs to a published package, located on disk (for the importer's copies). */
export interface PackageFile extends Pick<SnapshotFile, 'path' | 'size' | 'kind' | 'executable'> {
  /** Absolute path to read the bytes from (an in-package symlink's target). */
  source: string;
}

/** Decides text or binary for a file on disk from its name and first 4 KB (never blocks on a FIFO). */
export function classifyFile(absolutePath: string, name: string): 'text' | 'binary' {
  // One byte past the 4 KB sample tells classifyBytes the file goes on.
  const head = new Uint8Array(4097);
  const fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return classifyBytes(name, head.subarray(0, read));
}

/**
 * Lists a package's publishable files on disk, sorted, by the same rules as the site build
 * (src/lib/skill/select.ts): links resolved inside the package only, junk and `exclude`d
 * sub-folders (other packages) left out. `problem` is set when the package cannot be published at all.
 */
export function listPackageFiles(
  root: string,
  limits: PackageLimits = DEFAULT_LIMITS,
  exclude: readonly string[] = [],
): {
  files: PackageFile[];
  findings: Finding[];
  problem?: { file: string; reason: string } | undefined;
} {
  const listing = fsSource(root).list({
    skipDir: isJunk,
    maxEntries: MAX_ENTRIES,
    maxDepth: MAX_DEPTH,
  });
  if (listing.truncated)
    return {
      files: [],
      findings: [],
      problem: { file: '.', reason: `The package cannot be read: ${listing.truncated}.` },
    };
  const selection = selectFiles(listing.entries, limits, exclude);
  if (!selection.ok)
    return { files: [], findings: [], problem: { file: selection.file, reason: selection.reason } };
  const files = selection.files.map((file) => {
    const source = join(root, file.readPath);
    return {
      path: file.path,
      size: file.size,
      kind: classifyFile(source, file.path),
      executable: file.executable,
      source,
    };
  });
  return { files, findings: selection.findings };
}
