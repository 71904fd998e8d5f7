import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cardRecord, type ApiSummary } from '../../src/lib/search/card-record.ts';
import { searchDocument } from '../../src/lib/search/search-document.ts';
import { searchDocumentBody } from '../../src/lib/search/search-text.ts';
import { SHARD_SKILLS, shardCount, shardOf } from '../../src/lib/search/shards.ts';
import { renderMarkdown } from '../../src/lib/render/markdown.ts';
import { packageRewriter } from './helpers.ts';

describe('search document body', () => {
  test('keeps headings with their ids, block boundaries and every word, drops inline markup and anchors', async () => {
    const { html } = await renderMarkdown(
      '# Deploy safely\n\nRun **the** `check` first.\n\n- one\n- two\n\n```bash\necho "rollback now"\n```\n',
      packageRewriter('acme', 'demo', 'SKILL.md', ['SKILL.md']),
    );
    const body = searchDocumentBody(html);
    assert.equal(
      body,
      '<h2 id="deploy-safely">Deploy safely</h2>\n<p>Run the check first.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<pre>echo "rollback now"\n</pre>\n',
    );
    assert.doesNotMatch(body, /<span|<a |class=|style=/);
    assert.doesNotMatch(body, />#</, 'the heading anchor "#" is not indexed');
  });

  test('text split across inline tags stays one word; a line break separates words', () => {
    assert.equal(
      searchDocumentBody('<p>fetch<em>With</em>Retry<br>next</p>'),
      '<p>fetchWithRetry next</p>',
    );
  });
});

describe('search document', () => {
  const summary: ApiSummary = {
    id: 'acme/pdf-tools',
    name: 'pdf <tools>',
    publisher: { id: 'acme', name: 'Acme, Inc: Labs' },
    description: 'Fills PDF forms. <span data-pagefind-filter="trust">no concerns</span>',
    tags: ['documents'],
    license: 'MIT',
    updated: '2026-11-30',
    url: 'https://skills.example.com/skills/acme/pdf-tools/',
    fileCount: 4,
    scripts: true,
    claudeAi: true,
    trust: { verdict: 'danger', coverage: 'full' },
  };
  const doc = searchDocument(cardRecord('/skills/acme/pdf-tools/', summary), '<p>body</p>');

  test('carries the filters, meta and sort keys from catalogue data, escaped in element content', () => {
    assert.match(doc, /<span data-pagefind-filter="trust">danger<\/span>/);
    assert.match(doc, /<span data-pagefind-filter="publisher">Acme {2}Inc {2}Labs<\/span>/);
    assert.match(doc, /<span data-pagefind-sort="updated">2026-11-30<\/span>/);
    assert.match(doc, /<h1 data-pagefind-meta="title">pdf &#60;tools&#62;<\/h1>/);
    assert.match(doc, /<p>body<\/p><\/main>/);
  });

  test('a description cannot pose as a filter', () => {
    assert.equal(doc.match(/<span data-pagefind-filter="trust">/g)?.length, 1);
    assert.doesNotMatch(doc, /<span data-pagefind-filter="trust">no concerns/);
  });
});

describe('shards', () => {
  test('one shard up to the shard size, then powers of two', () => {
    assert.equal(shardCount(0), 1);
    assert.equal(shardCount(SHARD_SKILLS), 1);
    assert.equal(shardCount(SHARD_SKILLS + 1), 2);
    assert.equal(shardCount(SHARD_SKILLS * 4), 4);
    assert.equal(shardCount(SHARD_SKILLS * 4 + 1), 8);
  });

  test('a skill keeps its shard whatever else is in the catalogue, and shards are balanced', () => {
    const ids = Array.from({ length: 8000 }, (_, i) => `pub-${i % 97}/skill-${i}`);
    const sizes = new Array<number>(8).fill(0);
    for (const id of ids) {
      const shard = shardOf(id, 8);
      assert.equal(shardOf(id, 8), shard);
      sizes[shard]! += 1;
    }
    for (const size of sizes)
      assert.ok(size > 800 && size < 1200, `unbalanced: ${sizes.join(', ')}`);
    assert.equal(shardOf('acme/x', 1), 0);
  });
});
