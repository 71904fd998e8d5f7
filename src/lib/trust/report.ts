import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { SPEC_LIMITS } from '../spec.ts';
import type { TrustCategory } from './rules.ts';
import { scanFile, type TrustFinding } from './scan.ts';

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

/** A skill's trust report. */
export interface TrustReport {
  verdict: TrustVerdict;
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
  py: 'Python', sh: 'Shell', bash: 'Shell', zsh: 'Shell', js: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', ts: 'TypeScript',
  rb: 'Ruby', pl: 'Perl', php: 'PHP', ps1: 'PowerShell', psm1: 'PowerShell', bat: 'Batch', cmd: 'Batch', go: 'Go', rs: 'Rust',
  java: 'Java', cs: 'C#', lua: 'Lua', r: 'R', swift: 'Swift', kt: 'Kotlin',
};

/** The documented rule behind the verdict, shown on every skill page. */
export const VERDICT_RULE = 'Danger if any finding is marked danger; review if any is a warning; no concerns otherwise. Informational findings never change the verdict.';

/** Derives the verdict from findings by VERDICT_RULE. */
export function verdictOf(findings: readonly { severity: string }[]): TrustVerdict {
  if (findings.some((f) => f.severity === 'danger')) return 'danger';
  if (findings.some((f) => f.severity === 'warning')) return 'review';
  return 'no-concerns';
}

/** True for files an agent loads as reading material on demand (not scripts, not assets). */
export function isReference(path: string): boolean {
  return path.startsWith('references/') || (/\.(?:md|markdown|txt)$/i.test(path) && !/^skill\.md$/i.test(path) && !path.startsWith('assets/') && !path.startsWith('scripts/'));
}

/** Analyses a package: findings in every text file, context cost and permission surface. */
export function analyseTrust(input: { name: string; description: string; body: string; allowedTools: string[]; files: readonly { path: string; kind: 'text' | 'binary' }[]; texts: readonly TextFile[] }): TrustReport {
  const findings = input.texts.flatMap((file) => scanFile(file.path, file.text));
  const bodyTokens = countTokens(input.body);
  const bodyLines = input.body.replace(/\n$/, '').split('\n').length;
  const references = input.texts.filter((f) => isReference(f.path)).map((f) => ({ path: f.path, tokens: countTokens(f.text) }));

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
      scripts: [...byLanguage].map(([language, files]) => ({ language, files })).sort((a, b) => a.language.localeCompare(b.language)),
      capabilities,
    },
  };
}
