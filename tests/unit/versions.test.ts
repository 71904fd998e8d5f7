import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkPins } from '../../src/data/version-pins.ts';
import {
  DIFF_LIMITS,
  fileChanges,
  fileDiff,
  type VersionFile,
} from '../../src/lib/versions/file-diff.ts';
import { buildDigestFiles, digestPrefixLength } from '../../src/lib/versions/digest-index.ts';
import { isOsJunk, withLfEndings, withoutGhMetadata } from '../../src/lib/versions/normalise.ts';
import {
  bestMatch,
  compareCopy,
  digestCopy,
  lookupNames,
  packagePaths,
  type VersionData,
} from '../../src/lib/versions/verify.ts';
import {
  isQuiet,
  trustDiff,
  type VersionFinding,
  type VersionTrust,
} from '../../src/lib/versions/trust-diff.ts';

const file = (path: string, sha256: string, mode: '644' | '755' = '644'): VersionFile => ({
  path,
  mode,
  sha256,
  size: 1,
});

describe('fileChanges', () => {
  test('lists added, removed, changed and re-moded files by path', () => {
    const changes = fileChanges(
      [file('SKILL.md', 'a'), file('old.md', 'b'), file('run.sh', 'c')],
      [file('SKILL.md', 'a2'), file('new.md', 'd'), file('run.sh', 'c', '755')],
    );
    assert.deepEqual(
      changes.map((c) => `${c.status} ${c.path}`),
      ['changed SKILL.md', 'added new.md', 'removed old.md', 'mode run.sh'],
    );
    assert.deepEqual(fileChanges([file('a', 'x')], [file('a', 'x')]), []);
  });
});

describe('fileDiff', () => {
  test('a unified diff with line numbers on both sides and three lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 10\n', 'line ten\nline 10b\n');
    const diff = fileDiff(before, after);
    assert.equal(diff.added, 2);
    assert.equal(diff.removed, 1);
    assert.equal(diff.hunks.length, 1);
    const hunk = diff.hunks[0]!;
    assert.deepEqual(
      hunk.lines.map((l) => `${l.kind[0]}${l.oldLine ?? '-'}:${l.newLine ?? '-'} ${l.text}`),
      [
        'c7:7 line 7',
        'c8:8 line 8',
        'c9:9 line 9',
        'r10:- line 10',
        'a-:10 line ten',
        'a-:11 line 10b',
        'c11:12 line 11',
        'c12:13 line 12',
        'c13:14 line 13',
      ],
    );
    assert.equal(diff.summarised, undefined);
    assert.equal(diff.lineEndingsOnly, false);
  });

  test('says when only line endings differ', () => {
    const diff = fileDiff('a\nb\n', 'a\r\nb\r\n');
    assert.equal(diff.lineEndingsOnly, true);
  });

  test('a diff past 2,000 changed lines or 256 KB is summarised: counts and the first 200 lines', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after =
      'same head\n' + Array.from({ length: 3000 }, (_, i) => `new ${i}`).join('\n') + '\n';
    const diff = fileDiff('same head\n' + before, after);
    assert.equal(diff.added, 3000);
    assert.equal(diff.removed, 3000);
    assert.equal(diff.summarised?.shown, DIFF_LIMITS.shownLines);
    assert.equal(diff.hunks[0]!.lines.length, DIFF_LIMITS.shownLines);
    // The common first line is not part of the hunk.
    assert.equal(diff.hunks[0]!.oldStart, 2);
    const huge = 'x'.repeat(200 * 1024);
    const big = fileDiff(`${huge}\na\n`, `${huge}\nb\n`);
    assert.match(big.summarised!.reason, /256 KB/);
    assert.equal(big.added, 1);
    assert.equal(big.removed, 1);
  });
});

const finding = (over: Partial<VersionFinding>): VersionFinding => ({
  rule: 'pipe-to-shell',
  category: 'remote-code',
  severity: 'danger',
  file: 'scripts/setup.sh',
  line: 2,
  excerpt: 'curl … | sh',
  message: 'Pipes a download to a shell',
  ...over,
});

const version = (over: Partial<VersionTrust>): VersionTrust => ({
  verdict: 'no-concerns',
  coverage: 'full',
  findings: [],
  allowedTools: ['Read'],
  scripts: [],
  tokens: { metadata: 40, body: 900, references: 0 },
  ...over,
});

describe('trustDiff', () => {
  test('an update that adds a script piping a download to a shell says so', () => {
    const v1 = version({});
    const v2 = version({
      verdict: 'danger',
      findings: [finding({})],
      allowedTools: ['Read', 'Bash'],
      scripts: [{ language: 'Shell', files: ['scripts/setup.sh'] }],
      tokens: { metadata: 40, body: 950, references: 0 },
    });
    const diff = trustDiff(v1, v2);
    assert.deepEqual(diff.verdict, { from: 'no-concerns', to: 'danger' });
    assert.equal(diff.appeared.length, 1);
    assert.equal(diff.disappeared.length, 0);
    assert.deepEqual(diff.tools, { added: ['Bash'], removed: [] });
    assert.deepEqual(diff.languages.added, ['Shell']);
    assert.deepEqual(diff.scripts.added, ['scripts/setup.sh']);
    assert.deepEqual(diff.gained, ['remote-code']);
    assert.deepEqual(diff.tokens, { from: 940, to: 990 });
    assert.equal(isQuiet(diff), false);
    // And back: the finding went away.
    const back = trustDiff(v2, v1);
    assert.equal(back.disappeared.length, 1);
    assert.deepEqual(back.lost, ['remote-code']);
  });

  test('a finding that only moved to another line is the same finding', () => {
    const a = version({ findings: [finding({ line: 2 })], verdict: 'danger' });
    const b = version({ findings: [finding({ line: 30 })], verdict: 'danger' });
    const diff = trustDiff(a, b);
    assert.equal(diff.appeared.length + diff.disappeared.length, 0);
    assert.equal(isQuiet(diff), true);
  });

  test('a second copy of the same finding appears (findings are counted, not just kinds)', () => {
    const a = version({ findings: [finding({})], verdict: 'danger' });
    const b = version({ findings: [finding({}), finding({ line: 9 })], verdict: 'danger' });
    assert.equal(trustDiff(a, b).appeared.length, 1);
  });
});

describe('withoutGhMetadata', () => {
  const published =
    '---\nname: tool\ndescription: Does things.\nmetadata:\n  version: "1.2"\n---\n\n# Tool\n';

  test('removes the lines gh skill install adds, and keeps the rest byte for byte', () => {
    const installed = published.replace(
      '  version: "1.2"\n',
      '  version: "1.2"\n  github-repo: acme/skills\n  github-path: skills/tool\n  github-ref: v1.2\n  github-tree-sha: 0123abcd\n  github-pinned: "true"\n',
    );
    assert.equal(withoutGhMetadata(installed), published);
    assert.equal(withoutGhMetadata(published), published);
  });

  test('removes a metadata block left empty, and works on CRLF text', () => {
    const plain = '---\r\nname: tool\r\ndescription: Does things.\r\n---\r\n\r\nBody\r\n';
    const installed = plain.replace(
      '---\r\n\r\nBody',
      'metadata:\r\n  github-repo: acme/skills\r\n  github-ref: main\r\n---\r\n\r\nBody',
    );
    assert.equal(withoutGhMetadata(installed), plain);
  });

  test('leaves other keys that start with github alone, and text outside the frontmatter', () => {
    const text =
      '---\nname: tool\ndescription: x\nmetadata:\n  githubish: yes\n---\nmetadata:\n  github-repo: body text\n';
    assert.equal(withoutGhMetadata(text), text);
  });

  test('line endings and OS junk', () => {
    assert.equal(withLfEndings('a\r\nb\r\n'), 'a\nb\n');
    assert.equal(isOsJunk('__MACOSX/tool/._SKILL.md'), true);
    assert.equal(isOsJunk('tool/.DS_Store'), true);
    assert.equal(isOsJunk('tool/scripts/__pycache__/x.pyc'), true);
    assert.equal(isOsJunk('tool/SKILL.md'), false);
  });
});

describe('checkPins', () => {
  test("records a version's archive digests once and stops a build that would change them", () => {
    const root = mkdtempSync(join(tmpdir(), 'skillshelf-pins-'));
    const archives = (sha: string) => ({
      folder: { sha256: `${sha}1` },
      root: { sha256: `${sha}2` },
      plugin: { sha256: `${sha}3` },
    });
    try {
      checkPins('acme/tool', [{ id: 'aaa', archives: archives('x') }], root);
      checkPins(
        'acme/tool',
        [
          { id: 'aaa', archives: archives('x') },
          { id: 'bbb', archives: archives('y') },
        ],
        root,
      );
      assert.throws(
        () => checkPins('acme/tool', [{ id: 'aaa', archives: archives('z') }], root),
        /acme\/tool: version aaa was published with a folder archive of sha256 x1, and this build would publish z1/,
      );
      // Another skill's versions are its own.
      checkPins('acme/other', [{ id: 'aaa', archives: archives('z') }], root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('check your copy', () => {
  test('finds the package paths of a folder, a flat archive and a plugin archive, without OS junk', () => {
    assert.deepEqual(
      [
        ...packagePaths([
          'tool/SKILL.md',
          'tool/scripts/a.sh',
          'tool/.DS_Store',
          '__MACOSX/tool/._SKILL.md',
        ]),
      ],
      [
        ['tool/SKILL.md', 'SKILL.md'],
        ['tool/scripts/a.sh', 'scripts/a.sh'],
      ],
    );
    assert.deepEqual(
      [...packagePaths(['SKILL.md', 'references/x.md']).values()],
      ['SKILL.md', 'references/x.md'],
    );
    assert.deepEqual(
      [
        ...packagePaths([
          '.claude-plugin/plugin.json',
          'skills/tool/SKILL.md',
          'skills/tool/a.py',
        ]).values(),
      ],
      ['SKILL.md', 'a.py'],
    );
    // An Agent Plugins archive: the manifest at the plugin root, below one top folder.
    assert.deepEqual(
      [...packagePaths(['p/plugin.json', 'p/skills/tool/SKILL.md', 'p/skills/tool/b.md']).values()],
      ['SKILL.md', 'b.md'],
    );
  });

  test('splits the digest lookup by leading hex digits, and matches a copy to the version sharing most files', async () => {
    const { head, files } = buildDigestFiles([
      { skill: 'a/x', id: 'v2', files: [{ sha256: 'aa11' }, { sha256: 'bb22' }] },
      { skill: 'a/x', id: 'v1', files: [{ sha256: 'aa00' }, { sha256: 'bb22' }] },
      { skill: 'b/y', id: 'w1', files: [{ sha256: 'bb22' }] },
    ]);
    assert.equal(head.prefix, 1);
    assert.deepEqual(files.get('b'), {
      bb22: [
        ['a/x', 'v2', 'v1'],
        ['b/y', 'w1'],
      ],
    });
    assert.equal(digestPrefixLength(100), 1);
    assert.equal(digestPrefixLength(1_000_000), 3);
    const copy = [
      { path: 'SKILL.md', sha256: 'aa00' },
      { path: 'run.sh', sha256: 'bb22' },
    ];
    assert.deepEqual(lookupNames(copy, 1), ['a', 'b']);
    assert.deepEqual(bestMatch(copy, [...files.values()]), { skill: 'a/x', id: 'v1', overlap: 2 });
    const { files: digested, ghMetadata } = await digestCopy([
      {
        path: 'SKILL.md',
        bytes: new TextEncoder().encode(
          '---\nname: x\nmetadata:\n  github-ref: main\n---\nA\r\nB\r\n',
        ),
      },
    ]);
    assert.equal(ghMetadata, true);
    assert.match(digested[0]!.sha256, /^[0-9a-f]{64}$/);
    assert.notEqual(digested[0]!.lfSha256, undefined);
  });

  test('compares a copy with its version: modified, added, missing, line endings, versions behind and the trust diff', () => {
    const v = (
      id: string,
      files: [string, string][],
      over: Partial<VersionData> = {},
    ): VersionData => ({
      id,
      date: null,
      current: false,
      files: files.map(([path, sha256]) => ({ path, sha256, mode: '644', size: 1 })),
      ...over,
    });
    const versions = [
      v('v3', [['SKILL.md', 's3']], { current: true, allowedTools: ['Bash'] }),
      v('v2', [['SKILL.md', 's2']], { withdrawn: true }),
      v('v1', [
        ['SKILL.md', 's1'],
        ['a.md', 'a1'],
        ['b.md', 'b1'],
        ['c.md', 'c1'],
      ]),
    ];
    const report = compareCopy(
      [
        { path: 'SKILL.md', sha256: 's1' },
        { path: 'a.md', sha256: 'changed' },
        { path: 'b.md', sha256: 'crlf', lfSha256: 'b1' },
        { path: 'new.md', sha256: 'n' },
      ],
      versions,
      'v1',
    )!;
    assert.equal(report.behind, 1, 'the withdrawn version does not count');
    assert.deepEqual(report.modified, ['a.md']);
    assert.deepEqual(report.added, ['new.md']);
    assert.deepEqual(report.missing, ['c.md']);
    assert.deepEqual(report.lineEndings, ['b.md']);
    assert.equal(report.latest.id, 'v3');
    assert.deepEqual(report.trust?.tools.added, ['Bash']);
  });
});
