import { readSidecarText } from '../lib/skill/listing-fs.ts';
import { renderPackage, type RenderOptions } from '../lib/render/render-package.ts';
import { analyseSource, type ExcludedSkill, type SkillRecord } from '../lib/skill/package.ts';
import { fsSource } from '../lib/skill/source-fs.ts';
import { writePackageOutputs } from './package-cache.ts';

/** One package to read, analyse, render and archive. */
export interface PackageTask {
  dir: string;
  publisher: string;
  slug: string;
  /** Build-cache key the outputs are written under. */
  key: string;
  cacheRoot: string;
  /** ISO date of the build, for the trust report. */
  date?: string | undefined;
  render: RenderOptions;
}

/** What the collection stores per package folder: a listed skill's metadata, or why it was left out. */
export type SkillEntryData =
  ({ state: 'listed' } & SkillRecord) | ({ state: 'excluded' } & ExcludedSkill);

/**
 * The whole pipeline for one package — read → parse → render → scan → archive — writing its outputs
 * to the build cache and returning the small record the content store keeps. Runs in a worker thread.
 */
export async function runPackageTask(task: PackageTask): Promise<SkillEntryData> {
  const analysis = analyseSource(fsSource(task.dir), task.publisher, task.slug, undefined, {
    sidecar: readSidecarText(task.dir),
    date: task.date,
  });
  if (!analysis.ok) return { state: 'excluded', ...analysis.excluded };
  const skill: SkillRecord = { ...analysis.skill, cacheKey: task.key };
  const rendered = await renderPackage(skill, analysis.snapshot, task.render);
  writePackageOutputs(task.key, skill, analysis.snapshot, rendered, analysis.zips, task.cacheRoot);
  return { state: 'listed', ...skill };
}
