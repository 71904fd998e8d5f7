import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZipLayout } from '../lib/publish/zip.ts';
import { cacheRoot } from './package-cache.ts';

/** What a published version's archives are: their SHA-256 per layout. */
type Pins = Record<string, Partial<Record<ZipLayout, string>>>;

function pinsFile(id: string, root: string): string {
  const name = createHash('sha1').update(id).digest('hex');
  return join(root, 'pins', name.slice(0, 2), `${name}.json`);
}

/**
 * Keeps a version's archives immutable: the first build that publishes a version records each
 * archive's SHA-256; a later build that would publish other bytes for it (a changed archive
 * encoder, a cache made by other code) stops with the version and both digests, instead of
 * silently breaking every copy pinned to it. The record lives with the build cache, so keep the
 * cache between builds (README) for the check to span them.
 */
export function checkPins(
  skillId: string,
  versions: readonly { id: string; archives: Record<ZipLayout, { sha256: string }> }[],
  root = cacheRoot(),
): void {
  const file = pinsFile(skillId, root);
  const pins: Pins = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Pins) : {};
  let changed = false;
  for (const version of versions) {
    const pinned = (pins[version.id] ??= {});
    for (const [layout, { sha256 }] of Object.entries(version.archives) as [
      ZipLayout,
      { sha256: string },
    ][]) {
      const was = pinned[layout];
      if (was === undefined) {
        pinned[layout] = sha256;
        changed = true;
      } else if (was !== sha256)
        throw new Error(
          `${skillId}: version ${version.id} was published with a ${layout} archive of sha256 ${was}, and this build would publish ${sha256}. A published version's archives never change: find what changed the archive bytes (the archive code or its dependencies) and restore it. To start over on purpose, delete ${file}.`,
        );
    }
  }
  if (!changed) return;
  mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, JSON.stringify(pins));
  renameSync(temp, file);
}
