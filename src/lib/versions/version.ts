import type { ZipLayout } from '../publish/zip.ts';
import type { SkillRecord } from '../skill/package.ts';
import type { VersionFile } from './file-diff.ts';
import type { VersionTrust } from './trust-diff.ts';

/** Hex characters of the manifest digest that name a version. */
export const VERSION_ID_LENGTH = 12;

/**
 * One version of a skill: what its files were, what it may do and what its archives are. The same
 * shape for today's folder and a past one, made by the same package model (src/lib/skill/).
 */
export interface VersionSummary {
  /** The first 12 hex characters of the manifest digest (independent of any ZIP encoder). */
  id: string;
  /** The whole manifest digest. */
  manifest: string;
  /** `metadata.version` (or a top-level `version`), when the skill sets one. */
  label?: string | undefined;
  /** Why this version is not offered (it breaks the package rules or budgets); then only `id` is meaningful. */
  withheld?: string | undefined;
  /** Folder and file name its archives use (the spec name when valid, else the folder name). */
  archiveName: string;
  files: VersionFile[];
  trust: VersionTrust;
  /** Size and SHA-256 of each archive layout. */
  archives: Record<ZipLayout, { size: number; sha256: string }>;
}

/** A version's id from its manifest digest. */
export function versionId(manifest: string): string {
  return manifest.slice(0, VERSION_ID_LENGTH);
}

/** The version label a skill declares: `metadata.version`, else a top-level `version`. */
export function versionLabel(skill: Pick<SkillRecord, 'metadata' | 'version'>): string | undefined {
  const label = skill.metadata['version'] ?? skill.version;
  return label?.trim() ? label.trim() : undefined;
}

/** The version a package analysis describes. */
export function versionOf(skill: SkillRecord): VersionSummary {
  const { trust } = skill;
  return {
    id: versionId(skill.manifest),
    manifest: skill.manifest,
    label: versionLabel(skill),
    archiveName: skill.archiveName,
    files: skill.files.map((f) => ({
      path: f.path,
      mode: f.executable ? '755' : '644',
      sha256: f.sha256,
      size: f.size,
    })),
    trust: {
      verdict: trust.verdict,
      coverage: trust.coverage,
      findings: trust.findings.map((f) => ({
        rule: f.rule,
        category: f.category,
        severity: f.severity,
        file: f.file,
        line: f.line,
        excerpt: f.excerpt,
        message: f.message,
      })),
      allowedTools: [...trust.permissions.allowedTools],
      scripts: trust.permissions.scripts.map((s) => ({
        language: s.language,
        files: [...s.files],
      })),
      tokens: {
        metadata: trust.cost.metadata,
        body: trust.cost.body,
        references: trust.cost.references.reduce((sum, r) => sum + r.tokens, 0),
      },
    },
    archives: skill.archives,
  };
}

/** A past version that breaks the package rules or budgets: listed by its folder's key, with the reason. */
export function withheldVersion(folderKey: string, reason: string): VersionSummary {
  return {
    id: folderKey.slice(0, VERSION_ID_LENGTH),
    manifest: folderKey,
    withheld: reason,
    archiveName: '',
    files: [],
    trust: {
      verdict: 'no-concerns',
      coverage: 'partial',
      findings: [],
      allowedTools: [],
      scripts: [],
      tokens: { metadata: 0, body: 0, references: 0 },
    },
    archives: {
      folder: { size: 0, sha256: '' },
      root: { size: 0, sha256: '' },
      plugin: { size: 0, sha256: '' },
    },
  };
}
