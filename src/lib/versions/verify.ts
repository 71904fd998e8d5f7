import type { DigestFile } from './digest-index.ts';
import { isOsJunk, withLfEndings, withoutGhMetadata } from './normalise.ts';
import { trustDiff, type TrustDiff, type VersionTrust } from './trust-diff.ts';

/**
 * "Check your copy": which skill and version a folder or archive is, and how it differs from it.
 * Browser-safe (Web Crypto, no Node imports); the page is src/pages/verify.astro.
 */

/** One file of the copy, by its path inside the package. */
export interface CopyFile {
  path: string;
  sha256: string;
  /** The digest with CRLF line endings made LF, when that differs (a Windows checkout). */
  lfSha256?: string | undefined;
}

/** A version as versions.json gives it (the fields the check reads). */
export interface VersionData {
  id: string;
  label?: string | undefined;
  date: string | null;
  current: boolean;
  withdrawn?: boolean | undefined;
  withheld?: string | undefined;
  files?: { path: string; mode: string; sha256: string; size: number }[] | undefined;
  verdict?: VersionTrust['verdict'];
  coverage?: VersionTrust['coverage'];
  tokens?: VersionTrust['tokens'];
  allowedTools?: string[];
  scripts?: VersionTrust['scripts'];
  findings?: VersionTrust['findings'];
}

/**
 * The package paths of a dropped folder or archive, whatever its layout: one top folder
 * (`name/SKILL.md`), flat (`SKILL.md` at the root) or a plugin (`.claude-plugin/plugin.json` or
 * Agent Plugins' root `plugin.json`, + `skills/<name>/…`). OS junk is left out. Returns original path →
 * package path.
 */
export function packagePaths(paths: readonly string[]): Map<string, string> {
  const kept = paths.map((p) => p.replace(/^\/+/, '')).filter((p) => p && !isOsJunk(p));
  const strip = (prefix: string): Map<string, string> =>
    new Map(
      kept.filter((p) => p.startsWith(prefix)).map((p) => [p, p.slice(prefix.length)] as const),
    );
  // A plugin: the skill folder under skills/, possibly below one top folder.
  // Claude Code's manifest, or Agent Plugins 1.0's at the plugin root.
  const manifest = kept
    .map((p) => /^(.*?)(?:\.claude-plugin\/)?plugin\.json$/.exec(p))
    .find((m) => m && (m[1] === '' || m[1]!.endsWith('/')));
  if (manifest) {
    const root = manifest[1]!;
    const skill = kept.find((p) =>
      new RegExp(`^${escape(root)}skills/[^/]+/SKILL\\.md$`, 'i').test(p),
    );
    if (skill) return strip(skill.slice(0, skill.lastIndexOf('/') + 1));
  }
  if (kept.some((p) => /^skill\.md$/i.test(p))) return strip('');
  const tops = new Set(kept.map((p) => p.split('/')[0]));
  if (tops.size === 1) {
    const top = `${[...tops][0]!}/`;
    return strip(top);
  }
  return strip('');
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Digests of a copy's files as the catalogue would have published them: the lines `gh skill
 * install` adds to SKILL.md removed, and for text with CRLF line endings also the LF digest.
 */
export async function digestCopy(
  entries: readonly { path: string; bytes: Uint8Array }[],
): Promise<{ files: CopyFile[]; ghMetadata: boolean }> {
  let ghMetadata = false;
  const files = await Promise.all(
    entries.map(async ({ path, bytes }): Promise<CopyFile> => {
      let text: string | undefined;
      try {
        text = utf8.decode(bytes);
      } catch {
        text = undefined;
      }
      let content = bytes;
      if (text !== undefined && /^skill\.md$/i.test(path)) {
        const cleaned = withoutGhMetadata(text);
        if (cleaned !== text) {
          ghMetadata = true;
          text = cleaned;
          content = new TextEncoder().encode(cleaned);
        }
      }
      const digest = await sha256(content);
      const lf = text !== undefined && text.includes('\r\n') ? withLfEndings(text) : undefined;
      return {
        path,
        sha256: digest,
        ...(lf !== undefined ? { lfSha256: await sha256(new TextEncoder().encode(lf)) } : {}),
      };
    }),
  );
  return { files, ghMetadata };
}

/** The lookup files (by name) a copy's digests fall in. */
export function lookupNames(files: readonly CopyFile[], prefix: number): string[] {
  return [
    ...new Set(
      files.flatMap((f) => [f.sha256, f.lfSha256].filter(Boolean).map((d) => d!.slice(0, prefix))),
    ),
  ];
}

/** The skill and version sharing the most files with the copy (a tie goes to the newer version listed first). */
export function bestMatch(
  files: readonly CopyFile[],
  lookups: readonly DigestFile[],
): { skill: string; id: string; overlap: number } | undefined {
  const merged: DigestFile = Object.assign({}, ...lookups) as DigestFile;
  const overlap = new Map<string, number>();
  for (const file of files) {
    const hits = merged[file.sha256] ?? (file.lfSha256 ? merged[file.lfSha256] : undefined) ?? [];
    for (const [skill, ...ids] of hits)
      for (const id of ids) {
        const key = `${skill!}\0${id}`;
        overlap.set(key, (overlap.get(key) ?? 0) + 1);
      }
  }
  let best: { skill: string; id: string; overlap: number } | undefined;
  for (const [key, count] of overlap) {
    const [skill = '', id = ''] = key.split('\0');
    if (!best || count > best.overlap) best = { skill, id, overlap: count };
  }
  return best;
}

/** How a copy differs from the version it is, and what updating it to the latest would change. */
export interface CopyReport {
  version: VersionData;
  latest: VersionData;
  /** Offered versions newer than the copy's. */
  behind: number;
  modified: string[];
  added: string[];
  missing: string[];
  /** Files equal to the version's once their CRLF line endings are made LF. */
  lineEndings: string[];
  /** What updating from the copy's version to the latest changes (absent when it is the latest). */
  trust?: TrustDiff | undefined;
}

const trustOf = (v: VersionData): VersionTrust => ({
  verdict: v.verdict ?? 'no-concerns',
  coverage: v.coverage ?? 'full',
  findings: v.findings ?? [],
  allowedTools: v.allowedTools ?? [],
  scripts: v.scripts ?? [],
  tokens: v.tokens ?? { metadata: 0, body: 0, references: 0 },
});

/** Compares a copy with version `id` of a skill (versions newest first, as versions.json lists them). */
export function compareCopy(
  files: readonly CopyFile[],
  versions: readonly VersionData[],
  id: string,
): CopyReport | undefined {
  const index = versions.findIndex((v) => v.id === id);
  const version = versions[index];
  const offered = versions.filter((v) => !v.withdrawn && !v.withheld);
  const latest = offered[0];
  if (!version || !latest) return undefined;
  const published = new Map((version.files ?? []).map((f) => [f.path, f.sha256]));
  const report: CopyReport = {
    version,
    latest,
    behind: offered.filter((v) => versions.indexOf(v) < index).length,
    modified: [],
    added: [],
    missing: [],
    lineEndings: [],
  };
  for (const file of files) {
    const expected = published.get(file.path);
    published.delete(file.path);
    if (expected === undefined) report.added.push(file.path);
    else if (expected === file.sha256) continue;
    else if (file.lfSha256 === expected) report.lineEndings.push(file.path);
    else report.modified.push(file.path);
  }
  report.missing.push(...published.keys());
  for (const list of [report.modified, report.added, report.missing, report.lineEndings])
    list.sort();
  if (latest.id !== version.id) report.trust = trustDiff(trustOf(version), trustOf(latest));
  return report;
}
