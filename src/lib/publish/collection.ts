import { isUnreadable, parseSkillFile } from '../skill/frontmatter.ts';

/**
 * Collections: an operator's curated sets of skills, `content/collections/<id>.md` with frontmatter
 * `title`, `description` and `skills` (a list of `<publisher>/<skill>`), then a Markdown body. Each
 * becomes a page and one-command installs of the whole set. A collection naming a skill the catalogue
 * does not list is a warning (an error with `npm run check -- --strict`); the skill shows as
 * unavailable and the indexes leave it out. A collection that cannot be read is left out with the
 * reason; it never stops the build.
 */

/** An id: the file name without `.md`, kebab-case (it is a URL segment and a marketplace name part). */
export const COLLECTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ID = 64;
const SKILL_ID = /^[^/\s]+\/[^/\s]+$/;

/** A problem with a collection file, pointing at its line. */
export interface CollectionProblem {
  file: string;
  line?: number | undefined;
  severity: 'error' | 'warning';
  message: string;
}

/** A collection as written. */
export interface CollectionSource {
  id: string;
  file: string;
  title: string;
  description: string;
  /** Skill ids in the operator's order, without repeats. */
  skills: string[];
  /** Line of each skill id in the file (for messages). */
  skillLines: Record<string, number>;
  body: string;
  problems: CollectionProblem[];
}

export type CollectionRead =
  { ok: true; collection: CollectionSource } | { ok: false; problem: CollectionProblem };

/** Reads one collection file; `file` is how messages name it (e.g. `content/collections/x.md`). */
export function parseCollection(fileName: string, file: string, text: string): CollectionRead {
  const refuse = (message: string, line?: number): CollectionRead => ({
    ok: false,
    problem: { file, line, severity: 'error', message: `Left out: ${message}` },
  });
  const id = fileName.replace(/\.md$/, '');
  if (id.length > MAX_ID || !COLLECTION_ID.test(id))
    return refuse(
      `the file name "${fileName}" must be a kebab-case id (lower-case letters, digits, single hyphens, at most ${MAX_ID}) followed by .md.`,
    );
  const parsed = parseSkillFile(text, file);
  if (isUnreadable(parsed)) return refuse(parsed.error, parsed.line);
  const { data, keyLines } = parsed;
  const problems: CollectionProblem[] = [];
  const text_ = (key: string): string | undefined =>
    typeof data[key] === 'string' && data[key].trim() ? data[key].trim() : undefined;
  const title = text_('title');
  if (!title) return refuse('it has no title.', keyLines['title']);
  const list = data['skills'];
  if (!Array.isArray(list))
    return refuse('skills must be a YAML list of <publisher>/<skill> ids.', keyLines['skills']);
  // Each list item's line: the lines after `skills:` that start with "- ".
  const itemLines = listItemLines(text, keyLines['skills']);
  const skills: string[] = [];
  const skillLines: Record<string, number> = {};
  list.forEach((item, index) => {
    const line = itemLines[index];
    const value = typeof item === 'string' ? item.trim() : '';
    if (!SKILL_ID.test(value)) {
      problems.push({
        file,
        line,
        severity: 'warning',
        message: `${JSON.stringify(item)} is not a <publisher>/<skill> id; it is left out.`,
      });
      return;
    }
    if (skills.includes(value)) {
      problems.push({ file, line, severity: 'warning', message: `${value} is listed twice.` });
      return;
    }
    skills.push(value);
    if (line !== undefined) skillLines[value] = line;
  });
  for (const key of Object.keys(data))
    if (!['title', 'description', 'skills'].includes(key))
      problems.push({
        file,
        line: keyLines[key],
        severity: 'warning',
        message: `"${key}" is not a collection key (title, description, skills); it is ignored.`,
      });
  return {
    ok: true,
    collection: {
      id,
      file,
      title,
      description: text_('description') ?? '',
      skills,
      skillLines,
      body: parsed.body,
      problems,
    },
  };
}

/** A collection matched against the catalogue. */
export interface ResolvedCollection<S> {
  source: CollectionSource;
  /** The listed skills, in the collection's order. */
  members: S[];
  /** Skills the collection names that the catalogue does not list, with the reason. */
  unavailable: { id: string; reason: string }[];
  problems: CollectionProblem[];
}

/** Matches a collection's ids against the listed and the left-out skills of the catalogue. */
export function resolveCollection<S>(
  source: CollectionSource,
  listed: ReadonlyMap<string, S>,
  excluded: ReadonlyMap<string, string>,
): ResolvedCollection<S> {
  const members: S[] = [];
  const unavailable: { id: string; reason: string }[] = [];
  const problems = [...source.problems];
  for (const id of source.skills) {
    const skill = listed.get(id);
    if (skill !== undefined) {
      members.push(skill);
      continue;
    }
    const left = excluded.get(id);
    const reason = left
      ? `left out of the catalogue: ${left}`
      : 'not in the catalogue (no such skill)';
    unavailable.push({ id, reason });
    problems.push({
      file: source.file,
      line: source.skillLines[id],
      severity: 'warning',
      message: `${id} is ${reason}; the collection lists it as unavailable and its installs leave it out.`,
    });
  }
  return { source, members, unavailable, problems };
}

/** 1-based lines of the `- item` entries of a block list that starts on `keyLine`. */
function listItemLines(text: string, keyLine: number | undefined): number[] {
  if (keyLine === undefined) return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: number[] = [];
  for (let i = keyLine; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (/^\s*-\s/.test(line)) out.push(i + 1);
    else if (/^\S/.test(line) || /^(?:---|\.\.\.)\s*$/.test(line)) break;
  }
  return out;
}
