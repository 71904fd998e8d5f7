import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { findBrokenLinks } from '../../src/cli/link-check.ts';
import { makeTree } from './helpers.ts';

test('checks links of a site served under a base: only paths under the base resolve', () => {
  const root = makeTree({
    'index.html':
      '<a href="/shelf/skills/">all</a><a href="skills/a/">a</a><link href="/favicon.svg">',
    'skills/index.html': '<a href="../">home</a><a href="a/">a</a><a href="/shelf/missing/">x</a>',
    'skills/a/index.html': '<img src="/shelf/skills/a/raw/x.png"><a href="/shelf">home</a>',
    'skills/a/raw/x.png': 'png',
  });
  try {
    const under = findBrokenLinks(root, '/shelf/');
    assert.equal(under.pages, 3);
    assert.equal(under.checked, 8);
    assert.deepEqual(under.broken.sort(), [
      'index.html → /favicon.svg',
      'skills/index.html → /shelf/missing/',
    ]);
    // Without the base the same site is broken wherever it names the base.
    const atRoot = findBrokenLinks(root);
    assert.ok(atRoot.broken.includes('index.html → /shelf/skills/'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
