/** What the build publishes from packages: nothing from outside a package, active documents only as text. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireBuild } from '../support/require-build.ts';
import { test } from 'node:test';

const root = requireBuild('dist-fixtures');

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

test('publishes nothing that a symlink reaches outside its package', () => {
  // The attack is still in the fixture: a link out of the package to a file holding the marker.
  assert.equal(readlinkSync(resolve('tests/fixtures/content/skills/edge/symlinks/references/escape.md')), '../../../outside-secret.txt');
  assert.ok(readFileSync(resolve('tests/fixtures/content/skills/outside-secret.txt'), 'utf8').includes('TOP SECRET do not publish'));
  const leaks = allFiles(root).filter((f) => readFileSync(f).includes('TOP SECRET do not publish'));
  assert.deepEqual(leaks, []);
});

test('publishes raw HTML and SVG files only as plain-text copies', () => {
  const raw = join(root, 'skills/edge/nested-package/raw/assets');
  assert.ok(existsSync(join(raw, 'template.html.txt')), 'template.html is published as template.html.txt');
  assert.ok(!existsSync(join(raw, 'template.html')), 'no raw .html document is served from the site origin');
  assert.deepEqual(readFileSync(join(raw, 'logo.png')), readFileSync(resolve('tests/fixtures/content/skills/edge/nested-package/assets/logo.png')));
});
