/**
 * The fixture build with hostile packages (committed ones and those tests/support/prepare-fixtures.ts
 * generates): every attack class leaves the rest of the site built, and what a page lists is what
 * every archive ships and what the trust scan read.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { packageManifestDigest } from '../../src/lib/skill/manifest.ts';
import { sha256Hex } from '../../src/lib/skill/snapshot.ts';
import { HOSTILE_CASES } from '../support/hostile.ts';
import { requireBuild } from '../support/require-build.ts';
import { unixModes } from '../support/zip-entries.ts';

const root = requireBuild('dist-fixtures');

const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const json = <T>(path: string): T => JSON.parse(read(path)) as T;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
}

interface ApiFile { path: string; size: number; executable: boolean; sha256: string }
interface ApiDetail {
  id: string;
  name: string;
  updated: string;
  added: string | null;
  files: ApiFile[];
  manifest: string;
  downloads: Record<'zip' | 'flat' | 'plugin', { url: string; sha256: string }>;
  trustReport: { verdict: string; coverage: string; checked: { manifest: string; rulesVersion: string; date: string }; findings: { file: string }[] };
}

describe('hostile packages in the fixture build', () => {
  const report = read('report/index.html');

  for (const c of HOSTILE_CASES.filter((x) => x.expect.state === 'excluded')) {
    test(`${c.slug} (${c.attack}) is left out, named on the health page with its reason`, () => {
      assert.ok(report.includes(`content/skills/generated/${c.slug}/`), `${c.slug} is not on /report/`);
      assert.ok(!existsSync(join(root, 'skills/generated', c.slug)), `${c.slug} was published`);
    });
  }

  for (const c of HOSTILE_CASES.filter((x) => x.expect.state === 'listed')) {
    test(`${c.slug} (${c.attack}) is listed safely`, () => {
      const detail = json<ApiDetail>(`api/skills/generated/${c.slug}.json`);
      if (c.expect.state === 'listed' && c.expect.verdict) assert.notEqual(detail.trustReport.verdict, 'no-concerns');
      if (c.expect.state === 'listed' && c.expect.coverage) assert.equal(detail.trustReport.coverage, c.expect.coverage);
    });
  }

  test('symbolic-link package and publisher folders are refused and nothing outside a package is published', () => {
    assert.ok(report.includes('content/skills/generated/linked-folder/'));
    assert.ok(report.includes('content/skills/generated-link/*/'));
    assert.ok(!existsSync(join(root, 'skills/generated-link')));
    for (const file of htmlFiles(root)) assert.ok(!readFileSync(file, 'utf8').includes('TOP SECRET do not publish'), file);
  });

  test('a publisher id that differs only by case is refused; a newcomer never takes an earlier skill’s install name', () => {
    assert.ok(report.includes('content/skills/EDGE/crlf-endings/'), 'EDGE/crlf-endings is on /report/');
    assert.match(report, /differs only by case from edge/);
    const index = json<{ skills: { name: string; url: string }[] }>('.well-known/agent-skills/index.json');
    const bare = index.skills.find((s) => s.name === 'crlf-endings');
    assert.ok(bare?.url.includes('/skills/edge/crlf-endings/'), 'the bare name stays with edge/crlf-endings');
    const newcomer = index.skills.find((s) => s.url.includes('/skills/aaa-newcomer/crlf-endings/'));
    assert.equal(newcomer?.name, 'aaa-newcomer-crlf-endings');
    const market = json<{ plugins: { name: string; homepage: string }[] }>('marketplace.json');
    assert.equal(market.plugins.find((p) => p.name === 'crlf-endings')?.homepage.includes('/skills/edge/crlf-endings/'), true);
  });

  test('an impostor cannot borrow a display name, a verified badge, featured status, future dates or a script link', () => {
    const detail = json<ApiDetail & { publisher: { name: string } }>('api/skills/hostile/impostor.json');
    assert.equal(detail.name, 'impostor', 'an invalid spec name is not shown; the folder name is');
    assert.equal(detail.publisher.name, 'hostile', 'the claimed display name of another publisher is refused');
    assert.ok(detail.updated <= new Date().toISOString().slice(0, 10), `updated ${detail.updated} is in the future`);
    assert.ok(detail.added === null || detail.added <= new Date().toISOString().slice(0, 10));
    assert.equal(detail.trustReport.verdict, 'danger', 'body text posing as data-pagefind-meta cannot change the verdict');
    const home = read('index.html');
    const featured = home.slice(home.indexOf('id="featured"'), home.indexOf('</section>', home.indexOf('id="featured"')));
    assert.ok(featured.includes('/skills/edge/nested-package/'), 'the operator’s featured skill is featured');
    assert.ok(!featured.includes('/skills/hostile/impostor/'), 'a sidecar cannot make a skill featured');
    assert.ok(!home.includes('2099'), 'no future date reaches the home page');
    for (const file of htmlFiles(root)) assert.doesNotMatch(readFileSync(file, 'utf8'), /href="\s*javascript:/i, file);
  });

  test('a trusted publisher’s sidecar date is believed (site.json trustedPublishers)', () => {
    assert.equal(json<ApiDetail>('api/skills/edge/nested-package.json').updated, '2026-02-20');
  });

  test('feeds and JSON stay valid whatever a description holds (C0 control characters removed)', () => {
    const rss = read('rss.xml');
    // Everything XML 1.0 forbids: C0 controls but tab/LF/CR, U+FFFE/U+FFFF and lone surrogates.
    assert.doesNotMatch(rss, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    const items = (new XMLParser().parse(rss) as { rss: { channel: { item: { description: string }[] } } }).rss.channel.item;
    assert.equal(items.length, Math.min(50, json<{ count: number }>('api/skills.json').count), 'one item per recent skill');
    assert.ok(items.some((i) => i.description.includes('Pretends to be another publisher')));
    for (const file of ['api/skills.json', 'marketplace.json', '.well-known/agent-skills/index.json']) assert.doesNotThrow(() => JSON.parse(read(file)), file);
  });

  test('static hosts get .nojekyll, _headers with a CSP and nosniff, and every page carries the CSP', () => {
    assert.ok(existsSync(join(root, '.nojekyll')));
    const headers = read('_headers');
    assert.match(headers, /Content-Security-Policy: default-src 'self'; script-src 'self'/);
    assert.match(headers, /X-Content-Type-Options: nosniff/);
    for (const file of htmlFiles(root)) assert.match(readFileSync(file, 'utf8'), /<meta http-equiv="Content-Security-Policy" content="default-src 'self'/, file);
  });
});

describe('shown = shipped = scanned, for every listed fixture', () => {
  const index = json<{ skills: { id: string }[] }>('api/skills.json');
  for (const { id } of index.skills) {
    test(id, () => {
      const detail = json<ApiDetail>(`api/skills/${id}.json`);
      const shown = detail.files.map((f) => `${f.path}\0${f.size}\0${f.executable ? 755 : 644}\0${f.sha256}`).sort();
      // What the page lists (the API carries the same list the file tree shows).
      const page = read(`skills/${id}/index.html`);
      for (const f of detail.files) assert.ok(page.includes(`files/${f.path.split('/').map(encodeURIComponent).join('/')}/`), `${f.path} is not on the page`);
      for (const layout of ['zip', 'flat', 'plugin'] as const) {
        const url = new URL(detail.downloads[layout].url).pathname;
        const bytes = readFileSync(join(root, decodeURIComponent(url)));
        assert.equal(sha256Hex(bytes), detail.downloads[layout].sha256, `${layout} digest`);
        const entries = unzipSync(bytes);
        const modes = unixModes(bytes);
        const prefix = layout === 'zip' ? `${Object.keys(entries)[0]!.split('/')[0]}/` : layout === 'plugin' ? `skills/${Object.keys(entries).find((k) => k.startsWith('skills/'))!.split('/')[1]}/` : '';
        const shipped = Object.entries(entries)
          .filter(([name]) => !['.claude-plugin/plugin.json', 'plugin.json'].includes(name) && !name.endsWith('/'))
          .map(([name, data]) => {
            const path = name.slice(prefix.length);
            const mode = ((modes.get(name) ?? 0) & 0o111) !== 0 ? 755 : 644;
            const listed = detail.files.find((f) => f.path === path || (/^skill\.md$/i.test(f.path) && path === 'SKILL.md'));
            return `${listed?.path ?? path}\0${data.length}\0${mode}\0${sha256Hex(data)}`;
          })
          .sort();
        assert.deepEqual(shipped, shown, `${layout} archive differs from the page`);
      }
      // What the scan read: the trust report names the manifest of exactly these files.
      assert.equal(detail.trustReport.checked.manifest, packageManifestDigest(detail.files));
      assert.equal(detail.manifest, detail.trustReport.checked.manifest);
    });
  }
});
