import { RULE_DOCS, type RuleDoc } from '../lib/trust/rule-docs.ts';
import {
  ALL_RULES,
  CATEGORY_LABELS,
  type TrustCategory,
  type TrustSeverity,
} from '../lib/trust/rules.ts';

/** A trust rule as its page shows it: the rule's facts and its documentation. */
export interface TrustRuleView extends RuleDoc {
  severity: TrustSeverity;
  message: string;
}

/** Every trust rule, grouped by category in report order. */
export function getTrustRules(): {
  category: TrustCategory;
  label: string;
  rules: TrustRuleView[];
}[] {
  return (Object.keys(CATEGORY_LABELS) as TrustCategory[])
    .map((category) => ({
      category,
      label: CATEGORY_LABELS[category],
      rules: ALL_RULES.filter((r) => r.category === category).flatMap((r) => {
        const doc = RULE_DOCS[r.id];
        return doc ? [{ ...doc, severity: r.severity, message: r.message }] : [];
      }),
    }))
    .filter((group) => group.rules.length > 0);
}
