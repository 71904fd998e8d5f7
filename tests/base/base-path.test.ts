/**
 * The site under a sub-path (a GitHub project page): builds the fixture catalogue with
 * `SKILLSHELF_BASE=/shelf` into a temporary folder and checks that every internal link of every page
 * resolves under `/shelf/`, and that the parts built outside Vite (package pages rendered in worker
 * threads, the install endpoints, the search index) agree. Run by `npm run test:base` (about a minute).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { findBrokenLinks } from '../../src/cli/link-check.ts';
import { astroBuild } from '../support/astro-build.ts';

const out = mkdtempSync(join(tmpdir(), 'skillshelf-base-'));

before(() => {
  const build = astroBuild('tests/fixtures/content', out, { SKILLSHELF_BASE: '/shelf' });
  assert.equal(build.status, 0, `astro build failed:\n${build.log}`);
});

after(() => rmSync(out, { recursive: true, force: true }));

test('every internal link and asset resolves under /shelf/', () => {
  const { pages, checked, broken } = findBrokenLinks(out, '/shelf/');
  assert.ok(pages > 10, 'expected a built site');
  assert.ok(checked > 100, `only ${checked} links checked`);
  assert.deepEqual(broken.slice(0, 30), [], `${broken.length} broken internal links`);
});

test('links rendered in worker threads, the install endpoints and the search bundle carry the base', () => {
  const api = JSON.parse(readFileSync(join(out, 'api', 'skills.json'), 'utf8')) as {
    skills: { id: string; url: string; api: string }[];
  };
  assert.ok(api.skills.length > 0);
  for (const skill of api.skills) {
    assert.match(new URL(skill.url).pathname, /^\/shelf\/skills\//, skill.id);
    assert.match(new URL(skill.api).pathname, /^\/shelf\/api\/skills\//, skill.id);
  }
  // A package whose SKILL.md links to its own files (rendered by the worker pool, not by Vite).
  const page = readFileSync(join(out, 'skills', 'edge', 'nested-package', 'index.html'), 'utf8');
  assert.match(page, /href="\/shelf\/skills\/edge\/nested-package\/files\//);
  // The browser code loads the Pagefind bundles from under the base.
  const scripts = readdirSync(join(out, '_astro'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(out, '_astro', f), 'utf8'))
    .join('\n');
  assert.match(scripts, /["'`]\/shelf\/["'`]/);
  assert.doesNotMatch(scripts, /["'`]\/pagefind(?:-cards)?\/pagefind\.js/);
  assert.ok(readdirSync(join(out, 'pagefind')).includes('pagefind.js'));
});
