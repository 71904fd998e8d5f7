import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  catalogueDigest,
  makesCatalogue,
  makesSearchShard,
  makesSkill,
  parseBuildPart,
  parsePartManifest,
  partOf,
} from '../../src/lib/publish/build-part.ts';

test('no variable: the whole site', () => {
  assert.deepEqual(parseBuildPart({}), { kind: 'whole' });
  assert.equal(makesSkill({ kind: 'whole' }, 'a/b'), true);
  assert.equal(makesCatalogue({ kind: 'whole' }), true);
});

test('SKILLSHELF_SHARD=k/n is part k of n (0-based inside), pages unless the step says packages', () => {
  assert.deepEqual(parseBuildPart({ SKILLSHELF_SHARD: '2/4' }), {
    kind: 'shard',
    index: 1,
    count: 4,
    step: 'pages',
  });
  assert.deepEqual(parseBuildPart({ SKILLSHELF_SHARD: '1/1', SKILLSHELF_SHARD_STEP: 'packages' }), {
    kind: 'shard',
    index: 0,
    count: 1,
    step: 'packages',
  });
});

test('a malformed part is refused with what was expected', () => {
  for (const value of ['0/2', '3/2', '2', 'a/b', '1/0', '-1/2', '1/99999'])
    assert.throws(() => parseBuildPart({ SKILLSHELF_SHARD: value }), /expected "k\/n"/, value);
  assert.throws(
    () => parseBuildPart({ SKILLSHELF_SHARD: '1/2', SKILLSHELF_SHARD_STEP: 'all' }),
    /"packages" or "pages"/,
  );
  assert.throws(
    () => parseBuildPart({ SKILLSHELF_SHARD: '1/2', SKILLSHELF_MERGE: 'a:b' }),
    /both set/,
  );
});

test('SKILLSHELF_MERGE lists the part folders', () => {
  assert.deepEqual(parseBuildPart({ SKILLSHELF_MERGE: 'dist-1:dist-2' }), {
    kind: 'merge',
    from: ['dist-1', 'dist-2'],
  });
  const merge = parseBuildPart({ SKILLSHELF_MERGE: 'x' });
  assert.equal(makesSkill(merge, 'a/b'), false);
  assert.equal(makesCatalogue(merge), true);
  assert.equal(makesSearchShard(merge, 5), true);
});

test('every skill is made by exactly one part, and the parts are about even', () => {
  const ids = Array.from({ length: 4000 }, (_, i) => `pub-${i % 37}/skill-${i}`);
  const count = 4;
  const sizes = new Array<number>(count).fill(0);
  for (const id of ids) {
    const owners = [0, 1, 2, 3].filter((index) =>
      makesSkill({ kind: 'shard', index, count, step: 'pages' }, id),
    );
    assert.equal(owners.length, 1, id);
    assert.equal(owners[0], partOf(id, count));
    sizes[owners[0]] = (sizes[owners[0]] ?? 0) + 1;
  }
  for (const size of sizes)
    assert.ok(size > 850 && size < 1150, `uneven parts: ${sizes.join(', ')}`);
  // From the id alone: the same answer on every machine.
  assert.equal(partOf('pub-1/skill-1', 4), partOf('pub-1/skill-1', 4));
  assert.equal(partOf('anything', 1), 0);
});

test('each search shard is made by one part', () => {
  for (let shard = 0; shard < 16; shard += 1) {
    const owners = [0, 1, 2].filter((index) =>
      makesSearchShard({ kind: 'shard', index, count: 3, step: 'pages' }, shard),
    );
    assert.equal(owners.length, 1);
  }
});

test('the catalogue digest ignores order and sees any changed key', () => {
  const a = [
    { id: 'a/x', cacheKey: '1' },
    { id: 'b/y', cacheKey: '2' },
  ];
  assert.equal(catalogueDigest(a), catalogueDigest([...a].reverse()));
  assert.notEqual(catalogueDigest(a), catalogueDigest([a[0]!, { id: 'b/y', cacheKey: '3' }]));
});

test('a part manifest that is not one is refused, naming the file', () => {
  assert.throws(() => parsePartManifest('{', 'dist-1/.skillshelf-part.json'), /dist-1.*not JSON/);
  assert.throws(
    () => parsePartManifest('{"format":2}', 'dist-1/.skillshelf-part.json'),
    /not a part manifest/,
  );
  const ok = {
    format: 1,
    part: '1/2',
    catalogue: 'x',
    skills: [{ id: 'a/b', publisher: 'a', slug: 'b' }],
    pages: ['skills/a/b/'],
  };
  assert.deepEqual(parsePartManifest(JSON.stringify(ok), 'm'), ok);
});
