import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { matchesHead } from '../../src/lib/import/provenance.ts';
import { makeTree, removeTree } from './helpers.ts';

test('a folder matches HEAD only when git reports no change, no untracked and no ignored file in it', () => {
  const root = makeTree({
    'skills/a/SKILL.md': 'a\n',
    'skills/b/SKILL.md': 'b\n',
    '.gitignore': '*.log\n',
  });
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', root, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  try {
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'one');
    assert.equal(matchesHead(root, 'skills/a'), true);
    appendFileSync(join(root, 'skills/a/SKILL.md'), 'changed\n');
    assert.equal(matchesHead(root, 'skills/a'), false, 'a modified file');
    assert.equal(matchesHead(root, 'skills/b'), true, 'another folder is unaffected');
    writeFileSync(join(root, 'skills/b/notes.txt'), 'x');
    assert.equal(matchesHead(root, 'skills/b'), false, 'an untracked file');
    git('add', '.');
    git('commit', '-qm', 'two');
    writeFileSync(join(root, 'skills/b/debug.log'), 'x');
    assert.equal(matchesHead(root, 'skills/b'), false, 'an ignored file would be copied too');
    assert.equal(matchesHead(join(root, 'nowhere'), '.'), false, 'not a checkout');
  } finally {
    removeTree(root);
  }
});
