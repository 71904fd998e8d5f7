import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodePath,
  fileUrl,
  publisherUrl,
  rawPath,
  rawUrl,
  skillUrl,
  tagUrl,
} from '../../src/lib/publish/urls.ts';

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
});
