import { parseDocument } from 'yaml';
import { findFences, MAX_YAML_ALIASES, normaliseText } from '../skill/frontmatter.ts';
import type { SkillRecord } from '../skill/package.ts';
import { sortFindings } from '../skill/findings.ts';
import { assessClients, CLIENT_LIMITS, CLIENTS, reasonText } from '../skill/clients.ts';
import { versionId } from '../versions/version.ts';
import { formatBytes } from '../shared/format.ts';
import {
  archiveUrl,
  publisherFormatUrl,
  publisherUrl,
  rawUrl,
  sitePath,
  skillFormatUrl,
  skillUrl,
} from '../shared/urls.ts';

/**
 * The non-HTML formats of a skill, made from the package model and the shipped SKILL.md: the MCP
 * Skills Extension's `skill.json`, the Markdown twin of the skill page (`index.md`) and the
 * `llms.txt` lists. Pure: the build hook (src/integrations/formats.ts) reads and writes the files.
 */

/** A skill as these formats need it: the record, its publisher's display name, the site's origin. */
export interface FormatInput {
  skill: SkillRecord;
  publisherName: string;
  /** The site origin with no trailing slash, e.g. `https://skills.example.com`. */
  origin: string;
  /** The SKILL.md text as shipped (decoded). */
  skillText: string;
  /** The site's base path (`/` or `/shelf/`). */
  base: string;
}

/** The frontmatter and body of a SKILL.md, as a YAML 1.2 (core schema) reader sees the shipped bytes. */
export function splitShipped(text: string): {
  frontmatter: Record<string, unknown> | null;
  problem?: string;
  body: string;
} {
  const lines = normaliseText(text).text.split('\n');
  const { open, close } = findFences(lines);
  if (lines[open]?.trim() !== '---' || close >= lines.length)
    return {
      frontmatter: null,
      problem: 'no frontmatter between --- lines',
      body: lines.join('\n'),
    };
  const body = lines.slice(close + 1).join('\n');
  const doc = parseDocument(lines.slice(open + 1, close).join('\n'));
  const error = doc.errors[0];
  if (error)
    return { frontmatter: null, problem: error.message.split('\n')[0] ?? 'invalid YAML', body };
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { frontmatter: null, problem: 'the frontmatter is not a map', body };
    // Dates and other non-JSON values become JSON's own (a Date becomes its ISO text).
    return { frontmatter: JSON.parse(JSON.stringify(value)) as Record<string, unknown>, body };
  } catch (error) {
    return {
      frontmatter: null,
      problem: (error as Error).message.split('\n')[0] ?? 'invalid YAML',
      body,
    };
  }
}

/** The path a file has in every archive: a lower-case skill.md ships as SKILL.md. */
const shippedPath = (skill: SkillRecord, path: string): string =>
  path === skill.skillFile ? 'SKILL.md' : path;

/**
 * `/skills/<p>/<s>/skill.json`: what an MCP server with the Skills Extension (SEP-2640) would serve
 * for this skill — the frontmatter as JSON, and every file with its `skill://` URI, raw URL, digest
 * and size — and whether the skill is within the extension's limits.
 */
export function skillJson(input: FormatInput): object {
  const { skill, origin, base: siteBase } = input;
  const host = new URL(origin).host;
  const base = `skill://${host}/${encodeURIComponent(skill.publisher)}/${encodeURIComponent(skill.archiveName)}/`;
  const { frontmatter, problem } = splitShipped(input.skillText);
  const over: string[] = [];
  if (skill.files.length > CLIENT_LIMITS.mcpFiles)
    over.push(`${skill.files.length} files, over the ${CLIENT_LIMITS.mcpFiles} an MCP host takes`);
  if (skill.totalBytes > CLIENT_LIMITS.mcpBytes)
    over.push(
      `${formatBytes(skill.totalBytes)}, over the ${formatBytes(CLIENT_LIMITS.mcpBytes)} an MCP host takes`,
    );
  return {
    uri: `${base}SKILL.md`,
    name: skill.archiveName,
    publisher: skill.publisher,
    version: versionId(skill.manifest),
    frontmatter,
    ...(problem
      ? { frontmatterProblem: `A YAML 1.2 reader cannot read the frontmatter: ${problem}.` }
      : {}),
    files: skill.files.map((f) => ({
      uri: `${base}${shippedPath(skill, f.path).split('/').map(encodeURIComponent).join('/')}`,
      path: shippedPath(skill, f.path),
      url: new URL(rawUrl(skill.publisher, skill.slug, f.path, siteBase), origin).href,
      digest: `sha256:${f.sha256}`,
      size: f.size,
    })),
    limits: {
      files: CLIENT_LIMITS.mcpFiles,
      bytes: CLIENT_LIMITS.mcpBytes,
      within: over.length === 0,
      ...(over.length ? { over } : {}),
    },
  };
}

/** Markdown text with the characters that would start markup escaped (names and messages from packages). */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}

const VERDICT: Record<SkillRecord['trust']['verdict'], string> = {
  'no-concerns': 'no concerns',
  review: 'review',
  danger: 'danger',
};

/**
 * `/skills/<p>/<s>/index.md`: the skill page as Markdown for agents and `llms.txt` readers — name,
 * publisher, version, the trust verdict and findings, where it loads, the download — then the
 * SKILL.md body as published.
 */
export function markdownTwin(input: FormatInput): string {
  const { skill, origin, publisherName, base } = input;
  const abs = (path: string): string => new URL(path, origin).href;
  const { trust } = skill;
  const lines = [
    `# ${mdText(skill.name)}`,
    '',
    `> ${mdText(skill.description)}`,
    '',
    `- Publisher: [${mdText(publisherName)}](${abs(publisherUrl(skill.publisher, base))})`,
    `- Page: ${abs(skillUrl(skill.publisher, skill.slug, base))}`,
    `- Version: ${versionId(skill.manifest)}${skill.version ? ` (${mdText(skill.version)})` : ''}, updated ${skill.updated}`,
    `- Download: ${abs(archiveUrl(skill.publisher, skill.slug, skill.archiveName, 'folder', base))} (sha256 ${skill.archives.folder.sha256})`,
    `- Trust: ${VERDICT[trust.verdict]}${trust.coverage === 'partial' ? ' (partial scan)' : ''}, checked ${trust.checked.date} with rules ${trust.checked.rulesVersion}`,
    '',
    '## Where it loads',
    '',
    ...assessClients(skill).map(
      (v) =>
        `- ${CLIENTS[v.id].label}: ${v.status === 'loads' ? 'loads' : v.status === 'caveat' ? 'loads, with a caveat' : 'refused'}${v.reasons.length ? ` — ${v.reasons.map((r) => mdText(reasonText(r))).join(' ')}` : ''}`,
    ),
    '',
    `## Findings (${trust.findings.length + skill.findings.length})`,
    '',
    ...(trust.findings.length + skill.findings.length === 0
      ? ['None.']
      : [
          ...trust.findings.map(
            (f) =>
              `- ${mdText(f.file)}${f.line ? `:${f.line}` : ''} ${f.severity}: ${mdText(f.message)} (${f.rule})`,
          ),
          ...sortFindings(skill.findings).map(
            (f) =>
              `- ${mdText(f.file)}${f.line ? `:${f.line}` : ''} ${f.severity}: ${mdText(f.message)} (${f.rule})`,
          ),
        ]),
    '',
    '## SKILL.md',
    '',
    'The body below is the publisher\u2019s text, as published.',
    '',
    '---',
    '',
  ];
  return `${lines.join('\n')}${splitShipped(input.skillText).body.replace(/^\n+/, '')}`;
}

/** One publisher's `llms.txt`: every listed skill, linking its Markdown twin. */
export function publisherLlmsTxt(
  publisherName: string,
  siteName: string,
  skills: readonly SkillRecord[],
  origin: string,
  base: string,
): string {
  const lines = [
    `# ${mdText(publisherName)} on ${mdText(siteName)}`,
    '',
    `> ${skills.length} ${skills.length === 1 ? 'skill' : 'skills'} for AI coding agents, each with its trust report and download.`,
    '',
    '## Skills',
    '',
    ...skills.map(
      (s) =>
        `- [${mdText(s.name)}](${new URL(skillFormatUrl(s.publisher, s.slug, 'index.md', base), origin).href}): ${mdText(shorten(s.description, 200))}`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** The site's `llms.txt`: what it is, and a list per publisher. */
export function siteLlmsTxt(
  site: { name: string; description: string },
  publishers: readonly { id: string; name: string; skills: number }[],
  origin: string,
  base: string,
): string {
  const lines = [
    `# ${mdText(site.name)}`,
    '',
    `> ${mdText(site.description)}`,
    '',
    'Every skill page has a Markdown twin (`index.md` in the page\u2019s folder) with its trust report and body, and a JSON document under `/api/skills/`.',
    '',
    '## Publishers',
    '',
    ...publishers.map(
      (p) =>
        `- [${mdText(p.name)}](${new URL(publisherFormatUrl(p.id, 'llms.txt', base), origin).href}): ${p.skills} ${p.skills === 1 ? 'skill' : 'skills'}`,
    ),
    '',
    '## Optional',
    '',
    `- [All skills as JSON](${new URL(sitePath('api/skills.json', base), origin).href})`,
    `- [Agent Skills discovery index](${new URL(sitePath('.well-known/agent-skills/index.json', base), origin).href})`,
    '',
  ];
  return lines.join('\n');
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
