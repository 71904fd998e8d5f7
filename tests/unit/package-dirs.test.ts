import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findPackageDirs, isDirectory } from '../../src/lib/skill/dirs-fs.ts';
import { GENERATED_PUBLISHERS } from '../support/hostile.ts';
import { FIXTURES, makeTree, removeTree } from './helpers.ts';

const temps: string[] = [];
after(() => temps.forEach(removeTree));

describe('findPackageDirs', () => {
  test('finds every fixture package folder, sorted, and ignores loose files at both levels', () => {
    const dirs = findPackageDirs(FIXTURES).filter(
      (d) => !GENERATED_PUBLISHERS.includes(d.publisher),
    );
    assert.equal(dirs.length, 26);
    assert.deepEqual([...new Set(dirs.map((d) => d.publisher))], ['broken', 'edge', 'hostile']);
    const edge = dirs.filter((d) => d.publisher === 'edge').map((d) => d.slug);
    assert.deepEqual(edge, [...edge].sort());
    assert.ok(edge.includes('Bad_Name') && !edge.some((s) => s.endsWith('.json')));
    assert.equal(dirs.find((d) => d.slug === 'symlinks')?.dir, join(FIXTURES, 'edge', 'symlinks'));
  });

  test('skips hidden and underscore folders and refuses a symlinked package folder instead of following it', () => {
    const root = makeTree({
      'pub/skill-a/SKILL.md': 'a',
      'pub/.hidden/SKILL.md': 'h',
      'pub/_drafts/SKILL.md': 'd',
      '.git/objects/x': 'x',
      '_templates/t/SKILL.md': 't',
      'pub/linked': { symlink: 'skill-a' },
      'pub/dangling': { symlink: 'nowhere' },
      'README.md': 'not a publisher',
    });
    temps.push(root);
    const dirs = findPackageDirs(root);
    assert.deepEqual(
      dirs.map((d) => `${d.publisher}/${d.slug}`),
      ['pub/linked', 'pub/skill-a'],
    );
    assert.match(dirs[0]!.problem ?? '', /symbolic link/);
    assert.equal(dirs[1]!.problem, undefined);
    assert.equal(isDirectory(join(root, 'pub/dangling')), false);
    assert.equal(isDirectory(join(root, 'pub/linked')), true);
  });

  test('skips a dangling symlink at the publisher level instead of throwing', () => {
    const root = makeTree({ 'pub/skill-a/SKILL.md': 'a', ghost: { symlink: 'no-such-publisher' } });
    temps.push(root);
    assert.deepEqual(
      findPackageDirs(root).map((d) => `${d.publisher}/${d.slug}`),
      ['pub/skill-a'],
    );
  });

  test('returns no packages for a content root that does not exist', () => {
    assert.deepEqual(findPackageDirs(join(FIXTURES, 'no-such-folder')), []);
  });
});
