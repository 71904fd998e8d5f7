/**
 * Where a package's files come from. The file system is the only source today; a git tree (for
 * version history) will be another. A source lists entries without following links and reads only
 * regular files, so no entry can make a read block (FIFOs, devices) or reach outside the package.
 */

/** One entry of a package tree, as listed: never followed, never opened. */
export interface SourceEntry {
  /** POSIX path relative to the package root; invalid UTF-8 bytes decoded as U+FFFD. */
  path: string;
  /** False when a name on the path is not valid UTF-8. */
  validName: boolean;
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** Permission bits (`0o755`, `0o644` …). */
  mode: number;
  /** Last modification time (ms since the epoch); used only for cache fingerprints. */
  mtimeMs: number;
  /** A symlink's target, as written in the link. */
  target?: string | undefined;
}

/** The listing of a package tree; `truncated` says why the walk stopped early. */
export interface SourceListing {
  entries: SourceEntry[];
  truncated?: string | undefined;
}

/** Reads a package's tree: a listing, and the bytes of a listed regular file. */
export interface FileSource {
  list(options: {
    skipDir: (name: string) => boolean;
    maxEntries: number;
    maxDepth: number;
  }): SourceListing;
  /** The bytes of a regular file at `path`; throws when it is anything else or over `maxBytes`. */
  read(path: string, maxBytes: number): Uint8Array;
}
