import { createHash } from 'node:crypto';
import type { Finding } from './findings.ts';
import { classifyBytes } from './classify.ts';
import {
  DEFAULT_LIMITS,
  isJunk,
  MAX_DEPTH,
  MAX_ENTRIES,
  selectFiles,
  type PackageLimits,
} from './select.ts';
import type { FileSource } from './source.ts';

/** A file of a package with its bytes: what the page shows, the scan reads and the archives ship. */
export interface SnapshotFile {
  path: string;
  size: number;
  executable: boolean;
  kind: 'text' | 'binary';
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  bytes: Uint8Array;
}

/** Every published file of one package, read once, plus what was left out. */
export interface PackageSnapshot {
  files: SnapshotFile[];
  findings: Finding[];
  /** Newest modification time of a published file (ms), when the source knows it. */
  newestMtimeMs: number;
}

/** A snapshot, or the reason the whole package is refused. */
export type SnapshotResult =
  { ok: true; snapshot: PackageSnapshot } | { ok: false; file: string; reason: string };

/** Lists, checks and reads a package through its source: the single read every output is made from. */
export function readSnapshot(
  source: FileSource,
  limits: PackageLimits = DEFAULT_LIMITS,
): SnapshotResult {
  const listing = source.list({ skipDir: isJunk, maxEntries: MAX_ENTRIES, maxDepth: MAX_DEPTH });
  if (listing.truncated)
    return { ok: false, file: '.', reason: `The package cannot be read: ${listing.truncated}.` };
  const selection = selectFiles(listing.entries, limits);
  if (!selection.ok) return selection;
  const mtimes = new Map(listing.entries.map((e) => [e.path, e.mtimeMs]));
  const findings = [...selection.findings];
  const files: SnapshotFile[] = [];
  let newestMtimeMs = 0;
  for (const file of selection.files) {
    let bytes: Uint8Array;
    try {
      bytes = source.read(file.readPath, limits.maxFileBytes);
    } catch (error) {
      findings.push({
        rule: 'file-unreadable',
        severity: 'warning',
        file: file.path,
        message: `The file could not be read (${(error as Error).message}); it is left out.`,
      });
      continue;
    }
    newestMtimeMs = Math.max(newestMtimeMs, mtimes.get(file.readPath) ?? 0);
    files.push({
      path: file.path,
      size: bytes.length,
      executable: file.executable,
      kind: classifyBytes(file.path, bytes),
      sha256: sha256Hex(bytes),
      bytes,
    });
  }
  return { ok: true, snapshot: { files, findings, newestMtimeMs } };
}

/** SHA-256 of bytes, as lower-case hex. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
