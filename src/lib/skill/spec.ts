import type { Finding } from './findings.ts';
import type { ParsedSkillFile } from './frontmatter.ts';

/** The only frontmatter keys the Agent Skills spec (and claude.ai uploads) accept. */
export const SPEC_KEYS = [
  'name',
  'description',
  'license',
  'compatibility',
  'metadata',
  'allowed-tools',
] as const;

/** Spec limits, in one place for the loader, the checks and the docs. */
export const SPEC_LIMITS = {
  nameMax: 64,
  descriptionMax: 1024,
  compatibilityMax: 500,
  bodyLinesMax: 500,
  bodyTokensMax: 5000,
} as const;

/** Lowercase letters, digits and single inner hyphens. */
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The frontmatter after spec checks, normalised for display. */
export interface SkillFrontmatter {
  name: string;
  description: string;
  license?: string | undefined;
  compatibility?: string | undefined;
  metadata: Record<string, string>;
  allowedTools: string[];
  /** Keys outside the spec, with their values, in file order. */
  extraKeys: Record<string, unknown>;
}

/** A checked skill file: its normalised frontmatter and every rule it breaks. */
export type SpecResult =
  | { ok: true; frontmatter: SkillFrontmatter; findings: Finding[] }
  | { ok: false; reason: string; line?: number | undefined; findings: Finding[] };

/** Checks parsed SKILL.md frontmatter against the Agent Skills rules; lenient where clients are. */
export function checkSpec(
  parsed: ParsedSkillFile,
  folderName: string,
  fileName = 'SKILL.md',
): SpecResult {
  const { data, keyLines } = parsed;
  const findings: Finding[] = [...parsed.findings];
  const at = (rule: string, severity: Finding['severity'], message: string, key?: string): void => {
    findings.push({
      rule,
      severity,
      file: fileName,
      line: key ? keyLines[key] : undefined,
      message,
    });
  };

  if (fileName !== 'SKILL.md') {
    at(
      'skill-file-name',
      'warning',
      `The file is named ${fileName}; the spec requires SKILL.md in capitals and some agents will not find it in the repository. Downloads from this site name it SKILL.md.`,
    );
  }

  const description = asText(data['description']);
  if (!description) {
    const line = keyLines['description'];
    return {
      ok: false,
      reason:
        data['description'] === undefined
          ? 'The frontmatter has no description, so agents cannot know when to use the skill.'
          : 'The description is empty, so agents cannot know when to use the skill.',
      line,
      findings,
    };
  }
  if (description.length > SPEC_LIMITS.descriptionMax) {
    at(
      'description-too-long',
      'error',
      `The description is ${description.length} characters; the spec allows at most ${SPEC_LIMITS.descriptionMax}.`,
      'description',
    );
  }
  if (/[<>]/.test(description)) {
    at(
      'description-angle-brackets',
      'warning',
      'The description contains < or >; claude.ai uploads and Anthropic\u2019s packager reject that.',
      'description',
    );
  }

  const rawName = data['name'];
  const name = asText(rawName) ?? folderName;
  if (rawName === undefined || asText(rawName) === undefined) {
    at(
      'name-missing',
      'error',
      `The frontmatter has ${rawName === undefined ? 'no' : 'an empty'} name; the folder name "${folderName}" is used instead.`,
      rawName === undefined ? undefined : 'name',
    );
  } else if (name.length > SPEC_LIMITS.nameMax || !NAME_PATTERN.test(name)) {
    at(
      'name-format',
      'error',
      `The name "${name}" must be 1\u2013${SPEC_LIMITS.nameMax} lowercase letters, digits and single hyphens, not starting or ending with a hyphen.`,
      'name',
    );
  }
  if (asText(rawName) !== undefined && name !== folderName) {
    at(
      'name-folder-mismatch',
      'warning',
      `The name "${name}" differs from its folder "${folderName}"; the spec requires them to match.`,
      'name',
    );
  }

  const license = asText(data['license']);
  const compatibility = asText(data['compatibility']);
  if (data['compatibility'] !== undefined) {
    if (!compatibility)
      at(
        'compatibility-empty',
        'error',
        'The compatibility field is empty; remove it or say what the skill needs.',
        'compatibility',
      );
    else if (compatibility.length > SPEC_LIMITS.compatibilityMax) {
      at(
        'compatibility-too-long',
        'error',
        `The compatibility text is ${compatibility.length} characters; the spec allows at most ${SPEC_LIMITS.compatibilityMax}.`,
        'compatibility',
      );
    }
  }

  const metadata = readMetadata(data['metadata'], parsed.plainNonStrings, at);
  const allowedTools = readAllowedTools(
    parsed.plainNonStrings.has('allowed-tools') && data['allowed-tools'] !== ''
      ? Number.NaN
      : data['allowed-tools'],
    at,
  );

  const extraKeys: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if ((SPEC_KEYS as readonly string[]).includes(key)) continue;
    extraKeys[key] = data[key];
    at(
      'non-spec-key',
      'warning',
      `"${key}" is not an Agent Skills key: Claude Code ignores or uses it, but claude.ai uploads and the Skills API reject the skill.`,
      key,
    );
  }

  const bodyLines = countLines(parsed.body);
  if (bodyLines > SPEC_LIMITS.bodyLinesMax) {
    findings.push({
      rule: 'body-too-long',
      severity: 'warning',
      file: fileName,
      line: parsed.bodyStartLine + SPEC_LIMITS.bodyLinesMax,
      message: `The body is ${bodyLines} lines; the guidance is under ${SPEC_LIMITS.bodyLinesMax}. Move detail into references/ files.`,
    });
  }

  return {
    ok: true,
    frontmatter: { name, description, license, compatibility, metadata, allowedTools, extraKeys },
    findings,
  };
}

type Report = (rule: string, severity: Finding['severity'], message: string, key?: string) => void;

function readMetadata(
  value: unknown,
  plainNonStrings: Set<string>,
  at: Report,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    at(
      'metadata-not-map',
      'error',
      'metadata must be a map of string keys to string values.',
      'metadata',
    );
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    const isString = typeof entry === 'string' && !plainNonStrings.has(`metadata.${key}`);
    if (!isString) {
      const kind =
        entry === null || entry === ''
          ? 'empty'
          : typeof entry === 'object'
            ? 'a list or map'
            : typeof entry === 'string'
              ? 'read as a date, number or boolean by YAML 1.1 parsers'
              : `a ${typeof entry}`;
      at(
        'metadata-not-string',
        'warning',
        `metadata.${key} is ${kind}; the spec requires string values. Quote it.`,
        'metadata',
      );
    }
    out[key] =
      typeof entry === 'string'
        ? entry
        : entry === null
          ? ''
          : typeof entry === 'object'
            ? JSON.stringify(entry)
            : String(entry);
  }
  return out;
}

function readAllowedTools(value: unknown, at: Report): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    at(
      'allowed-tools-list',
      'warning',
      'allowed-tools is a YAML list; the spec expects one space-separated string.',
      'allowed-tools',
    );
    return value.map((tool) => String(tool).trim()).filter(Boolean);
  }
  if (typeof value !== 'string') {
    at(
      'allowed-tools-type',
      'error',
      'allowed-tools must be a space-separated string of tool names.',
      'allowed-tools',
    );
    return [];
  }
  return splitTools(value);
}

/** Splits `Bash(git:*) Read Write` into tools, keeping parenthesised arguments whole. */
export function splitTools(value: string): string[] {
  const tools: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of value) {
    if (char === '(') depth += 1;
    if (char === ')') depth = Math.max(0, depth - 1);
    if ((char === ' ' || char === ',' || char === '\n' || char === '\t') && depth === 0) {
      if (current) tools.push(current);
      current = '';
    } else current += char;
  }
  if (current) tools.push(current);
  return tools;
}

/** Lines of text, not counting a final line break. */
export function countLines(text: string): number {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = (
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : ''
  ).trim();
  return text === '' ? undefined : text;
}
