import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageDirs } from '../../src/lib/skill/dirs-fs.ts';
import { findBrokenLinks, findSkillFile, whenToUse } from '../../src/lib/skill/package.ts';
import { readSkillPackage } from '../../src/lib/skill/package-fs.ts';
import type { ExcludedSkill, SkillReadResult, SkillRecord } from '../../src/lib/skill/package.ts';
import { GENERATED_PUBLISHERS } from '../support/hostile.ts';
import { FIXTURES, makeTree, removeTree, skillMd } from './helpers.ts';

const temps: string[] = [];
const tree = (...args: Parameters<typeof makeTree>): string => {
  const root = makeTree(...args);
  temps.push(root);
  return root;
};
after(() => temps.forEach(removeTree));

const results = new Map<string, SkillReadResult>(
  findPackageDirs(FIXTURES)
    .filter((d) => !GENERATED_PUBLISHERS.includes(d.publisher))
    .map((d) => [`${d.publisher}/${d.slug}`, readSkillPackage(d.dir, d.publisher, d.slug)]),
);

function listed(id: string): SkillRecord {
  const result = results.get(id);
  assert.ok(result, `${id} was not found`);
  if (!result.ok) assert.fail(`${id} was excluded: ${result.excluded.reason}`);
  return result.skill;
}

function excluded(id: string): ExcludedSkill {
  const result = results.get(id);
  assert.ok(result, `${id} was not found`);
  if (result.ok) assert.fail(`${id} was listed`);
  return result.excluded;
}

const rules = (skill: SkillRecord): string[] => skill.findings.map((f) => f.rule).sort();

function readTemp(
  entries: Parameters<typeof makeTree>[0],
  slug = 'demo',
  limits?: Parameters<typeof readSkillPackage>[3],
): SkillReadResult {
  const root = tree(entries);
  return readSkillPackage(root, 'acme', slug, limits);
}

describe('readSkillPackage over the fixture catalogue', () => {
  test('lists 14 edge and 5 hostile skills and excludes exactly the 7 broken ones', () => {
    const ok = [...results].filter(([, r]) => r.ok).map(([id]) => id);
    const bad = [...results].filter(([, r]) => !r.ok).map(([id]) => id);
    assert.equal(ok.filter((id) => id.startsWith('edge/')).length, 14);
    assert.deepEqual(
      ok.filter((id) => !id.startsWith('edge/')),
      [
        'hostile/description-html',
        'hostile/impostor',
        'hostile/remote-image',
        'hostile/risky-installer',
        'hostile/xss-attempts',
      ],
    );
    assert.deepEqual(bad, [
      'broken/dangling-skill-md',
      'broken/empty-description',
      'broken/empty-file',
      'broken/no-description',
      'broken/no-frontmatter',
      'broken/unclosed-frontmatter',
      'broken/yaml-garbage',
    ]);
    assert.ok(
      ![...results.keys()].some((id) => id.includes('outside-secret') || id.includes('.json')),
    );
  });

  test('gives each broken package its reason and line', () => {
    const expected: Record<string, [RegExp | string, number | undefined]> = {
      'broken/no-frontmatter': [
        'No YAML frontmatter: the file must start with a line of three dashes (---).',
        1,
      ],
      'broken/no-description': [
        'The frontmatter has no description, so agents cannot know when to use the skill.',
        undefined,
      ],
      'broken/empty-description': [
        'The description is empty, so agents cannot know when to use the skill.',
        3,
      ],
      'broken/unclosed-frontmatter': [
        'The frontmatter is never closed: add a line of three dashes (---) after the last key.',
        1,
      ],
      'broken/empty-file': ['The file is empty.', undefined],
      'broken/dangling-skill-md': [/symbolic link to a file that does not exist/, undefined],
      'broken/yaml-garbage': [/^Invalid YAML in the frontmatter: /, 3],
    };
    for (const [id, [reason, line]] of Object.entries(expected)) {
      const skill = excluded(id);
      if (typeof reason === 'string') assert.equal(skill.reason, reason, id);
      else assert.match(skill.reason, reason, id);
      assert.equal(skill.line, line, id);
      assert.equal(skill.file, 'SKILL.md', id);
      assert.equal(skill.id, id);
    }
  });

  test('reports the expected findings on every listed fixture', () => {
    const expected: Record<string, string[]> = {
      'edge/crlf-endings': ['crlf-line-endings'],
      'edge/bom-start': ['byte-order-mark'],
      'edge/unquoted-colon': ['yaml-recovered'],
      'edge/lowercase-file': ['skill-file-name'],
      'edge/tools-as-list': ['allowed-tools-list'],
      'edge/metadata-types': ['metadata-not-string', 'metadata-not-string', 'metadata-not-string'],
      'edge/extra-keys': Array(5).fill('non-spec-key'),
      'edge/name-mismatch': ['name-folder-mismatch'],
      'edge/Bad_Name': ['name-format'],
      'edge/long-description': ['description-angle-brackets', 'description-too-long'],
      'edge/pseudo-xml': [],
      'edge/mdx-hostile': [],
      'edge/nested-package': [],
      'edge/symlinks': ['broken-link', 'broken-link', 'symlink-dangling', 'symlink-escape'],
      'hostile/xss-attempts': [],
      'hostile/description-html': ['description-angle-brackets'],
    };
    for (const [id, expectedRules] of Object.entries(expected))
      assert.deepEqual(rules(listed(id)), expectedRules, id);
  });

  test('keeps names, descriptions, tools, metadata and versions as written', () => {
    assert.equal(
      listed('edge/unquoted-colon').description,
      'Use when: the user asks to rotate logs. Handles gzip: yes.',
    );
    assert.equal(listed('edge/name-mismatch').name, 'something-else');
    assert.equal(listed('edge/name-mismatch').slug, 'name-mismatch');
    assert.equal(listed('edge/lowercase-file').skillFile, 'skill.md');
    assert.deepEqual(listed('edge/lowercase-file').allowedTools, ['Bash(git:*)', 'Read']);
    assert.deepEqual(listed('edge/tools-as-list').allowedTools, ['Bash', 'Read', 'Grep']);
    assert.deepEqual(listed('edge/metadata-types').metadata, {
      updated: '2026-04-01',
      revision: '7',
      experimental: 'true',
      owner: 'platform-team',
    });
    assert.equal(listed('edge/extra-keys').version, '1.4.0');
    assert.equal(listed('edge/crlf-endings').version, '1.0');
    assert.equal(listed('edge/crlf-endings').compatibility, 'Requires git 2.30 or newer.');
    assert.equal(
      listed('hostile/description-html').description,
      'Shows <b>bold</b> and <script>alert(1)</script> in the description',
    );
    assert.deepEqual(listed('edge/extra-keys').extraKeys['triggers'], [
      'write a commit message',
      'commit this',
      'summarise staged changes',
    ]);
  });

  test('uses declared tags when present and inferred vocabulary tags otherwise', () => {
    const declared = listed('edge/extra-keys');
    assert.deepEqual([declared.tags, declared.tagsInferred], [['testing', 'git'], false]);
    const xss = listed('hostile/xss-attempts');
    assert.equal(xss.tagsInferred, true);
    assert.ok(xss.tags.includes('security'), xss.tags.join());
    assert.deepEqual(listed('edge/Bad_Name').tags, ['general']);
    for (const [id, result] of results) {
      if (!result.ok) continue;
      assert.ok(result.skill.tags.length >= 1 && result.skill.tags.length <= 8, id);
    }
  });

  test('derives "when to use" from when_to_use, else the "Use when" clause, else the description', () => {
    assert.equal(
      listed('edge/extra-keys').whenToUse,
      'After staging changes and before running git commit.',
    );
    assert.equal(
      listed('edge/bom-start').whenToUse,
      'Use when the first column name of a CSV looks garbled or a script cannot find the first header.',
    );
    assert.equal(
      listed('edge/unquoted-colon').whenToUse,
      'Use when: the user asks to rotate logs. Handles gzip: yes.',
    );
    assert.equal(listed('edge/symlinks').whenToUse, listed('edge/symlinks').description);
  });

  test('lists package files without junk or escaping/dangling symlinks, and without absolute paths', () => {
    const nested = listed('edge/nested-package');
    assert.deepEqual(
      nested.files.map((f) => f.path),
      [
        'SKILL.md',
        'assets/data.bin',
        'assets/logo.png',
        'assets/template.html',
        'references/deep/more/notes.md',
        'references/guide.md',
        'scripts/run.sh',
        'scripts/tool.py',
      ],
    );
    const run = nested.files.find((f) => f.path === 'scripts/run.sh')!;
    const runBytes = readFileSync(join(FIXTURES, 'edge/nested-package/scripts/run.sh'));
    assert.deepEqual(run, {
      path: 'scripts/run.sh',
      size: runBytes.length,
      kind: 'text',
      executable: true,
      sha256: createHash('sha256').update(runBytes).digest('hex'),
    });
    assert.equal(
      nested.totalBytes,
      nested.files.reduce((sum, f) => sum + f.size, 0),
    );
    assert.ok(
      !JSON.stringify(nested).includes(FIXTURES),
      'no absolute source paths leak into the record',
    );
    assert.deepEqual(
      listed('edge/symlinks').files.map((f) => f.path),
      ['SKILL.md', 'references/alias.md', 'references/real.md'],
    );
  });

  test('reads the listing sidecar and keeps its dates for the site’s date rules, dating the record by its newest file', () => {
    const nested = listed('edge/nested-package');
    assert.deepEqual(nested.listing, {
      featured: true,
      added: '2026-01-10',
      updated: '2026-02-20',
      license: undefined,
      importedAt: undefined,
      source: {
        repository: 'https://github.com/edge/skills',
        path: 'skills/nested-package',
        commit: '0123456789abcdef0123456789abcdef01234567',
        commitDate: undefined,
      },
    });
    assert.match(nested.updated, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(listed('edge/pseudo-xml').listing, { featured: false });
    assert.match(listed('edge/pseudo-xml').updated, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('reports the broken links to the escaping and dangling symlinks', () => {
    const links = listed('edge/symlinks').findings.filter((f) => f.rule === 'broken-link');
    assert.deepEqual(
      links.map((f) => f.message),
      [
        'The link to "references/escape.md" points at no file in the package.',
        'The link to "references/dangling.md" points at no file in the package.',
      ],
    );
  });

  test('points each broken link at the line it is written on', () => {
    const links = listed('edge/symlinks').findings.filter((f) => f.rule === 'broken-link');
    assert.deepEqual(
      links.map((f) => f.line),
      [11, 12],
    );
  });
});

describe('readSkillPackage on temporary packages', () => {
  test('excludes a folder with no SKILL.md and otherwise finds SKILL.md before skill.md', () => {
    const result = readTemp({ 'README.md': '# hi' });
    assert.ok(!result.ok);
    assert.equal(result.excluded.reason, 'The folder has no SKILL.md.');
    // Any casing of skill.md at the root is the skill file; nested ones are not.
    assert.equal(findSkillFile(['SKILL.md', 'docs/x.md']), 'SKILL.md');
    assert.equal(findSkillFile(['Skill.MD']), 'Skill.MD');
    assert.equal(findSkillFile(['README.md', 'docs/skill.md']), undefined);
  });

  test('refuses a package with both SKILL.md and skill.md: the page could show one and the archive ship the other', () => {
    const result = readTemp({
      'SKILL.md': skillMd('demo', 'Shown on the page.'),
      'skill.md': skillMd('demo', 'Shipped instead.'),
    });
    assert.ok(!result.ok);
    assert.match(result.excluded.reason, /"SKILL\.md" and "skill\.md" differ only by case/);
  });

  test('passes custom limits to the file listing and reports the oversized file', () => {
    const result = readTemp(
      { 'SKILL.md': skillMd('demo', 'Demo skill.'), 'big.txt': 'x'.repeat(5000) },
      'demo',
      { maxFiles: 10, maxFileBytes: 1000, maxPackageBytes: 100_000 },
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.skill.files.map((f) => f.path),
      ['SKILL.md'],
    );
    assert.deepEqual(
      result.skill.findings.map((f) => [f.rule, f.file]),
      [['file-too-large', 'big.txt']],
    );
  });

  test('warns when the licence names a file the package lacks, and takes a licence from the sidecar', () => {
    const missing = readTemp({
      'SKILL.md': skillMd('demo', 'Demo.', '\n', 'license: Complete terms in LICENSE.txt\n'),
    });
    assert.ok(missing.ok);
    assert.deepEqual(
      missing.skill.findings.map((f) => [f.rule, f.line]),
      [['license-file-missing', 4]],
    );

    const present = readTemp({
      'SKILL.md': skillMd('demo', 'Demo.', '\n', 'license: Complete terms in LICENSE.txt\n'),
      'LICENSE.txt': 'terms',
    });
    assert.ok(present.ok);
    assert.deepEqual(present.skill.findings, []);

    const holder = tree({
      'acme/demo/SKILL.md': skillMd('demo', 'Demo.'),
      'acme/demo.listing.json': JSON.stringify({ license: ' Apache-2.0 ' }),
    });
    const fromSidecar = readSkillPackage(join(holder, 'acme/demo'), 'acme', 'demo');
    assert.ok(fromSidecar.ok);
    assert.equal(fromSidecar.skill.license, 'Apache-2.0');
  });

  test('dates the record by its newest file, never by a sidecar (a publisher’s claim; src/data/skills.ts decides)', () => {
    const holder = tree({
      'acme/dated/SKILL.md': skillMd('dated', 'Dated.'),
      'acme/dated.listing.json': JSON.stringify({ source: { commitDate: '2025-07-04T10:00:00Z' } }),
      'acme/plain/SKILL.md': skillMd('plain', 'Plain.'),
      'acme/plain/notes.md': 'notes',
    });
    const dated = readSkillPackage(join(holder, 'acme/dated'), 'acme', 'dated');
    assert.ok(dated.ok);
    assert.notEqual(dated.skill.updated, '2025-07-04');
    assert.equal(dated.skill.listing.source?.commitDate, '2025-07-04T10:00:00Z');

    utimesSync(
      join(holder, 'acme/plain/SKILL.md'),
      new Date('2024-01-01T12:00:00Z'),
      new Date('2024-01-01T12:00:00Z'),
    );
    utimesSync(
      join(holder, 'acme/plain/notes.md'),
      new Date('2024-03-15T12:00:00Z'),
      new Date('2024-03-15T12:00:00Z'),
    );
    const plain = readSkillPackage(join(holder, 'acme/plain'), 'acme', 'plain');
    assert.ok(plain.ok);
    assert.equal(plain.skill.updated, '2024-03-15');
  });

  test('reports a broken relative link in the body, ignoring anchors and external links', () => {
    const body =
      '\n# T\n\n[ok](notes.md) [anchor](#t) [web](https://e.com)\n\n![img](missing.png)\n';
    const result = readTemp({ 'SKILL.md': skillMd('demo', 'Demo.', body), 'notes.md': 'n' });
    assert.ok(result.ok);
    assert.deepEqual(
      result.skill.findings.map((f) => [f.rule, f.line]),
      [['broken-link', 10]],
    );
    // The body runs from the blank line after the frontmatter to the image line: 6 lines.
    assert.equal(result.skill.bodyLines, 6);
  });
});

describe('whenToUse and findBrokenLinks', () => {
  test('finds the "use when" clause anywhere in the description and capitalises it', () => {
    assert.equal(
      whenToUse({}, {}, 'Formats SQL. use this skill when the query is long.'),
      'Use this skill when the query is long.',
    );
    assert.equal(whenToUse({}, {}, 'Fires. Triggered when CI fails.'), 'Triggered when CI fails.');
    assert.equal(
      whenToUse({}, {}, 'Because whenever it runs, nothing happens.'),
      'Because whenever it runs, nothing happens.',
    );
    assert.equal(whenToUse({ 'when-to-use': '  On Fridays.  ' }, {}, 'Use when x.'), 'On Fridays.');
    assert.equal(whenToUse({}, { when_to_use: 'From metadata.' }, 'Use when x.'), 'From metadata.');
  });

  test('finds broken links and images with the body offset applied', () => {
    const files = new Set(['SKILL.md', 'a.md']);
    const findings = findBrokenLinks(
      '[a](a.md)\n\n[b](b.md)\n\n![c](img/c.png)\n\n[d](../up.md)',
      10,
      'SKILL.md',
      files,
    );
    assert.deepEqual(
      findings.map((f) => [f.line, f.message]),
      [
        [12, 'The link to "b.md" points at no file in the package.'],
        [14, 'The link to "img/c.png" points at no file in the package.'],
        [16, 'The link to "../up.md" points at no file in the package.'],
      ],
    );
  });
});
