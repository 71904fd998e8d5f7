/**
 * `node tests/bench/render-cost.ts [case ...]`: renders each adversarial Markdown input at 1× and 8× its
 * size through `renderMarkdown` and `markdownToText` and prints the times. Linear code takes about 8× as long;
 * a ratio of at most 12 gets a ✓. A script that prints figures, not a test: absolute times vary between runs.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { renderMarkdown } from '../../src/lib/render/markdown.ts';
import { markdownToText } from '../../src/lib/search/search-text.ts';
import type { UrlRewriter } from '../../src/lib/render/sanitize.ts';

/** Largest 8×/1× time ratio still counted as linear (8 plus room for noise and GC). */
const MAX_RATIO = 12;

/** Resolves nothing: every relative link is "not in the package". */
const noFiles: UrlRewriter = { link: () => undefined, image: () => undefined };

interface Case {
  name: string;
  /** The input at scale `k` (1 or 8); scale 1 is the size the red team used, unless noted. */
  make: (k: number) => string;
}

const lines = (n: number, line: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => line(i)).join('\n');

const CASES: Case[] = [
  { name: '10,000 identical headings', make: (k) => '## Same\n\n'.repeat(10_000 * k) },
  {
    name: '5,000 headings a-1…a-n, then 5,000 "a"',
    make: (k) => lines(5_000 * k, (i) => `## a-${i + 1}\n`) + '\n' + '## a\n\n'.repeat(5_000 * k),
  },
  {
    name: '10,000 headings "L1"…, "install", "user-content-x"',
    make: (k) => lines(10_000 * k, (i) => `## ${['L' + i, 'install', 'user content x'][i % 3]}\n`),
  },
  { name: '100 KB of [ without ]', make: (k) => '['.repeat(100_000 * k) },
  { name: '100 KB of ![a]( without )', make: (k) => '![a]('.repeat(20_000 * k) },
  { name: '100 KB of < without >', make: (k) => '<'.repeat(100_000 * k) },
  { name: '100 KB of "<a b" without >', make: (k) => '<a b'.repeat(25_000 * k) },
  { name: '100 KB of "<a href=" without >', make: (k) => '<a href="x'.repeat(10_000 * k) },
  { name: '50,000 <!-- on one line', make: (k) => 'x '.concat('<!--'.repeat(50_000 * k)) },
  { name: '50,000 <!-- lines', make: (k) => lines(50_000 * k, () => 'a <!--') },
  {
    name: '50,000 <? and <![CDATA[ in text',
    make: (k) => 'x '.concat('<? <![CDATA[ '.repeat(50_000 * k)),
  },
  { name: '10,000 nested > (blockquotes)', make: (k) => '>'.repeat(10_000 * k) + ' deep' },
  { name: '5,000 nested * lists', make: (k) => '* '.repeat(5_000 * k) + 'deep' },
  {
    name: '250-deep indented lists, repeated',
    make: (k) => lines(250 * k, (i) => `${'  '.repeat(i % 250)}- item ${i}`),
  },
  { name: '10,000 nested <div>', make: (k) => '<div>'.repeat(10_000 * k) + 'deep' },
  { name: '10,000 nested **_ emphasis', make: (k) => '**_'.repeat(10_000 * k) + 'deep' },
  { name: '1 MB single line of words', make: (k) => 'word '.repeat(200_000 * k) },
  { name: '1 MB single line of * and _', make: (k) => '*a _b '.repeat(170_000 * k) },
  { name: '1 MB single line of ` (unclosed code)', make: (k) => '`a ``b '.repeat(140_000 * k) },
  { name: '1 MB single line of URLs', make: (k) => 'https://example.com/a '.repeat(45_000 * k) },
  {
    name: '20,000 pseudo-tag lines',
    make: (k) => lines(20_000 * k, (i) => (i % 2 ? `</tag-${i}>` : `<tag-${i} attr="v">`)),
  },
  {
    name: '20,000 private-use markers and entities',
    make: (k) =>
      '\uE000x\uE001 &#xE000;y&#xE001; <a title="\uE000z\uE001">t</a>\n'.repeat(20_000 * k),
  },
  {
    name: '10,000 author ids and #links',
    make: (k) =>
      lines(10_000 * k, (i) => `<a id="a${i}"></a> [to ${i}](#a${i}) <h2 id="L${i}">h</h2>`),
  },
  {
    name: '10,000 remote images',
    make: (k) =>
      lines(
        10_000 * k,
        (i) => `![pic ${i}](https://img.example.com/${i}.png) <img src="http://x.example/${i}">`,
      ),
  },
  {
    name: '10,000 links with scheme tricks',
    make: (k) =>
      lines(
        10_000 * k,
        (i) =>
          `<a href="jav&#x09;ascript:${i}">a</a> [b](//evil/${i}) <a href="https:/\\evil">c</a>`,
      ),
  },
  {
    name: '2,000 fenced code blocks',
    make: (k) => '```js\nconst x = 1;\n```\n\n'.repeat(2_000 * k),
  },
  {
    name: '100 KB inside one fence',
    make: (k) => '```\n' + 'line <b> & x\n'.repeat(8_000 * k) + '```\n',
  },
];

// Collecting garbage before each run keeps one input's leftovers from being charged to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function time(run: () => unknown, repeats: number): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < repeats; r += 1) {
    gc();
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

const only = process.argv.slice(2);
// Warm up Shiki and the JIT so the first case is not charged for them.
await renderMarkdown('# warm\n\n```js\nconst a = 1;\n```\n\ntext *a* [b](c) <b>x</b>\n', noFiles);

let failures = 0;
console.log(
  `${pad('input', 48)} ${lpad('1× size', 9)} ${lpad('render 1×', 10)} ${lpad('8×', 10)} ${lpad('ratio', 6)}   ${lpad('text 1×', 9)} ${lpad('8×', 9)} ${lpad('ratio', 6)}`,
);
for (const c of CASES) {
  if (only.length && !only.some((o) => c.name.includes(o))) continue;
  const small = c.make(1);
  const large = c.make(8);
  const r1 = await time(() => renderMarkdown(small, noFiles), 3);
  const r8 = await time(() => renderMarkdown(large, noFiles), 2);
  const t1 = await time(() => markdownToText(small), 3);
  const t8 = await time(() => markdownToText(large), 2);
  // Below a few milliseconds the fixed costs dominate; such a case cannot be quadratic at this size.
  const ratio = (a: number, b: number): number => Math.max(b, 5) / Math.max(a, 5);
  const ok = (x: number): string => (x <= MAX_RATIO ? '✓' : '✗');
  const rr = ratio(r1, r8);
  const tr = ratio(t1, t8);
  if (rr > MAX_RATIO || tr > MAX_RATIO) failures += 1;
  console.log(
    `${pad(c.name, 48)} ${lpad(`${Math.round(small.length / 1024)} KB`, 9)} ${lpad(fmt(r1), 10)} ${lpad(fmt(r8), 10)} ${lpad(rr.toFixed(1), 5)}${ok(rr)}   ${lpad(fmt(t1), 9)} ${lpad(fmt(t8), 9)} ${lpad(tr.toFixed(1), 5)}${ok(tr)}`,
  );
}
console.log(
  failures
    ? `\n${failures} input(s) grew faster than linear.`
    : '\nAll inputs render in linear time.',
);
process.exitCode = failures ? 1 : 0;
