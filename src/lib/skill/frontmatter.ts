import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Finding } from './findings.ts';

/** The result of reading a SKILL.md: its frontmatter data, body and where things sit. */
export interface ParsedSkillFile {
  /** Top-level frontmatter keys and their values; every scalar is kept as written (a string), so `1.10` stays `1.10`. */
  data: Record<string, unknown>;
  /** 1-based line of each top-level key in the file. */
  keyLines: Record<string, number>;
  /** Keys whose plain (unquoted) scalar values look like numbers, booleans or dates. */
  plainNonStrings: Set<string>;
  /** The Markdown after the frontmatter, with LF line endings. */
  body: string;
  /** 1-based file line on which the body starts. */
  bodyStartLine: number;
  /** Problems met while reading, e.g. a recovered YAML error. */
  findings: Finding[];
}

/** Why a SKILL.md could not be read at all; such a skill is left out of the site. */
export interface UnreadableSkillFile {
  error: string;
  line?: number | undefined;
  column?: number | undefined;
  findings: Finding[];
}

const OPEN = /^---[ \t]*$/;
/** Largest frontmatter read: the spec's keys fit in a few kilobytes, and agents load it for every installed skill. */
export const MAX_FRONTMATTER_CHARS = 64 * 1024;
/** Most alias uses resolved in the frontmatter: more is a "billion laughs" expansion, not metadata. */
export const MAX_YAML_ALIASES = 50;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** Strips a byte-order mark and normalises CRLF/CR line endings to LF. */
export function normaliseText(raw: string): { text: string; hadBom: boolean; hadCrlf: boolean } {
  const hadBom = raw.charCodeAt(0) === 0xfeff;
  const noBom = hadBom ? raw.slice(1) : raw;
  const hadCrlf = noBom.includes('\r');
  return { text: hadCrlf ? noBom.replace(/\r\n?/g, '\n') : noBom, hadBom, hadCrlf };
}

/**
 * Where the frontmatter fences are in a file's lines: `open` is the first non-blank line (leading
 * blank lines are tolerated, as most clients do), `close` the closing fence, or `lines.length`.
 */
export function findFences(lines: readonly string[]): { open: number; close: number } {
  let open = 0;
  while (open < lines.length && lines[open]!.trim() === '') open += 1;
  let close = open + 1;
  while (close < lines.length && !CLOSE.test(lines[close]!)) close += 1;
  return { open, close };
}

/** Parses SKILL.md text tolerantly: BOM, CRLF and the common unquoted-colon YAML slip are recovered. */
export function parseSkillFile(
  raw: string,
  file = 'SKILL.md',
): ParsedSkillFile | UnreadableSkillFile {
  const { text, hadBom, hadCrlf } = normaliseText(raw);
  const findings: Finding[] = [];
  if (hadBom) {
    findings.push({
      rule: 'byte-order-mark',
      severity: 'info',
      file,
      line: 1,
      message:
        'The file starts with a byte-order mark; it was ignored, but some tools choke on it.',
    });
  }
  if (hadCrlf) {
    findings.push({
      rule: 'crlf-line-endings',
      severity: 'info',
      file,
      message: 'The file uses Windows (CRLF) line endings; they were read as plain line breaks.',
    });
  }
  if (text.trim() === '') return { error: 'The file is empty.', findings };

  const lines = text.split('\n');
  const { open, close } = findFences(lines);
  if (open > 0 && OPEN.test(lines[open] ?? ''))
    findings.push({
      rule: 'blank-lines-before-frontmatter',
      severity: 'warning',
      file,
      line: 1,
      message: `The file starts with ${open === 1 ? 'a blank line' : `${open} blank lines`} before the opening ---; clients that expect --- on the first line (the skills CLI) find no frontmatter.`,
    });
  if (!OPEN.test(lines[open] ?? '')) {
    return {
      error: 'No YAML frontmatter: the file must start with a line of three dashes (---).',
      line: open + 1,
      findings,
    };
  }
  if (close >= lines.length) {
    return {
      error:
        'The frontmatter is never closed: add a line of three dashes (---) after the last key.',
      line: open + 1,
      findings,
    };
  }

  const yamlLines = lines.slice(open + 1, close);
  const yamlBytes = yamlLines.reduce((sum, line) => sum + line.length + 1, 0);
  if (yamlBytes > MAX_FRONTMATTER_CHARS) {
    return {
      error: `The frontmatter is ${yamlBytes.toLocaleString('en-US')} characters long, over the ${MAX_FRONTMATTER_CHARS.toLocaleString('en-US')} a skill's metadata may take (agents load it for every installed skill).`,
      line: open + 1,
      findings,
    };
  }
  const firstYamlLine = open + 2;
  let parsed = parseYaml(yamlLines.join('\n'));
  if (parsed.errorLine !== undefined) {
    const repaired = quotePlainValuesWithColons(yamlLines);
    const retry = repaired.changed ? parseYaml(repaired.lines.join('\n')) : parsed;
    const line = firstYamlLine + parsed.errorLine - 1;
    if (retry.errorLine !== undefined) {
      return {
        error: `Invalid YAML in the frontmatter: ${parsed.message}`,
        line,
        column: parsed.errorColumn,
        findings,
      };
    }
    findings.push({
      rule: 'yaml-recovered',
      severity: 'warning',
      file,
      line,
      message: `Invalid YAML (${parsed.message}); it was read by quoting values that contain a colon. Quote such values, or strict clients will refuse the skill.`,
    });
    parsed = retry;
  }

  const keyLines: Record<string, number> = {};
  for (const [key, line] of Object.entries(parsed.keyLines))
    keyLines[key] = firstYamlLine + line - 1;
  return {
    data: parsed.data,
    keyLines,
    plainNonStrings: parsed.plainNonStrings,
    body: lines.slice(close + 1).join('\n'),
    bodyStartLine: close + 2,
    findings,
  };
}

interface YamlResult {
  data: Record<string, unknown>;
  keyLines: Record<string, number>;
  plainNonStrings: Set<string>;
  errorLine?: number;
  errorColumn?: number;
  message?: string;
}

const NON_STRING_PLAIN =
  /^(?:[-+]?\d[\d_]*(?:\.\d+)?(?:e[-+]?\d+)?|true|false|yes|no|on|off|null|~|\d{4}-\d{2}-\d{2}(?:[Tt ][\d:.]+(?:Z|[-+]\d{2}:?\d{2})?)?)$/i;

function parseYaml(source: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    schema: 'failsafe',
  });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    return {
      data: {},
      keyLines: {},
      plainNonStrings: new Set(),
      errorLine: pos.line,
      errorColumn: pos.col,
      message: error.message.split('\n')[0] ?? 'parse error',
    };
  }
  const keyLines: Record<string, number> = {};
  const plainNonStrings = new Set<string>();
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    return {
      data: {},
      keyLines,
      plainNonStrings,
      errorLine: 1,
      message: 'the frontmatter is not a map of keys to values',
    };
  }
  for (const item of contents?.items ?? []) {
    if (!isScalar(item.key)) continue;
    const key = String(item.key.value);
    if (item.key.range) keyLines[key] = lineCounter.linePos(item.key.range[0]).line;
    collectPlainNonStrings(key, item.value, plainNonStrings);
  }
  let data: Record<string, unknown>;
  try {
    data = (doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    // yaml throws when aliases expand past maxAliasCount (an exponential "billion laughs" document).
    return {
      data: {},
      keyLines: {},
      plainNonStrings: new Set(),
      errorLine: 1,
      message: `the YAML could not be expanded (${(error as Error).message.split('\n')[0]}); at most ${MAX_YAML_ALIASES} alias uses are read`,
    };
  }
  return { data, keyLines, plainNonStrings };
}

/** Records `key` (or `key.sub` inside a map) whose plain scalar a YAML 1.1 parser would not read as a string. */
function collectPlainNonStrings(key: string, value: unknown, out: Set<string>): void {
  if (isScalar(value)) {
    const raw: unknown = value.source ?? value.value;
    const source =
      typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
        ? String(raw)
        : '';
    if (value.type === 'PLAIN' && (source === '' || NON_STRING_PLAIN.test(source))) out.add(key);
    return;
  }
  if (isMap(value)) {
    for (const item of value.items) {
      if (isScalar(item.key))
        collectPlainNonStrings(`${key}.${String(item.key.value)}`, item.value, out);
    }
  }
}

/** Quotes `key: value` lines whose unquoted value holds `: `, the most common broken YAML in SKILL.md files. */
export function quotePlainValuesWithColons(lines: readonly string[]): {
  lines: string[];
  changed: boolean;
} {
  let changed = false;
  const out = lines.map((line) => {
    const match = /^(\s*[\w.-]+:[ \t]+)(\S.*)?$/.exec(line);
    if (!match) return line;
    const head = match[1]!;
    const value = match[2] ?? '';
    const trimmed = value.trim();
    if (trimmed === '' || /^["'[{|>&*!#]/.test(trimmed) || !/:(\s|$)/.test(trimmed)) return line;
    changed = true;
    return `${head}${JSON.stringify(trimmed)}`;
  });
  return { lines: out, changed };
}

/** True when the parse failed and the skill cannot be listed. */
export function isUnreadable(
  result: ParsedSkillFile | UnreadableSkillFile,
): result is UnreadableSkillFile {
  return 'error' in result;
}
