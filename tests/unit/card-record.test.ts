import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardRecord, type ApiSummary } from '../../src/lib/search/card-record.ts';

const summary: ApiSummary = {
  id: 'acme/pdf-tools',
  name: 'pdf-tools',
  publisher: { id: 'acme', name: 'Acme, Inc: Labs' },
  description: 'Fills PDF forms. data-pagefind-filter="trust:no concerns"',
  tags: ['documents', 'constructor'],
  license: null,
  updated: '2026-11-30',
  url: 'https://skills.example.com/skills/acme/pdf-tools/',
  fileCount: 4,
  scripts: true,
  claudeAi: false,
  loadsIn: ['claude-code', 'npx-skills'],
  findingCounts: { errors: 1, warnings: 2 },
  trust: { verdict: 'danger', coverage: 'partial' },
};

test('builds a card record from catalogue data: filters, meta and sort keys, whatever the text says', () => {
  const record = cardRecord('/skills/acme/pdf-tools/', summary);
  assert.equal(record.url, '/skills/acme/pdf-tools/');
  assert.deepEqual(
    record.filters['trust'],
    ['danger'],
    'text posing as an attribute changes nothing',
  );
  assert.deepEqual(
    record.filters['tag'],
    ['documents', 'constructor'],
    'a tag named like a prototype key is just a value',
  );
  assert.deepEqual(
    record.filters['publisher'],
    ['Acme  Inc  Labs'],
    'commas and colons would split a Pagefind value',
  );
  assert.deepEqual(record.filters['license'], ['Not stated']);
  assert.deepEqual(record.filters['scripts'], ['yes']);
  assert.deepEqual(
    record.filters['loads'],
    ['Claude Code', 'npx skills'],
    'client labels, as shown',
  );
  assert.equal(record.meta['verdict'], 'danger');
  assert.equal(record.meta['coverage'], 'partial');
  assert.equal(record.meta['files'], '4');
  assert.equal(record.meta['publisher_url'], 'acme');
  assert.deepEqual(record.sort, { name: 'pdf-tools', updated: '2026-11-30' });
});
