import {
  DOWNLOAD_THEN_RUN_RULE,
  EXAMPLE_MARKERS,
  HIDDEN_COMMENT_RULE,
  TRUST_RULES,
  type RuleMatch,
  type TrustCategory,
  type TrustRule,
  type TrustSeverity,
} from './rules.ts';
import { trimChars } from '../shared/text.ts';

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
const OVERLAP = 1000;

/** Most findings of one rule reported per file; the rest are summed up in the last one. */
const PER_RULE_PER_FILE = 5;

const MARKDOWN = /\.(?:md|markdown|mdx)$/i;
// Words that address an agent rather than a person filling in a template ("Delete this section" is fine).
const INSTRUCTION_WORDS =
  /\b(?:ignore|disregard|you\s+are\s+(?:now|an?|the)|assistant|AI|agent|LLM|model|claude|secretly|silently|system\s+prompt|do\s+not\s+(?:tell|mention|reveal|show)|run\s+(?:this|the\s+following)|execute|curl|wget|send|upload|exfiltrate)\b/i;

/** Spells out invisible and control characters so an excerpt shows what is really there. */
export function visible(text: string): string {
  return text.replace(
    /[\u200B-\u200D\u2060\u180E\uFEFF\u202A-\u202E\u2066-\u2069]|[\u{E0000}-\u{E007F}]/gu,
    (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

function excerptOf(line: string, index: number, length: number): string {
  const start = Math.max(0, index - 30);
  const end = Math.min(line.length, index + Math.max(length, 1) + 50);
  return visible(
    `${start > 0 ? '…' : ''}${line.slice(start, end).trim()}${end < line.length ? '…' : ''}`,
  ).slice(0, 200);
}

/** How a Markdown line is read: code (fenced or indented block) or prose. */
export type LineKind = 'fence' | 'indented' | 'prose';

const FENCE = /^([ \t]*(?:(?:[-*+>]|\d{1,9}[.)])[ \t]*)*)(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** For Markdown, which lines are code: inside fenced blocks, or indented code blocks (where `code` rules apply). */
export function lineKinds(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let fence: { marker: string; column: number } | undefined;
  let inList = false;
  let previous: LineKind | 'blank' = 'blank';
  for (const line of lines) {
    // Fences may sit in list items ("2. ```sh") and block quotes ("> ```"), at any indentation.
    const found = line.includes('``') || line.includes('~~') ? FENCE.exec(line) : null;
    // A backtick "fence" whose info string holds a backtick is inline code (```x```), not a fence.
    const marker =
      found && !(found[2]!.startsWith('`') && found[3]!.includes('`')) ? found[2] : undefined;
    const column = found?.[1]!.length ?? 0;
    let kind: LineKind;
    if (!fence) {
      const blank = line.trim() === '';
      if (marker) {
        fence = { marker, column };
        kind = 'prose';
      } else if (
        !blank &&
        !inList &&
        (previous === 'blank' || previous === 'indented') &&
        /^(?: {4}|\t)/.test(line)
      )
        kind = 'indented';
      else kind = 'prose';
      // Indented lines inside a list continue the item; a paragraph at the margin ends the list.
      if (LIST_ITEM.test(line)) inList = true;
      else if (!blank && !/^[ \t]/.test(line)) inList = false;
      previous = blank ? (previous === 'indented' ? 'indented' : 'blank') : kind;
    } else if (
      marker &&
      marker[0] === fence.marker[0] &&
      marker.length >= fence.marker.length &&
      column <= fence.column + 3 &&
      !found![3]!.trim()
    ) {
      // Only a bare marker, at most 3 columns deeper than the opening one, closes the block.
      fence = undefined;
      kind = 'prose';
      previous = 'prose';
    } else kind = 'fence';
    kinds.push(kind);
  }
  return kinds;
}

/** Splits text into windows of at most 8,000 characters overlapping by 1,000, with their offsets. */
function windowsOf(text: string): { text: string; offset: number }[] {
  if (text.length <= MAX_LINE) return [{ text, offset: 0 }];
  const step = MAX_LINE - OVERLAP;
  return Array.from({ length: Math.ceil((text.length - OVERLAP) / step) }, (_, w) => ({
    text: text.slice(w * step, w * step + MAX_LINE),
    offset: w * step,
  }));
}

/** Where a rule matches in one window of text (its `find` or its pattern, minus documented safe forms). */
function matchIn(rule: TrustRule, pattern: RegExp, text: string): RuleMatch | undefined {
  let found: RuleMatch | undefined;
  if (rule.find && pattern === rule.pattern)
    found = rule.pattern.test(text) ? rule.find(text) : undefined;
  else {
    const m = pattern.exec(text);
    found = m ? { index: m.index, length: m[0].length } : undefined;
  }
  if (!found || rule.unless?.test(text)) return undefined;
  return found;
}

/** The first match of a rule in a line, read in windows as the scanner does (no mention check). */
export function matchRule(rule: TrustRule, line: string): RuleMatch | undefined {
  for (const window of windowsOf(line)) {
    const found = matchIn(rule, rule.pattern, window.text);
    if (found) return { index: window.offset + found.index, length: found.length };
  }
  return undefined;
}

/** Whether a line ends with a shell (`\`) or PowerShell (` `) line continuation. */
function continues(line: string): boolean {
  if (/\s`$/.test(line)) return true;
  let slashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Joins continued code lines: for each first line, the logical line; continuation lines map to undefined. */
export function logicalLines(
  lines: readonly string[],
  isCode: (i: number) => boolean,
): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isCode(i) || !continues(lines[i]!)) {
      out.push(lines[i]);
      i++;
      continue;
    }
    const parts: string[] = [];
    let j = i;
    while (
      j < lines.length &&
      isCode(j) &&
      continues(lines[j]!) &&
      j + 1 < lines.length &&
      isCode(j + 1)
    ) {
      parts.push(lines[j]!.replace(/(?:\\|`)$/, ''));
      j++;
    }
    parts.push(lines[j]!);
    out.push(parts.join(' '));
    for (let k = i + 1; k <= j; k++) out.push(undefined);
    i = j + 1;
  }
  return out;
}

/** Inline code spans of a Markdown line, as [start, end) of their content; linear in the line. */
export function inlineSpans(line: string): [number, number][] {
  if (!line.includes('`')) return [];
  const runs: { at: number; length: number }[] = [];
  for (let i = 0; i < line.length;) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && line[j] === '`') j++;
    runs.push({ at: i, length: j - i });
    i = j;
  }
  // For each run length, the indices of runs with that length, and a pointer that only moves forward.
  const byLength = new Map<number, number[]>();
  runs.forEach((run, r) => {
    const list = byLength.get(run.length);
    if (list) list.push(r);
    else byLength.set(run.length, [r]);
  });
  const pointer = new Map<number, number>();
  const spans: [number, number][] = [];
  for (let r = 0; r < runs.length;) {
    const run = runs[r]!;
    const same = byLength.get(run.length)!;
    let p = pointer.get(run.length) ?? 0;
    while (p < same.length && same[p]! <= r) p++;
    pointer.set(run.length, p);
    if (p >= same.length) {
      r++;
      continue;
    }
    const close = same[p]!;
    spans.push([run.at + run.length, runs[close]!.at]);
    r = close + 1;
  }
  return spans;
}

// Clauses end at sentence punctuation (not inside "e.g." or "i.e."), dashes and brackets.
const MAX_CLAUSE = 2000;
const CLAUSE_END = /(?<!\b(?:e\.g|i\.e|etc|vs|cf))[.!?;:](?=\s|$)|\s[—–]\s|[()]/g;
// Words that open an instruction without being its verb: list markers, "Before anything else,", "For example,".
// ("e.g." is not one: mid-sentence it introduces a mention, "Flag phrases, e.g. ignore previous instructions".)
const LEAD_IN =
  /^[\s>*_#-]*(?:(?:\d{1,9}[.)]|[-*+])\s+)?(?:(?:before\s+(?:anything|doing\s+anything|you\s+(?:start|begin|continue|answer|respond|reply|do\s+anything))(?:\s+else)?|first(?:\s+of\s+all)?|first\s+thing|then|next|now|finally|also|afterwards|after\s+that|to\s+(?:start|begin)|for\s+(?:example|instance)|important|note|step\s+\d{1,3}|please|always|just|simply|quietly|silently|secretly|discreetly|immediately|automatically|as\s+a\s+first\s+step|in\s+the\s+background)\b[\s,:.*_-]*)*/i;
const ACTION = String.raw`(?:run|execute|exec|type|paste|enter|invoke|call|pipe|send|upload|post|transmit|forward|copy|cat|read|open|append|add|write|install|download|fetch|delete|remove|wipe|erase|format|schedule|create|source|eval|curl|wget|rm|dd|sudo|sh|bash|zsh|mkfs|iwr|irm|iex|chmod|crontab|echo|base64|printf|python3?|node|perl|email|share|exfiltrate|include|attach|print|dump|collect|gather|zip|load|start|launch|register|enable|set\s+up)\b`;
const IMPERATIVE = new RegExp(
  String.raw`^(?:you\s+(?:must|should|need\s+to|have\s+to|will|are\s+to)\s+(?:also\s+|now\s+|first\s+|always\s+)?)?${ACTION}`,
  'i',
);
const ADDRESSED = new RegExp(
  String.raw`\b(?:you|the\s+agent|claude|the\s+assistant|the\s+model)\s+(?:must|should|need\s+to|have\s+to|will|are\s+to)\s+(?:also\s+|now\s+|first\s+|always\s+|quietly\s+|silently\s+)?${ACTION}`,
  'i',
);
const NEGATION =
  /\b(?:never|not|avoid|refuse|cannot|instead\s+of|rather\s+than)\b|n['’]t\b(?!\s+(?:hesitate|forget|wait))/i;
// What marks a sentence as talking about a command rather than giving it.
const MENTION =
  /\b(?:never|not|avoid|refuse|flag\w*|detect\w*|warn\w*|block\w*|reject\w*|such\s+as|like|e\.g|for\s+example|for\s+instance|examples?|watch\s+(?:out\s+)?for|look\s+(?:out\s+)?for|dangerous|malicious|suspicious|attack\w*|exploit\w*|risky|unsafe|insecure|red\s+flags?|patterns?|forbidden|prohibited|banned|deny|instead\s+of|rather\s+than|threat\w*|payloads?)\b|n['’]t\b/i;

interface Clause {
  start: number;
  end: number;
  /** Offset where the words after the lead-in begin. */
  body: number;
}

/** Clauses of a line (spans masked so their punctuation does not split), with where each one's words begin. */
function clausesOf(masked: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  const push = (end: number): void => {
    const lead = LEAD_IN.exec(masked.slice(start, Math.min(end, start + 300)));
    clauses.push({ start, end, body: start + (lead?.[0].length ?? 0) });
  };
  // Clauses longer than 2,000 characters are cut, so no per-clause check costs more than that.
  const pushBounded = (end: number): void => {
    while (end - start > MAX_CLAUSE) {
      push(start + MAX_CLAUSE);
      start += MAX_CLAUSE;
    }
    push(end);
  };
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(masked); m; m = CLAUSE_END.exec(masked)) {
    pushBounded(m.index);
    start = m.index + m[0].length;
  }
  pushBounded(masked.length);
  return clauses;
}

/** Where in the clause an imperative addressed to the agent begins (its comma-separated parts included), if any. */
function imperativeAt(masked: string, clause: Clause): number | undefined {
  const text = masked.slice(clause.start, clause.end);
  // A negation earlier in the clause ("Do not, under any circumstances, run …") turns it into a warning.
  const negation = NEGATION.exec(text)?.index ?? Number.POSITIVE_INFINITY;
  let offset = 0;
  for (const part of text.split(',')) {
    if (offset > negation) break;
    const lead = LEAD_IN.exec(part.slice(0, 300))?.[0].length ?? 0;
    if (IMPERATIVE.test(part.slice(lead, lead + 300)) && negation >= offset + lead)
      return clause.start + offset + lead;
    offset += part.length + 1;
  }
  const addressed = ADDRESSED.exec(text);
  if (addressed && negation > addressed.index + addressed[0].length)
    return clause.start + addressed.index;
  return undefined;
}

/** True when the match at `index` only talks about the phrase: its clause reads as a mention and does not start with it. */
function isMention(rule: TrustRule, line: string, index: number): boolean {
  if (!rule.mention) return false;
  const clause = clausesOf(line).find(
    (c) => index >= c.start && index < Math.max(c.end, c.start + 1),
  ) ?? { start: 0, end: line.length, body: 0 };
  // "For example, ignore all previous instructions …" or "Tests pass, so you must ignore …": the phrase
  // opens the sentence or one of its comma-separated parts, so it is used, whatever words surround it.
  const lastComma = line.lastIndexOf(',', index);
  const partStart = lastComma >= clause.start ? lastComma + 1 : clause.start;
  const part = line.slice(partStart, index);
  const lead = LEAD_IN.exec(part)?.[0].length ?? 0;
  if (
    index <= clause.body ||
    /^(?:(?:so|and|but)\s+)?(?:you\s+(?:must|should|need\s+to|have\s+to|will|can)\s+(?:now\s+|also\s+|just\s+)?)?$/i.test(
      part.slice(lead),
    )
  )
    return false;
  // The words just before the clause count too: `assert is_suspicious("…")`, "Flag text such as (…)".
  return rule.mention.test(line.slice(Math.max(0, clause.start - 80), clause.end));
}

const DOWNLOADER = /\b(?:curl|wget|iwr|Invoke-WebRequest|Invoke-RestMethod|urlretrieve)\b/gi;
// Runs in command position only (line start, after ; & | ( or then/do/sudo), so `jq . data.json` is not `. data.json`.
const RUNS_FILE =
  /(?:^|[;&|(`]|\b(?:then|do|sudo|exec|nohup))\s{0,20}(?:(?:ba|z|da|k)?sh|source|\.|python[23]?|node|perl|ruby|pwsh|powershell(?:\s+-File)?)\s+(?:-[a-zA-Z]{1,10}\s+){0,3}(["']?[^\s"';&|)`]{1,300})|(?:^|[;&|(`]|\b(?:then|do|sudo|exec|nohup))\s{0,20}(\.{1,2}\/[^\s"';&|)`]{1,300})|subprocess\.\w{1,20}\(\s*\[\s*["'](?:ba|z)?sh["']\s*,\s*([^\]\s,)]{1,300})|os\.system\(\s*f?["'](?:ba|z)?sh\s+\{?([^\s}"']{1,300})/g;
const VERIFIES =
  /\b(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|b3sum|gpg\s+--verify|gpgv|cosign\s+verify\w*|minisign|Get-FileHash|openssl\s+dgst)\b/i;

const normalisePath = (name: string): string =>
  trimChars(trimChars(name, `"'`, 'start'), `"',)`, 'end').replace(/^\.\//, '');
const baseName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/** The names a command line downloads to (curl -o, wget -O, iwr -OutFile, urlretrieve(url, path)). */
function downloadsIn(text: string): string[] {
  const names: string[] = [];
  const starts: { at: number; tool: string }[] = [];
  DOWNLOADER.lastIndex = 0;
  for (let m = DOWNLOADER.exec(text); m; m = DOWNLOADER.exec(text))
    starts.push({ at: m.index, tool: m[0].toLowerCase() });
  starts.forEach(({ at, tool }, k) => {
    // Each command reaches to the next downloader or command separator, so every character is read once.
    const limit = Math.min(starts[k + 1]?.at ?? text.length, at + 2000);
    let segment = text.slice(at, limit);
    if (tool === 'urlretrieve') {
      const call = /^urlretrieve\(\s*[^,()]{1,500},\s*([^,()]{1,300})/.exec(segment);
      if (call) names.push(normalisePath(call[1]!.trim()));
      return;
    }
    const cut = segment.search(/[|;&\n]/);
    if (cut > 0) segment = segment.slice(0, cut);
    const tokens = segment.split(/\s+/);
    let remote = false;
    let url: string | undefined;
    tokens.forEach((token, t) => {
      const next = tokens[t + 1];
      if (/^["']?https?:\/\//.test(token)) url ??= token.replace(/^["']|["']$/g, '');
      if (
        (token === '-o' ||
          token === '--output' ||
          (tool === 'wget' && token === '-O') ||
          /^-outfile$/i.test(token) ||
          /^-o$/i.test(token)) &&
        next &&
        next !== '-'
      )
        names.push(normalisePath(next));
      else if (/^--output(?:-document)?=/.test(token))
        names.push(normalisePath(token.slice(token.indexOf('=') + 1)));
      else if (tool === 'wget' && /^-O[^-\s]/.test(token))
        names.push(normalisePath(token.slice(2)));
      else if (
        tool === 'curl' &&
        ((token.startsWith('-') && token.includes('O') && /^[a-zA-Z]+$/.test(token.slice(1))) ||
          token === '--remote-name')
      )
        remote = true;
    });
    // `curl -O URL` and `wget URL` keep the URL's last path segment as the name.
    if (
      url &&
      (remote || (tool === 'wget' && !tokens.some((t) => /^-(?:O|-output-document)/.test(t))))
    ) {
      const name = baseName(url.split(/[?#]/)[0]!);
      if (name) names.push(name);
    }
  });
  return names.filter((n) => n && n !== '-' && !n.startsWith('/dev/'));
}

/** The local files a command line runs (sh file, ./file, subprocess.run(["sh", p])), with where each is. */
function runsIn(text: string): { name: string; index: number; length: number }[] {
  const out: { name: string; index: number; length: number }[] = [];
  RUNS_FILE.lastIndex = 0;
  for (let m = RUNS_FILE.exec(text); m; m = RUNS_FILE.exec(text)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (raw && !raw.startsWith('-'))
      out.push({ name: normalisePath(raw), index: m.index, length: m[0].length });
    if (m[0].length === 0) RUNS_FILE.lastIndex++;
  }
  return out;
}

/** Tracks files downloaded earlier in one file and reports when one of them is run without a check. */
export class DownloadTracker {
  private readonly pending = new Map<string, number>();

  /** Reads one piece of command text at `line`; returns the run of a pending download, if any. */
  read(text: string, line: number): { match: RuleMatch; from: number } | undefined {
    if (text.length > MAX_LINE * 4) text = text.slice(0, MAX_LINE * 4);
    let found: { match: RuleMatch; from: number } | undefined;
    const downloads = /\b(?:curl|wget|iwr|invoke-webrequest|invoke-restmethod|urlretrieve)\b/i.test(
      text,
    )
      ? downloadsIn(text)
      : [];
    if (VERIFIES.test(text)) {
      // A checksum or signature check of the download (or of every download, with -c) clears it.
      const checkAll = /\s(?:-c|--check)\b/.test(text);
      const words = new Set(text.split(/[\s"'=()<>]+/).map(normalisePath));
      for (const name of [...this.pending.keys()])
        if (checkAll || words.has(name) || words.has(baseName(name))) this.pending.delete(name);
    }
    const firstDownload = downloads.length
      ? text.search(/\b(?:curl|wget|iwr|invoke-webrequest|invoke-restmethod|urlretrieve)\b/i)
      : -1;
    for (const name of downloads) {
      this.pending.set(name, line);
      this.pending.set(baseName(name), line);
    }
    if (!this.pending.size) return undefined;
    for (const run of runsIn(text)) {
      if (firstDownload >= 0 && run.index < firstDownload) continue;
      const from = this.pending.get(run.name) ?? this.pending.get(baseName(run.name));
      if (from !== undefined) {
        found = { match: { index: run.index, length: run.length }, from };
        break;
      }
    }
    return found;
  }
}

/** Scans one text file of a package with every trust rule. */
export function scanFile(path: string, text: string): TrustFinding[] {
  const lines = text.split(/\r?\n/);
  const markdown = MARKDOWN.test(path);
  const kinds: LineKind[] = markdown ? lineKinds(lines) : lines.map(() => 'fence');
  const logical = logicalLines(lines, (i) => kinds[i] !== 'prose');
  const findings: TrustFinding[] = [];
  const counts = new Map<string, number>();
  const add = (finding: TrustFinding): void => {
    const seen = (counts.get(finding.rule) ?? 0) + 1;
    counts.set(finding.rule, seen);
    if (seen <= PER_RULE_PER_FILE) findings.push(finding);
  };
  const downloads = new DownloadTracker();

  lines.forEach((physical, i) => {
    const fired = new Set<string>();
    const report = (
      rule: { id: string; category: TrustCategory; severity: TrustSeverity; message: string },
      source: string,
      at: RuleMatch,
      secretLine?: string,
    ): void => {
      if (fired.has(rule.id)) return;
      fired.add(rule.id);
      let { severity, message } = rule;
      if (
        rule.category === 'secrets' &&
        secretLine !== undefined &&
        (EXAMPLE_MARKERS.test(source.slice(at.index, at.index + at.length)) ||
          EXAMPLE_MARKERS.test(secretLine))
      ) {
        severity = 'info';
        message = 'Looks like a key, but it is marked as an example or placeholder: not a leak.';
      }
      add({
        rule: rule.id,
        category: rule.category,
        severity,
        file: path,
        line: i + 1,
        excerpt: excerptOf(source, at.index, at.length),
        message,
      });
    };
    // Runs one pattern of a rule over text in windows; reports the first match (with a window-local excerpt).
    const run = (
      rule: TrustRule,
      pattern: RegExp,
      source: string,
      from = 0,
      mentionCheck = true,
    ): boolean => {
      for (const window of windowsOf(source.slice(from))) {
        const found = matchIn(rule, pattern, window.text);
        if (!found) continue;
        if (mentionCheck && isMention(rule, window.text, found.index)) continue;
        report(rule, window.text, found, window.text);
        return true;
      }
      return false;
    };

    const isCode = kinds[i] !== 'prose';
    const joined = logical[i];
    for (const rule of TRUST_RULES) {
      // Character-level (text) rules read the physical line, so their line numbers are exact; code rules
      // read continued lines joined (`curl … \` + `| sh`), reported at the first line.
      if (rule.scope === 'text') run(rule, rule.pattern, physical);
      else if (isCode && joined !== undefined) run(rule, rule.pattern, joined);
    }
    if (isCode && joined !== undefined) {
      const ran = downloads.read(joined, i + 1);
      if (ran)
        report(
          {
            ...DOWNLOAD_THEN_RUN_RULE,
            message: `${DOWNLOAD_THEN_RUN_RULE.message} (Downloaded on line ${ran.from}.)`,
          },
          joined,
          ran.match,
        );
    }
    if (isCode || !physical.trim()) return;

    // Markdown prose: inline code spans and imperative sentences are instructions the agent may follow.
    // A table row describes (a reference table, a list of patterns to watch for) rather than instructs.
    const tableRow = /^\s*\|/.test(physical);
    // Long lines are read in windows, like the patterns, so each step works on at most 8,000 characters.
    for (const { text: segment, offset } of windowsOf(physical)) {
      const spans = inlineSpans(segment);
      let masked = segment;
      if (spans.length) {
        const parts: string[] = [];
        let last = 0;
        for (const [s, e] of spans) {
          parts.push(segment.slice(last, s), 'x'.repeat(e - s));
          last = e;
        }
        parts.push(segment.slice(last));
        masked = parts.join('');
      }
      const clauses = clausesOf(masked);
      const uses = clauses.map((clause) => imperativeAt(masked, clause));
      const mentions = new Map<number, boolean>();
      let c = 0;
      for (const [s, e] of spans) {
        while (c < clauses.length - 1 && clauses[c]!.end < s) c++;
        const clause = clauses[c]!;
        const spanText = segment.slice(s, e);
        const use = uses[c];
        if (!mentions.has(c)) mentions.set(c, MENTION.test(masked.slice(clause.start, clause.end)));
        const mention = mentions.get(c)!;
        // A span in a sentence that warns about it or lists it as an example is a mention, unless an
        // imperative addressed to the agent leads to it ("For example, run `…`").
        if ((mention || tableRow) && (use === undefined || use > s)) continue;
        for (const rule of TRUST_RULES) {
          if (rule.scope !== 'code' || rule.severity === 'info' || fired.has(rule.id)) continue;
          for (const window of windowsOf(spanText)) {
            const found = matchIn(rule, rule.pattern, window.text);
            if (found) {
              report(rule, physical, {
                index: offset + s + window.offset + found.index,
                length: found.length,
              });
              break;
            }
          }
        }
        const ran = downloads.read(spanText, i + 1);
        if (ran)
          report(
            {
              ...DOWNLOAD_THEN_RUN_RULE,
              message: `${DOWNLOAD_THEN_RUN_RULE.message} (Downloaded on line ${ran.from}.)`,
            },
            physical,
            { index: offset + s + ran.match.index, length: ran.match.length },
          );
      }
      // Backticks become spaces so `curl …` | sh reads as one command and offsets stay those of the line.
      const plain = segment.replace(/`/g, ' ');
      for (const [k, clause] of clauses.entries()) {
        const at = uses[k];
        if (at === undefined) continue;
        const sentence = plain.slice(at, clause.end);
        for (const rule of TRUST_RULES) {
          if (!rule.prose || fired.has(rule.id)) continue;
          for (const pattern of rule.prose) {
            const found = windowsOf(sentence)
              .map((w) => ({ w, m: matchIn(rule, pattern, w.text) }))
              .find((x) => x.m);
            if (found) {
              report(rule, physical, {
                index: offset + at + found.w.offset + found.m!.index,
                length: found.m!.length,
              });
              break;
            }
          }
        }
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
export function scanComments(path: string, text: string): TrustFinding[] {
  const findings: TrustFinding[] = [];
  // indexOf, not a lazy regex: thousands of `<!--` without `-->` must cost linear time.
  let line = 1;
  let counted = 0;
  for (let open = text.indexOf('<!--'); open >= 0;) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    const inner = text.slice(open + 4, close).trim();
    // Words inside URLs and file paths (github.com/acme/agent-tools, synced/model-x) address nobody.
    const prose = inner.replace(/(?<!\S)\S*\/\S*/g, ' ');
    if (!(
      inner.split(/\s+/, 4).length < 4 ||
      !INSTRUCTION_WORDS.test(prose) ||
      /^(?:markdownlint|prettier|eslint|toc|TOC|vale)\b/.test(inner)
    )) {
      for (let k = counted; k < open; k++) if (text.charCodeAt(k) === 10) line++;
      counted = open;
      findings.push({
        rule: HIDDEN_COMMENT_RULE.id,
        category: HIDDEN_COMMENT_RULE.category,
        severity: HIDDEN_COMMENT_RULE.severity,
        file: path,
        line,
        excerpt: visible(inner.replace(/\s+/g, ' ').slice(0, 160)),
        message: HIDDEN_COMMENT_RULE.message,
      });
    }
    open = text.indexOf('<!--', close + 3);
  }
  return findings;
}
