import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterCatalogue } from './after-catalogue.ts';
import type { ZipLayout } from '../lib/publish/zip.ts';
import { archiveFileName, claudeAiFixFileName, rawPath } from '../lib/shared/urls.ts';
import { getVersions } from '../data/skill-versions.ts';
import { isOffered } from '../lib/versions/api.ts';
import { buildDigestFiles } from '../lib/versions/digest-index.ts';
import { checkPins } from '../data/version-pins.ts';
import { blobFile, zipFile } from '../data/package-cache.ts';
import { publishFile } from '../data/publish-fs.ts';
import { VerifiedFiles } from '../data/verified-files.ts';
import type { ListedSkill } from '../data/skills.ts';
import { buildPart } from '../data/build-part.ts';
import { makesCatalogue, makesSkill, type BuildPart } from '../lib/publish/build-part.ts';

const LAYOUTS: ZipLayout[] = ['folder', 'root', 'plugin'];

/** Links a cached file into the site, checking it is still the bytes the record names. */
function publish(
  verified: VerifiedFiles,
  from: string,
  to: string,
  sha256: string,
  what: string,
): void {
  if (!verified.check(from, sha256))
    throw new Error(
      `${what} in the build cache does not match its record (expected sha256 ${sha256}). Delete node_modules/.cache/skillshelf and build again.`,
    );
  publishFile(from, to);
}

/**
 * Writes every listed skill's raw files (`raw/<path>`, active types with a `.txt` suffix) and its
 * three archives (`download/<name>.zip`) straight from the build cache, outside Astro's routes:
 * they are bytes, not pages. The skills are the ones the pages list.
 */
export function writePackageFiles(
  outDir: string,
  skills: ListedSkill[],
  part: BuildPart = { kind: 'whole' },
): { files: number; read: number } {
  let files = 0;
  const verified = new VerifiedFiles();
  const offered: { skill: string; id: string; files: { sha256: string }[] }[] = [];
  for (const skill of skills) {
    const mine = makesSkill(part, skill.id);
    if (!mine && !makesCatalogue(part)) continue;
    const versions = getVersions(skill).filter(isOffered);
    // The digest lookup is the catalogue's: it lists every skill's versions, whichever part published them.
    if (makesCatalogue(part))
      for (const version of versions)
        offered.push({
          skill: skill.id,
          id: version.id,
          files: version.files.map((f) => ({ sha256: f.sha256 })),
        });
    if (!mine) continue;
    const folder = join(outDir, 'skills', skill.publisher, skill.slug);
    for (const file of skill.files) {
      publish(
        verified,
        blobFile(file.sha256),
        join(folder, 'raw', rawPath(file.path)),
        file.sha256,
        `${skill.id}: ${file.path}`,
      );
      files += 1;
    }
    for (const layout of LAYOUTS) {
      publish(
        verified,
        zipFile(skill.cacheKey ?? '', layout),
        join(folder, 'download', archiveFileName(skill.archiveName, layout)),
        skill.archives[layout].sha256,
        `${skill.id}: the ${layout} archive`,
      );
      files += 1;
    }
    if (skill.claudeAiFix) {
      publish(
        verified,
        zipFile(skill.cacheKey ?? '', 'claude-ai'),
        join(folder, 'download', claudeAiFixFileName(skill.archiveName)),
        skill.claudeAiFix.archive.sha256,
        `${skill.id}: the archive fixed for claude.ai`,
      );
      files += 1;
    }
    // Every kept version's archives, at addresses that never change; their digests are pinned.
    checkPins(skill.id, versions);
    for (const version of versions)
      for (const layout of LAYOUTS) {
        publish(
          verified,
          join(version.archiveDir, `${layout}.zip`),
          join(folder, 'versions', version.id, archiveFileName(version.archiveName, layout)),
          version.archives[layout].sha256,
          `${skill.id}: the ${layout} archive of version ${version.id}`,
        );
        files += 1;
      }
  }
  if (makesCatalogue(part)) files += writeDigestFiles(outDir, offered);
  verified.save();
  return { files, read: verified.read };
}

/** Writes `api/digests/`: which skills and versions shipped each file digest (for "Check your copy"). */
function writeDigestFiles(
  outDir: string,
  versions: { skill: string; id: string; files: { sha256: string }[] }[],
): number {
  const { head, files } = buildDigestFiles(versions);
  const dir = join(outDir, 'api', 'digests');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.json'), JSON.stringify(head));
  for (const [name, file] of files) writeFileSync(join(dir, `${name}.json`), JSON.stringify(file));
  return files.size + 1;
}

/** Publishes raw files and archives after `astro build` (see writePackageFiles). */
export function packageFilesIntegration(): AstroIntegration {
  return afterCatalogue('skillshelf-package-files', (outDir, skills) => {
    const { files, read } = writePackageFiles(outDir, skills, buildPart());
    return `Published ${files} raw files and archives (${read} read to check their digest, the rest unchanged since checked)`;
  });
}
