import { join } from 'node:path';
import { listPackageFiles } from '../lib/package-files.ts';
import { skillsRoot } from '../lib/site-config.ts';
import { pluginManifest, type SkillRecord } from '../lib/skill-package.ts';
import { buildSkillZip, type BuiltZip, type ZipLayout } from '../lib/zip.ts';

/** Rebuilds one archive of a skill from disk (bytes are never kept in the content store). */
export function buildArchive(skill: SkillRecord, layout: ZipLayout): BuiltZip {
  const { files } = listPackageFiles(join(skillsRoot(), skill.publisher, skill.slug));
  const zip = buildSkillZip(files, layout, skill.archiveName, pluginManifest(skill.archiveName, skill.description, skill.version, skill.license));
  if (zip.sha256 !== skill.archives[layout].sha256) {
    throw new Error(`${skill.id}: the ${layout} archive changed while building (expected ${skill.archives[layout].sha256}, got ${zip.sha256}). Run the build again with --force to refresh the content cache.`);
  }
  return zip;
}
