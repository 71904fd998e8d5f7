import { countFindings, type Severity } from '../lib/skill/findings.ts';
import type { ExcludedSkill } from '../lib/skill/package.ts';
import type { TrustVerdict } from '../lib/trust/report.ts';
import { skillUrl } from '../lib/shared/urls.ts';
import { getExcludedSkills, getSkills } from './skills.ts';

/** A listed skill as the health page names it: id, link to its page, and what it is listed for. */
export interface HealthEntry {
  id: string;
  url: string;
  verdict: TrustVerdict;
  counts: Record<Severity, number>;
}

/** What the catalogue health page (`/report/`) shows. */
export interface CatalogueHealth {
  listed: number;
  excluded: ExcludedSkill[];
  /** Spec findings over every listed skill. */
  totals: Record<Severity, number>;
  verdicts: Record<TrustVerdict, number>;
  /** Listed skills whose trust verdict is not "no concerns", by id. */
  flagged: HealthEntry[];
  /** Listed skills with spec errors or warnings, by id. */
  withFindings: HealthEntry[];
}

/** Counts, trust verdicts and the skills left out or listed with findings, for the health page. */
export async function getCatalogueHealth(): Promise<CatalogueHealth> {
  const [skills, excluded] = await Promise.all([getSkills(), getExcludedSkills()]);
  const entries = skills.map((skill) => ({
    id: skill.id,
    url: skillUrl(skill.publisher, skill.slug),
    verdict: skill.trust.verdict,
    counts: countFindings(skill.findings),
  }));
  const verdicts: Record<TrustVerdict, number> = { 'no-concerns': 0, review: 0, danger: 0 };
  for (const entry of entries) verdicts[entry.verdict] += 1;
  return {
    listed: skills.length,
    excluded,
    totals: countFindings(skills.flatMap((s) => s.findings)),
    verdicts,
    flagged: entries.filter((e) => e.verdict !== 'no-concerns'),
    withFindings: entries.filter((e) => e.counts.error + e.counts.warning > 0),
  };
}
