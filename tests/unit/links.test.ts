import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePackageLink } from '../../src/lib/skill/links.ts';

const FILES = new Set([
  'SKILL.md',
  'assets/logo.png',
  'my notes.md',
  'references/deep/more/notes.md',
  'references/guide.md',
  'scripts/run.sh',
  'scripts/tool.py',
]);

describe('resolvePackageLink', () => {
  test('keeps http, https and mailto links as external and makes protocol-relative ones https', () => {
    assert.deepEqual(resolvePackageLink('SKILL.md', ' https://example.com/x ', FILES), {
      type: 'external',
      href: 'https://example.com/x',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', 'HTTP://EXAMPLE.COM', FILES), {
      type: 'external',
      href: 'HTTP://EXAMPLE.COM',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', 'mailto:a@b.c', FILES), {
      type: 'external',
      href: 'mailto:a@b.c',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', '//cdn.example.com/a.js', FILES), {
      type: 'external',
      href: 'https://cdn.example.com/a.js',
    });
  });

  test('marks javascript:, data:, vbscript: and file: links unsafe whatever their case', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:x',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox',
      'file:///etc/passwd',
    ]) {
      assert.deepEqual(resolvePackageLink('SKILL.md', href, FILES), { type: 'unsafe' }, href);
    }
  });

  test('treats #fragment and an empty href as in-page anchors', () => {
    assert.deepEqual(resolvePackageLink('SKILL.md', '#usage', FILES), {
      type: 'anchor',
      fragment: 'usage',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', '', FILES), { type: 'anchor', fragment: '' });
    assert.deepEqual(resolvePackageLink('SKILL.md', './#top', FILES), {
      type: 'anchor',
      fragment: 'top',
    });
  });

  test('resolves a relative file link, keeping its fragment and dropping a query string', () => {
    assert.deepEqual(resolvePackageLink('SKILL.md', 'references/guide.md#setup', FILES), {
      type: 'file',
      path: 'references/guide.md',
      fragment: 'setup',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', './scripts/run.sh?raw=1', FILES), {
      type: 'file',
      path: 'scripts/run.sh',
      fragment: '',
    });
  });

  test('resolves links relative to the linking file, not the package root', () => {
    assert.deepEqual(resolvePackageLink('references/guide.md', 'deep/more/notes.md', FILES), {
      type: 'file',
      path: 'references/deep/more/notes.md',
      fragment: '',
    });
    assert.deepEqual(resolvePackageLink('references/guide.md', '../scripts/tool.py', FILES), {
      type: 'file',
      path: 'scripts/tool.py',
      fragment: '',
    });
    assert.deepEqual(resolvePackageLink('references/guide.md', 'tool.py', FILES), {
      type: 'missing',
      path: 'references/tool.py',
    });
    // A leading slash means the package root.
    assert.deepEqual(
      resolvePackageLink('references/deep/more/notes.md', '/scripts/run.sh', FILES),
      { type: 'file', path: 'scripts/run.sh', fragment: '' },
    );
  });

  test('decodes percent-escapes and survives malformed ones', () => {
    assert.deepEqual(resolvePackageLink('SKILL.md', 'my%20notes.md', FILES), {
      type: 'file',
      path: 'my notes.md',
      fragment: '',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', 'bad%zz.md', FILES), {
      type: 'missing',
      path: 'bad%zz.md',
    });
  });

  test('never resolves a link that climbs out of the package, even when encoded', () => {
    assert.deepEqual(resolvePackageLink('SKILL.md', '../outside-secret.txt', FILES), {
      type: 'missing',
      path: '../outside-secret.txt',
    });
    assert.deepEqual(resolvePackageLink('references/guide.md', '../../x', FILES), {
      type: 'missing',
      path: '../../x',
    });
    assert.equal(resolvePackageLink('SKILL.md', '%2e%2e/%2e%2e/etc/passwd', FILES).type, 'missing');
    assert.equal(
      resolvePackageLink('SKILL.md', 'references/../../SKILL.md', FILES).type,
      'missing',
    );
  });

  test('sends a folder link to the first file inside it', () => {
    assert.deepEqual(resolvePackageLink('SKILL.md', 'scripts/', FILES), {
      type: 'file',
      path: 'scripts/run.sh',
      fragment: '',
    });
    assert.deepEqual(resolvePackageLink('SKILL.md', 'references', FILES), {
      type: 'file',
      path: 'references/deep/more/notes.md',
      fragment: '',
    });
  });

  test('resolves a file whose name merely starts with two dots', () => {
    const files = new Set(['..notes.md']);
    assert.deepEqual(resolvePackageLink('SKILL.md', '..notes.md', files), {
      type: 'file',
      path: '..notes.md',
      fragment: '',
    });
  });
});
