import { createHash } from 'node:crypto';
import { compareCodePoints, sortByFirstSeen } from './identity.ts';
import { assessClients, clientsDocument, loadsIn } from '../skill/clients.ts';
import type { ZipLayout } from './zip.ts';
import type { SkillRecord } from '../skill/package.ts';
import { countFindings } from '../skill/findings.ts';
import {
  archiveUrl,
  claudeAiFixUrl,
  fileUrl,
  rawUrl,
  skillApiUrl,
  skillUrl,
  versionArchiveUrl,
} from '../shared/urls.ts';
import { trimChars } from '../shared/text.ts';

/** Agent Skills Discovery RFC v0.2 schema id. */
export const DISCOVERY_SCHEMA = 'https://schemas.agentskills.io/discovery/0.2.0/schema.json';

/** Marketplace names Claude Code reserves; a marketplace may not use them. */
const RESERVED_MARKETPLACE = [
  /^agent-skills$/,
  /^anthropic(?:-|$)/,
  /^claude-code(?:-|$)/,
  /^claude-plugins(?:-|$)/,
  /^claude$/,
];

/** Why a marketplace name cannot be used, or `undefined` when it can. */
export function marketplaceNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name))
    return `The marketplace name "${name}" must be kebab-case (lowercase letters, digits, hyphens).`;
  if (RESERVED_MARKETPLACE.some((pattern) => pattern.test(name)))
    return `The marketplace name "${name}" is reserved by Claude Code; choose another in content/site.json.`;
  return undefined;
}

/** What install names are assigned from: a skill's id, publisher and archive (spec) name. */
export interface InstallNameInput {
  id: string;
  publisher: string;
  archiveName: string;
}

/** The operator's decisions from content/site.json: `installNames` pins, `renames` for marketplace.json. */
export interface InstallNameSettings {
  /** `{"<publisher>/<skill>": "install-name"}`: wins over everything else. */
  names?: Readonly<Record<string, string>> | undefined;
  /** `{"old-install-name": "new-install-name"}`, passed on to marketplace.json's `renames`. */
  renames?: Readonly<Record<string, string>> | undefined;
}

/** Install names per skill id, the validated renames, and what the operator should fix. */
export interface InstallNameAssignment {
  names: Map<string, string>;
  renames: Record<string, string>;
  problems: string[];
}

const PLUGIN_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_NAME = 64;

function isPluginName(name: string): boolean {
  return name.length <= MAX_NAME && PLUGIN_NAME.test(name);
}

/** Lower-case kebab: accents dropped, every run of other characters one hyphen, none at the ends. */
function kebab(text: string): string {
  return trimChars(
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
    '-',
  );
}

/** `name` as a plugin name of at most 64 characters; cut ones (or all, with `hashLength`) end in `-<sha256(id) prefix>`. */
function fitName(name: string, id: string, hashLength = 0): string {
  if (hashLength === 0 && isPluginName(name)) return name;
  const base = kebab(name);
  if (hashLength === 0 && base.length <= MAX_NAME) return base;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, Math.max(hashLength, 6));
  const cut = trimChars(base.slice(0, MAX_NAME - hash.length - 1), '-', 'end');
  return cut ? `${cut}-${hash}` : hash;
}

/**
 * Unique install names, decided by first appearance in the operator's history (`firstSeen`: lower
 * wins, unknown after all known, ties as in compareFirstSeen()), never by ids' sort order or case:
 * the operator's pins first, then each skill's own name, else `<publisher>-<name>`, else a hash.
 */
export function assignInstallNames(
  skills: readonly InstallNameInput[],
  firstSeen: ReadonlyMap<string, number>,
  operator: InstallNameSettings = {},
): InstallNameAssignment {
  const order = sortByFirstSeen(
    skills.map((skill) => ({ ...skill, firstSeen: firstSeen.get(skill.id) })),
  );
  const owner = new Map<string, string>(); // install name → skill id
  const names = new Map<string, string>();
  const problems: string[] = [];
  const give = (id: string, name: string): void => {
    owner.set(name, id);
    names.set(id, name);
  };

  // The operator's pins are explicit decisions: they win over first appearance.
  const pins = operator.names ?? {};
  const ids = new Set(skills.map((s) => s.id));
  for (const id of Object.keys(pins).sort(compareCodePoints)) {
    if (!ids.has(id))
      problems.push(`installNames: there is no skill "${id}"; the entry was ignored.`);
  }
  for (const skill of order) {
    const pinned = Object.hasOwn(pins, skill.id) ? pins[skill.id] : undefined;
    if (pinned === undefined) continue;
    if (!isPluginName(pinned))
      problems.push(
        `installNames: "${pinned}" for ${skill.id} is not a valid plugin name (kebab-case, at most 64 characters); it was ignored.`,
      );
    else if (owner.has(pinned))
      problems.push(
        `installNames: "${pinned}" is pinned for both ${owner.get(pinned)} and ${skill.id}; ${skill.id} was named automatically.`,
      );
    else give(skill.id, pinned);
  }

  for (const skill of order) {
    if (names.has(skill.id)) continue;
    const own = fitName(skill.archiveName, skill.id) || fitName(skill.id, skill.id, 6);
    const holder = owner.get(own);
    if (holder === undefined) {
      give(skill.id, own);
      continue;
    }
    if (!firstSeen.has(skill.id) && !firstSeen.has(holder)) {
      // Without history the order is only the ids' order, which a newcomer can game: say so. (A
      // skill with history before one without is the rule: the other is not even committed.)
      problems.push(
        `install name "${own}" went to ${holder} rather than ${skill.id} by id order, not history (neither is in the git history); pin it with installNames in site.json.`,
      );
    }
    let name = fitName(`${skill.publisher}-${own}`, skill.id);
    // Still taken (by a skill literally called "<publisher>-<name>", or an earlier cut): add the id's
    // hash, longer until unique; sha256 prefixes of distinct ids differ well before 64 characters.
    for (let length = 6; owner.has(name) && length <= 64; length += 2)
      name = fitName(`${skill.publisher}-${own}`, skill.id, length);
    give(skill.id, name);
  }

  const renames: Record<string, string> = {};
  const wanted = operator.renames ?? {};
  const live = new Set(names.values());
  for (const from of Object.keys(wanted).sort(compareCodePoints)) {
    const to = wanted[from]!;
    if (!isPluginName(from) || !isPluginName(to))
      problems.push(
        `renames: "${from}" → "${to}" must map a plugin name to a plugin name (kebab-case, at most 64 characters); it was ignored.`,
      );
    else if (from === to) problems.push(`renames: "${from}" is renamed to itself; it was ignored.`);
    else if (live.has(from))
      problems.push(
        `renames: "${from}" is still the install name of ${owner.get(from)}; the rename was ignored.`,
      );
    else renames[from] = to;
  }
  for (const [from, to] of Object.entries(renames)) {
    // Chains (a → b → c) are fine; a rename that ends nowhere or loops only strands its users.
    const seen = new Set([from]);
    let end = to;
    while (Object.hasOwn(renames, end) && !seen.has(end)) {
      seen.add(end);
      end = renames[end]!;
    }
    if (!live.has(end))
      problems.push(
        `renames: "${from}" → "${to}" leads to no skill's install name${seen.has(end) ? ' (it loops)' : ''}.`,
      );
  }
  // In the callers' order, whatever order the names were decided in.
  return { names: new Map(skills.map((s) => [s.id, names.get(s.id)!])), renames, problems };
}

/** Install names with no history and no operator settings (by id order); see assignInstallNames(). */
export function installNames(skills: readonly InstallNameInput[]): Map<string, string> {
  return assignInstallNames(skills, new Map()).names;
}

/**
 * The archive installs use: the latest, or the version the operator holds (site.json `hold`), at
 * its immutable address. Its site path, digest and size.
 */
export function installArchive(
  skill: Pick<SkillRecord, 'publisher' | 'slug' | 'archiveName' | 'archives' | 'installFrom'>,
  layout: ZipLayout,
): { path: string; sha256: string; size: number } {
  const held = skill.installFrom;
  return held
    ? {
        path: versionArchiveUrl(skill.publisher, skill.slug, held.id, held.archiveName, layout),
        ...held.archives[layout],
      }
    : {
        path: archiveUrl(skill.publisher, skill.slug, skill.archiveName, layout),
        ...skill.archives[layout],
      };
}

/** `/.well-known/agent-skills/index.json`: every skill as an archive with SKILL.md at its root, pinned by digest. */
export function buildDiscoveryIndex(
  skills: readonly SkillRecord[],
  origin: string,
  names: ReadonlyMap<string, string> = installNames(skills),
): object {
  return {
    $schema: DISCOVERY_SCHEMA,
    skills: skills.map((skill) => ({
      name: names.get(skill.id),
      type: 'archive',
      description: skill.description,
      url: new URL(installArchive(skill, 'root').path, origin).href,
      digest: `sha256:${installArchive(skill, 'root').sha256}`,
    })),
  };
}

/**
 * `/marketplace.json`: a Claude Code marketplace with one plugin per skill, each an archive pinned
 * by sha256. No `version`: Claude Code then versions each plugin by its archive's digest, so a
 * changed archive is always offered as an update (a fixed label that was not bumped would hide it).
 */
export function buildMarketplace(
  skills: readonly SkillRecord[],
  publisherNames: ReadonlyMap<string, string>,
  marketplace: { name: string; owner: string },
  origin: string,
  assigned: InstallNameAssignment = assignInstallNames(skills, new Map()),
): object {
  const problem = marketplaceNameProblem(marketplace.name);
  if (problem) throw new Error(problem);
  const { names, renames } = assigned;
  return {
    name: marketplace.name,
    owner: { name: marketplace.owner },
    ...(Object.keys(renames).length ? { renames } : {}),
    plugins: skills.map((skill) => ({
      name: names.get(skill.id),
      description: skill.description,
      author: { name: publisherNames.get(skill.publisher) ?? skill.publisher },
      ...(skill.license ? { license: skill.license } : {}),
      keywords: skill.tags,
      category: skill.tags[0],
      homepage: new URL(skillUrl(skill.publisher, skill.slug), origin).href,
      source: {
        source: 'archive',
        url: new URL(installArchive(skill, 'plugin').path, origin).href,
        sha256: installArchive(skill, 'plugin').sha256,
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
  const counts = countFindings(skill.findings);
  const clients = assessClients(skill);
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
    fileCount: skill.files.length,
    scripts: skill.files.some((f) => f.path.startsWith('scripts/')),
    // Where it loads (src/lib/skill/clients.ts): the clients that take it, with or without a caveat.
    loadsIn: loadsIn(clients),
    claudeAi: clients.some((c) => c.id === 'claude-ai' && c.status !== 'refused'),
    // Spec-check counts a catalogue card shows (apiDetail lists the findings themselves).
    findingCounts: { errors: counts.error, warnings: counts.warning },
    manifest: skill.manifest,
    trust: {
      verdict: skill.trust.verdict,
      coverage: skill.trust.coverage,
      checked: skill.trust.checked,
      tokens: {
        metadata: skill.trust.cost.metadata,
        body: skill.trust.cost.body,
        references: skill.trust.cost.references.reduce((n, r) => n + r.tokens, 0),
      },
    },
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
      sha256: f.sha256,
      kind: f.kind,
      executable: f.executable,
      page: new URL(fileUrl(skill.publisher, skill.slug, f.path), origin).href,
      raw: new URL(rawUrl(skill.publisher, skill.slug, f.path), origin).href,
    })),
    totalBytes: skill.totalBytes,
    findings: skill.findings,
    trustReport: skill.trust,
    clients: clientsDocument(assessClients(skill)),
    ...(skill.claudeAiFix && !skill.installFrom
      ? {
          claudeAiFix: {
            url: new URL(claudeAiFixUrl(skill.publisher, skill.slug, skill.archiveName), origin)
              .href,
            ...skill.claudeAiFix,
          },
        }
      : {}),
  };
}

/**
 * `gh skill install <owner>/<repo> <skill> --pin <commit>`, when the importer recorded that this
 * package is exactly the GitHub repository's folder at that commit (the same manifest digest) and no
 * operator hold points installs elsewhere; otherwise undefined.
 */
export function ghSkillInstall(
  skill: Pick<SkillRecord, 'listing' | 'manifest' | 'installFrom' | 'name' | 'specName'>,
): { command: string; repository: string; commit: string } | undefined {
  const source = skill.listing.source;
  if (!source?.repository || !source.commit || skill.installFrom) return undefined;
  if (source.manifest !== skill.manifest || !/^[0-9a-f]{40}$/.test(source.commit)) return undefined;
  const repo = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)$/.exec(source.repository)?.[1];
  if (!repo) return undefined;
  const name = skill.specName ?? skill.name;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return undefined;
  return {
    command: `gh skill install ${repo} ${name} --pin ${source.commit}`,
    repository: repo,
    commit: source.commit,
  };
}
