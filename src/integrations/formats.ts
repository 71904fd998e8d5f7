import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterCatalogue } from './after-catalogue.ts';
import { buildPart } from '../data/build-part.ts';
import { makesCatalogue, makesSkill, type BuildPart } from '../lib/publish/build-part.ts';
import { blobFile } from '../data/package-cache.ts';
import { publishOrigin, site } from '../data/site.ts';
import type { ListedSkill } from '../data/skills.ts';
import {
  badgeSvg,
  loadsBadge,
  publisherBadge,
  shieldsEndpoint,
  trustBadge,
} from '../lib/publish/badges.ts';
import { aiCatalog, AI_CATALOG_MAX_BYTES } from '../lib/publish/ai-catalog.ts';
import { markdownTwin, publisherLlmsTxt, siteLlmsTxt, skillJson } from '../lib/publish/formats.ts';
import { readCollectionFiles } from '../data/collections-fs.ts';
import { formatBytes } from '../lib/shared/format.ts';
import { decodeText } from '../lib/skill/classify.ts';
import { assessClients, CLIENT_IDS, loadsIn } from '../lib/skill/clients.ts';
import {
  aboutUrl,
  publisherFormatUrl,
  sitePath,
  skillFormatUrl,
  stripBase,
  type SkillFormatFile,
} from '../lib/shared/urls.ts';

/** Where a site path lands in the output folder. */
function outPath(outDir: string, path: string): string {
  const relative = stripBase(path, site.base);
  if (relative === undefined) throw new Error(`${path} is outside the site`);
  return join(outDir, decodeURIComponent(relative));
}

function write(outDir: string, path: string, text: string): void {
  const file = outPath(outDir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Writes the non-HTML formats of every listed skill from the package model and its shipped SKILL.md
 * (read once from the build cache): `skill.json` (MCP Skills Extension), `index.md` (the page as
 * Markdown), the README badges (`badge.svg`, `loads-badge.svg`, shields.io's `badge.json`); per
 * publisher its `llms.txt` and badge; and the site's `llms.txt`.
 */
export function writeFormats(
  outDir: string,
  skills: ListedSkill[],
  installNames: ReadonlyMap<string, string>,
  part: BuildPart = { kind: 'whole' },
): { files: number; aiCatalog: string } {
  const origin = publishOrigin();
  const { base } = site;
  let files = 0;
  const byPublisher = new Map<string, ListedSkill[]>();
  for (const skill of skills) {
    const list = byPublisher.get(skill.publisher);
    if (list) list.push(skill);
    else byPublisher.set(skill.publisher, [skill]);
    if (!makesSkill(part, skill.id)) continue;
    const entry = skill.files.find((f) => f.path === skill.skillFile);
    const skillText = entry ? decodeText(readFileSync(blobFile(entry.sha256))).text : '';
    const input = { skill, publisherName: skill.publisherName, origin, skillText, base };
    const trust = trustBadge(skill.name, skill.trust.verdict, skill.trust.coverage);
    const out: [SkillFormatFile, string][] = [
      ['skill.json', `${JSON.stringify(skillJson(input), null, 2)}\n`],
      ['index.md', markdownTwin(input)],
      ['badge.svg', badgeSvg(trust)],
      ['badge.json', `${JSON.stringify(shieldsEndpoint(trust))}\n`],
      [
        'loads-badge.svg',
        badgeSvg(loadsBadge(loadsIn(assessClients(skill)).length, CLIENT_IDS.length)),
      ],
    ];
    for (const [file, text] of out)
      write(outDir, skillFormatUrl(skill.publisher, skill.slug, file, base), text);
    files += out.length;
  }
  // The publishers' and the site's files are the catalogue's: a build of one part leaves them to the merge.
  if (!makesCatalogue(part)) return { files, aiCatalog: 'ai-catalog.json: made by the merge' };
  const publishers = [...byPublisher].map(([id, list]) => ({
    id,
    name: list[0]!.publisherName,
    skills: list.length,
  }));
  for (const [id, list] of byPublisher) {
    const name = list[0]!.publisherName;
    write(
      outDir,
      publisherFormatUrl(id, 'llms.txt', base),
      publisherLlmsTxt(name, site.name, list, origin, base),
    );
    write(
      outDir,
      publisherFormatUrl(id, 'badge.svg', base),
      badgeSvg(publisherBadge(name, list.length, site.name)),
    );
    files += 2;
  }
  write(outDir, sitePath('llms.txt', base), siteLlmsTxt(site, publishers, origin, base));
  const catalog = writeAiCatalog(outDir, skills, installNames, origin);
  return { files: files + 2, aiCatalog: catalog };
}

/**
 * `/.well-known/ai-catalog.json` (src/lib/publish/ai-catalog.ts): featured skills first, then
 * collection members, then the most recently updated, as many as its size cap allows. Returns what
 * the build log says about it.
 */
function writeAiCatalog(
  outDir: string,
  skills: readonly ListedSkill[],
  installNames: ReadonlyMap<string, string>,
  origin: string,
): string {
  const featured = new Set(site.featured);
  const inCollections = new Set(readCollectionFiles().sources.flatMap((c) => c.skills));
  const rank = (s: ListedSkill): number =>
    featured.has(s.id) || s.listing.featured ? 0 : inCollections.has(s.id) ? 1 : 2;
  const ordered = [...skills].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1),
  );
  const { json, listed, noQueries, capped } = aiCatalog(
    { displayName: site.name, documentationUrl: new URL(aboutUrl(site.base), origin).href },
    ordered.map((skill) => ({
      skill,
      publisherName: skill.publisherName,
      installName: installNames.get(skill.id) ?? skill.archiveName,
      origin,
      base: site.base,
    })),
  );
  write(outDir, sitePath('.well-known/ai-catalog.json', site.base), json);
  return `ai-catalog.json: ${listed} of ${skills.length} skills, ${formatBytes(json.length)}${noQueries ? `; ${noQueries} without a "Use when" clause left out` : ''}${capped ? `; ${capped} left out by the ${formatBytes(AI_CATALOG_MAX_BYTES)} cap` : ''}`;
}

/** Writes the skills' non-HTML formats after `astro build` (see writeFormats). */
export function formatsIntegration(): AstroIntegration {
  return afterCatalogue('skillshelf-formats', (outDir, skills, names) => {
    const done = writeFormats(outDir, skills, names, buildPart());
    return `Wrote ${done.files} Markdown, JSON and badge files (${done.aiCatalog})`;
  });
}
