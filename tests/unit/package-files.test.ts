import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  classifyFile,
  DEFAULT_LIMITS,
  formatBytes,
  isJunk,
  listPackageFiles,
} from '../../src/lib/skill/files-fs.ts';
import type { PackageLimits } from '../../src/lib/skill/files-fs.ts';
import { FIXTURES, makeTree, removeTree } from './helpers.ts';

const temps: string[] = [];
const tree = (...args: Parameters<typeof makeTree>): string => {
  const root = makeTree(...args);
  temps.push(root);
  return root;
};
after(() => temps.forEach(removeTree));

describe('classifyFile', () => {
  test('trusts known extensions and known extension-less names over the content', () => {
    const root = tree({
      'fake.png': 'plain text',
      'notes.md': Buffer.from([0, 1, 2]),
      LICENSE: 'MIT',
      Makefile: 'all:\n',
    });
    assert.equal(classifyFile(join(root, 'fake.png'), 'fake.png'), 'binary');
    assert.equal(classifyFile(join(root, 'notes.md'), 'notes.md'), 'text');
    assert.equal(classifyFile(join(root, 'LICENSE'), 'LICENSE'), 'text');
    assert.equal(classifyFile(join(root, 'Makefile'), 'Makefile'), 'text');
  });

  test('sniffs unknown extensions: NUL bytes or invalid UTF-8 mean binary, valid UTF-8 means text, even across the 4 KB boundary', () => {
    const invalidUtf8 = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from('x'.repeat(100)),
    ]);
    const root = tree({
      'a.weird': 'héllo wörld ✓',
      'b.weird': Buffer.from('abc\0def'),
      'c.weird': invalidUtf8,
    });
    assert.equal(classifyFile(join(root, 'a.weird'), 'a.weird'), 'text');
    assert.equal(classifyFile(join(root, 'b.weird'), 'b.weird'), 'binary');
    assert.equal(classifyFile(join(root, 'c.weird'), 'c.weird'), 'binary');
    // A two-byte character cut by the 4,096-byte sample is not mistaken for invalid UTF-8.
    const long = tree({ 'long.weird': 'a'.repeat(4095) + 'é' + 'more text' });
    assert.equal(classifyFile(join(long, 'long.weird'), 'long.weird'), 'text');
  });

  test('classes a short file with invalid UTF-8 in its last bytes as binary', () => {
    const root = tree({
      'tail.weird': Buffer.from([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0xff, 0xfe]),
      'tiny.weird': Buffer.from([0xff]),
    });
    assert.equal(classifyFile(join(root, 'tail.weird'), 'tail.weird'), 'binary');
    assert.equal(classifyFile(join(root, 'tiny.weird'), 'tiny.weird'), 'binary');
  });
});

describe('listPackageFiles', () => {
  test('lists the nested fixture exactly, without junk, with kinds and the executable bit', () => {
    const root = join(FIXTURES, 'edge/nested-package');
    const { files, findings } = listPackageFiles(root);
    assert.deepEqual(findings, []);
    assert.deepEqual(
      files.map((f) => [f.path, f.kind, f.executable]),
      [
        ['SKILL.md', 'text', false],
        ['assets/data.bin', 'binary', false],
        ['assets/logo.png', 'binary', false],
        ['assets/template.html', 'text', false],
        ['references/deep/more/notes.md', 'text', false],
        ['references/guide.md', 'text', false],
        ['scripts/run.sh', 'text', true],
        ['scripts/tool.py', 'text', false],
      ],
    );
    const data = files.find((f) => f.path === 'assets/data.bin')!;
    assert.equal(data.size, 256);
    assert.equal(data.source, join(root, 'assets/data.bin'));
  });

  test('publishes an in-package symlink as its target and leaves out escaping and dangling links', () => {
    const root = join(FIXTURES, 'edge/symlinks');
    const { files, findings } = listPackageFiles(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['SKILL.md', 'references/alias.md', 'references/real.md'],
    );
    const alias = files.find((f) => f.path === 'references/alias.md')!;
    assert.equal(alias.source, join(root, 'references/real.md'));
    assert.deepEqual(
      findings.map((f) => [f.rule, f.file, f.severity]),
      [
        ['symlink-dangling', 'references/dangling.md', 'warning'],
        ['symlink-escape', 'references/escape.md', 'warning'],
      ],
    );
    for (const file of files)
      assert.ok(!readFileSync(file.source, 'utf8').includes('TOP SECRET'), file.path);
  });

  test('skips junk at any depth and a symlink to a folder inside the package', () => {
    for (const name of [
      '.DS_Store',
      'Thumbs.db',
      '__pycache__',
      'node_modules',
      '.git',
      '.hg',
      '.svn',
      'tool.pyc',
      'TOOL.PYO',
    ])
      assert.equal(isJunk(name), true, name);
    for (const name of ['SKILL.md', '.gitignore', 'git', 'modules', 'pyc', 'run.sh'])
      assert.equal(isJunk(name), false, name);
    const root = tree({
      'SKILL.md': 'x',
      '.DS_Store': 'junk',
      'Thumbs.db': 'junk',
      'stray.pyc': 'junk',
      'scripts/__pycache__/x.pyc': 'junk',
      'scripts/x.py': 'print(1)',
      'node_modules/pkg/index.js': 'junk',
      'deep/node_modules/pkg/index.js': 'junk',
      '.git/HEAD': 'ref: refs/heads/main',
      'docs/guide.md': '# Guide',
      'docs-link': { symlink: 'docs' },
    });
    const { files, findings } = listPackageFiles(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['SKILL.md', 'docs/guide.md', 'scripts/x.py'],
    );
    assert.deepEqual(
      findings.map((f) => [f.rule, f.file]),
      [['symlink-directory', 'docs-link']],
    );
  });

  test("keeps the executable bit of a script and of a symlink's target", () => {
    const root = tree({
      'SKILL.md': 'x',
      'bin/tool': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'bin/plain.sh': { content: 'echo no\n', mode: 0o644 },
      'tool-link': { symlink: 'bin/tool' },
    });
    const byPath = Object.fromEntries(listPackageFiles(root).files.map((f) => [f.path, f]));
    assert.equal(byPath['bin/tool']?.executable, true);
    assert.equal(byPath['bin/plain.sh']?.executable, false);
    assert.equal(byPath['tool-link']?.executable, true);
    assert.equal(byPath['tool-link']?.source, join(root, 'bin/tool'));
    assert.equal(byPath['bin/tool']?.kind, 'text');
  });

  test('leaves out absolute and relative symlinks that reach a sibling folder outside the package', () => {
    const outside = tree({ 'secret.txt': 'TOP SECRET' });
    const root = tree({
      'SKILL.md': 'x',
      'abs.md': { symlink: join(outside, 'secret.txt') },
      'rel.md': { symlink: `../${basename(outside)}/secret.txt` },
    });
    const { files, findings } = listPackageFiles(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['SKILL.md'],
    );
    assert.deepEqual(
      findings.map((f) => [f.rule, f.file]),
      [
        ['symlink-escape', 'abs.md'],
        ['symlink-escape', 'rel.md'],
      ],
    );
  });

  test('does not mistake a sibling folder that shares the package name as a prefix for the package', () => {
    const root = tree({ 'SKILL.md': 'x' });
    const sibling = `${root}-evil`;
    temps.push(sibling);
    mkdirSync(sibling);
    writeFileSync(join(sibling, 'secret.txt'), 'TOP SECRET');
    symlinkSync(`../${basename(sibling)}/secret.txt`, join(root, 'prefix.md'));
    const { files, findings } = listPackageFiles(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['SKILL.md'],
    );
    assert.deepEqual(
      findings.map((f) => [f.rule, f.file]),
      [['symlink-escape', 'prefix.md']],
    );
  });

  test('works when the package folder itself is reached through a symlink', () => {
    const real = tree({ 'SKILL.md': 'x', 'a.md': 'a', 'b.md': { symlink: 'a.md' } });
    const holder = tree({});
    const linked = join(holder, 'pkg');
    symlinkSync(real, linked);
    const { files, findings } = listPackageFiles(linked);
    assert.deepEqual(findings, []);
    assert.deepEqual(
      files.map((f) => f.path),
      ['SKILL.md', 'a.md', 'b.md'],
    );
  });

  test('leaves out a file over the per-file limit and reports it, keeping the rest', () => {
    const root = tree({
      'SKILL.md': 'x'.repeat(10),
      'big.txt': 'y'.repeat(2048),
      'small.txt': 'z',
    });
    const limits: PackageLimits = { maxFiles: 100, maxFileBytes: 1024, maxPackageBytes: 1_000_000 };
    const { files, findings } = listPackageFiles(root, limits);
    assert.deepEqual(
      files.map((f) => f.path),
      ['SKILL.md', 'small.txt'],
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.rule, 'file-too-large');
    assert.equal(findings[0]!.file, 'big.txt');
    assert.match(findings[0]!.message, /2\.0 KB, over the 1\.0 KB limit/);
  });

  test('stops adding files past the package size and file count limits', () => {
    const root = tree({
      'a.txt': 'a'.repeat(600),
      'b.txt': 'b'.repeat(600),
      'c.txt': 'c'.repeat(100),
    });
    const bySize = listPackageFiles(root, {
      maxFiles: 100,
      maxFileBytes: 1000,
      maxPackageBytes: 1000,
    });
    assert.deepEqual(
      bySize.files.map((f) => f.path),
      ['a.txt', 'c.txt'],
    );
    assert.deepEqual(
      bySize.findings.map((f) => [f.rule, f.file]),
      [['package-too-large', 'b.txt']],
    );

    const byCount = listPackageFiles(root, { ...DEFAULT_LIMITS, maxFiles: 2 });
    assert.deepEqual(
      byCount.files.map((f) => f.path),
      ['a.txt', 'b.txt'],
    );
    assert.deepEqual(
      byCount.findings.map((f) => [f.rule, f.file]),
      [['package-too-many-files', 'c.txt']],
    );
  });

  test('sorts the final list by full path, not by walk order', () => {
    const root = tree({ 'a/x.md': '1', 'a-b.md': '2', 'B.md': '3', 'SKILL.md': '4' });
    assert.deepEqual(
      listPackageFiles(root).files.map((f) => f.path),
      ['B.md', 'SKILL.md', 'a-b.md', 'a/x.md'],
    );
  });
});

describe('formatBytes', () => {
  test('formats bytes, one decimal below ten units, whole numbers above', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1.0 KB');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(20 * 1024), '20 KB');
    assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
    assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GB');
    assert.equal(formatBytes(5000 * 1024 ** 3), '5000 GB');
  });

  test('rounds just under a unit up to the next unit, not "1024 KB"', () => {
    assert.equal(formatBytes(1024 * 1024 - 1), '1.0 MB');
  });
});
