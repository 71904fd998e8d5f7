import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokensBounded, useTokenMemo, type TokenMemo } from '../../src/lib/trust/tokens.ts';
import { tokenMemo } from '../../src/data/token-memo-fs.ts';

const text = 'Run the migration script, then check every table for locks. '.repeat(40);

test('a text counted once is found again by its digest; short texts are always counted', () => {
  const plain = countTokensBounded(text);
  const seen: string[] = [];
  const kept = new Map<string, number>();
  const memo: TokenMemo = {
    get: (digest) => (seen.push(digest), kept.get(digest)),
    set: (digest, count) => kept.set(digest, count),
  };
  useTokenMemo(memo);
  try {
    assert.equal(countTokensBounded(text), plain);
    assert.equal(kept.size, 1);
    // The second count is the memo's (a planted wrong value shows it was used, not recounted).
    kept.set([...kept.keys()][0]!, 7);
    assert.equal(countTokensBounded(text), 7);
    assert.equal(countTokensBounded('short text'), countTokensBounded('short text'));
    assert.equal(seen.length, 2);
  } finally {
    useTokenMemo(undefined);
  }
  assert.equal(countTokensBounded(text), plain);
});

test('the build cache keeps counts by code version, and a damaged entry is counted again', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokens-'));
  const first = tokenMemo(root, 'a'.repeat(64));
  first.set('ab'.repeat(32), 1234);
  // Another worker (a new memo object) finds it on disk.
  assert.equal(tokenMemo(root, 'a'.repeat(64)).get('ab'.repeat(32)), 1234);
  // Other code: another folder, nothing found.
  assert.equal(tokenMemo(root, 'b'.repeat(64)).get('ab'.repeat(32)), undefined);
  assert.deepEqual(readdirSync(join(root, 'tokens')), ['a'.repeat(16)]);
  mkdirSync(join(root, 'tokens', 'a'.repeat(16), 'cd'));
  writeFileSync(join(root, 'tokens', 'a'.repeat(16), 'cd', 'cd'.repeat(32)), 'not a number');
  assert.equal(tokenMemo(root, 'a'.repeat(64)).get('cd'.repeat(32)), undefined);
});
