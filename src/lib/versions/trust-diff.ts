import type { TrustCategory } from '../trust/rules.ts';
import type { TrustCoverage, TrustVerdict } from '../trust/report.ts';

/**
 * What a version may do and what it costs, as each version's data carries it: enough to say what an
 * update changes (here, in the build, and in the browser for "from the version you have").
 * Browser-safe: no Node imports.
 */
export interface VersionTrust {
  verdict: TrustVerdict;
  coverage: TrustCoverage;
  findings: VersionFinding[];
  allowedTools: string[];
  scripts: { language: string; files: string[] }[];
  /** Tokens an agent loads: name and description, the SKILL.md body, every reference file. */
  tokens: { metadata: number; body: number; references: number };
}

export interface VersionFinding {
  rule: string;
  category: TrustCategory;
  severity: 'info' | 'warning' | 'danger';
  file: string;
  line: number;
  excerpt: string;
  message: string;
}

/** A capability the trust diff names on its own line when it appears or goes away. */
export const WATCHED: readonly { category: TrustCategory; label: string }[] = [
  { category: 'network', label: 'network access' },
  { category: 'remote-code', label: 'running downloaded code' },
  { category: 'secrets', label: 'secrets in the package' },
  { category: 'credentials', label: 'reading credentials' },
  { category: 'exfiltration', label: 'sending data out' },
  { category: 'hidden-text', label: 'hidden text' },
  { category: 'injection', label: 'instructions aimed at the agent' },
  { category: 'destructive', label: 'destructive commands' },
  { category: 'persistence', label: 'persistence' },
  { category: 'obfuscation', label: 'obfuscated code' },
];

/** What changed in what a skill may do between two versions (`from` → `to`). */
export interface TrustDiff {
  verdict: { from: TrustVerdict; to: TrustVerdict };
  coverage: { from: TrustCoverage; to: TrustCoverage };
  /** Findings in `to` that `from` did not have, and those `from` had that `to` has not. */
  appeared: VersionFinding[];
  disappeared: VersionFinding[];
  tools: { added: string[]; removed: string[] };
  languages: { added: string[]; removed: string[] };
  scripts: { added: string[]; removed: string[] };
  /** Watched capabilities that appeared (`gained`) or went away (`lost`). */
  gained: TrustCategory[];
  lost: TrustCategory[];
  tokens: { from: number; to: number };
}

/** A finding's identity across versions: its rule, file and matched text (line numbers move). */
export const findingKey = (f: VersionFinding): string => `${f.rule}\0${f.file}\0${f.excerpt}`;

function minus<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  // A multiset difference: two equal findings in `a` and one in `b` leave one.
  const left = new Map<string, number>();
  for (const x of b) left.set(key(x), (left.get(key(x)) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(key(x)) ?? 0;
    if (n > 0) left.set(key(x), n - 1);
    return n === 0;
  });
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const setDiff = (
  a: readonly string[],
  b: readonly string[],
): { added: string[]; removed: string[] } => ({
  added: sorted(b.filter((x) => !a.includes(x))),
  removed: sorted(a.filter((x) => !b.includes(x))),
});

const total = (t: VersionTrust['tokens']): number => t.metadata + t.body + t.references;

/**
 * What an update from `from` to `to` changes in what the skill may do: findings that appeared or
 * went away, allowed tools, script languages and files, the watched capabilities, and the context
 * cost. Across several versions this is the diff of the two ends: what the newer one does that the
 * older one did not, whatever happened in between.
 */
export function trustDiff(from: VersionTrust, to: VersionTrust): TrustDiff {
  const categories = (v: VersionTrust): Set<TrustCategory> =>
    new Set(v.findings.filter((f) => f.severity !== 'info').map((f) => f.category));
  const before = categories(from);
  const after = categories(to);
  const watched = WATCHED.map((w) => w.category);
  return {
    verdict: { from: from.verdict, to: to.verdict },
    coverage: { from: from.coverage, to: to.coverage },
    appeared: minus(to.findings, from.findings, findingKey),
    disappeared: minus(from.findings, to.findings, findingKey),
    tools: setDiff(from.allowedTools, to.allowedTools),
    languages: setDiff(
      from.scripts.map((s) => s.language),
      to.scripts.map((s) => s.language),
    ),
    scripts: setDiff(
      from.scripts.flatMap((s) => s.files),
      to.scripts.flatMap((s) => s.files),
    ),
    gained: watched.filter((c) => after.has(c) && !before.has(c)),
    lost: watched.filter((c) => before.has(c) && !after.has(c)),
    tokens: { from: total(from.tokens), to: total(to.tokens) },
  };
}

/** True when an update changes nothing in what the skill may do (its text may still change). */
export function isQuiet(diff: TrustDiff): boolean {
  return (
    diff.verdict.from === diff.verdict.to &&
    diff.coverage.from === diff.coverage.to &&
    !diff.appeared.length &&
    !diff.disappeared.length &&
    !diff.tools.added.length &&
    !diff.tools.removed.length &&
    !diff.languages.added.length &&
    !diff.languages.removed.length &&
    !diff.scripts.added.length &&
    !diff.scripts.removed.length &&
    !diff.gained.length &&
    !diff.lost.length
  );
}
