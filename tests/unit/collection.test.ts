import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCollection, resolveCollection } from '../../src/lib/publish/collection.ts';
import { buildFoldersZip } from '../../src/lib/publish/zip.ts';
import { unzipSync } from 'fflate';
import { unixModes } from '../support/zip-entries.ts';

const FILE = 'content/collections/docs.md';
const text = (front: string, body = '\nBody.\n'): string => `---\n${front}---\n${body}`;

describe('collections', () => {
  test('reads title, description and the skill list, with each skill\u2019s line', () => {
    const read = parseCollection(
      'docs.md',
      FILE,
      text('title: Docs\ndescription: For docs.\nskills:\n  - a/one\n  - b/two\n'),
    );
    assert.ok(read.ok);
    assert.deepEqual(read.collection.skills, ['a/one', 'b/two']);
    assert.deepEqual(read.collection.skillLines, { 'a/one': 5, 'b/two': 6 });
    assert.equal(read.collection.body, '\nBody.\n');
    assert.deepEqual(read.collection.problems, []);
  });

  test('warns about bad ids, repeats and unknown keys, and keeps the rest', () => {
    const read = parseCollection(
      'docs.md',
      FILE,
      text('title: Docs\nskills:\n  - a/one\n  - not an id\n  - a/one\n  - 3\ncolor: red\n'),
    );
    assert.ok(read.ok);
    assert.deepEqual(read.collection.skills, ['a/one']);
    assert.deepEqual(
      read.collection.problems.map((p) => [p.line, p.severity, p.message.slice(0, 24)]),
      [
        [5, 'warning', '"not an id" is not a <pu'],
        [6, 'warning', 'a/one is listed twice.'],
        [7, 'warning', '"3" is not a <publisher>'],
        [8, 'warning', '"color" is not a collect'],
      ],
    );
  });

  test('leaves out a file it cannot use, saying why and where', () => {
    const bad = (name: string, body: string): string => {
      const read = parseCollection(name, FILE, body);
      assert.ok(!read.ok);
      assert.equal(read.problem.severity, 'error');
      return read.problem.message;
    };
    assert.match(bad('Docs Day.md', text('title: x\nskills: []\n')), /kebab-case id/);
    assert.match(bad('docs.md', text('skills: [a/b]\n')), /no title/);
    assert.match(bad('docs.md', text('title: x\nskills: a/b\n')), /YAML list/);
    assert.match(bad('docs.md', 'no frontmatter'), /No YAML frontmatter/);
  });

  test('a skill the catalogue does not list is unavailable, with the reason, and left out of the members', () => {
    const read = parseCollection(
      'docs.md',
      FILE,
      text('title: Docs\nskills:\n  - a/one\n  - a/gone\n  - a/broken\n'),
    );
    assert.ok(read.ok);
    const resolved = resolveCollection(
      read.collection,
      new Map([['a/one', { id: 'a/one' }]]),
      new Map([['a/broken', 'The folder has no SKILL.md.']]),
    );
    assert.deepEqual(resolved.members, [{ id: 'a/one' }]);
    assert.deepEqual(resolved.unavailable, [
      { id: 'a/gone', reason: 'not in the catalogue (no such skill)' },
      { id: 'a/broken', reason: 'left out of the catalogue: The folder has no SKILL.md.' },
    ]);
    assert.deepEqual(
      resolved.problems.map((p) => [p.line, p.severity]),
      [
        [5, 'warning'],
        [6, 'warning'],
      ],
    );
  });

  test('the collection ZIP puts each skill in its own folder, SKILL.md capitalised, modes kept', () => {
    const bytes = (t: string): Uint8Array => new TextEncoder().encode(t);
    const zip = buildFoldersZip([
      { folder: 'one', files: [{ path: 'skill.md', executable: false, bytes: bytes('a') }] },
      {
        folder: 'two',
        files: [
          { path: 'run.sh', executable: true, bytes: bytes('b') },
          { path: 'SKILL.md', executable: false, bytes: bytes('c') },
        ],
      },
    ]);
    assert.deepEqual(Object.keys(unzipSync(zip.bytes)), [
      'one/SKILL.md',
      'two/SKILL.md',
      'two/run.sh',
    ]);
    assert.equal((unixModes(zip.bytes).get('two/run.sh') ?? 0) & 0o777, 0o755);
    assert.equal(
      buildFoldersZip([
        { folder: 'one', files: [{ path: 'SKILL.md', executable: false, bytes: bytes('a') }] },
      ]).sha256,
      buildFoldersZip([
        { folder: 'one', files: [{ path: 'SKILL.md', executable: false, bytes: bytes('a') }] },
      ]).sha256,
    );
  });
});
