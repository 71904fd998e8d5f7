import { CLIENTS, type ClientId } from '../skill/clients.ts';
import { tagLabel } from '../skill/tags.ts';

/** The fields of an `/api/skills.json` entry a catalogue card needs (see apiSummary in install-endpoints.ts). */
export interface ApiSummary {
  id: string;
  name: string;
  publisher: { id: string; name: string };
  description: string;
  tags: string[];
  license: string | null;
  updated: string;
  url: string;
  fileCount: number;
  scripts: boolean;
  claudeAi: boolean;
  /** The clients it loads in (src/lib/skill/clients.ts); absent in an `api/skills.json` written before. */
  loadsIn?: ClientId[] | undefined;
  /** Spec-check counts; absent in an `api/skills.json` written before they were added. */
  findingCounts?: { errors: number; warnings: number } | undefined;
  trust: { verdict: 'no-concerns' | 'review' | 'danger'; coverage: 'full' | 'partial' };
}

/** A catalogue card as a small Pagefind custom record. */
export interface CardRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

const VERDICT_FILTER = {
  'no-concerns': 'no concerns',
  review: 'review',
  danger: 'danger',
} as const;

/**
 * A skill's card record for the catalogue filters, built from catalogue data (never read back from
 * page HTML, where a skill's own text could pose as an attribute). Its fragment is a few hundred
 * bytes, where full-text fragments hold the whole page.
 */
export function cardRecord(url: string, skill: ApiSummary): CardRecord {
  // Pagefind reads `key:value`; commas and colons would split a value, so they are replaced.
  const clean = (value: string): string => value.replace(/[,:]/g, ' ').trim();
  return {
    url,
    content: `${skill.name} ${skill.description}`,
    language: 'en',
    meta: {
      title: skill.name,
      description: skill.description,
      publisher: skill.publisher.name,
      publisher_url: skill.publisher.id,
      tags: skill.tags.map(tagLabel).join(' · '),
      tag_slugs: skill.tags.join(' '),
      updated: skill.updated,
      files: String(skill.fileCount),
      verdict: skill.trust.verdict,
      coverage: skill.trust.coverage,
      errors: String(skill.findingCounts?.errors ?? 0),
      warnings: String(skill.findingCounts?.warnings ?? 0),
    },
    filters: {
      tag: skill.tags.map(clean),
      publisher: [clean(skill.publisher.name)],
      license: [clean(skill.license ?? 'Not stated') || 'Not stated'],
      scripts: [skill.scripts ? 'yes' : 'no'],
      trust: [VERDICT_FILTER[skill.trust.verdict]],
      loads: (skill.loadsIn ?? []).flatMap((id) => (CLIENTS[id] ? [CLIENTS[id].label] : [])),
    },
    sort: { name: skill.name, updated: skill.updated },
  };
}
