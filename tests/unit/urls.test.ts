import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  aboutUrl,
  archiveUrl,
  catalogueUrl,
  encodePath,
  fileUrl,
  guideUrl,
  homeUrl,
  normaliseBase,
  pagefindUrl,
  publisherUrl,
  publishersUrl,
  rawPath,
  rawUrl,
  reportUrl,
  searchUrl,
  SITE_BASE,
  skillApiUrl,
  skillUrl,
  stripBase,
  tagUrl,
  tagsUrl,
  trustRuleUrl,
  trustRulesUrl,
} from '../../src/lib/shared/urls.ts';

describe('urls', () => {
  test('builds skill, file, tag and publisher URLs with trailing slashes', () => {
    assert.equal(skillUrl('edge', 'nested-package'), '/skills/edge/nested-package/');
    assert.equal(
      fileUrl('edge', 'nested-package', 'references/guide.md'),
      '/skills/edge/nested-package/files/references/guide.md/',
    );
    assert.equal(tagUrl('ai'), '/tags/ai/');
    assert.equal(publisherUrl('edge'), '/publishers/edge/');
  });

  test('encodes each path segment but keeps the slashes between them', () => {
    assert.equal(encodePath('my docs/a b#1?.md'), 'my%20docs/a%20b%231%3F.md');
    assert.equal(encodePath('ünï/ç.md'), '%C3%BCn%C3%AF/%C3%A7.md');
    assert.equal(
      fileUrl('pub lisher', 'Bad_Name', '100%/x.md'),
      '/skills/pub%20lisher/Bad_Name/files/100%25/x.md/',
    );
    assert.equal(skillUrl('a/b', 'c'), '/skills/a%2Fb/c/');
    assert.equal(tagUrl('c#'), '/tags/c%23/');
  });

  test('publishes raw only what every common host serves inert; everything else, extension-less names included, gets .txt', () => {
    const active = [
      'assets/template.html',
      'x.HTM',
      'logo.svg',
      'feed.xml',
      'page.xhtml',
      'style.xsl',
      'pic.svgz',
      'doc.xht',
      'schema.xsd',
      'page.html.gz',
      'logo.svg.gz',
      'html',
      'Makefile',
      'app.js',
      'mod.mjs',
      'site.css',
      'x.wasm',
      'x.constructor',
      'x.shtml',
      'x.mht',
    ];
    for (const path of active) assert.equal(rawPath(path), `${path}.txt`, path);
    for (const path of [
      'SKILL.md',
      'run.sh',
      'logo.png',
      'template.html.md',
      'svg/readme.txt',
      'data.json',
      'a.tgz',
      'font.woff2',
      'doc.pdf',
      'x.JPG',
    ])
      assert.equal(rawPath(path), path, path);
    assert.equal(
      rawUrl('edge', 'nested-package', 'assets/template.html'),
      '/skills/edge/nested-package/raw/assets/template.html.txt',
    );
    assert.equal(
      rawUrl('edge', 'nested-package', 'assets/logo.png'),
      '/skills/edge/nested-package/raw/assets/logo.png',
    );
    assert.equal(rawUrl('p', 's', 'my file.svg'), '/skills/p/s/raw/my%20file.svg.txt');
  });

  test('plain Node has no import.meta.env: the default base is the root', () => {
    assert.equal(SITE_BASE, '/');
    assert.equal(homeUrl(), '/');
    assert.equal(searchUrl(), '/search/');
  });

  test('normalises a base to one leading and one trailing slash', () => {
    for (const base of ['', '/', '//'] as const) assert.equal(normaliseBase(base), '/');
    for (const base of ['shelf', '/shelf', 'shelf/', '/shelf/', '//shelf//'])
      assert.equal(normaliseBase(base), '/shelf/', base);
    assert.equal(normaliseBase('/a/b'), '/a/b/');
  });

  test('puts every URL under the base, once', () => {
    const base = '/shelf';
    assert.equal(homeUrl(base), '/shelf/');
    assert.equal(skillUrl('edge', 'nested-package', base), '/shelf/skills/edge/nested-package/');
    assert.equal(
      fileUrl('pub lisher', 'x', 'a b/c.md', base),
      '/shelf/skills/pub%20lisher/x/files/a%20b/c.md/',
    );
    assert.equal(rawUrl('p', 's', 'x.html', base), '/shelf/skills/p/s/raw/x.html.txt');
    assert.equal(
      archiveUrl('p', 's', 'name', 'plugin', base),
      '/shelf/skills/p/s/download/name-plugin.zip',
    );
    assert.equal(skillApiUrl('p', 's', base), '/shelf/api/skills/p/s.json');
    assert.equal(tagUrl('c#', base), '/shelf/tags/c%23/');
    assert.equal(publisherUrl('edge', base), '/shelf/publishers/edge/');
    assert.equal(tagsUrl(base), '/shelf/tags/');
    assert.equal(publishersUrl(base), '/shelf/publishers/');
    assert.equal(reportUrl(base), '/shelf/report/');
    assert.equal(aboutUrl(base), '/shelf/about/');
    assert.equal(guideUrl('installing', base), '/shelf/guides/installing/');
    assert.equal(trustRulesUrl(base), '/shelf/trust/rules/');
    assert.equal(trustRuleUrl('net/fetch', base), '/shelf/trust/rules/net%2Ffetch/');
    assert.equal(pagefindUrl('full', base), '/shelf/pagefind/pagefind.js');
    assert.equal(pagefindUrl('cards', base), '/shelf/pagefind-cards/pagefind.js');
    assert.equal(skillUrl('p', 's', '/shelf/'), skillUrl('p', 's', 'shelf'));
  });

  test('builds search and catalogue links with the search state, encoded once', () => {
    assert.equal(searchUrl({ query: 'a & b' }), '/search/?q=a+%26+b');
    assert.equal(searchUrl({ query: '' }), '/search/');
    assert.equal(
      searchUrl({ query: 'x', filters: { tag: ['c#', 'ai'] }, sort: 'updated' }, '/shelf/'),
      '/shelf/search/?q=x&tag=c%23&tag=ai&sort=updated',
    );
    // The catalogue sorts by name by default, so name is left out and relevance is kept.
    assert.equal(
      catalogueUrl({ filters: { tag: ['testing'] }, sort: 'name' }),
      '/skills/?tag=testing',
    );
    assert.equal(catalogueUrl({ sort: 'relevance' }, '/shelf'), '/shelf/skills/?sort=relevance');
    const params = new URL(searchUrl({ query: '100% über/?#' }), 'http://x.test').searchParams;
    assert.equal(params.get('q'), '100% über/?#');
  });

  test('strips the base from a pathname, and refuses paths outside it', () => {
    assert.equal(stripBase('/shelf/skills/a/', '/shelf/'), '/skills/a/');
    assert.equal(stripBase('/shelf/', '/shelf'), '/');
    assert.equal(stripBase('/shelf', '/shelf/'), '/');
    assert.equal(stripBase('/skills/a/', '/shelf/'), undefined);
    assert.equal(stripBase('/shelfish/a/', '/shelf/'), undefined);
    assert.equal(stripBase('/skills/a/', '/'), '/skills/a/');
  });
});
