/** The install endpoints and archives of the built fixture site: formats, digests and layouts. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { requireBuild } from '../support/require-build.ts';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';

const root = requireBuild('dist-fixtures');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const fileFor = (url: string): string => join(root, decodeURIComponent(new URL(url).pathname));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface IndexEntry { name: string; type: string; description: string; url: string; digest: string }
interface Plugin { name: string; source: { source: string; url: string; sha256: string } }

describe('install endpoints', () => {
  test('the discovery index lists every skill as a root-layout archive whose digest matches', () => {
    const index = readJson<{ $schema: string; skills: IndexEntry[] }>('.well-known/agent-skills/index.json');
    assert.equal(index.$schema, 'https://schemas.agentskills.io/discovery/0.2.0/schema.json');
    const publishers = readdirSync(join(root, 'skills'), { withFileTypes: true }).filter((d) => d.isDirectory() && !/^\d+$/.test(d.name));
    const pages = publishers.flatMap((p) => readdirSync(join(root, 'skills', p.name)).filter((s) => existsSync(join(root, 'skills', p.name, s, 'index.html'))));
    assert.equal(index.skills.length, pages.length);
    assert.equal(new Set(index.skills.map((s) => s.name)).size, index.skills.length, 'names are unique');
    for (const skill of index.skills) {
      assert.equal(skill.type, 'archive');
      assert.match(skill.digest, /^sha256:[0-9a-f]{64}$/);
      const bytes = readFileSync(fileFor(skill.url));
      assert.equal(`sha256:${sha256(bytes)}`, skill.digest, skill.url);
      const names = Object.keys(unzipSync(bytes));
      assert.ok(names.includes('SKILL.md'), `${skill.name}: SKILL.md at the archive root`);
      assert.ok(names.every((n) => !n.startsWith('/') && !n.split('/').includes('..')), 'no absolute or parent paths');
    }
  });

  test('marketplace.json has one archive plugin per skill, pinned by a matching sha256', () => {
    const market = readJson<{ name: string; owner: { name: string }; plugins: Plugin[] }>('marketplace.json');
    assert.match(market.name, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.ok(market.owner.name);
    assert.ok(market.plugins.length > 10);
    for (const plugin of market.plugins) {
      assert.equal(plugin.source.source, 'archive');
      const bytes = readFileSync(fileFor(plugin.source.url));
      assert.equal(sha256(bytes), plugin.source.sha256, plugin.source.url);
      const entries = unzipSync(bytes);
      const manifest = JSON.parse(new TextDecoder().decode(entries['.claude-plugin/plugin.json'])) as { name: string };
      assert.ok(manifest.name, 'plugin.json has a name');
      assert.ok(Object.keys(entries).some((n) => /^skills\/[^/]+\/SKILL\.md$/.test(n)), `${plugin.name}: skills/<name>/SKILL.md`);
    }
  });

  test('the JSON API lists every skill and describes each one with its files and digests', () => {
    const api = readJson<{ count: number; skills: { id: string; api: string; downloads: { zip: { url: string; sha256: string; size: number } } }[] }>('api/skills.json');
    assert.equal(api.count, api.skills.length);
    for (const summary of api.skills) {
      const zip = readFileSync(fileFor(summary.downloads.zip.url));
      assert.equal(sha256(zip), summary.downloads.zip.sha256);
      assert.equal(zip.length, summary.downloads.zip.size);
      const detail = JSON.parse(readFileSync(fileFor(summary.api), 'utf8')) as { id: string; files: { path: string; size: number; raw: string }[] };
      assert.equal(detail.id, summary.id);
      for (const file of detail.files) assert.equal(readFileSync(fileFor(file.raw)).length, file.size, `${summary.id}/${file.path}`);
    }
  });

  test('every “Download ZIP” archive holds exactly one folder named after the skill with SKILL.md inside', () => {
    const api = readJson<{ skills: { id: string; downloads: { zip: { url: string } } }[] }>('api/skills.json');
    for (const summary of api.skills) {
      const names = Object.keys(unzipSync(readFileSync(fileFor(summary.downloads.zip.url))));
      const tops = new Set(names.map((n) => n.split('/')[0]));
      assert.equal(tops.size, 1, `${summary.id}: one top-level folder`);
      const [top] = [...tops];
      assert.ok(summary.downloads.zip.url.endsWith(`/${top}.zip`), `${summary.id}: folder matches the file name`);
      assert.equal(names.filter((n) => /(^|\/)SKILL\.md$/i.test(n)).length, 1, `${summary.id}: exactly one SKILL.md`);
      assert.ok(names.some((n) => n === `${top}/SKILL.md` || n === `${top}/skill.md`), `${summary.id}: SKILL.md directly inside`);
    }
  });

  test('serves RSS, a sitemap and robots.txt with absolute URLs', () => {
    const rss = readFileSync(join(root, 'rss.xml'), 'utf8');
    assert.match(rss, /<rss version="2.0"/);
    assert.match(rss, /<item><title>(?:New|Updated): /);
    const robots = readFileSync(join(root, 'robots.txt'), 'utf8');
    const index = /Sitemap: (https?:\/\/\S+\/sitemap-index\.xml)\n/.exec(robots)?.[1];
    assert.ok(index, 'robots.txt names the sitemap index');
    const chunks = [...readFileSync(fileFor(index), 'utf8').matchAll(/<sitemap><loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    assert.ok(chunks.length >= 1, 'the index lists its sitemaps');
    const entries = new Map(chunks.flatMap((chunk) => [...readFileSync(fileFor(chunk), 'utf8').matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?/g)].map((m) => [m[1]!, m[2]] as const)));
    assert.match([...entries.keys()].join('\n'), /^https?:\/\/[^/]+\/skills\/edge\/nested-package\/$/m);
    // Every skill page is listed, with the date its page shows as lastmod.
    const api = readJson<{ skills: { url: string; updated: string }[] }>('api/skills.json');
    for (const skill of api.skills) assert.equal(entries.get(skill.url)?.slice(0, 10), skill.updated, skill.url);
    for (const loc of entries.keys()) {
      assert.ok(existsSync(join(fileFor(loc), 'index.html')), `${loc} is a built page`);
      assert.doesNotMatch(new URL(loc).pathname, /^\/(?:report|api|trust\/rules)\/|\/(?:files|raw|download)\//, `${loc} is not worth indexing`);
    }
    for (const page of ['/', '/skills/', '/tags/', '/publishers/', '/search/', '/about/', '/guides/installing/', '/guides/publishing/']) {
      assert.ok(entries.has(new URL(page, index).href), `${page} is in the sitemap`);
    }
  });
});

const second = requireBuild('dist-fixtures-2');
test('builds every ZIP byte for byte the same twice, in another time zone', () => {
  // File pages of a package's own `.zip` files are folders named `…/files/x.zip/`: take files only.
  const zips = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.zip') && statSync(join(dir, f)).isFile()).sort();
  const first = zips(root);
  assert.ok(first.length >= 30, `found ${first.length} archives`);
  assert.deepEqual(zips(second), first);
  for (const zip of first) assert.ok(readFileSync(join(root, zip)).equals(readFileSync(join(second, zip))), `${zip} differs between builds`);
});
