import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VerifiedFiles } from '../../src/data/verified-files.ts';
import { sha256Hex } from '../../src/lib/skill/snapshot.ts';

test('a cache file is read again only when its stat changed since it was last found whole', () => {
  const root = mkdtempSync(join(tmpdir(), 'verified-'));
  const file = join(root, 'blob');
  // Files written a moment ago are re-read until their time is a few seconds old: made older here.
  const age = (): void =>
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  writeFileSync(file, 'the bytes');
  const sha = sha256Hex(Buffer.from('the bytes'));
  const fresh = new VerifiedFiles(root);
  assert.equal(fresh.check(file, sha), true);
  fresh.save();
  const again = new VerifiedFiles(root);
  assert.equal(again.check(file, sha), true);
  assert.equal(again.read, 1, 'a file written a moment ago is read again');
  age();

  const first = new VerifiedFiles(root);
  assert.equal(first.check(file, sha), true);
  assert.equal(first.check(file, sha256Hex(Buffer.from('other bytes'))), false);
  assert.equal(first.read, 2);
  first.save();

  // Unchanged since: trusted without a read; the wrong digest is still refused (read to check).
  const second = new VerifiedFiles(root);
  assert.equal(second.check(file, sha), true);
  assert.equal(second.read, 0);
  assert.equal(second.check(file, sha256Hex(Buffer.from('other bytes'))), false);
  assert.equal(second.read, 1);
  second.save();

  // Replaced by other bytes of the same size (a new inode): read, and found wrong.
  writeFileSync(`${file}.new`, 'bad bytes');
  renameSync(`${file}.new`, file);
  age();
  const third = new VerifiedFiles(root);
  assert.equal(third.check(file, sha), false);
  assert.equal(third.read, 1);
  third.save();

  // Damaged in place (same inode, a new time): read, and found wrong.
  writeFileSync(file, 'the bytes');
  age();
  const fourth = new VerifiedFiles(root);
  assert.equal(fourth.check(file, sha), true);
  fourth.save();
  writeFileSync(file, 'the byteZ');
  const fifth = new VerifiedFiles(root);
  assert.equal(fifth.check(file, sha), false);
  assert.equal(fifth.read, 1);
});
