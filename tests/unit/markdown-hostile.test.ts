import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/lib/render/markdown.ts';
import { MAX_HTML_DEPTH, sanitize } from '../../src/lib/render/sanitize.ts';
import type { UrlRewriter } from '../../src/lib/render/sanitize.ts';
import { markdownToText } from '../../src/lib/search/search-text.ts';
import { packageRewriter } from './helpers.ts';

const site = packageRewriter('acme', 'demo', 'SKILL.md', [
  'SKILL.md',
  'assets/logo.png',
  'references/guide.md',
]);
/** A rewriter that returns whatever it is given, as a careless caller might write one. */
const passThrough: UrlRewriter = { link: (href) => href, image: (src) => src };
/** A rewriter that answers with script and protocol-relative URLs. */
const hostile: UrlRewriter = {
  link: () => 'javascript:alert(1)',
  image: () => '//tracker.example/p.gif',
};

const render = async (source: string, options = {}): Promise<string> =>
  (await renderMarkdown(source, site, options)).html;

/** Every value of attribute `name` in `html`. */
const attributeValues = (html: string, name: string): string[] =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

/** An href the way a browser reads it: no tabs or newlines, no leading or trailing controls or spaces. */
function asBrowserReads(href: string): string {
  const decoded = href
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
  return decoded.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
}

/** Fails unless every href and src in `html` is https/http/mailto, a fragment, or a path on this site. */
function assertOnlySafeUrls(html: string): void {
  for (const url of [
    ...attributeValues(html, 'href'),
    ...attributeValues(html, 'src'),
    ...attributeValues(html, 'data-src'),
  ]) {
    const read = asBrowserReads(url);
    const ok =
      /^(?:https?:\/\/[^\\/]|mailto:|#|\/(?![\\/])|data:image\/(?:png|jpeg|gif|webp|avif|svg\+xml)[;,])/i.test(
        read,
      );
    assert.ok(ok, `unsafe URL kept: ${JSON.stringify(url)}`);
  }
}

describe('heading ids', () => {
  test('match GitHub for Unicode text and keep the h1 → h2 demotion', async () => {
    const { html, headings } = await renderMarkdown(
      '# Ünïcödé Überschrift\n\n###### Sechs\n\n## Ça va? Très bien!\n',
      site,
    );
    assert.deepEqual(
      headings.map((h) => [h.depth, h.id]),
      [
        [1, 'ünïcödé-überschrift'],
        [6, 'sechs'],
        [2, 'ça-va-très-bien'],
      ],
    );
    assert.match(
      html,
      /^<h2 id="ünïcödé-überschrift">Ünïcödé Überschrift<a class="heading-anchor" href="#ünïcödé-überschrift"[^>]*>#<\/a><\/h2>/,
    );
    assert.match(html, /<h6 id="sechs">Sechs<a [^>]*>#<\/a><\/h6>/);
    assert.match(html, /<h3 id="ça-va-très-bien">/);
  });

  test('never take a layout id, a line anchor or the author prefix', async () => {
    const source = [
      'Install',
      'Trust',
      'L6',
      'l12',
      'User content install',
      'user-content-x',
      '!!!',
      '???',
    ]
      .map((t) => `## ${t}\n`)
      .join('\n');
    const { headings } = await renderMarkdown(source, site);
    assert.deepEqual(
      headings.map((h) => h.id),
      [
        'install-1',
        'trust-1',
        'l6-1',
        'l12-1',
        'section-user-content-install',
        'section-user-content-x',
        'section',
        'section-1',
      ],
    );
  });

  test('gives 10,000 identical headings 10,000 distinct ids, numbered in order', async () => {
    const { html, headings } = await renderMarkdown('## Same\n\n'.repeat(10_000), site);
    assert.equal(headings.length, 10_000);
    assert.deepEqual(
      headings.slice(0, 3).map((h) => h.id),
      ['same', 'same-1', 'same-2'],
    );
    assert.equal(headings.at(-1)!.id, 'same-9999');
    assert.equal(new Set(headings.map((h) => h.id)).size, 10_000);
    assert.equal((html.match(/<h3 id="same(?:-\d+)?">/g) ?? []).length, 10_000);
  });

  test('stay unique when authors pre-empt the numbered suffixes', async () => {
    const source = ['a-1', 'a-2', 'a', 'a', 'a', 'a-3', 'A', 'a 1']
      .map((t) => `## ${t}\n`)
      .join('\n');
    const ids = (await renderMarkdown(source, site)).headings.map((h) => h.id);
    assert.equal(new Set(ids).size, ids.length, ids.join(' '));
    assert.deepEqual(ids.slice(0, 5), ['a-1', 'a-2', 'a', 'a-3', 'a-4']);
  });
});

describe('author ids and names', () => {
  test('get the user-content- prefix, so they cannot take the page ids or line anchors', async () => {
    const { html, headings } = await renderMarkdown(
      '<a id="L6">six</a> <a name="install">i</a>\n\n<h2 id="trust">Fake trust</h2>\n\n<h3 id="findings" name="x">f</h3>\n\n## Real\n',
      site,
    );
    for (const id of attributeValues(html, 'id')) {
      assert.ok(
        id.startsWith('user-content-') || headings.some((h) => h.id === id),
        `unprefixed author id: ${id}`,
      );
    }
    assert.deepEqual(attributeValues(html, 'id').sort(), [
      'real',
      'user-content-L6',
      'user-content-findings',
      'user-content-trust',
    ]);
    assert.deepEqual(attributeValues(html, 'name'), ['user-content-install']);
  });

  test('an author cannot pass an id off as one of ours, even with a plausible prefix', async () => {
    const { html } = await renderMarkdown(
      '<h2 id="0123456789abcdef0123456789abcdef:trust">x</h2>\n\n<h2 id=":L6">y</h2>\n',
      site,
    );
    assert.deepEqual(attributeValues(html, 'id'), [
      'user-content-0123456789abcdef0123456789abcdef:trust',
      'user-content-:L6',
    ]);
  });

  test('fragment links follow author ids, and links to generated heading ids stay as they are', async () => {
    const source = [
      '<a name="setup"></a><a id="café"></a><span id="dropped"></span>',
      '',
      '[to setup](#setup) [to café](#caf%C3%A9) [to usage](#usage) [to nowhere](#nothing) <a href="#setup">raw</a> [to L6](#L6)',
      '',
      '## Usage',
      '',
      '<a id="usage"></a>',
    ].join('\n');
    const html = await render(source);
    const links = (html.match(/<a (?!class="heading-anchor")[^>]*>/g) ?? []).join(' ');
    assert.deepEqual(attributeValues(links, 'href'), [
      '#user-content-setup',
      '#user-content-caf%C3%A9',
      '#usage',
      '#nothing',
      '#user-content-setup',
      '#L6',
    ]);
    assert.ok(html.includes('<h3 id="usage">'));
    assert.ok(html.includes('<a id="user-content-usage"></a>'));
  });

  test('sanitize on its own prefixes every id, headings included', () => {
    const html = sanitize('<h2 id="top">t</h2><a id="L1" name="files" href="#L1">x</a>', site);
    assert.equal(
      html,
      '<h2 id="user-content-top">t</h2><a href="#user-content-L1" id="user-content-L1" name="user-content-files">x</a>',
    );
  });
});

describe('private-use marker characters', () => {
  test('written into an attribute stay inside it and never become a pseudo-tag label', async () => {
    const html = await render(
      '<a href="https://ok.example/" title="\uE000script\uE001">t</a> ![x \uE000img\uE001](assets/logo.png)\n',
    );
    assert.doesNotMatch(html, /pseudo-tag/);
    assert.doesNotMatch(html, /[\uE000\uE001]/);
    assert.ok(html.includes('title="\uFFFDscript\uFFFD"'), html);
    assert.ok(html.includes('alt="x \uFFFDimg\uFFFD"'));
    assert.equal((html.match(/<a /g) ?? []).length, 1);
  });

  test('written as character references in attributes or text are neutralised too', async () => {
    const html = await render(
      '<a href="#x" title="&#xE000;script&#xE001;">t</a> and &#57344;hard-gate&#57345; and <img alt="&#xe000;b&#xe001;" src="assets/logo.png">\n',
    );
    assert.doesNotMatch(html, /pseudo-tag|[\uE000\uE001]/);
    assert.ok(html.includes('title="\uFFFDscript\uFFFD"'));
    assert.ok(html.includes('\uFFFDhard-gate\uFFFD'));
  });

  test('do not break real pseudo-tag labels, which never appear inside attributes', async () => {
    const html = await render(
      '<hard-gate>\nDo the check.\n</hard-gate>\n\n<a title="\n<example>\n">t</a>\n',
    );
    assert.ok(html.includes('<span class="pseudo-tag">&lt;hard-gate&gt;</span>'));
    assert.ok(html.includes('<span class="pseudo-tag">&lt;/hard-gate&gt;</span>'));
    assert.doesNotMatch(html, /title="[^"]*<span/);
  });

  test('code placeholders cannot be forged: literal or referenced look-alikes stay text', async () => {
    const source =
      'CODESLOT0x0 \uE000=0\uE001 &#xE000;=0&#xE001; <p>&#xE000;00000000000000000000000000000000=0&#xE001;</p>\n\n```js\nconst one = 1;\n```\n';
    const html = await render(source);
    assert.equal((html.match(/class="code-block"/g) ?? []).length, 1);
    assert.ok(html.includes('CODESLOT0x0'));
    assert.doesNotMatch(html, /[\uE000\uE001]/);
  });

  test('rendering is deterministic', async () => {
    const source = '# A\n\n<x-tag>\n\n```js\nlet a;\n```\n\n![p](https://img.example/p.png)\n';
    assert.equal(await render(source), await render(source));
  });
});

describe('remote images', () => {
  const source =
    '![a "chart" <b>](https://img.example/c.png?x=1&y=2)\n\n<img src="https://t.example/pixel.gif" width="1" height="1">\n';

  test('by default become inert click-to-load buttons naming their host', async () => {
    const html = await render(source);
    assert.doesNotMatch(html, /<img/);
    assert.ok(
      html.includes(
        '<button type="button" class="remote-image" data-src="https://img.example/c.png?x=1&amp;y=2" data-alt="a &quot;chart&quot; &lt;b&gt;">Load image from img.example: a &quot;chart&quot; &lt;b&gt;</button>',
      ),
      html,
    );
    assert.ok(
      html.includes(
        '<button type="button" class="remote-image" data-src="https://t.example/pixel.gif" data-alt="">Load image from t.example</button>',
      ),
    );
  });

  test("with 'link' become plain external links", async () => {
    const html = await render(source, { remoteImages: 'link' });
    assert.doesNotMatch(html, /<img|<button/);
    assert.ok(
      html.includes(
        '<a href="https://t.example/pixel.gif" rel="nofollow noopener noreferrer ugc">Image (t.example)</a>',
      ),
    );
    assert.ok(
      html.includes(
        '<a href="https://img.example/c.png?x=1&amp;y=2" rel="nofollow noopener noreferrer ugc">Image: a "chart" &lt;b&gt; (img.example)</a>',
      ),
      html,
    );
  });

  test("with 'load' stay lazy <img> elements", async () => {
    const html = await render(source, { remoteImages: 'load' });
    assert.ok(
      html.includes(
        '<img src="https://t.example/pixel.gif" width="1" height="1" alt="" loading="lazy" decoding="async" />',
      ),
      html,
    );
    assert.doesNotMatch(html, /<button/);
  });

  test('over http: are only ever links, and protocol-relative ones count as https', async () => {
    for (const remoteImages of ['click', 'link', 'load'] as const) {
      const html = await render('![h](http://plain.example/i.png) ![p](//cdn.example/i.png)\n', {
        remoteImages,
      });
      assert.ok(
        html.includes(
          '<a href="http://plain.example/i.png" rel="nofollow noopener noreferrer ugc">Image: h (plain.example)</a>',
        ),
        remoteImages,
      );
      assert.doesNotMatch(html, /src="http:/);
      assert.ok(html.includes('https://cdn.example/i.png'));
    }
  });

  test('package and inline data: pictures are unaffected in every mode', async () => {
    for (const remoteImages of ['click', 'link', 'load'] as const) {
      const html = await render(
        '![logo](assets/logo.png) <img src="data:image/svg+xml;base64,PHN2Zy8+" alt="svg">\n',
        { remoteImages },
      );
      assert.ok(
        html.includes(
          '<img src="/skills/acme/demo/raw/assets/logo.png" alt="logo" loading="lazy" decoding="async" />',
        ),
        remoteImages,
      );
      assert.ok(
        html.includes(
          '<img src="data:image/svg+xml;base64,PHN2Zy8+" alt="svg" loading="lazy" decoding="async" />',
        ),
      );
    }
  });

  test('inside a link are named in its text, never nested as a button or link', async () => {
    const html = await render('[![build](https://badge.example/b.svg)](https://ci.example/)\n');
    assert.equal(
      html,
      '<p><a href="https://ci.example/" rel="nofollow noopener noreferrer ugc"><span>Image: build (badge.example)</span></a></p>\n',
    );
  });

  test('authors cannot set data-src or write the button themselves', async () => {
    const html = await render(
      '<img data-src="javascript:alert(1)" src="assets/logo.png"> <button class="remote-image" data-src="javascript:alert(2)">x</button>\n',
    );
    assert.doesNotMatch(html, /<button/);
    assert.deepEqual(attributeValues(html, 'data-src'), []);
    assert.doesNotMatch(html, /data-src="javascript/);
  });

  test('a rewriter answering with another site is still checked', () => {
    const html = sanitize('<img src="logo.png" alt="l"><a href="guide.md">g</a>', hostile);
    assertOnlySafeUrls(html);
    assert.doesNotMatch(html, /javascript/);
  });
});

describe('link schemes', () => {
  const tricks = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'jav&#x0A;ascript:alert(1)',
    'jav&#13;ascript:alert(1)',
    'java\nscript:alert(1)',
    'java\tscript:alert(1)',
    '   javascript:alert(1)',
    '&#x01;javascript:alert(1)',
    '\u0001\u001fjavascript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'DATA:text/html,x',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://x/y',
  ];

  for (const rewriter of [site, passThrough, hostile]) {
    test(`no script, data or file href survives in raw HTML (${rewriter === site ? 'site' : rewriter === hostile ? 'hostile' : 'pass-through'} rewriter)`, () => {
      const html = sanitize(
        tricks.map((t) => `<a href="${t}">x</a><img src="${t}">`).join('\n'),
        rewriter,
      );
      assertOnlySafeUrls(html);
      assert.doesNotMatch(html, /href="[^"]*(?:script|data:|file:|blob:)/i);
      assert.equal((html.match(/>x<\/a>/g) ?? []).length, tricks.length, 'link text stays');
    });
  }

  test('no script href survives in Markdown links or autolinks', async () => {
    const source =
      tricks.map((t) => `[x](${t.replace('\n', '')}) <${t.replace(/\s/g, '')}>`).join('\n\n') +
      '\n\n[r]: javascript:alert(1)\n\n[ref][r]\n';
    assertOnlySafeUrls(await render(source));
  });

  test('protocol-relative and backslash tricks become plain external https links', () => {
    const cases: Array<[string, string]> = [
      ['//evil.example/x', 'https://evil.example/x'],
      ['\\\\evil.example/x', 'https://evil.example/x'],
      ['/\\evil.example', 'https://evil.example/'],
      ['\\/evil.example', 'https://evil.example/'],
      ['https:/\\evil.example/x', 'https://evil.example/x'],
      ['https:\\\\evil.example', 'https://evil.example/'],
      ['https:evil.example', 'https://evil.example/'],
      [' \thttps://ok.example/a', 'https://ok.example/a'],
    ];
    for (const [written, expected] of cases) {
      assert.equal(
        sanitize(`<a href="${written}">x</a>`, passThrough),
        `<a href="${expected}" rel="nofollow noopener noreferrer ugc">x</a>`,
        written,
      );
    }
  });

  test('keeps https, http and mailto as written, and package links through the rewriter', () => {
    const html = sanitize(
      '<a href="https://a.example/p?q=1#f">a</a><a href="http://b.example">b</a><a href="mailto:me@c.example">c</a><a href="references/guide.md">d</a><a href="/assets/logo.png">e</a>',
      site,
    );
    assert.deepEqual(attributeValues(html, 'href'), [
      'https://a.example/p?q=1#f',
      'http://b.example',
      'mailto:me@c.example',
      '/skills/acme/demo/files/references/guide.md/',
      '/skills/acme/demo/files/assets/logo.png/',
    ]);
    assert.equal((html.match(/rel="nofollow noopener noreferrer ugc"/g) ?? []).length, 2);
  });

  test('a rewriter cannot turn a package link into a script or protocol-relative URL unnoticed', () => {
    const html = sanitize('<a href="guide.md">g</a>', {
      link: () => '//evil.example/x',
      image: () => undefined,
    });
    assert.equal(
      html,
      '<a href="https://evil.example/x" rel="nofollow noopener noreferrer ugc">g</a>',
    );
    assert.equal(
      sanitize('<a href="guide.md">g</a>', hostile),
      '<a data-missing title="Link removed: only https, http and mailto links are kept">g</a>',
    );
  });
});

describe('adversarial sizes and nesting render correctly', () => {
  test('100 KB of [ without ] stays text, in HTML and search text', async () => {
    const source = '['.repeat(100_000);
    assert.equal(await render(source), `<p>${source}</p>\n`);
    assert.equal(markdownToText(source), source);
  });

  test('100 KB of < without > is escaped text', async () => {
    const html = await render('<'.repeat(100_000));
    assert.equal(html, `<p>${'&lt;'.repeat(100_000)}</p>\n`);
    assert.equal(markdownToText('a <b'.repeat(20_000)), 'a <b'.repeat(20_000));
  });

  test('50,000 unclosed comments are shown, not swallowed', async () => {
    const html = await render(`x ${'<!--'.repeat(50_000)}`);
    assert.equal((html.match(/&lt;!--/g) ?? []).length, 50_000);
  });

  test('10,000 nested quotes keep their deepest text, as plain text past the nesting limit', async () => {
    const html = await render(`${'>'.repeat(10_000)} deep secret`);
    const quotes = (html.match(/<blockquote>/g) ?? []).length;
    assert.ok(quotes > 10 && quotes < 60, `${quotes} blockquotes`);
    assert.ok(html.includes('deep secret'));
    assert.ok(markdownToText(`${'>'.repeat(10_000)} deep secret`).endsWith('deep secret'));
  });

  test('lists nested 5,000 deep keep their text', async () => {
    const html = await render(`${'* '.repeat(5_000)}deep secret`);
    assert.ok((html.match(/<ul>/g) ?? []).length < 60);
    assert.ok(html.includes('deep secret'));
  });

  test('10,000 nested raw <div>s fall back to text and keep the Markdown around them', async () => {
    const html = await render(
      `# Title\n\n*before*\n\n${'<div>'.repeat(10_000)}deep secret\n\n*after*\n`,
    );
    assert.doesNotMatch(html, /<div>/);
    assert.ok(html.includes('&lt;div&gt;'));
    assert.ok(html.includes('deep secret'));
    assert.ok(html.includes('<em>before</em>') && html.includes('<em>after</em>'));
    assert.match(html, /<h2 id="title">/);
  });

  test('sanitize keeps moderately nested HTML and shows HTML past MAX_HTML_DEPTH as text', () => {
    const nested = (n: number): string => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`;
    assert.equal(sanitize(nested(100), site), nested(100));
    const deep = sanitize(nested(MAX_HTML_DEPTH + 1), site);
    assert.doesNotMatch(deep, /<div>/);
    assert.ok(deep.includes('&#60;div&#62;x&#60;/div&#62;'));
  });

  test('a 1 MB single line renders as one paragraph with all its words', async () => {
    const line = 'word '.repeat(200_000).trim();
    assert.equal(await render(line), `<p>${line}</p>\n`);
    assert.equal(markdownToText(line), line);
  });

  test('20,000 pseudo-tag lines all become labels', async () => {
    const html = await render(
      Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `</step-${i}>` : `<step-${i}>`)).join('\n'),
    );
    assert.equal((html.match(/<span class="pseudo-tag">/g) ?? []).length, 20_000);
  });
});

describe('markdownToText', () => {
  test('keeps words, link text, alt text and code; drops syntax, link targets, tags and front matter', () => {
    const text = markdownToText(
      '---\nname: x\n---\n# Title\n\nSee [the guide](https://e.example/g) and ![a chart](c.png) *now*.\n\n<div class="x">Raw <b>html</b></div>\n\n```js\nconst a = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    assert.equal(text, 'Title See the guide and a chart now. Raw html const a = 1; a b 1 2');
  });
});
