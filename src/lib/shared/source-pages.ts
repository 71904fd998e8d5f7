/**
 * Long files are shown in pages: at most LINES_PER_PAGE lines and about PAGE_MAX_CHARS characters
 * each, so a 5 MB log or a minified bundle never becomes one multi-megabyte page. A page starts at a
 * line's beginning, except when one line alone is longer than a page: it is cut, and the next page
 * starts with its continuation. Pure functions of the text: the load phase (which records where the
 * pages start, for links to a line) and the renderer (which makes them) always agree.
 */

/** Most lines on one page of a file's source. */
export const LINES_PER_PAGE = 2000;
/** Most characters on one page (a longer single line is cut across pages). */
export const PAGE_MAX_CHARS = 50_000;

/** Where a page of a file's source starts. */
export interface PageBreak {
  /** UTF-16 offset in the text. */
  start: number;
  /** The 1-based line the page starts in. */
  line: number;
  /** True when the page starts in the middle of `line` (it began on an earlier page). */
  continued: boolean;
}

/** The pages of a text (`\n` line ends); a text that fits one page has one break at 0. */
export function sourcePageBreaks(
  text: string,
  linesPerPage = LINES_PER_PAGE,
  maxChars = PAGE_MAX_CHARS,
): PageBreak[] {
  const breaks: PageBreak[] = [{ start: 0, line: 1, continued: false }];
  let pageStart = 0;
  let pageLines = 0;
  let pos = 0;
  for (let line = 1; ; line += 1) {
    const newline = text.indexOf('\n', pos);
    const end = newline === -1 ? text.length : newline;
    if (pageLines > 0 && (pageLines >= linesPerPage || end - pageStart > maxChars)) {
      breaks.push({ start: pos, line, continued: false });
      pageStart = pos;
      pageLines = 0;
    }
    // One line longer than a page: cut it (never between the halves of a surrogate pair).
    while (end - pageStart > maxChars) {
      let cut = pageStart + maxChars;
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      breaks.push({ start: cut, line, continued: true });
      pageStart = cut;
    }
    pageLines += 1;
    if (newline === -1) return breaks;
    pos = newline + 1;
  }
}

/** The first line of each page, as a file's listing keeps it; `undefined` for a one-page file. */
export function pageStartLines(text: string): number[] | undefined {
  const breaks = sourcePageBreaks(text);
  return breaks.length > 1 ? breaks.map((b) => b.line) : undefined;
}

/** The 1-based page a line starts on, from the first line of each page (`undefined`: one page). */
export function pageOfLine(starts: readonly number[] | undefined, line: number): number {
  if (!starts) return 1;
  // A line cut across pages starts on the first page that names it: a cut line always begins a page.
  const exact = starts.indexOf(line);
  if (exact >= 0) return exact + 1;
  let page = 1;
  for (let i = 0; i < starts.length; i += 1) if (starts[i]! < line) page = i + 1;
  return page;
}

/** One page of a text's source, split into its lines: `first` is the number of the first whole line. */
export interface SourcePageText {
  /** The page's lines; the first is the end of a cut line when `continued`. */
  lines: string[];
  /** The number of `lines[0]` (the cut line's number when `continued`). */
  line: number;
  continued: boolean;
}

/** The text of each page, split into lines (the line end between two pages belongs to neither). */
export function sourcePageTexts(text: string, breaks = sourcePageBreaks(text)): SourcePageText[] {
  return breaks.map((b, i) => {
    const next = breaks[i + 1];
    let slice = text.slice(b.start, next ? next.start : text.length);
    if (next && !next.continued) slice = slice.slice(0, -1);
    return { lines: slice.split('\n'), line: b.line, continued: b.continued };
  });
}
