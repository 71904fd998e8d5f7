import type { SkillRecord } from './skill-package.ts';
import { archiveUrl, fileUrl, rawUrl, skillApiUrl, skillUrl } from './urls.ts';

/** Agent Skills Discovery RFC v0.2 schema id. */
export const DISCOVERY_SCHEMA = 'https://schemas.agentskills.io/discovery/0.2.0/schema.json';

/** Marketplace names Claude Code reserves; a marketplace may not use them. */
const RESERVED_MARKETPLACE = [/^agent-skills$/, /^anthropic(?:-|$)/, /^claude-code(?:-|$)/, /^claude-plugins(?:-|$)/, /^claude$/];

/** Why a marketplace name cannot be used, or `undefined` when it can. */
export function marketplaceNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return `The marketplace name "${name}" must be kebab-case (lowercase letters, digits, hyphens).`;
  if (RESERVED_MARKETPLACE.some((pattern) => pattern.test(name))) return `The marketplace name "${name}" is reserved by Claude Code; choose another in content/site.json.`;
  return undefined;
}

/**
 * Install names must be unique across a catalogue: the first skill (by id) keeps its archive name,
 * later ones with the same name are qualified by publisher (`acme-run`).
 */
export function installNames(skills: readonly SkillRecord[]): Map<string, string> {
  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const skill of skills) {
    let name = skill.archiveName;
    if (taken.has(name)) name = `${skill.publisher.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${skill.archiveName}`.slice(0, 64);
    for (let n = 2; taken.has(name); n += 1) name = `${skill.archiveName}-${n}`;
    taken.add(name);
    names.set(skill.id, name);
  }
  return names;
}

/** `/.well-known/agent-skills/index.json`: every skill as an archive with SKILL.md at its root, pinned by digest. */
export function buildDiscoveryIndex(skills: readonly SkillRecord[], origin: string): object {
  const names = installNames(skills);
  return {
    $schema: DISCOVERY_SCHEMA,
    skills: skills.map((skill) => ({
      name: names.get(skill.id),
      type: 'archive',
      description: skill.description,
      url: new URL(archiveUrl(skill.publisher, skill.slug, skill.archiveName, 'root'), origin).href,
      digest: `sha256:${skill.archives.root.sha256}`,
    })),
  };
}

/** `/marketplace.json`: a Claude Code marketplace with one plugin per skill, each an archive pinned by sha256. */
export function buildMarketplace(
  skills: readonly SkillRecord[],
  publisherNames: ReadonlyMap<string, string>,
  marketplace: { name: string; owner: string },
  origin: string,
): object {
  const problem = marketplaceNameProblem(marketplace.name);
  if (problem) throw new Error(problem);
  const names = installNames(skills);
  return {
    name: marketplace.name,
    owner: { name: marketplace.owner },
    plugins: skills.map((skill) => ({
      name: names.get(skill.id),
      description: skill.description,
      ...(skill.version && /^\d+\.\d+\.\d+/.test(skill.version) ? { version: skill.version } : {}),
      author: { name: publisherNames.get(skill.publisher) ?? skill.publisher },
      ...(skill.license ? { license: skill.license } : {}),
      keywords: skill.tags,
      category: skill.tags[0],
      homepage: new URL(skillUrl(skill.publisher, skill.slug), origin).href,
      source: {
        source: 'archive',
        url: new URL(archiveUrl(skill.publisher, skill.slug, skill.archiveName, 'plugin'), origin).href,
        sha256: skill.archives.plugin.sha256,
      },
    })),
  };
}

/** Download links of a skill, absolute, with sizes and digests. */
function downloads(skill: SkillRecord, origin: string): object {
  const one = (layout: 'folder' | 'root' | 'plugin'): object => ({
    url: new URL(archiveUrl(skill.publisher, skill.slug, skill.archiveName, layout), origin).href,
    size: skill.archives[layout].size,
    sha256: skill.archives[layout].sha256,
  });
  return { zip: one('folder'), flat: one('root'), plugin: one('plugin') };
}

/** One entry of `/api/skills.json`. */
export function apiSummary(skill: SkillRecord, publisherName: string, origin: string): object {
  return {
    id: skill.id,
    name: skill.name,
    publisher: { id: skill.publisher, name: publisherName },
    description: skill.description,
    tags: skill.tags,
    license: skill.license ?? null,
    version: skill.version ?? null,
    updated: skill.updated,
    added: skill.listing.added ?? null,
    url: new URL(skillUrl(skill.publisher, skill.slug), origin).href,
    api: new URL(skillApiUrl(skill.publisher, skill.slug), origin).href,
    downloads: downloads(skill, origin),
    trust: { verdict: skill.trust.verdict, tokens: { metadata: skill.trust.cost.metadata, body: skill.trust.cost.body, references: skill.trust.cost.references.reduce((n, r) => n + r.tokens, 0) } },
  };
}

/** `/api/skills/<publisher>/<skill>.json`: everything the skill page shows. */
export function apiDetail(skill: SkillRecord, publisherName: string, origin: string): object {
  return {
    ...apiSummary(skill, publisherName, origin),
    whenToUse: skill.whenToUse,
    compatibility: skill.compatibility ?? null,
    allowedTools: skill.allowedTools,
    metadata: skill.metadata,
    nonSpecKeys: skill.extraKeys,
    tagsInferred: skill.tagsInferred,
    skillFile: skill.skillFile,
    source: skill.listing.source ?? null,
    files: skill.files.map((f) => ({
      path: f.path,
      size: f.size,
      kind: f.kind,
      executable: f.executable,
      page: new URL(fileUrl(skill.publisher, skill.slug, f.path), origin).href,
      raw: new URL(rawUrl(skill.publisher, skill.slug, f.path), origin).href,
    })),
    totalBytes: skill.totalBytes,
    findings: skill.findings,
    trustReport: skill.trust,
  };
}
