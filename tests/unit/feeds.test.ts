import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRss, buildSitemap, buildSitemapIndex, xml } from '../../src/lib/publish/feeds.ts';

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hostile =
  'Bell\u0007 null\u0000 escape\u001b lone\uD800 surrogate \uDC00 and <b>&</b> "quotes" emoji 😀 tab\tnewline\n';

describe('feeds', () => {
  test('xml() removes characters XML cannot hold and escapes markup, keeping emoji and whitespace', () => {
    const out = xml(hostile);
    assert.doesNotMatch(out, XML_ILLEGAL);
    assert.ok(out.includes('😀') && out.includes('\t') && out.includes('\n'));
    assert.ok(out.includes('&#60;b&#62;&#38;&#60;/b&#62;'));
    assert.ok(!out.includes('<b>'));
  });

  test('an RSS feed with hostile titles and descriptions is still well-formed XML text', () => {
    const rss = buildRss(
      { title: `Site ${hostile}`, url: 'https://skills.example.com', description: hostile },
      [
        {
          title: hostile,
          url: 'https://skills.example.com/skills/a/b/',
          description: hostile,
          date: '2026-11-30',
        },
      ],
    );
    assert.doesNotMatch(rss, XML_ILLEGAL);
    assert.equal((rss.match(/<item>/g) ?? []).length, 1);
    assert.ok(rss.includes('<pubDate>Mon, 30 Nov 2026 00:00:00 GMT</pubDate>'));
  });

  test('sitemaps escape locations and drop illegal characters', () => {
    const map = buildSitemap([
      { loc: `https://skills.example.com/a?b=1&c=\u0001`, lastmod: '2026-11-30T10:00:00Z' },
    ]);
    assert.doesNotMatch(map, XML_ILLEGAL);
    assert.ok(
      map.includes(
        '<loc>https://skills.example.com/a?b=1&#38;c=</loc><lastmod>2026-11-30</lastmod>',
      ),
    );
    assert.doesNotMatch(
      buildSitemapIndex([`https://skills.example.com/s-\u0002.xml`]),
      XML_ILLEGAL,
    );
  });
});
