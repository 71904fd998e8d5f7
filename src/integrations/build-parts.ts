import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildPart } from '../data/build-part.ts';
import { onCatalogueReady } from '../data/catalogue-events.ts';
import { publishFile, publishTree } from '../data/publish-fs.ts';
import type { ListedSkill } from '../data/skills.ts';
import {
  catalogueDigest,
  makesSkill,
  PART_MANIFEST,
  partLabel,
  parsePartManifest,
  skillFolder,
  skillOutputPaths,
  type PartManifest,
} from '../lib/publish/build-part.ts';

/** A page's address as @astrojs/sitemap writes it for a page Astro built (its `pages` pathname). */
function pageUrl(site: string, base: string, pathname: string): string {
  const root = new URL(base, site);
  const prefix = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  return new URL(prefix + pathname.replace(/^\//, ''), root).href;
}

/** Links one part's per-skill folders and files into the output folder (the part's files are not changed). */
function linkPart(from: string, manifest: PartManifest, outDir: string): number {
  let linked = 0;
  for (const skill of manifest.skills)
    for (const path of skillOutputPaths(skill.publisher, skill.slug)) {
      const source = join(from, path);
      if (!existsSync(source)) continue;
      if (statSync(source).isDirectory()) publishTree(source, join(outDir, path), () => false);
      else publishFile(source, join(outDir, path));
      linked += 1;
    }
  return linked;
}

/**
 * Building in parts (src/lib/publish/build-part.ts, README "Building in parts"). A build of one part
 * (SKILLSHELF_SHARD=k/n) ends by writing `.skillshelf-part.json` into its output folder: its
 * skills, the pages it made for them, and a digest of the catalogue it read. The merge
 * (SKILLSHELF_MERGE=<part folder>:…) links each part's per-skill folders into its output before
 * Astro writes the catalogue-wide pages, gives the parts' pages to the sitemap (`sitemapPages`), and
 * fails unless the parts were built from the same catalogue and hold every listed skill exactly once.
 */
export function buildPartsIntegration(sitemapPages: string[]): AstroIntegration {
  let outDir = '';
  let site = '';
  let base = '/';
  let listed: ListedSkill[] = [];
  let stop: (() => void) | undefined;
  const parts: { from: string; manifest: PartManifest }[] = [];
  const owner = new Map<string, string>();
  return {
    name: 'skillshelf-build-parts',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir).replace(/\/$/, '');
        site = config.site ?? 'http://localhost/';
        base = config.base;
      },
      'astro:build:start': ({ logger }) => {
        const part = buildPart();
        listed = [];
        stop = onCatalogueReady((skills) => {
          listed = skills;
        });
        if (part.kind === 'shard' && part.step === 'packages')
          throw new Error(
            `SKILLSHELF_SHARD_STEP=packages fills the build cache only: run it with \`astro sync\` (npm run build:part -- packages ${partLabel(part)}), then build the pages with SKILLSHELF_SHARD_STEP unset.`,
          );
        if (part.kind !== 'merge') return;
        if (!part.from.length) throw new Error('SKILLSHELF_MERGE names no part folders.');
        parts.length = 0;
        sitemapPages.length = 0;
        owner.clear();
        for (const dir of part.from) {
          const from = resolve(dir);
          const file = join(from, PART_MANIFEST);
          if (!existsSync(file))
            throw new Error(
              `${file} is missing: ${dir} is not the output of a finished part build (SKILLSHELF_SHARD=k/n astro build).`,
            );
          const manifest = parsePartManifest(readFileSync(file, 'utf8'), file);
          for (const skill of manifest.skills) {
            const earlier = owner.get(skill.id);
            if (earlier)
              throw new Error(
                `${skill.id} is in two parts (${earlier} and ${dir}): merge the parts of one split (k/n with the same n), each once.`,
              );
            owner.set(skill.id, dir);
          }
          parts.push({ from, manifest });
        }
        let linked = 0;
        for (const { from, manifest } of parts) {
          linked += linkPart(from, manifest, outDir);
          for (const page of manifest.pages) sitemapPages.push(pageUrl(site, base, page));
        }
        logger.info(
          `Merging ${parts.length} part(s): ${owner.size} skills' folders and files linked in (${linked} paths)`,
        );
      },
      'astro:build:done': ({ pages, logger }) => {
        stop?.();
        const part = buildPart();
        const digest = catalogueDigest(listed);
        if (part.kind === 'merge') {
          for (const { from, manifest } of parts)
            if (manifest.catalogue !== digest)
              throw new Error(
                `${from} (part ${manifest.part}) was built from another catalogue or another version of the code than this merge: build every part and the merge from the same commit and the same build cache.`,
              );
          const missing = listed.filter((s) => !owner.has(s.id));
          if (missing.length)
            throw new Error(
              `${missing.length} listed skill(s) are in none of the merged parts (first: ${missing
                .slice(0, 5)
                .map((s) => s.id)
                .join(', ')}): merge every part of the split.`,
            );
          return;
        }
        if (part.kind !== 'shard') return;
        const mine = listed.filter((s) => makesSkill(part, s.id));
        const folders = new Set(mine.map((s) => `${skillFolder(s.publisher, s.slug)}/`));
        const manifest: PartManifest = {
          format: 1,
          part: partLabel(part),
          catalogue: digest,
          skills: mine.map(({ id, publisher, slug }) => ({ id, publisher, slug })),
          pages: pages
            .map((p) => p.pathname)
            .filter((path) => {
              // A skill's pages are under its folder: the path's first three segments.
              const folder = /^\/?([^/]+\/[^/]+\/[^/]+\/)/.exec(path)?.[1];
              return folder !== undefined && folders.has(folder);
            })
            .sort(),
        };
        writeFileSync(join(outDir, PART_MANIFEST), `${JSON.stringify(manifest)}\n`);
        logger.info(
          `Part ${manifest.part}: ${mine.length} of ${listed.length} skills, ${manifest.pages.length} pages; merge with SKILLSHELF_MERGE`,
        );
      },
    },
  };
}
