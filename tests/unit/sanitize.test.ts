import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWED_HTML_TAGS, sanitize } from '../../src/lib/render/sanitize.ts';
import type { UrlRewriter } from '../../src/lib/render/sanitize.ts';
import { packageRewriter } from './helpers.ts';

const FILES = ['SKILL.md', 'assets/logo.png', 'references/guide.md'];
const site = packageRewriter('acme', 'demo', 'SKILL.md', FILES);
/** A careless rewriter that hands every href back unchanged. */
const passThrough: UrlRewriter = { link: (href) => href, image: (src) => src };
/** A hostile rewriter that turns everything into script URLs. */
const hostile: UrlRewriter = {
  link: () => 'javascript:alert(1)',
  image: () => 'javascript:alert(2)',
};

/** Every attribute value in the output, by name. */
function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'gi'))].map((m) => m[1]!);
}

describe('sanitize', () => {
  test('shows script, iframe, form, object, embed, svg, style and meta as escaped text, never elements', () => {
    const input = [
      '<script>window.__pwned = 1</script>',
      '<iframe src="https://example.com"></iframe>',
      '<form action="https://example.com"><input name=q><button>Send</button></form>',
      '<object data="x.swf"></object>',
      '<embed src="x.swf">',
      '<svg onload="window.__pwned=5"></svg>',
      '<style>body{display:none}</style>',
      '<meta http-equiv="refresh" content="0;url=https://example.com">',
    ].join('\n');
    const html = sanitize(input, site);
    assert.doesNotMatch(html, /<\s*(script|iframe|form|object|embed|svg|style|meta|button)\b/i);
    for (const tag of ['script', 'iframe', 'form', 'object', 'svg', 'meta'])
      assert.ok(html.includes(`&lt;${tag}`), `${tag} shown as text`);
    assert.ok(html.includes('window.__pwned = 1'), 'script text stays visible as text');
    assert.doesNotMatch(html, /http-equiv/);
  });

  test('removes every on* event handler and stray style from allowed elements', () => {
    const html = sanitize(
      '<div style="position:fixed;inset:0" onclick="x()">overlay</div><img src="https://e.com/a.png" onerror="x()"><a href="#a" onmouseover="x()">a</a><p ONLOAD="x()">p</p>',
      site,
    );
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /style=/);
    assert.ok(html.includes('<div>overlay</div>'));
  });

  test('never keeps a javascript:, mixed-case JaVaScRiPt: or data:text/html href, whatever the rewriter says', () => {
    const input =
      '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href=" javascript:alert(1)">c</a><a href="data:text/html,<script>alert(1)</script>">d</a><a href="vbscript:x">e</a>';
    for (const rewriter of [site, passThrough, hostile]) {
      const html = sanitize(input, rewriter);
      for (const href of attributeValues(html, 'href'))
        assert.doesNotMatch(href.trim(), /^(javascript|data|vbscript):/i);
      assert.ok(html.includes('>a</a>') && html.includes('>d</a>'), 'link text stays');
    }
    // With the site's rewriter the unsafe links are marked as going nowhere.
    const html = sanitize(input, site);
    assert.deepEqual(attributeValues(html, 'href'), []);
    assert.equal((html.match(/data-missing/g) ?? []).length, 5);
  });

  test('gives external links rel="nofollow noopener noreferrer ugc", case-insensitively', () => {
    const html = sanitize(
      '<a href="https://example.com/x">s</a><a href="HTTP://EXAMPLE.COM">u</a><a href="https://e.com" rel="me">r</a>',
      site,
    );
    assert.equal((html.match(/rel="nofollow noopener noreferrer ugc"/g) ?? []).length, 3);
    assert.deepEqual(attributeValues(html, 'href'), [
      'https://example.com/x',
      'HTTP://EXAMPLE.COM',
      'https://e.com',
    ]);
  });

  test('rewrites relative links through the rewriter and leaves #anchors alone', () => {
    const calls: string[] = [];
    const spy: UrlRewriter = {
      link: (href) => (calls.push(href), site.link(href)),
      image: (src) => site.image(src),
    };
    const html = sanitize('<a href="references/guide.md#setup">g</a><a href="#usage">u</a>', spy);
    assert.deepEqual(calls, ['references/guide.md#setup']);
    assert.ok(
      html.includes('<a href="/skills/acme/demo/files/references/guide.md/#setup">g</a>'),
      html,
    );
    assert.ok(html.includes('<a href="#usage">u</a>'));
  });

  test('marks a link to no package file data-missing, with no href and a title naming it', () => {
    const html = sanitize('<a href="references/nope.md">n</a>', site);
    assert.equal(html, '<a data-missing title="Not in this package: references/nope.md">n</a>');
  });

  test('rewrites relative image sources, drops missing and non-image data: sources, keeps inline pictures', () => {
    const html = sanitize(
      '<img src="assets/logo.png" alt="logo"><img src="nope.png" alt="gone"><img src="data:text/html;base64,PHNjcmlwdD4="><img src="data:image/png;base64,AAAA"><img src="https://example.com/x.png">',
      site,
      { remoteImages: 'load' },
    );
    const srcs = attributeValues(html, 'src');
    assert.deepEqual(srcs, [
      '/skills/acme/demo/raw/assets/logo.png',
      'data:image/png;base64,AAAA',
      'https://example.com/x.png',
    ]);
    assert.equal((html.match(/<img /g) ?? []).length, 5);
    // Every picture has an alt: the author's, or an empty one (decorative) when they gave none.
    assert.deepEqual(attributeValues(html, 'alt'), ['logo', 'gone', '', '', '']);
    assert.ok(html.includes('loading="lazy"'));
    assert.doesNotMatch(sanitize('<img src="assets/logo.png">', hostile), /javascript:/i);
  });

  test('by default shows a remote image as a click-to-load button that requests nothing', () => {
    const html = sanitize('<img src="https://example.com/x.png" alt="chart" width="1">', site);
    assert.equal(
      html,
      '<button type="button" class="remote-image" data-src="https://example.com/x.png" data-alt="chart">Load image from example.com: chart</button>',
    );
  });

  test('turns every input into a disabled checkbox, keeping only "checked"', () => {
    assert.equal(
      sanitize('<input type="text" name="q" value="v">', site),
      '<input type="checkbox" disabled />',
    );
    assert.equal(
      sanitize('<input type="checkbox" checked onclick="x()">', site),
      '<input type="checkbox" disabled checked />',
    );
  });

  test('keeps details/summary (with open), kbd and other allowed markup', () => {
    const html = sanitize(
      '<details open><summary>More</summary>Hidden</details> press <kbd>Ctrl</kbd> <mark>m</mark> <abbr title="HyperText">HTML</abbr>',
      site,
    );
    assert.equal(
      html,
      '<details open><summary>More</summary>Hidden</details> press <kbd>Ctrl</kbd> <mark>m</mark> <abbr title="HyperText">HTML</abbr>',
    );
    for (const tag of ['details', 'summary', 'kbd', 'table', 'input', 'label'])
      assert.ok((ALLOWED_HTML_TAGS as readonly string[]).includes(tag), tag);
  });

  test('keeps only language-* classes on code and only text-align styles on cells', () => {
    const html = sanitize(
      '<code class="language-js evil">c</code><span class="x" style="color:red">s</span><table><tr><td style="text-align:center;color:red" align="right">c</td></tr></table>',
      site,
    );
    assert.ok(html.includes('<code class="language-js">c</code>'), html);
    assert.ok(html.includes('<span>s</span>'));
    assert.ok(html.includes('<td style="text-align:center" align="right">c</td>'), html);
  });

  test('shows unknown pseudo-XML tags as text with their content kept', () => {
    const html = sanitize('<hard-gate>Never skip the gate check</hard-gate>', site);
    assert.equal(html, '&lt;hard-gate&gt;Never skip the gate check&lt;/hard-gate&gt;');
  });

  test('keeps a protocol-relative link usable as an https link', () => {
    const html = sanitize('<a href="//cdn.example.com/x">p</a>', site);
    assert.match(
      html,
      /<a href="https:\/\/cdn\.example\.com\/x" rel="nofollow noopener noreferrer ugc">p<\/a>/,
    );
    assert.doesNotMatch(html, /data-missing/);
  });
});
