import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { readSiteConfig } from '../../src/lib/site-config-fs.ts';
import { makeTree } from './helpers.ts';

test('reads the base path from site.json, normalised; SKILLSHELF_BASE overrides it; default /', () => {
  const saved = process.env['SKILLSHELF_BASE'];
  delete process.env['SKILLSHELF_BASE'];
  const withBase = makeTree({ 'content/site.json': JSON.stringify({ base: 'shelf' }) });
  const without = makeTree({ 'content/site.json': JSON.stringify({ name: 'x' }) });
  const wrongType = makeTree({ 'content/site.json': JSON.stringify({ base: 42 }) });
  try {
    assert.equal(readSiteConfig(withBase).base, '/shelf/');
    assert.equal(readSiteConfig(without).base, '/');
    assert.equal(readSiteConfig(wrongType).base, '/');
    process.env['SKILLSHELF_BASE'] = '/other/path';
    assert.equal(readSiteConfig(withBase).base, '/other/path/');
  } finally {
    if (saved === undefined) delete process.env['SKILLSHELF_BASE'];
    else process.env['SKILLSHELF_BASE'] = saved;
    for (const dir of [withBase, without, wrongType]) rmSync(dir, { recursive: true, force: true });
  }
});

test('versions.keep is a whole number from 1 to 50, 5 when unset; anything else stops the build with a clear message', () => {
  const trees = [
    makeTree({ 'content/site.json': JSON.stringify({ versions: { keep: 3 } }) }),
    makeTree({ 'content/site.json': JSON.stringify({ name: 'x' }) }),
    makeTree({ 'content/site.json': JSON.stringify({ versions: { keep: 0 } }) }),
    makeTree({ 'content/site.json': JSON.stringify({ versions: { keep: '5' } }) }),
  ];
  try {
    assert.equal(readSiteConfig(trees[0]).versions.keep, 3);
    assert.equal(readSiteConfig(trees[1]).versions.keep, 5);
    assert.throws(
      () => readSiteConfig(trees[2]),
      /"keep": 0 } must be a whole number from 1 to 50/,
    );
    assert.throws(() => readSiteConfig(trees[3]), /"keep": "5" } must be a whole number/);
  } finally {
    for (const dir of trees) rmSync(dir, { recursive: true, force: true });
  }
});
