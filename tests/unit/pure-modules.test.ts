import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  parseSearchState,
  serialiseSearchState,
  toPagefindFilters,
} from '../../src/lib/shared/search-state.ts';
import { PLACEHOLDER_URL, publishProblem, readSiteConfig } from '../../src/lib/site-config-fs.ts';
import { countFindings, sortFindings, type Finding } from '../../src/lib/skill/findings.ts';
import { repositoryLabel, sourceUrl } from '../../src/lib/skill/source-links.ts';

describe('search state in the URL', () => {
  test('round-trips a query, repeated tags, other facets and a sort, dropping empties and duplicates', () => {
    const state = parseSearchState(
      new URLSearchParams('q=%20pdf%20&tag=a&tag=b&tag=a&tag=&publisher=Acme%20Labs&sort=updated'),
    );
    assert.equal(state.query, 'pdf');
    assert.deepEqual(state.filters.tag, ['a', 'b']);
    assert.deepEqual(state.filters.publisher, ['Acme Labs']);
    assert.equal(state.sort, 'updated');
    assert.equal(
      serialiseSearchState(state),
      '?q=pdf&tag=a&tag=b&publisher=Acme+Labs&sort=updated',
    );
    assert.deepEqual(
      parseSearchState(new URLSearchParams(serialiseSearchState(state).slice(1))),
      state,
    );
  });

  test('unknown sorts, prototype keys included, fall back to the default, which is never written', () => {
    for (const sort of ['nope', 'constructor', '__proto__', 'toString'])
      assert.equal(parseSearchState(new URLSearchParams(`sort=${sort}`), 'name').sort, 'name');
    assert.equal(
      serialiseSearchState(parseSearchState(new URLSearchParams('sort=name'), 'name'), 'name'),
      '',
    );
  });

  test('several values of one facet must all match (AND) in Pagefind filters', () => {
    const { filters } = parseSearchState(new URLSearchParams('tag=a&tag=b&trust=danger'));
    assert.deepEqual(toPagefindFilters(filters), {
      tag: { all: ['a', 'b'] },
      trust: { all: ['danger'] },
    });
  });
});

describe('site configuration', () => {
  test('refuses to publish with the placeholder or a URL that is not an origin', () => {
    const base = readSiteConfig(mkdtempSync(join(tmpdir(), 'skillshelf-site-')));
    assert.match(publishProblem({ ...base, url: PLACEHOLDER_URL }) ?? '', /placeholder/);
    assert.match(
      publishProblem({ ...base, url: 'https://skills.example.com/sub' }) ?? '',
      /must be an origin/,
    );
    assert.equal(publishProblem({ ...base, url: 'https://skills.example.com' }), undefined);
  });

  test('SKILLSHELF_SITE_URL wins over local-preview mode, which wins over site.json; lists keep only strings', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'skillshelf-site-'));
    const saved = {
      url: process.env['SKILLSHELF_SITE_URL'],
      preview: process.env['SKILLSHELF_LOCAL_PREVIEW'],
      content: process.env['SKILLSHELF_CONTENT'],
    };
    try {
      process.env['SKILLSHELF_CONTENT'] = cwd;
      writeFileSync(
        join(cwd, 'site.json'),
        JSON.stringify({
          url: 'https://from-file.example/',
          featured: ['a/b', 7, null],
          remoteImages: 'bogus',
          trustedPublishers: 'acme',
        }),
      );
      delete process.env['SKILLSHELF_SITE_URL'];
      delete process.env['SKILLSHELF_LOCAL_PREVIEW'];
      const file = readSiteConfig(cwd);
      assert.equal(file.url, 'https://from-file.example');
      assert.deepEqual(file.featured, ['a/b']);
      assert.equal(file.remoteImages, 'click');
      assert.deepEqual(file.trustedPublishers, []);
      process.env['SKILLSHELF_LOCAL_PREVIEW'] = '1';
      assert.equal(readSiteConfig(cwd).url, 'http://localhost:4321');
      process.env['SKILLSHELF_SITE_URL'] = 'https://env.example/';
      assert.equal(readSiteConfig(cwd).url, 'https://env.example');
    } finally {
      for (const [key, value] of [
        ['SKILLSHELF_SITE_URL', saved.url],
        ['SKILLSHELF_LOCAL_PREVIEW', saved.preview],
        ['SKILLSHELF_CONTENT', saved.content],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('findings', () => {
  const f = (
    rule: string,
    severity: Finding['severity'],
    file = 'SKILL.md',
    line?: number,
  ): Finding => ({ rule, severity, file, line, message: rule });

  test('sorts by severity, file, line and rule, and counts each severity', () => {
    const findings = [
      f('b', 'info', 'a.md', 2),
      f('x', 'warning', 'b.md', 9),
      f('a', 'error', 'z.md'),
      f('y', 'warning', 'b.md', 3),
    ];
    assert.deepEqual(
      sortFindings(findings).map((x) => x.rule),
      ['a', 'y', 'x', 'b'],
    );
    assert.deepEqual(countFindings(findings), { error: 1, warning: 2, info: 1 });
  });
});

describe('source links', () => {
  test('links a GitHub-style source to its folder at the commit, encoding the path, and labels it owner/repo', () => {
    assert.equal(
      sourceUrl({
        repository: 'https://github.com/acme/skills.git/',
        path: 'skills/my tool',
        commit: 'abc123',
      }),
      'https://github.com/acme/skills/tree/abc123/skills/my%20tool',
    );
    assert.equal(
      sourceUrl({ repository: 'https://git.example.org/acme/skills', path: 'x' }),
      'https://git.example.org/acme/skills',
    );
    assert.equal(sourceUrl(undefined), undefined);
    assert.equal(repositoryLabel('https://github.com/acme/skills.git'), 'acme/skills');
  });
});
