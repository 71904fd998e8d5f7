/** Severity of a finding: errors break the spec, warnings hurt portability, info is advice. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found in a skill package, pointing at a file and (where known) a line. */
export interface Finding {
  /** Stable rule id, e.g. `name-format`. */
  rule: string;
  severity: Severity;
  /** Path relative to the package root, e.g. `SKILL.md` or `references/api.md`. */
  file: string;
  /** 1-based line number in that file, when the rule can point at one. */
  line?: number | undefined;
  /** One plain sentence a non-expert understands. */
  message: string;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts findings by severity, then file, then line, so reports read top-down. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

/** Counts findings per severity. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
