import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  aiCatalog,
  aiCatalogEntry,
  representativeQueries,
  SKILL_ZIP_TYPE,
} from '../../src/lib/publish/ai-catalog.ts';
import { ghSkillInstall } from '../../src/lib/publish/install-endpoints.ts';
import { analyseSource } from '../../src/lib/skill/package.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { makeTree, removeTree, skillMd } from './helpers.ts';

function record(description: string, tags = 'tags: [git, writing]\n') {
  const root = makeTree({ 'SKILL.md': skillMd('commit-writer', description, '\n# T\n', tags) });
  try {
    const result = analyseSource(fsSource(root), 'acme', 'commit-writer');
    if (!result.ok) throw new Error(result.excluded.reason);
    return result.skill;
  } finally {
    removeTree(root);
  }
}

const URN = /^urn:air:[a-zA-Z0-9.-]+(:[a-zA-Z0-9._-]+)+$/;

describe('ai-catalog.json (ARD 0.9)', () => {
  test('representative queries come from the "Use when" clause and the tags', () => {
    assert.deepEqual(
      representativeQueries({
        name: 'commit-writer',
        description:
          'Writes commit messages. Use when the user asks for a commit message, or staged changes need a summary; works offline.',
        tags: ['git', 'writing'],
      }),
      [
        'a commit message',
        'staged changes need a summary',
        'works offline',
        'commit writer for git',
        'commit writer for writing',
      ],
    );
    assert.deepEqual(
      representativeQueries({
        name: 'table-fixer',
        description: 'Formats tables nicely.',
        whenToUse: 'Use when the user asks to align a table, or columns are ragged.',
        tags: ['data'],
      }),
      ['align a table', 'columns are ragged', 'table fixer for data'],
      'the skill\u2019s own when_to_use comes first',
    );
    assert.deepEqual(
      representativeQueries({ name: 'x', description: 'Formats tables nicely.', tags: ['data'] }),
      [],
      'no clause: no queries',
    );
    assert.deepEqual(
      representativeQueries({ name: 'x', description: 'Use when: tables.', tags: [] }),
      [],
      'fewer than two: none',
    );
  });

  test('an entry names the skill by a URN under the site host, points at its archive, and carries provenance', () => {
    const skill = record('Writes commit messages. Use when the user asks for a commit message.');
    skill.listing = {
      featured: false,
      source: {
        repository: 'https://github.com/acme/skills',
        path: 'skills/commit-writer',
        commit: 'a'.repeat(40),
      },
    };
    const entry = aiCatalogEntry({
      skill,
      publisherName: 'Acme',
      installName: 'commit-writer',
      origin: 'https://shelf.test:8443',
      base: '/',
    }) as Record<string, unknown> & {
      trustManifest: { provenance: { relation: string; sourceId: string }[] };
    };
    assert.ok(entry);
    assert.match(entry['identifier'] as string, URN);
    assert.equal(entry['identifier'], 'urn:air:shelf.test:skills:commit-writer');
    assert.equal(entry['type'], SKILL_ZIP_TYPE);
    assert.match(entry['url'] as string, /\/download\/commit-writer-flat\.zip$/);
    assert.ok((entry['representativeQueries'] as string[]).length >= 2);
    assert.deepEqual(entry.trustManifest.provenance, [
      {
        relation: 'publishedFrom',
        sourceId: `https://github.com/acme/skills/skills/commit-writer@${'a'.repeat(40)}`,
      },
    ]);
  });

  test('keeps entries in the given order until the size cap, and says what it left out', () => {
    const good = record('Writes commit messages. Use when the user asks for a commit message.');
    const none = record('Writes commit messages.');
    const input = (skill: typeof good, name: string) => ({
      skill,
      publisherName: 'Acme',
      installName: name,
      origin: 'https://shelf.test',
      base: '/',
    });
    const all = aiCatalog({ displayName: 'Shelf', documentationUrl: 'https://shelf.test/about/' }, [
      input(good, 'a'),
      input(none, 'b'),
      input(good, 'c'),
    ]);
    const doc = JSON.parse(all.json) as {
      specVersion: string;
      host: { displayName: string };
      entries: { identifier: string }[];
    };
    assert.equal(doc.specVersion, '1.0');
    assert.deepEqual(
      doc.entries.map((e) => e.identifier.split(':').pop()),
      ['a', 'c'],
    );
    assert.deepEqual([all.listed, all.noQueries, all.capped], [2, 1, 0]);
    const one = JSON.stringify(aiCatalogEntry(input(good, 'a'))).length;
    const capped = aiCatalog(
      { displayName: 'Shelf', documentationUrl: 'https://shelf.test/about/' },
      [input(good, 'a'), input(good, 'c')],
      one + 120,
    );
    assert.deepEqual([capped.listed, capped.capped], [1, 1]);
    assert.ok(capped.json.length <= one + 120);
  });
});

describe('gh skill install', () => {
  const skill = record('Writes commit messages. Use when asked.');
  const source = {
    repository: 'https://github.com/acme/skills',
    path: 'skills/commit-writer',
    commit: 'b'.repeat(40),
  };
  test('is offered only when the import recorded this exact package at a GitHub commit', () => {
    assert.equal(
      ghSkillInstall({
        ...skill,
        listing: { featured: false, source: { ...source, manifest: skill.manifest } },
      })?.command,
      `gh skill install acme/skills commit-writer --pin ${'b'.repeat(40)}`,
    );
    assert.equal(
      ghSkillInstall({ ...skill, listing: { featured: false, source } }),
      undefined,
      'no manifest recorded',
    );
    assert.equal(
      ghSkillInstall({
        ...skill,
        listing: { featured: false, source: { ...source, manifest: 'c'.repeat(64) } },
      }),
      undefined,
      'the package changed since the import',
    );
    assert.equal(
      ghSkillInstall({
        ...skill,
        listing: {
          featured: false,
          source: {
            ...source,
            repository: 'https://gitlab.com/acme/skills',
            manifest: skill.manifest,
          },
        },
      }),
      undefined,
      'not on GitHub',
    );
  });
});
