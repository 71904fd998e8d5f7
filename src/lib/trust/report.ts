import { createHash } from 'node:crypto';
import { SPEC_LIMITS } from '../skill/spec.ts';
import { ALL_RULES, RULES_VERSION as RULES_RELEASE, type TrustCategory } from './rules.ts';
import { scanFile, type TrustFinding } from './scan.ts';
import { countTokensBounded as countTokens } from './tokens.ts';

/** The tokenizer used for context costs; Claude's own tokenizer is not public, so counts are approximate. */
export const TOKENIZER = 'o200k_base (gpt-tokenizer)';

/** Overall verdict: `danger` if any finding is danger, `review` if any is a warning, else `no-concerns`. */
export type TrustVerdict = 'no-concerns' | 'review' | 'danger';

/** What loading the skill costs an agent, in tokens. */
export interface ContextCost {
  /** Name and description: loaded at start-up for every installed skill. */
  metadata: number;
  /** The SKILL.md body: loaded when the skill triggers. */
  body: number;
  bodyLines: number;
  /** Reference files: loaded on demand, one at a time. */
  references: { path: string; tokens: number }[];
  /** True when the body is over the spec's guidance (tokens or lines). */
  overGuidance: boolean;
}

/** What the skill may do. */
export interface PermissionSurface {
  allowedTools: string[];
  scripts: { language: string; files: string[] }[];
  /** Count of findings per category, for the summary line. */
  capabilities: Partial<Record<TrustCategory, number>>;
}

/** `full` when every byte of every file was scanned; `partial` when something could not be (see notes). */
export type TrustCoverage = 'full' | 'partial';

/** What a report checked: the exact package (manifest digest), the rules and the date. */
export interface TrustChecked {
  /** SHA-256 of the package manifest (src/lib/skill/manifest.ts). */
  manifest: string;
  /** Version of the rules: a digest of every rule's id, severity, scope and pattern. */
  rulesVersion: string;
  /** ISO date (YYYY-MM-DD) of the check. */
  date: string;
}

/** A skill's trust report. */
export interface TrustReport {
  verdict: TrustVerdict;
  coverage: TrustCoverage;
  /** Why coverage is partial: one sentence per file or archive that could not be read completely. */
  coverageNotes: string[];
  checked: TrustChecked;
  findings: TrustFinding[];
  cost: ContextCost;
  permissions: PermissionSurface;
}

/** A text file of the package handed to the analysis. */
export interface TextFile {
  path: string;
  text: string;
}

const SCRIPT_LANGUAGES: Record<string, string> = {
  py: 'Python',
  sh: 'Shell',
  bash: 'Shell',
  zsh: 'Shell',
  js: 'JavaScript',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  ts: 'TypeScript',
  rb: 'Ruby',
  pl: 'Perl',
  php: 'PHP',
  ps1: 'PowerShell',
  psm1: 'PowerShell',
  bat: 'Batch',
  cmd: 'Batch',
  go: 'Go',
  rs: 'Rust',
  java: 'Java',
  cs: 'C#',
  lua: 'Lua',
  r: 'R',
  swift: 'Swift',
  kt: 'Kotlin',
};

/** The documented rule behind the verdict, shown on every skill page. */
export const VERDICT_RULE =
  'Danger if any finding is marked danger; review if any is a warning; no concerns otherwise. Informational findings never change the verdict.';

/** Derives the verdict from findings by VERDICT_RULE. */
export function verdictOf(findings: readonly { severity: string }[]): TrustVerdict {
  if (findings.some((f) => f.severity === 'danger')) return 'danger';
  if (findings.some((f) => f.severity === 'warning')) return 'review';
  return 'no-concerns';
}

/** True for files an agent loads as reading material on demand (not scripts, not assets). */
export function isReference(path: string): boolean {
  return (
    path.startsWith('references/') ||
    (/\.(?:md|markdown|txt)$/i.test(path) &&
      !/^skill\.md$/i.test(path) &&
      !path.startsWith('assets/') &&
      !path.startsWith('scripts/'))
  );
}

/** What analyseTrust reads: the package's texts, the text found inside its binaries, and what it could not read. */
export interface TrustInput {
  name: string;
  description: string;
  body: string;
  allowedTools: string[];
  files: readonly { path: string; kind: 'text' | 'binary' }[];
  /** Every text file of the package, decoded. */
  texts: readonly TextFile[];
  /** Text recovered from binaries and archive members (`archive.zip!member`). */
  derived?: readonly TextFile[] | undefined;
  coverageNotes?: readonly string[] | undefined;
  checked: { manifest: string; date: string };
}

/**
 * The rules a report ran: their release (bumped by hand) and a digest of every rule's id, severity,
 * scope and patterns, so a report changes its version even when a release bump is forgotten.
 */
export const RULES_VERSION = `${RULES_RELEASE}.${createHash('sha256')
  .update(
    JSON.stringify(
      ALL_RULES.map((r) => [
        r.id,
        r.severity,
        r.scope,
        'pattern' in r ? String(r.pattern) : '',
        'unless' in r ? String(r.unless ?? '') : '',
      ]),
    ),
  )
  .digest('hex')
  .slice(0, 8)}`;

/** Analyses a package: findings in every file, context cost and permission surface. */
export function analyseTrust(input: TrustInput): TrustReport {
  const findings = [...input.texts, ...(input.derived ?? [])].flatMap((file) =>
    scanFile(file.path, file.text),
  );
  const coverageNotes = [...(input.coverageNotes ?? [])];
  const bodyTokens = countTokens(input.body);
  const bodyLines = input.body.replace(/\n$/, '').split('\n').length;
  const references = input.texts
    .filter((f) => isReference(f.path))
    .map((f) => ({ path: f.path, tokens: countTokens(f.text) }));

  const byLanguage = new Map<string, string[]>();
  for (const file of input.files) {
    if (!file.path.startsWith('scripts/')) continue;
    const ext = file.path.split('.').pop()?.toLowerCase() ?? '';
    const language = SCRIPT_LANGUAGES[ext] ?? (file.kind === 'binary' ? 'Binary' : 'Other');
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), file.path]);
  }
  const capabilities: Partial<Record<TrustCategory, number>> = {};
  for (const f of findings) capabilities[f.category] = (capabilities[f.category] ?? 0) + 1;

  return {
    verdict: verdictOf(findings),
    coverage: coverageNotes.length ? 'partial' : 'full',
    coverageNotes,
    checked: { ...input.checked, rulesVersion: RULES_VERSION },
    findings,
    cost: {
      metadata: countTokens(`name: ${input.name}\ndescription: ${input.description}`),
      body: bodyTokens,
      bodyLines,
      references,
      overGuidance: bodyTokens > SPEC_LIMITS.bodyTokensMax || bodyLines > SPEC_LIMITS.bodyLinesMax,
    },
    permissions: {
      allowedTools: input.allowedTools,
      scripts: [...byLanguage]
        .map(([language, files]) => ({ language, files }))
        .sort((a, b) => a.language.localeCompare(b.language)),
      capabilities,
    },
  };
}
