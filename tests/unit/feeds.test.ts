import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { skillFeedItem, xmlSafe } from '../../src/lib/publish/feeds.ts';

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hostile =
  'Bell\u0007 null\u0000 escape\u001b lone\uD800 surrogate \uDC00 nonchar\uFFFE\uFFFF and <b>&</b> "quotes" emoji 😀 tab\tnewline\n';

const skill = (over: { added?: string; name?: string; description?: string }) => ({
  name: over.name ?? 'release-notes',
  description: over.description ?? 'Drafts release notes.',
  updated: '2026-11-30',
  listing: { added: over.added },
});

/** The feed as @astrojs/rss writes it, for the given items. */
async function feed(items: ReturnType<typeof skillFeedItem>[], title = 'Skillshelf') {
  return getRssString({
    title: xmlSafe(title),
    description: xmlSafe(hostile),
    site: 'https://skills.example.com/',
    items,
  });
}

describe('feeds', () => {
  test('xmlSafe() removes only the characters XML cannot hold, keeping emoji and whitespace', () => {
    const out = xmlSafe(hostile);
    assert.doesNotMatch(out, XML_ILLEGAL);
    assert.ok(out.includes('😀') && out.includes('\t') && out.includes('\n'));
    assert.ok(out.includes('<b>&</b> "quotes"'), 'escaping is left to the feed library');
  });

  test('a feed with hostile titles and descriptions has no illegal characters and parses', async () => {
    const rss = await feed(
      [
        skillFeedItem(
          skill({ name: hostile, description: hostile }),
          'https://skills.example.com/skills/a/b/',
        ),
      ],
      `Site ${hostile}`,
    );
    assert.doesNotMatch(rss, XML_ILLEGAL);
    assert.ok(!rss.includes('<b>'), 'markup in text is escaped');
    const parsed = new XMLParser({ processEntities: true }).parse(rss) as {
      rss: { channel: { item: { title: string; description: string; pubDate: string } } };
    };
    const { item } = parsed.rss.channel;
    assert.ok(item.title.startsWith('Updated: Bell null escape'));
    assert.ok(item.description.includes('<b>&</b>') && item.description.includes('😀'));
    assert.equal(item.pubDate, 'Mon, 30 Nov 2026 00:00:00 GMT');
  });

  test('an item is "New:" when added on the day it was last updated, else "Updated:"', async () => {
    const link = 'https://skills.example.com/skills/a/b/';
    assert.equal(skillFeedItem(skill({ added: '2026-11-30' }), link).title, 'New: release-notes');
    assert.equal(
      skillFeedItem(skill({ added: '2026-10-01' }), link).title,
      'Updated: release-notes',
    );
    assert.equal(skillFeedItem(skill({}), link).title, 'Updated: release-notes');
    const rss = await feed([skillFeedItem(skill({ added: '2026-11-30' }), link)]);
    assert.match(
      rss,
      /<item><title>New: release-notes<\/title><link>https:\/\/skills\.example\.com\/skills\/a\/b\/<\/link><guid isPermaLink="true">/,
    );
  });
});
