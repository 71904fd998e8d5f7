import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Finding } from './findings.ts';
import { isUnreadable, parseSkillFile } from './frontmatter.ts';
import { resolvePackageLink } from './links.ts';
import { readListing, type Listing } from './listing.ts';
import { DEFAULT_LIMITS, listPackageFiles, type PackageLimits } from './package-files.ts';
import { checkSpec } from './spec.ts';
import { resolveTags } from './tags.ts';
import { countLines, NAME_PATTERN } from './spec.ts';
import { buildSkillZip, type PluginManifest, type ZipLayout } from './zip.ts';
import { analyseTrust, type TextFile, type TrustReport } from './trust/report.ts';
import { normaliseText } from './frontmatter.ts';

/** A file of a listed package, as the catalogue records it (no absolute paths). */
export interface SkillFileEntry {
  path: string;
  size: number;
  kind: 'text' | 'binary';
  executable: boolean;
}

/** Everything the catalogue keeps about a listed skill: small metadata, never the body. */
export interface SkillRecord {
  id: string;
  publisher: string;
  slug: string;
  /** `SKILL.md`, or `skill.md` for packages that use lower case. */
  skillFile: string;
  name: string;
  description: string;
  whenToUse: string;
  license?: string | undefined;
  compatibility?: string | undefined;
  version?: string | undefined;
  metadata: Record<string, string>;
  allowedTools: string[];
  /** Non-spec frontmatter keys with their values (JSON-safe). */
  extraKeys: Record<string, unknown>;
  tags: string[];
  tagsInferred: boolean;
  files: SkillFileEntry[];
  totalBytes: number;
  bodyLines: number;
  findings: Finding[];
  listing: Listing;
  /** ISO date (YYYY-MM-DD) the skill last changed. */
  updated: string;
  /** Folder and file name used in archives: the spec name when valid, else the folder name. */
  archiveName: string;
  /** Size and SHA-256 of each archive layout, computed once when the package is read. */
  archives: Record<ZipLayout, { size: number; sha256: string }>;
  /** Portability aside, what the skill costs in context and what it may do (src/lib/trust/). */
  trust: TrustReport;
}

/** Text files larger than this are not scanned for trust findings (and say so). */
const SCAN_MAX_BYTES = 1024 * 1024;

/** A skill left out of the site, with the reason. */
export interface ExcludedSkill {
  id: string;
  publisher: string;
  slug: string;
  file: string;
  reason: string;
  line?: number | undefined;
  findings: Finding[];
}

export type SkillReadResult = { ok: true; skill: SkillRecord } | { ok: false; excluded: ExcludedSkill };

/** Finds the skill file in a package folder: `SKILL.md`, else a lower-case `skill.md`. */
export function findSkillFile(dir: string): string | undefined {
  const names = readdirSync(dir);
  return names.includes('SKILL.md') ? 'SKILL.md' : names.find((n) => n.toLowerCase() === 'skill.md');
}

/** Reads, checks and summarises one package folder `content/skills/<publisher>/<slug>/`. */
export function readSkillPackage(dir: string, publisher: string, slug: string, limits: PackageLimits = DEFAULT_LIMITS): SkillReadResult {
  const id = `${publisher}/${slug}`;
  const skillFile = findSkillFile(dir) ?? 'SKILL.md';
  const exclude = (reason: string, findings: Finding[], line?: number): SkillReadResult => ({
    ok: false,
    excluded: { id, publisher, slug, file: skillFile, reason, line, findings },
  });

  const skillPath = join(dir, skillFile);
  let raw: string;
  try {
    if (!existsSync(skillPath)) {
      const isLink = (() => { try { return lstatSync(skillPath).isSymbolicLink(); } catch { return false; } })();
      return exclude(isLink ? `${skillFile} is a symbolic link to a file that does not exist.` : 'The folder has no SKILL.md.', []);
    }
    raw = readFileSync(skillPath, 'utf8');
  } catch (error) {
    return exclude(`${skillFile} cannot be read: ${(error as Error).message}`, []);
  }

  const parsed = parseSkillFile(raw, skillFile);
  if (isUnreadable(parsed)) return exclude(parsed.error, parsed.findings, parsed.line);
  const checked = checkSpec(parsed, slug, skillFile);
  if (!checked.ok) return exclude(checked.reason, checked.findings, checked.line);

  const { files, findings: fileFindings } = listPackageFiles(dir, limits);
  const fileSet = new Set(files.map((f) => f.path));
  const listing = readListing(dir);
  const { frontmatter } = checked;
  const archiveName = NAME_PATTERN.test(frontmatter.name) && frontmatter.name.length <= 64 ? frontmatter.name : slug.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'skill';
  const license = frontmatter.license ?? listing.listing.license;
  const version = textOf(parsed.data['version']) ?? frontmatter.metadata['version'];
  // The same inputs as buildArchive() in src/data/archives.ts, so both produce the same bytes.
  const manifest = pluginManifest(archiveName, frontmatter.description, version, license);
  const archives = Object.fromEntries(
    (['folder', 'root', 'plugin'] as const).map((layout) => {
      const { size, sha256 } = buildSkillZip(files, layout, archiveName, manifest);
      return [layout, { size, sha256 }];
    }),
  ) as SkillRecord['archives'];
  const texts: TextFile[] = [];
  const unscanned: Finding[] = [];
  for (const file of files) {
    if (file.kind !== 'text') continue;
    if (file.size > SCAN_MAX_BYTES) {
      unscanned.push({ rule: 'not-scanned', severity: 'info', file: file.path, message: 'This text file is over 1 MB and was not scanned for trust findings.' });
      continue;
    }
    texts.push({ path: file.path, text: normaliseText(readFileSync(file.source, 'utf8')).text });
  }
  const trust = analyseTrust({ name: frontmatter.name, description: frontmatter.description, body: parsed.body, allowedTools: frontmatter.allowedTools, files, texts });
  const { tags, inferred } = resolveTags(parsed.data, frontmatter.metadata, frontmatter.name, frontmatter.description, parsed.body);
  const findings = [
    ...checked.findings,
    ...fileFindings,
    ...listing.findings,
    ...checkLicenseFile(frontmatter.license, fileSet, skillFile, parsed.keyLines['license']),
    ...findBrokenLinks(parsed.body, parsed.bodyStartLine, skillFile, fileSet),
    ...unscanned,
  ];

  return {
    ok: true,
    skill: {
      id,
      publisher,
      slug,
      skillFile,
      name: frontmatter.name,
      description: frontmatter.description,
      whenToUse: whenToUse(parsed.data, frontmatter.metadata, frontmatter.description),
      license,
      compatibility: frontmatter.compatibility,
      version,
      metadata: frontmatter.metadata,
      allowedTools: frontmatter.allowedTools,
      extraKeys: JSON.parse(JSON.stringify(frontmatter.extraKeys)) as Record<string, unknown>,
      tags,
      tagsInferred: inferred,
      files: files.map(({ path, size, kind, executable }) => ({ path, size, kind, executable })),
      totalBytes: files.reduce((sum, f) => sum + f.size, 0),
      bodyLines: countLines(parsed.body),
      findings,
      listing: listing.listing,
      updated: listing.listing.updated ?? listing.listing.source?.commitDate?.slice(0, 10) ?? newestFileDate(files.map((f) => f.path), dir),
      archiveName,
      archives,
      trust,
    },
  };
}

/** "When to use" text: the skill's own `when_to_use`, else the description from its "Use when…" clause. */
export function whenToUse(data: Record<string, unknown>, metadata: Record<string, string>, description: string): string {
  const explicit = textOf(data['when_to_use']) ?? textOf(data['when-to-use']) ?? metadata['when_to_use'];
  if (explicit) return explicit;
  const match = /\b(?:use (?:this skill |this |it )?(?:when|for|whenever|if)|trigger(?:s|ed)? when)\b[\s\S]*/i.exec(description);
  return match ? match[0].charAt(0).toUpperCase() + match[0].slice(1) : description;
}

/** The plugin.json written into plugin-layout archives, from the skill's own frontmatter. */
export function pluginManifest(name: string, description: string, version?: string, license?: string): PluginManifest {
  return {
    name,
    description,
    ...(version && /^\d+\.\d+\.\d+/.test(version) ? { version } : {}),
    ...(license && license.length < 64 ? { license } : {}),
  };
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function checkLicenseFile(license: string | undefined, files: Set<string>, skillFile: string, line?: number): Finding[] {
  if (!license) return [];
  const named = /(?:^|\s)([\w.-]+\.(?:txt|md))\b/i.exec(license)?.[1];
  if (!named || files.has(named)) return [];
  return [{ rule: 'license-file-missing', severity: 'warning', file: skillFile, line, message: `The licence refers to ${named}, which is not in the package.` }];
}

const linkParser = new MarkdownIt({ html: false, linkify: false });

/** Relative links and images in the body that point at no file of the package. */
export function findBrokenLinks(body: string, bodyStartLine: number, file: string, files: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const tokens = linkParser.parse(body, {});
  const bodyLines = body.split('\n');
  // Inline tokens only know their paragraph's first line: find the line that holds the link target.
  const lineOf = (target: string, map: [number, number] | null): number | undefined => {
    if (!map) return undefined;
    for (let i = map[0]; i < map[1]; i += 1) if (bodyLines[i]?.includes(target)) return bodyStartLine + i;
    return bodyStartLine + map[0];
  };
  for (const token of tokens) {
    if (token.type !== 'inline') continue;
    for (const child of token.children ?? []) {
      const attr = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (attr === null || attr === '') continue;
      const target = String(attr);
      const link = resolvePackageLink(file, target, files);
      if (link.type === 'missing') {
        findings.push({ rule: 'broken-link', severity: 'warning', file, line: lineOf(target, token.map), message: `The link to "${link.path}" points at no file in the package.` });
      }
    }
  }
  return findings;
}

function newestFileDate(paths: string[], dir: string): string {
  let newest = 0;
  for (const path of paths) newest = Math.max(newest, lstatSync(join(dir, path)).mtimeMs);
  return new Date(newest || Date.now()).toISOString().slice(0, 10);
}
