import { readSidecarText } from './listing-fs.ts';
import { analyseSource, type AnalysisOptions, type SkillReadResult } from './package.ts';
import { fsSource } from './source-fs.ts';
import type { PackageDir } from './dirs-fs.ts';
import { DEFAULT_LIMITS, type PackageLimits } from './select.ts';

/** Reads, checks and summarises one package folder `content/skills/<publisher>/<slug>/` (see analysePackage). */
export function readSkillPackage(
  dir: string,
  publisher: string,
  slug: string,
  limits: PackageLimits = DEFAULT_LIMITS,
  options: AnalysisOptions = {},
): SkillReadResult {
  const result = analyseSource(fsSource(dir), publisher, slug, limits, {
    sidecar: readSidecarText(dir),
    ...options,
  });
  return result.ok ? { ok: true, skill: result.skill } : result;
}

/** Reads a package folder found by findPackageDirs; a folder that cannot be read at all (a link, an unusable name) is never opened. */
export function readPackageDir({ publisher, slug, dir, problem }: PackageDir): SkillReadResult {
  if (problem)
    return {
      ok: false,
      excluded: {
        id: `${publisher}/${slug}`,
        publisher,
        slug,
        file: '.',
        reason: problem,
        findings: [],
      },
    };
  return readSkillPackage(dir, publisher, slug);
}
