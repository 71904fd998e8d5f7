import MarkdownIt from 'markdown-it';
import type { Finding } from './findings.ts';
import { formatBytes } from '../shared/format.ts';
import { isUnreadable, normaliseText, parseSkillFile } from './frontmatter.ts';
import { resolvePackageLink } from './links.ts';
import { parseListing, type Listing } from './listing.ts';
import { decodeText } from './classify.ts';
import { packageManifestDigest } from './manifest.ts';
import { DEFAULT_LIMITS, type PackageLimits } from './select.ts';
import { readSnapshot, type PackageSnapshot } from './snapshot.ts';
import type { FileSource } from './source.ts';
import { checkSpec, countLines, NAME_PATTERN } from './spec.ts';
import { assessClient } from './clients.ts';
import { fixForClaudeAi } from './client-fix.ts';
import { resolveTags } from './tags.ts';
import { pageStartLines } from '../shared/source-pages.ts';
import { scannableTexts } from '../trust/binary.ts';
import { analyseTrust, type TextFile, type TrustReport } from '../trust/report.ts';
import {
  buildSkillZips,
  type BuiltZip,
  type PluginManifest,
  type ZipLayout,
} from '../publish/zip.ts';

/** Largest SKILL.md read: the spec asks for under 500 lines; 1 MB leaves room for long lines and references inline. */
export const MAX_SKILL_FILE_BYTES = 1024 * 1024;

/** A file of a listed package, as the catalogue records it (no absolute paths). */
export interface SkillFileEntry {
  path: string;
  size: number;
  kind: 'text' | 'binary';
  executable: boolean;
  /** SHA-256 of the bytes, lower-case hex: the same file on the page, in the scan and in every archive. */
  sha256: string;
  /** True when the text is not valid UTF-8 and the site shows undecodable bytes as U+FFFD. */
  lossy?: boolean;
  /** The first line of each page of a long text file's source (see shared/source-pages.ts). */
  pages?: number[];
}

/** Everything the catalogue keeps about a listed skill: small metadata, never the body. */
export interface SkillRecord {
  id: string;
  publisher: string;
  slug: string;
  /** `SKILL.md`, or `skill.md` for packages that use lower case. */
  skillFile: string;
  /** The name shown: the spec `name` when valid, else the folder name (see displayName in lib/publish/identity.ts). */
  name: string;
  /** The `name` as written in the frontmatter, when the catalogue shows another. */
  specName?: string | undefined;
  description: string;
  whenToUse: string;
  license?: string | undefined;
  compatibility?: string | undefined;
  version?: string | undefined;
  metadata: Record<string, string>;
  allowedTools: string[];
  /** Non-spec frontmatter keys with their values (JSON-safe). */
  extraKeys: Record<string, unknown>;
  /** The line of each top-level frontmatter key in the skill file, for messages that point at it. */
  keyLines?: Record<string, number> | undefined;
  tags: string[];
  tagsInferred: boolean;
  files: SkillFileEntry[];
  /** Digest of the package manifest (src/lib/skill/manifest.ts): what this record describes, exactly. */
  manifest: string;
  totalBytes: number;
  bodyLines: number;
  findings: Finding[];
  listing: Listing;
  /** ISO date (YYYY-MM-DD) the skill last changed: read as the newest file date, then set by the site's date rules (src/data/skills.ts). */
  updated: string;
  /** Folder and file name used in archives: the spec name when valid, else the folder name. */
  archiveName: string;
  /** Size and SHA-256 of each archive layout, computed once when the package is read. */
  archives: Record<ZipLayout, { size: number; sha256: string }>;
  /** Portability aside, what the skill costs in context and what it may do (src/lib/trust/). */
  trust: TrustReport;
  /** Where the build cache keeps this package's outputs (src/data/package-cache.ts); set by the loader. */
  cacheKey?: string | undefined;
  /** The version installs point at when the operator holds one (site.json `hold`); set by the catalogue. */
  installFrom?: HeldVersion | undefined;
  /** The "fixed for claude.ai" archive, when claude.ai refuses the package only for mechanical reasons. */
  claudeAiFix?: ClaudeAiFix | undefined;
}

/** A version other than the latest that installs point at (site.json `hold`). */
export interface HeldVersion {
  id: string;
  label?: string | undefined;
  archiveName: string;
  archives: Record<ZipLayout, { size: number; sha256: string }>;
}

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

export type SkillReadResult =
  { ok: true; skill: SkillRecord } | { ok: false; excluded: ExcludedSkill };

/** Finds the skill file among a package's paths: `SKILL.md`, else a root file named so in another case. */
export function findSkillFile(paths: readonly string[]): string | undefined {
  return paths.includes('SKILL.md')
    ? 'SKILL.md'
    : paths.find((p) => !p.includes('/') && p.toLowerCase() === 'skill.md');
}

/** What analysing a package yields: the record, and the archives built from the same bytes. */
export type PackageAnalysis =
  | { ok: true; skill: SkillRecord; zips: PackageZips; snapshot: PackageSnapshot }
  | { ok: false; excluded: ExcludedSkill };

/** The three archives, and the claude.ai archive this site fixed when it offers one. */
export type PackageZips = Record<ZipLayout, BuiltZip> & { 'claude-ai'?: BuiltZip | undefined };

/** A claude.ai archive changed by this site (src/lib/skill/client-fix.ts): what changed, and its own scan. */
export interface ClaudeAiFix {
  changes: string[];
  archive: { size: number; sha256: string };
  /** The changed package's manifest digest: outside the version id, which names the publisher's bytes. */
  manifest: string;
  files: number;
  verdict: TrustReport['verdict'];
}

/** Options that are not in the package: the build's date, for the trust report's "checked on". */
export interface AnalysisOptions {
  /** ISO date of the build ("now"); defaults to the newest file date. */
  date?: string | undefined;
  /** The text of the package's listing sidecar, when it has one (read by the caller). */
  sidecar?: string | undefined;
  /** False for a package this site changed itself: it is not fixed again. */
  fix?: boolean | undefined;
}

/** Reads a package through its source and analyses it. */
export function analyseSource(
  source: FileSource,
  publisher: string,
  slug: string,
  limits: PackageLimits = DEFAULT_LIMITS,
  options: AnalysisOptions = {},
): PackageAnalysis {
  const snapshot = readSnapshot(source, limits);
  if (!snapshot.ok) {
    return {
      ok: false,
      excluded: {
        id: `${publisher}/${slug}`,
        publisher,
        slug,
        file: snapshot.file,
        reason: snapshot.reason,
        findings: [],
      },
    };
  }
  return analysePackage(snapshot.snapshot, publisher, slug, options);
}

/**
 * Checks and summarises a package snapshot: frontmatter and spec, links, trust scan of every file,
 * context cost, and the three archives — all from the snapshot's bytes, so what the page lists, what
 * the scan read and what the archives ship are the same files.
 */
export function analysePackage(
  snapshot: PackageSnapshot,
  publisher: string,
  slug: string,
  options: AnalysisOptions = {},
): PackageAnalysis {
  const id = `${publisher}/${slug}`;
  const { files } = snapshot;
  const paths = files.map((f) => f.path);
  const skillFile = findSkillFile(paths) ?? 'SKILL.md';
  const exclude = (reason: string, findings: Finding[], line?: number): PackageAnalysis => ({
    ok: false,
    excluded: { id, publisher, slug, file: skillFile, reason, line, findings },
  });
  const skill = files.find((f) => f.path === skillFile);
  if (!skill) {
    const left = snapshot.findings.find((f) => f.file.toLowerCase() === 'skill.md');
    if (!left) return exclude('The folder has no SKILL.md.', snapshot.findings);
    const why: Record<string, string> = {
      'symlink-dangling': `${skillFile} is a symbolic link to a file that does not exist.`,
      'symlink-escape': `${skillFile} is a symbolic link to a file outside the package; links are never followed out of a package.`,
    };
    return exclude(
      why[left.rule] ?? `${skillFile} is not published: ${left.message}`,
      snapshot.findings,
    );
  }
  if (skill.size > MAX_SKILL_FILE_BYTES)
    return exclude(
      `${skillFile} is ${formatBytes(skill.size)}, over the ${formatBytes(MAX_SKILL_FILE_BYTES)} a skill file may have.`,
      [],
    );

  const parsed = parseSkillFile(decodeText(skill.bytes).text, skillFile);
  if (isUnreadable(parsed)) return exclude(parsed.error, parsed.findings, parsed.line);
  const checked = checkSpec(parsed, slug, skillFile);
  if (!checked.ok) return exclude(checked.reason, checked.findings, checked.line);

  const fileSet = new Set(paths);
  const listing = parseListing(options.sidecar, `../${slug}.listing.json`);
  const { frontmatter } = checked;
  const archiveName =
    NAME_PATTERN.test(frontmatter.name) && frontmatter.name.length <= 64
      ? frontmatter.name
      : slug
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'skill';
  const license = frontmatter.license ?? listing.listing.license;
  const version = textOf(parsed.data['version']) ?? frontmatter.metadata['version'];
  const manifest = pluginManifest(archiveName, frontmatter.description, license);
  const layouts = ['folder', 'root', 'plugin'] as const;
  const zips: PackageZips = buildSkillZips(files, layouts, archiveName, manifest);
  const archives = Object.fromEntries(
    layouts.map((layout) => [layout, { size: zips[layout].size, sha256: zips[layout].sha256 }]),
  ) as SkillRecord['archives'];

  const texts: TextFile[] = [];
  const derived: TextFile[] = [];
  const lossy: string[] = [];
  const pageStarts = new Map<string, number[]>();
  const coverageNotes: string[] = [];
  for (const file of files) {
    if (file.kind === 'text') {
      const decoded = decodeText(file.bytes);
      if (decoded.lossy) lossy.push(file.path);
      const { text } = normaliseText(decoded.text);
      texts.push({ path: file.path, text });
      const starts = pageStartLines(text);
      if (starts) pageStarts.set(file.path, starts);
      continue;
    }
    const scannable = scannableTexts(file.path, file.bytes);
    derived.push(...scannable.texts);
    if (!scannable.complete)
      coverageNotes.push(
        ...(scannable.notes.length
          ? scannable.notes
          : [`${file.path} could not be scanned completely.`]),
      );
  }
  const manifestDigest = packageManifestDigest(files);
  const trust = analyseTrust({
    name: frontmatter.name,
    description: frontmatter.description,
    body: parsed.body,
    allowedTools: frontmatter.allowedTools,
    files,
    texts,
    derived,
    coverageNotes,
    checked: { manifest: manifestDigest, date: options.date ?? isoDay(snapshot.newestMtimeMs) },
  });
  const { tags, inferred } = resolveTags(
    parsed.data,
    frontmatter.metadata,
    frontmatter.name,
    frontmatter.description,
    parsed.body,
  );
  const findings = [
    ...checked.findings,
    ...snapshot.findings,
    ...listing.findings,
    ...checkLicenseFile(frontmatter.license, fileSet, skillFile, parsed.keyLines['license']),
    ...findBrokenLinks(parsed.body, parsed.bodyStartLine, skillFile, fileSet),
    ...lossy.map((file): Finding => ({
      rule: 'not-utf8',
      severity: 'warning',
      file,
      message:
        'This text file is not valid UTF-8: the site shows the undecodable bytes as �, but the download has them as they are.',
    })),
  ];
  const lossySet = new Set(lossy);

  const record: SkillRecord = {
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
    keyLines: parsed.keyLines,
    tags,
    tagsInferred: inferred,
    files: files.map(({ path, size, kind, executable, sha256 }) => ({
      path,
      size,
      kind,
      executable,
      sha256,
      ...(lossySet.has(path) ? { lossy: true } : {}),
      ...(pageStarts.has(path) ? { pages: pageStarts.get(path)! } : {}),
    })),
    manifest: manifestDigest,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    bodyLines: countLines(parsed.body),
    findings,
    listing: listing.listing,
    // The newest file date; the site applies the operator's date rules (git, trusted sidecars) on top.
    updated: isoDay(snapshot.newestMtimeMs),
    archiveName,
    archives,
    trust,
  };
  const fixed =
    options.fix === false ? undefined : claudeAiFix(record, snapshot, publisher, slug, options);
  if (fixed) {
    record.claudeAiFix = fixed.fix;
    zips['claude-ai'] = fixed.zip;
  }
  return { ok: true, snapshot, zips, skill: record };
}

/** The fixed claude.ai archive, when the fixes make claude.ai accept the package (rescanned as a package of its own). */
function claudeAiFix(
  skill: SkillRecord,
  snapshot: PackageSnapshot,
  publisher: string,
  slug: string,
  options: AnalysisOptions,
): { fix: ClaudeAiFix; zip: BuiltZip } | undefined {
  const fix = fixForClaudeAi(assessClient(skill, 'claude-ai'), snapshot, skill.skillFile);
  if (!fix) return undefined;
  const again = analysePackage(fix.snapshot, publisher, slug, { ...options, fix: false });
  if (!again.ok || assessClient(again.skill, 'claude-ai').status === 'refused') return undefined;
  const zip = again.zips.folder;
  return {
    zip,
    fix: {
      changes: fix.changes,
      archive: { size: zip.size, sha256: zip.sha256 },
      manifest: again.skill.manifest,
      files: again.skill.files.length,
      verdict: again.skill.trust.verdict,
    },
  };
}

/** "When to use" text: the skill's own `when_to_use`, else the description from its "Use when…" clause. */
export function whenToUse(
  data: Record<string, unknown>,
  metadata: Record<string, string>,
  description: string,
): string {
  const explicit =
    textOf(data['when_to_use']) ?? textOf(data['when-to-use']) ?? metadata['when_to_use'];
  if (explicit) return explicit;
  const match =
    /\b(?:use (?:this skill |this |it )?(?:when|for|whenever|if)|trigger(?:s|ed)? when)\b[\s\S]*/i.exec(
      description,
    );
  return match ? match[0].charAt(0).toUpperCase() + match[0].slice(1) : description;
}

/**
 * The plugin.json written into plugin-layout archives, from the skill's own frontmatter. It has no
 * `version`: Claude Code would take a fixed one as the plugin's version and never offer an update
 * when the archive changes; without one it versions the plugin by the archive's digest.
 */
export function pluginManifest(
  name: string,
  description: string,
  license?: string,
): PluginManifest {
  return {
    name,
    description,
    ...(license && license.length < 64 ? { license } : {}),
  };
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function checkLicenseFile(
  license: string | undefined,
  files: Set<string>,
  skillFile: string,
  line?: number,
): Finding[] {
  if (!license) return [];
  const named = /(?:^|\s)([\w.-]+\.(?:txt|md))\b/i.exec(license)?.[1];
  if (!named || files.has(named)) return [];
  return [
    {
      rule: 'license-file-missing',
      severity: 'warning',
      file: skillFile,
      line,
      message: `The licence refers to ${named}, which is not in the package.`,
    },
  ];
}

const linkParser = new MarkdownIt({ html: false, linkify: false });

/** Relative links and images in the body that point at no file of the package. */
export function findBrokenLinks(
  body: string,
  bodyStartLine: number,
  file: string,
  files: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  const tokens = linkParser.parse(body, {});
  const bodyLines = body.split('\n');
  // Inline tokens only know their paragraph's first line: find the line that holds the link target.
  const lineOf = (target: string, map: [number, number] | null): number | undefined => {
    if (!map) return undefined;
    for (let i = map[0]; i < map[1]; i += 1)
      if (bodyLines[i]?.includes(target)) return bodyStartLine + i;
    return bodyStartLine + map[0];
  };
  for (const token of tokens) {
    if (token.type !== 'inline') continue;
    for (const child of token.children ?? []) {
      const attr =
        child.type === 'link_open'
          ? child.attrGet('href')
          : child.type === 'image'
            ? child.attrGet('src')
            : null;
      if (attr === null || attr === '') continue;
      const target = String(attr);
      const link = resolvePackageLink(file, target, files);
      if (link.type === 'missing') {
        findings.push({
          rule: 'broken-link',
          severity: 'warning',
          file,
          line: lineOf(target, token.map),
          message: `The link to "${link.path}" points at no file in the package.`,
        });
      }
    }
  }
  return findings;
}

function isoDay(ms: number): string {
  return new Date(ms || 0).toISOString().slice(0, 10);
}
