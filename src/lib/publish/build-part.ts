import { createHash } from 'node:crypto';
import { shardOf } from '../search/shards.ts';
import { skillApiUrl, skillUrl, versionsApiUrl } from '../shared/urls.ts';

/**
 * Which part of the site one `astro build` makes. A big catalogue can be built as parts on a CI
 * matrix (README "Building in parts"):
 * - `whole`: everything (the default);
 * - `shard` k of n: the per-skill outputs of the skills in part k — with step `packages`, only
 *   their package analysis into the build cache (`astro sync`); with step `pages`, their pages,
 *   files, archives and formats, and their share of the search-index shards, reading every other
 *   skill's record from the build cache the packages step filled;
 * - `merge`: the catalogue-wide pages and files, the search index from the cache, and the parts'
 *   per-skill folders linked in.
 */
export type BuildPart =
  | { kind: 'whole' }
  | { kind: 'shard'; index: number; count: number; step: 'packages' | 'pages' }
  | { kind: 'merge'; from: string[] };

/** The part a build makes, from `SKILLSHELF_SHARD` (`k/n`, with `SKILLSHELF_SHARD_STEP`) or `SKILLSHELF_MERGE`. */
export function parseBuildPart(
  env: Record<string, string | undefined>,
  delimiter = ':',
): BuildPart {
  const shard = env['SKILLSHELF_SHARD']?.trim();
  const merge = env['SKILLSHELF_MERGE']?.trim();
  if (shard && merge)
    throw new Error(
      'SKILLSHELF_SHARD and SKILLSHELF_MERGE are both set: a build makes one part or merges the parts, not both.',
    );
  if (merge) {
    const from = merge.split(delimiter).filter(Boolean);
    return { kind: 'merge', from };
  }
  if (!shard) return { kind: 'whole' };
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 4096 || index < 1 || index > count)
    throw new Error(
      `SKILLSHELF_SHARD=${shard}: expected "k/n", part k of n (1 ≤ k ≤ n ≤ 4096), e.g. SKILLSHELF_SHARD=1/4.`,
    );
  const step = env['SKILLSHELF_SHARD_STEP']?.trim() || 'pages';
  if (step !== 'packages' && step !== 'pages')
    throw new Error(`SKILLSHELF_SHARD_STEP=${step}: expected "packages" or "pages".`);
  return { kind: 'shard', index: index - 1, count, step };
}

/**
 * The part (0-based) a skill's own outputs are made in, of `count`: from its id alone, by the same
 * hash as the search-index shards, so with power-of-two counts a part's skills fill whole shards.
 */
export function partOf(id: string, count: number): number {
  return shardOf(id, count);
}

/** Whether this build makes the skill's own outputs (its pages, files, archives and formats). */
export function makesSkill(part: BuildPart, id: string): boolean {
  if (part.kind === 'whole') return true;
  if (part.kind === 'merge') return false;
  return partOf(id, part.count) === part.index;
}

/** Whether this build makes the catalogue-wide outputs (listings, indexes, feeds, sitemap, search). */
export function makesCatalogue(part: BuildPart): boolean {
  return part.kind !== 'shard';
}

/** Whether this build makes search-index shard `shard` (of the index's own shard count). */
export function makesSearchShard(part: BuildPart, shard: number): boolean {
  return part.kind !== 'shard' || shard % part.count === part.index;
}

/** `k/n` as people write it. */
export function partLabel(part: Extract<BuildPart, { kind: 'shard' }>): string {
  return `${part.index + 1}/${part.count}`;
}

/**
 * The folders of one skill's own outputs, relative to the output folder: its pages, files,
 * archives and formats under `skills/<p>/<s>/`, and its API files.
 */
export function skillOutputPaths(publisher: string, slug: string): string[] {
  const versionsJson = outputPath(versionsApiUrl(publisher, slug, '/'));
  return [
    skillFolder(publisher, slug),
    outputPath(skillApiUrl(publisher, slug, '/')),
    versionsJson.slice(0, versionsJson.lastIndexOf('/')),
  ];
}

/** The folder of a skill's pages in the output folder (`skills/<p>/<s>`). */
export function skillFolder(publisher: string, slug: string): string {
  return outputPath(skillUrl(publisher, slug, '/'));
}

/** A site path (no base) as a path in the output folder: decoded, without the outer slashes. */
function outputPath(url: string): string {
  return decodeURIComponent(url).replace(/^\/|\/$/g, '');
}

/** What a part build leaves in its output folder for the merge (`.skillshelf-part.json`). */
export interface PartManifest {
  format: 1;
  part: string;
  /** The catalogue the part was built from: every listed skill's id and cache key, hashed. */
  catalogue: string;
  /** The skills whose own outputs the part holds, by id, with their folder names. */
  skills: { id: string; publisher: string; slug: string }[];
  /** Site paths (no base) of the pages the part made for those skills, for the sitemap. */
  pages: string[];
}

export const PART_MANIFEST = '.skillshelf-part.json';

/** A digest of the listed catalogue (ids and cache keys): parts and merge must agree on it. */
export function catalogueDigest(
  skills: readonly { id: string; cacheKey?: string | undefined }[],
): string {
  const hash = createHash('sha256');
  for (const { id, cacheKey } of [...skills].sort((a, b) => (a.id < b.id ? -1 : 1)))
    hash.update(`${id}\0${cacheKey ?? ''}\n`);
  return hash.digest('hex');
}

/** Reads a part's manifest, or says what is wrong with it. */
export function parsePartManifest(text: string, where: string): PartManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${where}: not JSON. Was this folder built with SKILLSHELF_SHARD?`);
  }
  const m = value as Partial<PartManifest>;
  if (
    m.format !== 1 ||
    typeof m.part !== 'string' ||
    typeof m.catalogue !== 'string' ||
    !Array.isArray(m.skills) ||
    !Array.isArray(m.pages) ||
    !m.skills.every(
      (s) =>
        typeof s?.id === 'string' && typeof s.publisher === 'string' && typeof s.slug === 'string',
    ) ||
    !m.pages.every((p) => typeof p === 'string')
  )
    throw new Error(`${where}: not a part manifest this version of Skillshelf writes.`);
  return m as PartManifest;
}
