import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  LINES_PER_PAGE,
  PAGE_MAX_CHARS,
  pageOfLine,
  pageStartLines,
  sourcePageBreaks,
  sourcePageTexts,
} from '../../src/lib/shared/source-pages.ts';
import { getHighlighter, highlightPages, loadLanguages } from '../../src/lib/render/highlight.ts';
import { fileLineUrl } from '../../src/lib/shared/urls.ts';

/** `n` distinct lines (`line 1`, `line 2`, …). */
const numbered = (n: number): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

/** The text of a page's lines back, joined as the renderer shows them. */
function rejoin(text: string): string {
  const pages = sourcePageTexts(text);
  let out = '';
  pages.forEach((p, i) => {
    if (i > 0 && !p.continued) out += '\n';
    out += p.lines.join('\n');
  });
  return out;
}

/** The ids and numbers of the line spans in some HTML. */
const lineIds = (html: string): number[] =>
  [...html.matchAll(/<span id="L(\d+)"/g)].map((m) => Number(m[1]));

describe('long files are paged', () => {
  test('a short file is one page', () => {
    assert.deepEqual(sourcePageBreaks(numbered(LINES_PER_PAGE)), [
      { start: 0, line: 1, continued: false },
    ]);
    assert.equal(pageStartLines(numbered(10)), undefined);
    assert.equal(pageOfLine(undefined, 1234), 1);
  });

  test('pages hold at most LINES_PER_PAGE lines, and every line is on exactly one page', () => {
    const text = numbered(LINES_PER_PAGE * 2 + 5);
    assert.deepEqual(pageStartLines(text), [1, LINES_PER_PAGE + 1, LINES_PER_PAGE * 2 + 1]);
    const pages = sourcePageTexts(text);
    assert.deepEqual(
      pages.map((p) => p.lines.length),
      [LINES_PER_PAGE, LINES_PER_PAGE, 5],
    );
    assert.equal(pages[1]!.lines[0], `line ${LINES_PER_PAGE + 1}`);
    assert.equal(rejoin(text), text);
    // A trailing newline is a last, empty line, as the one-page view shows it.
    assert.equal(rejoin(`${text}\n`), `${text}\n`);
  });

  test('pages hold about PAGE_MAX_CHARS characters, whole lines when they can', () => {
    const long = 'x'.repeat(PAGE_MAX_CHARS / 4);
    const text = Array.from({ length: 10 }, () => long).join('\n');
    const starts = pageStartLines(text)!;
    assert.ok(starts.length >= 3, `${starts.length} pages`);
    for (const p of sourcePageTexts(text)) {
      assert.equal(p.continued, false);
      assert.ok(p.lines.join('\n').length <= PAGE_MAX_CHARS);
    }
    assert.equal(rejoin(text), text);
  });

  test('one line longer than a page is cut, never inside a surrogate pair, and put back whole', () => {
    // A 2-unit emoji straddles every cut made at an even offset after one ASCII character.
    const text = `head\n${'a' + '😀'.repeat(PAGE_MAX_CHARS)}\ntail`;
    const breaks = sourcePageBreaks(text);
    assert.ok(breaks.length > 2);
    assert.deepEqual(breaks[1], { start: 5, line: 2, continued: false });
    assert.ok(breaks.slice(2, -1).every((b) => b.continued && b.line === 2));
    for (const b of breaks) {
      const code = text.charCodeAt(b.start);
      assert.ok(!(code >= 0xdc00 && code <= 0xdfff), `cut at ${b.start} splits a pair`);
    }
    assert.equal(rejoin(text), text);
    const starts = breaks.map((b) => b.line);
    // The cut line starts on its first page; the next line on the page after the cut ones.
    assert.equal(pageOfLine(starts, 2), 2);
    assert.equal(pageOfLine(starts, 1), 1);
    const tail = sourcePageTexts(text).findIndex((p) => p.lines.includes('tail'));
    assert.equal(pageOfLine(starts, 3), tail + 1);
  });

  test('a line links to the page that shows it', () => {
    const file = { path: 'logs/big run.txt', pages: [1, 2001, 4001] };
    assert.equal(
      fileLineUrl('acme', 'tool', file, 4500, '/'),
      '/skills/acme/tool/files/logs/big%20run.txt/page/3/#L4500',
    );
    assert.equal(
      fileLineUrl('acme', 'tool', file, 12, '/shelf/'),
      '/shelf/skills/acme/tool/files/logs/big%20run.txt/#L12',
    );
    assert.equal(
      fileLineUrl('acme', 'tool', file, undefined, '/'),
      '/skills/acme/tool/files/logs/big%20run.txt/',
    );
  });

  test('highlighted pages keep file-wide line anchors and numbers', async () => {
    const hl = await getHighlighter();
    await loadLanguages(hl, ['python']);
    const code = Array.from({ length: LINES_PER_PAGE + 10 }, (_, i) => `x_${i + 1} = ${i}`).join(
      '\n',
    );
    const pages = highlightPages(hl, code, 'python');
    assert.equal(pages.length, 2);
    assert.match(pages[0]!, /^<pre class="shiki"[^>]*><code>/);
    assert.deepEqual(
      lineIds(pages[1]!),
      Array.from({ length: 10 }, (_, i) => LINES_PER_PAGE + i + 1),
    );
    assert.match(pages[1]!, new RegExp(`<code style="counter-reset:line ${LINES_PER_PAGE}">`));
    assert.match(pages[1]!, /class="[^"]+"/, 'page 2 is highlighted');
    assert.ok(pages[1]!.endsWith('</code></pre>'));
    assert.equal(lineIds(pages.join('')).length, LINES_PER_PAGE + 10);
  });

  test('plain pages of a cut line mark the continuation and number the next line right', async () => {
    const hl = await getHighlighter();
    const code = `first\n${'z'.repeat(PAGE_MAX_CHARS + 50)}\nlast`;
    const pages = highlightPages(hl, code, 'text');
    assert.equal(pages.length, 3);
    assert.deepEqual(lineIds(pages[0]!), [1]);
    assert.deepEqual(lineIds(pages[1]!), [2]);
    assert.match(
      pages[2]!,
      /^<pre[^>]*><code style="counter-reset:line 2"><span class="cont">z+<\/span>\n<span id="L3">last<\/span>/,
    );
  });
});
