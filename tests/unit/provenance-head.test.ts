import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { matchesHead } from '../../src/lib/import/provenance.ts';
import { commit, git, makeTree, removeTree } from './helpers.ts';

test('a folder matches HEAD only when git reports no change, no untracked and no ignored file in it', () => {
  const root = makeTree({
    'skills/a/SKILL.md': 'a\n',
    'skills/b/SKILL.md': 'b\n',
    '.gitignore': '*.log\n',
  });
  try {
    git(root, ['init', '-q']);
    commit(root, 'one', '2026-01-01T00:00:00Z');
    assert.equal(matchesHead(root, 'skills/a'), true);
    appendFileSync(join(root, 'skills/a/SKILL.md'), 'changed\n');
    assert.equal(matchesHead(root, 'skills/a'), false, 'a modified file');
    assert.equal(matchesHead(root, 'skills/b'), true, 'another folder is unaffected');
    writeFileSync(join(root, 'skills/b/notes.txt'), 'x');
    assert.equal(matchesHead(root, 'skills/b'), false, 'an untracked file');
    commit(root, 'two', '2026-01-02T00:00:00Z');
    writeFileSync(join(root, 'skills/b/debug.log'), 'x');
    assert.equal(matchesHead(root, 'skills/b'), false, 'an ignored file would be copied too');
    assert.equal(matchesHead(join(root, 'nowhere'), '.'), false, 'not a checkout');
  } finally {
    removeTree(root);
  }
});
