import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Finding } from './findings.ts';
import { listingPath, parseListing, type Listing } from './listing.ts';

/** Largest sidecar read; anything bigger is not a listing. */
const MAX_SIDECAR_BYTES = 64 * 1024;

/** The text of a package's sidecar, or `undefined` when there is none (or it is not a small regular file). */
export function readSidecarText(packageDir: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(
      listingPath(packageDir),
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    );
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SIDECAR_BYTES) return undefined;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Reads a package's sidecar from disk; a missing sidecar is fine, a broken one is reported and ignored. */
export function readListing(packageDir: string): { listing: Listing; findings: Finding[] } {
  return parseListing(readSidecarText(packageDir), `../${basename(listingPath(packageDir))}`);
}
