import { sha256Hex } from '../lib/skill/snapshot.ts';
import type { SkillRecord } from '../lib/skill/package.ts';
import type { ZipLayout } from '../lib/publish/zip.ts';
import { readZip } from './package-cache.ts';

/** One archive of a skill, as built in the load phase; its digest is checked against the record. */
export function buildArchive(skill: SkillRecord, layout: ZipLayout): { bytes: Uint8Array } {
  const bytes = readZip(skill, layout);
  const sha256 = sha256Hex(bytes);
  if (sha256 !== skill.archives[layout].sha256) {
    throw new Error(
      `${skill.id}: the ${layout} archive in the build cache does not match its record (expected ${skill.archives[layout].sha256}, got ${sha256}). Delete node_modules/.cache/skillshelf and build again.`,
    );
  }
  return { bytes };
}
