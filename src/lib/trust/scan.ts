import { EXAMPLE_MARKERS, TRUST_RULES, type TrustCategory, type TrustSeverity } from './rules.ts';

/** One trust finding: a rule that matched a line of a file, with the matched text. */
export interface TrustFinding {
  rule: string;
  category: TrustCategory;
  severity: TrustSeverity;
  /** Path relative to the package root. */
  file: string;
  line: number;
  /** The matched text with a little context; invisible characters are spelled out. Escape before display. */
  excerpt: string;
  message: string;
}

/** Longest part of a line the patterns look at. */
const MAX_LINE = 8000;

/** Most findings of one rule reported per file; the rest are summed up in the last one. */
const PER_RULE_PER_FILE = 5;

const MARKDOWN = /\.(?:md|markdown|mdx)$/i;
// Words that address an agent rather than a person filling in a template ("Delete this section" is fine).
const INSTRUCTION_WORDS = /\b(?:ignore|disregard|you\s+are\s+(?:now|an?|the)|assistant|AI|agent|LLM|model|claude|secretly|silently|system\s+prompt|do\s+not\s+(?:tell|mention|reveal|show)|run\s+(?:this|the\s+following)|execute|curl|wget|send|upload|exfiltrate)\b/i;

/** Spells out invisible and control characters so an excerpt shows what is really there. */
export function visible(text: string): string {
  return text.replace(/[\u200B-\u200D\u2060\u180E\uFEFF\u202A-\u202E\u2066-\u2069]|[\u{E0000}-\u{E007F}]/gu, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

function excerptOf(line: string, index: number, length: number): string {
  const start = Math.max(0, index - 30);
  const end = Math.min(line.length, index + Math.max(length, 1) + 50);
  return visible(`${start > 0 ? '…' : ''}${line.slice(start, end).trim()}${end < line.length ? '…' : ''}`).slice(0, 200);
}

/** For Markdown, which lines are inside fenced code blocks (where `code` rules apply). */
function codeLines(lines: readonly string[]): boolean[] {
  const inCode: boolean[] = [];
  let fence: { marker: string; column: number } | undefined;
  for (const line of lines) {
    // Fences may sit in list items ("2. ```sh") and block quotes ("> ```"), at any indentation.
    const found = /^([ \t]*(?:(?:[-*+>]|\d{1,9}[.)])[ \t]*)*)(`{3,}|~{3,})(.*)$/.exec(line);
    // A backtick "fence" whose info string holds a backtick is inline code (```x```), not a fence.
    const marker = found && !(found[2]!.startsWith('`') && found[3]!.includes('`')) ? found[2] : undefined;
    const column = found?.[1]!.length ?? 0;
    if (!fence) {
      if (marker) fence = { marker, column };
      inCode.push(false);
    } else if (marker && marker[0] === fence.marker[0] && marker.length >= fence.marker.length && column <= fence.column + 3 && !found![3]!.trim()) {
      // Only a bare marker, at most 3 columns deeper than the opening one, closes the block.
      fence = undefined;
      inCode.push(false);
    } else inCode.push(true);
  }
  return inCode;
}

/** Scans one text file of a package with every trust rule. */
export function scanFile(path: string, text: string): TrustFinding[] {
  const lines = text.split(/\r?\n/);
  const markdown = MARKDOWN.test(path);
  const inCode = markdown ? codeLines(lines) : lines.map(() => true);
  const findings: TrustFinding[] = [];
  const counts = new Map<string, number>();
  const add = (finding: TrustFinding): void => {
    const seen = (counts.get(finding.rule) ?? 0) + 1;
    counts.set(finding.rule, seen);
    if (seen <= PER_RULE_PER_FILE) findings.push(finding);
  };

  lines.forEach((fullLine, i) => {
    // Patterns run over windows of at most 8,000 characters (overlapping by 1,000), so a hostile
    // megabyte-long line costs linear time and still has every part of it scanned.
    const windows = fullLine.length > MAX_LINE ? Array.from({ length: Math.ceil((fullLine.length - 1000) / (MAX_LINE - 1000)) }, (_, w) => fullLine.slice(w * (MAX_LINE - 1000), w * (MAX_LINE - 1000) + MAX_LINE)) : [fullLine];
    for (const rule of TRUST_RULES) {
      if (rule.scope === 'code' && !inCode[i]) continue;
      for (const line of windows) {
        const match = rule.pattern.exec(line);
        if (!match || rule.unless?.test(line)) continue;
        let { severity, message } = rule;
        if (rule.category === 'secrets' && (EXAMPLE_MARKERS.test(match[0]) || EXAMPLE_MARKERS.test(line))) {
          severity = 'info';
          message = 'Looks like a key, but it is marked as an example or placeholder: not a leak.';
        }
        add({ rule: rule.id, category: rule.category, severity, file: path, line: i + 1, excerpt: excerptOf(line, match.index, match[0].length), message });
        break; // one finding per rule per line
      }
    }
  });
  if (markdown) for (const finding of scanComments(path, text)) add(finding);

  // Tell the reader when a rule fired more often than we list.
  for (const [rule, count] of counts) {
    if (count <= PER_RULE_PER_FILE) continue;
    const last = findings.filter((f) => f.rule === rule).at(-1)!;
    last.message = `${last.message} (${count - PER_RULE_PER_FILE} more in this file.)`;
  }
  return findings;
}

/** HTML comments in Markdown are invisible on rendered pages but read by agents: flag instruction-like ones. */
function scanComments(path: string, text: string): TrustFinding[] {
  const findings: TrustFinding[] = [];
  for (const match of text.matchAll(/<!--([\s\S]*?)-->/g)) {
    const inner = match[1]!.trim();
    // Words inside URLs and file paths (github.com/acme/agent-tools, synced/model-x) address nobody.
    const prose = inner.replace(/\S*\/\S*/g, ' ');
    if (inner.split(/\s+/).length < 4 || !INSTRUCTION_WORDS.test(prose) || /^(?:markdownlint|prettier|eslint|toc|TOC|vale)\b/.test(inner)) continue;
    const line = text.slice(0, match.index).split('\n').length;
    findings.push({ rule: 'hidden-comment', category: 'injection', severity: 'warning', file: path, line, excerpt: visible(inner.replace(/\s+/g, ' ').slice(0, 160)), message: 'An HTML comment gives instructions: it is hidden on rendered pages but the agent reads it.' });
  }
  return findings;
}
