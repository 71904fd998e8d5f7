import type { SkillRecord } from '../skill/package.ts';
import { tagLabel } from '../skill/tags.ts';
import { versionId } from '../versions/version.ts';
import { installArchive } from './install-endpoints.ts';
import { skillUrl } from '../shared/urls.ts';
import { trimChars } from '../shared/text.ts';

/**
 * `/.well-known/ai-catalog.json`: the catalogue in the Agentic Resource Discovery format (ARD 0.9,
 * ai-catalog `specVersion` 1.0), which agent finders crawl. Each skill is an entry of type
 * `application/agent-skills+zip` pointing at its root-layout archive, with 2–5 representative queries
 * drawn from the description's "Use when …" clause and the tags (a skill without them is left out)
 * and, for imported skills, where it was published from. The file is capped in bytes: featured skills
 * and collection members first, then the most recently updated.
 */

/** The ai-catalog media type of an Agent Skills archive (ARD's list of discovery types). */
export const SKILL_ZIP_TYPE = 'application/agent-skills+zip';
/** Largest ai-catalog.json written: a crawler reads it whole. */
export const AI_CATALOG_MAX_BYTES = 4 * 1024 * 1024;

const TRIGGER =
  /\b(?:use (?:this skill |this |it )?(?:when|for|whenever|if)|trigger(?:s|ed)? when)\b:?/i;
const MAX_QUERY_WORDS = 16;

/** Natural-language queries a person might type to find the skill: 2–5, or none when it has too little to go on. */
export function representativeQueries(
  skill: Pick<SkillRecord, 'name' | 'description' | 'tags'> & { whenToUse?: string | undefined },
): string[] {
  // The skill's own when_to_use first, else the description's "Use when…" clause.
  const text = [skill.whenToUse, skill.description].find((t) => t && TRIGGER.test(t));
  const match = text ? TRIGGER.exec(text) : null;
  if (!text || !match) return [];
  const rest = text.slice(match.index + match[0].length);
  const sentence = rest.split(/\.(?:\s|$)/)[0] ?? '';
  const parts = sentence
    .split(/;|,? or |, when /)
    .map((part) => cleanQuery(part))
    .filter((part) => {
      const words = part.split(' ').length;
      return words >= 2 && words <= MAX_QUERY_WORDS;
    });
  if (parts.length === 0) return [];
  const name = skill.name.replace(/[-_]+/g, ' ').trim();
  const tagged = skill.tags.slice(0, 2).map((tag) => `${name} for ${tagLabel(tag).toLowerCase()}`);
  const queries = [...new Set([...parts.slice(0, 3), ...tagged])].slice(0, 5);
  return queries.length >= 2 ? queries : [];
}

/** A clause part as a query: no leading "the user asks to" or "when", no trailing punctuation. */
function cleanQuery(part: string): string {
  const lead = [
    /^(?:the |a )?users? (?:asks?|wants?|needs?)(?: you)?(?: to| for)? /i,
    /^(?:you (?:need|want)(?: to)?|asked to|when|whenever|if) /i,
  ];
  let text = part.replace(/\s+/g, ' ').trim();
  for (let changed = true; changed;) {
    const before = text;
    for (const pattern of lead) text = text.replace(pattern, '');
    changed = text !== before;
  }
  text = trimChars(text, ' \t,:;!?)', 'end');
  // Lower-case the first letter of a sentence, not of an acronym ("CI fails" stays).
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** What one entry needs beyond the record: the publisher's name, the install name, the site's origin. */
export interface AiCatalogInput {
  skill: SkillRecord;
  publisherName: string;
  installName: string;
  origin: string;
  base: string;
}

/** One skill's ai-catalog entry, or undefined when it has no representative queries. */
export function aiCatalogEntry(input: AiCatalogInput): object | undefined {
  const { skill, origin, base } = input;
  const queries = representativeQueries(skill);
  if (queries.length === 0) return undefined;
  const abs = (path: string): string => new URL(path, origin).href;
  const archive = installArchive(skill, 'root');
  const source = skill.listing.source;
  const provenance = source?.repository
    ? [
        {
          relation: 'publishedFrom',
          sourceId: `${source.repository}${source.path ? `/${source.path}` : ''}${source.commit ? `@${source.commit}` : ''}`,
          ...(source.manifest ? { sourceDigest: `sha256:${source.manifest}` } : {}),
        },
      ]
    : [];
  const page = abs(skillUrl(skill.publisher, skill.slug, base));
  return {
    identifier: `urn:air:${new URL(origin).hostname}:skills:${input.installName}`,
    displayName: skill.name,
    type: SKILL_ZIP_TYPE,
    url: abs(archive.path),
    description: skill.description,
    tags: skill.tags,
    representativeQueries: queries,
    version: versionId(skill.manifest),
    updatedAt: `${skill.updated}T00:00:00Z`,
    metadata: {
      publisher: input.publisherName,
      page,
      digest: `sha256:${archive.sha256}`,
      trust: skill.trust.verdict,
    },
    trustManifest: {
      identity: page,
      identityType: 'https',
      ...(provenance.length ? { provenance } : {}),
    },
  };
}

/**
 * The whole document: entries in priority order (the caller's), as many as fit in `maxBytes`; says
 * how many skills were listed, left out for lack of queries, and left out by the cap.
 */
export function aiCatalog(
  host: { displayName: string; documentationUrl: string },
  inputs: readonly AiCatalogInput[],
  maxBytes = AI_CATALOG_MAX_BYTES,
): { json: string; listed: number; noQueries: number; capped: number } {
  const head = JSON.stringify({ specVersion: '1.0', host }).slice(0, -1);
  let size = head.length + ',"entries":[]}'.length;
  const entries: string[] = [];
  let noQueries = 0;
  let capped = 0;
  for (const input of inputs) {
    const entry = aiCatalogEntry(input);
    if (!entry) {
      noQueries += 1;
      continue;
    }
    const text = JSON.stringify(entry);
    if (size + text.length + 1 > maxBytes) {
      capped += 1;
      continue;
    }
    size += text.length + (entries.length ? 1 : 0);
    entries.push(text);
  }
  return {
    json: `${head},"entries":[${entries.join(',')}]}\n`,
    listed: entries.length,
    noQueries,
    capped,
  };
}
