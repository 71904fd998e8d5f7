import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnreadable, parseSkillFile } from '../../src/lib/skill/frontmatter.ts';
import { markPseudoTags, renderMarkdown } from '../../src/lib/render/markdown.ts';
import { listPackageFiles } from '../../src/lib/skill/files-fs.ts';
import { FIXTURES, packageRewriter } from './helpers.ts';

const noFiles = packageRewriter('acme', 'demo', 'SKILL.md', ['SKILL.md']);

function fixtureBody(path: string): string {
  const parsed = parseSkillFile(readFileSync(join(FIXTURES, path), 'utf8'));
  if (isUnreadable(parsed)) assert.fail(parsed.error);
  return parsed.body;
}

/** Rewriter for a fixture package, built from the files the loader would publish. */
function fixtureRewriter(publisher: string, slug: string, fromFile = 'SKILL.md') {
  const { files } = listPackageFiles(join(FIXTURES, publisher, slug));
  return packageRewriter(
    publisher,
    slug,
    fromFile,
    files.map((f) => f.path),
  );
}

/** The HTML with every code block removed, to check what the prose alone produces. */
const withoutCode = (html: string): string =>
  html.replace(/<div class="code-block">[\s\S]*?<\/pre><\/div>/g, '');

describe('renderMarkdown: code', () => {
  test('highlights fenced code with Shiki in both themes and labels the language', async () => {
    const { html } = await renderMarkdown('```Python {1,3}\nprint("hi")\n```\n', noFiles);
    assert.match(
      html,
      /^<div class="code-block"><span class="code-lang">python<\/span><pre class="shiki" tabindex="0">/,
    );
    // Token colours as the light and dark theme classes of code-tokens.css.
    assert.match(html, /<span class="l\d+ d\d+">print<\/span>/);
    assert.ok(html.includes('print'));
  });

  test('renders unknown languages and indented code as unlabelled plain text blocks', async () => {
    const { html } = await renderMarkdown(
      '```no-such-lang\nx <b> y\n```\n\n    indented <i>\n',
      noFiles,
    );
    assert.equal((html.match(/<div class="code-block"><pre class="shiki/g) ?? []).length, 2);
    assert.doesNotMatch(html, /code-lang/);
    assert.doesNotMatch(html, /<b>|<i>/);
    assert.match(html, /&#(?:x3C|60);b(?:>|&#62;)/);
    assert.match(html, /&#(?:x3C|60);i(?:>|&#62;)/);
  });

  test('shows a <script> inside a fenced block as code text, never as an element', async () => {
    const { html } = await renderMarkdown(
      '```html\n<script>window.__pwned = 1</script>\n```\n',
      noFiles,
    );
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /<span class="code-lang">html<\/span>/);
    assert.match(html, /&#x3C;<span[^>]*>script<\/span>/);
    assert.ok(html.includes('window'));
  });
});

describe('renderMarkdown: headings', () => {
  // GitHub's slugs (github-slugger): accents and case-folded letters stay, `&` goes and leaves a double dash.
  test('gives headings GitHub slug ids, de-duplicates them, avoids layout ids and lists them', async () => {
    const { html, headings } = await renderMarkdown(
      '# Usage\n\n## Usage\n\n## Install\n\n### Café `code` & **bold**\n\n## Ünïcödé Überschrift\n\n## !!!\n',
      noFiles,
    );
    assert.deepEqual(headings, [
      { depth: 1, text: 'Usage', id: 'usage' },
      { depth: 2, text: 'Usage', id: 'usage-1' },
      { depth: 2, text: 'Install', id: 'install-1' },
      { depth: 3, text: 'Café code & bold', id: 'café-code--bold' },
      { depth: 2, text: 'Ünïcödé Überschrift', id: 'ünïcödé-überschrift' },
      { depth: 2, text: '!!!', id: 'section' },
    ]);
    // The heading level in the HTML may be shifted for the page outline; the id and anchor must not be.
    assert.match(
      html,
      /<(h[1-6]) id="usage-1">Usage<a class="heading-anchor" href="#usage-1"[^>]*>#<\/a><\/\1>/,
    );
    assert.ok(!html.includes('id="install"'));
  });

  test('never gives two headings the same id', async () => {
    const { headings } = await renderMarkdown(
      '## Usage\n\n## Usage\n\n## Usage 1\n\n## Main\n\n## Main 1\n',
      noFiles,
    );
    const ids = headings.map((h) => h.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
  });
});

describe('renderMarkdown: task lists and pseudo-XML', () => {
  test('turns [ ] / [x] / [X] list items into disabled checkboxes inside labels', async () => {
    const { html } = await renderMarkdown(
      '- [x] read spec\n- [ ] write test\n- [X] ship\n- plain item\n- not [x] at start\n',
      noFiles,
    );
    assert.ok(
      html.includes('<li><label><input type="checkbox" disabled checked /> read spec</label></li>'),
      html,
    );
    assert.ok(
      html.includes('<li><label><input type="checkbox" disabled /> write test</label></li>'),
    );
    assert.ok(
      html.includes('<li><label><input type="checkbox" disabled checked /> ship</label></li>'),
    );
    assert.ok(html.includes('<li>plain item</li>'));
    assert.ok(html.includes('<li>not [x] at start</li>'));
  });

  test('shows pseudo-XML prompt tags as visible labels and keeps the text inside them (pseudo-xml fixture)', async () => {
    const { html } = await renderMarkdown(fixtureBody('edge/pseudo-xml/SKILL.md'), noFiles);
    assert.ok(html.includes('Never skip the gate check'));
    for (const tag of [
      'hard-gate',
      '/hard-gate',
      'example',
      'good',
      'bad',
      'EXTREMELY-IMPORTANT',
      '/EXTREMELY-IMPORTANT',
    ]) {
      assert.ok(html.includes(`<span class="pseudo-tag">&lt;${tag}&gt;</span>`), tag);
    }
    assert.doesNotMatch(html, /<\/?(hard-gate|example|good|bad|EXTREMELY-IMPORTANT)[\s>]/i);
    assert.ok(html.includes('Write the failing test, run it, then implement.'));
    assert.match(html, /<table>[\s\S]*<th>Step<\/th>[\s\S]*<code>npm test -- slugify<\/code>/);
    assert.match(html, /<input type="checkbox" disabled checked \/> read spec/);
    assert.match(html, /<span class="code-lang">bash<\/span>/);
  });

  test('leaves tag-like lines inside code fences and real HTML elements unmarked', () => {
    const out = markPseudoTags(
      '<hard-gate>\n```\n<example>\n```\n~~~~\n<good>\n~~~\n</good>\n~~~~\n<details>\n<script>\n  <good attr="1">\n    <bad>\ntext <inline>\n</EXTREMELY-IMPORTANT>',
    );
    assert.equal(
      out,
      '\uE000hard-gate\uE001\n```\n<example>\n```\n~~~~\n<good>\n~~~\n</good>\n~~~~\n<details>\n<script>\n\uE000good\uE001\n    <bad>\ntext <inline>\n\uE000/EXTREMELY-IMPORTANT\uE001',
    );
  });
});

describe('renderMarkdown: hostile input', () => {
  test('keeps every injection attempt of the xss fixture inert while showing its text', async () => {
    const { html } = await renderMarkdown(
      fixtureBody('hostile/xss-attempts/SKILL.md'),
      fixtureRewriter('hostile', 'xss-attempts'),
    );
    const prose = withoutCode(html);
    assert.ok(html.includes('XSS fixture loaded'));
    assert.doesNotMatch(html, /<\s*(script|iframe|form|object|svg|meta|button)\b/i);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g))
      assert.doesNotMatch(href!, /^\s*(javascript|data):/i);
    assert.ok(prose.includes('&lt;script&gt;window.__pwned = 1&lt;/script&gt;'));
    assert.ok(html.includes('<details><summary>More</summary>Hidden text here</details>'));
    assert.ok(html.includes('<kbd>Ctrl</kbd>'));
    assert.match(html, /<div class="code-block"><span class="code-lang">html<\/span>/);
  });

  test('shows MDX-looking braces, import/export lines and comparisons as literal text', async () => {
    const { html } = await renderMarkdown(fixtureBody('edge/mdx-hostile/SKILL.md'), noFiles);
    const prose = withoutCode(html);
    assert.ok(prose.includes('{curly braces} or {name}'));
    assert.ok(prose.includes('{{ template }}'));
    assert.ok(prose.includes("import fs from 'node:fs'"), prose);
    assert.ok(prose.includes('export const x = 1;'));
    assert.ok(prose.includes('a &lt; b &amp;&amp; c &gt; d'));
    assert.doesNotMatch(html, /<Component/);
  });
});

describe('renderMarkdown: links and images', () => {
  test('rewrites relative links and images to site URLs, keeps anchors and marks external links', async () => {
    const { html } = await renderMarkdown(
      fixtureBody('edge/nested-package/SKILL.md'),
      fixtureRewriter('edge', 'nested-package'),
    );
    const base = '/skills/edge/nested-package';
    assert.ok(html.includes(`<img src="${base}/raw/assets/logo.png" alt="logo"`), html);
    assert.ok(html.includes(`<a href="${base}/files/references/guide.md/">guide</a>`));
    assert.ok(html.includes(`<a href="${base}/files/references/deep/more/notes.md/">notes</a>`));
    assert.ok(html.includes(`<a href="${base}/files/scripts/run.sh/">run</a>`));
    assert.ok(html.includes('<a href="#usage">section</a>'));
    assert.ok(
      html.includes(
        '<a href="https://www.w3.org/TR/tabular-data-primer/" rel="nofollow noopener noreferrer ugc">CSV on the Web primer</a>',
      ),
    );
    assert.doesNotMatch(html, /data-missing/);
  });

  test('resolves links in a nested file relative to that file', async () => {
    const source = readFileSync(join(FIXTURES, 'edge/nested-package/references/guide.md'), 'utf8');
    const { html } = await renderMarkdown(
      source,
      fixtureRewriter('edge', 'nested-package', 'references/guide.md'),
    );
    assert.ok(
      html.includes(
        '<a href="/skills/edge/nested-package/files/references/deep/more/notes.md/">detailed notes</a>',
      ),
    );
    assert.ok(
      html.includes('<a href="/skills/edge/nested-package/files/scripts/tool.py/">tool.py</a>'),
    );
  });

  test('marks links to escaped or dangling symlinks as missing, with no href', async () => {
    const { html } = await renderMarkdown(
      fixtureBody('edge/symlinks/SKILL.md'),
      fixtureRewriter('edge', 'symlinks'),
    );
    assert.ok(
      html.includes('<a data-missing title="Not in this package: references/escape.md">escape</a>'),
      html,
    );
    assert.ok(
      html.includes(
        '<a data-missing title="Not in this package: references/dangling.md">dangling</a>',
      ),
    );
    assert.ok(
      html.includes('<a href="/skills/edge/symlinks/files/references/alias.md/">alias</a>'),
    );
    assert.ok(!html.includes('TOP SECRET'));
  });

  test('links bare URLs as external links', async () => {
    const { html } = await renderMarkdown('See https://example.com/docs for more.', noFiles);
    assert.equal(
      html,
      '<p>See <a href="https://example.com/docs" rel="nofollow noopener noreferrer ugc">https://example.com/docs</a> for more.</p>\n',
    );
  });
});
