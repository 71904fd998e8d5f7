/**
 * Smoke test of the operator's own catalogue (`content/`, built into `dist/`): whatever skills it
 * holds, each listed one has a page, file pages and a Download ZIP whose digest matches, and the
 * install endpoints list exactly the listed skills. The behaviour tests run on fixture catalogues.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../../src/lib/skill/snapshot.ts';
import { requireBuild } from '../support/require-build.ts';

const root = requireBuild('dist');
const json = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

test('every skill of content/ is built with its page, file pages and a matching Download ZIP', () => {
  const api = json<{ count: number; skills: { id: string; url: string; downloads: { zip: { url: string; sha256: string } } }[] }>('api/skills.json');
  assert.equal(api.count, api.skills.length);
  for (const skill of api.skills) {
    const page = new URL(skill.url).pathname;
    assert.ok(existsSync(join(root, decodeURIComponent(page), 'index.html')), `${skill.id}: no page`);
    const detail = json<{ files: { page: string }[] }>(`api/skills/${skill.id}.json`);
    for (const file of detail.files) assert.ok(existsSync(join(root, decodeURIComponent(new URL(file.page).pathname), 'index.html')), `${skill.id}: no page for ${file.page}`);
    const zip = readFileSync(join(root, decodeURIComponent(new URL(skill.downloads.zip.url).pathname)));
    assert.equal(sha256Hex(zip), skill.downloads.zip.sha256, `${skill.id}: ZIP digest`);
  }
  const index = json<{ skills: unknown[] }>('.well-known/agent-skills/index.json');
  const market = json<{ plugins: unknown[] }>('marketplace.json');
  assert.equal(index.skills.length, api.count);
  assert.equal(market.plugins.length, api.count);
});
