import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import {
  AGENT_PLUGINS_SCHEMA,
  agentPluginProblems,
  agentPluginManifest,
  agentPluginSkillPaths,
} from '../../src/lib/publish/agent-plugin.ts';
import { buildSkillZip, buildSkillZips, sha256Hex } from '../../src/lib/publish/zip.ts';
import { unixModes } from '../support/zip-entries.ts';
import { makeTree, removeTree, skillMd, snapshotFiles } from './helpers.ts';

describe('buildSkillZip', () => {
  const outside = makeTree({ 'secret.txt': 'do not ship' });
  const root = makeTree({
    'SKILL.md': skillMd('demo', 'Demo skill.'),
    'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
    'references/deep/notes.md': '# Notes\n',
    'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    '.DS_Store': 'junk',
    'scripts/__pycache__/x.cpython-311.pyc': 'junk',
    'node_modules/pkg/index.js': 'junk',
    'references/alias.md': { symlink: 'deep/notes.md' },
    'references/escape.txt': { symlink: `${outside}/secret.txt` },
    'references/dangling.md': { symlink: 'nope.md' },
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });
  const files = snapshotFiles(root);

  test('puts every package file under one folder named after the skill', () => {
    const names = Object.keys(unzipSync(buildSkillZip(files, 'folder', 'demo').bytes)).sort();
    assert.deepEqual(names, [
      'demo/SKILL.md',
      'demo/assets/logo.png',
      'demo/references/alias.md',
      'demo/references/deep/notes.md',
      'demo/scripts/run.sh',
    ]);
  });

  test('puts SKILL.md at the root for the flat (discovery RFC) layout', () => {
    const names = Object.keys(unzipSync(buildSkillZip(files, 'root', 'demo').bytes));
    assert.ok(names.includes('SKILL.md'));
    assert.ok(names.every((n) => !n.startsWith('demo/')));
  });

  test('wraps the skill as a Claude Code plugin with a manifest', () => {
    const entries = unzipSync(
      buildSkillZip(files, 'plugin', 'demo', {
        name: 'demo',
        description: 'Demo skill.',
      }).bytes,
    );
    assert.deepEqual(JSON.parse(new TextDecoder().decode(entries['.claude-plugin/plugin.json'])), {
      name: 'demo',
      description: 'Demo skill.',
    });
    assert.ok(entries['skills/demo/SKILL.md']);
    // The same archive is an Agent Plugins 1.0 plugin: a closed root manifest with the exact $schema.
    const root = JSON.parse(new TextDecoder().decode(entries['plugin.json'])) as unknown;
    assert.deepEqual(root, {
      $schema: AGENT_PLUGINS_SCHEMA,
      name: 'demo',
      description: 'Demo skill.',
    });
    assert.deepEqual(agentPluginProblems(root), []);
    assert.deepEqual(agentPluginSkillPaths(Object.keys(entries)), ['skills/demo/SKILL.md']);
  });

  test('leaves out junk and links that leave the package or dangle, and stores inside links as content', () => {
    const entries = unzipSync(buildSkillZip(files, 'folder', 'demo').bytes);
    const names = Object.keys(entries).join('\n');
    assert.doesNotMatch(names, /DS_Store|__pycache__|\.pyc|node_modules|escape|dangling/);
    assert.equal(new TextDecoder().decode(entries['demo/references/alias.md']), '# Notes\n');
    assert.deepEqual([...entries['demo/assets/logo.png']!], [0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
  });

  test('is byte-for-byte reproducible, whatever the time zone', () => {
    const first = buildSkillZip(files, 'folder', 'demo');
    const zone = process.env['TZ'];
    let second: ReturnType<typeof buildSkillZip>;
    try {
      process.env['TZ'] = 'Asia/Kolkata';
      second = buildSkillZip(snapshotFiles(root), 'folder', 'demo');
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
    assert.equal(first.sha256, second.sha256);
    assert.equal(first.sha256, sha256Hex(first.bytes));
    assert.equal(first.size, first.bytes.length);
  });

  test('keeps the executable bit on scripts and 0644 on other files', () => {
    const modes = unixModes(buildSkillZip(files, 'folder', 'demo').bytes);
    assert.equal(modes.get('demo/scripts/run.sh'), 0o100755);
    assert.equal(modes.get('demo/SKILL.md'), 0o100644);
  });

  test('stores a lower-case skill.md as SKILL.md', () => {
    const lower = makeTree({ 'skill.md': skillMd('low', 'Lower case.') });
    try {
      const names = Object.keys(
        unzipSync(buildSkillZip(snapshotFiles(lower), 'folder', 'low').bytes),
      );
      assert.deepEqual(names, ['low/SKILL.md']);
    } finally {
      removeTree(lower);
    }
  });
});

describe('archive digests', () => {
  test('the digest recorded when a package is read matches a rebuild from the record, licence from the sidecar included', async () => {
    const { pluginManifest } = await import('../../src/lib/skill/package.ts');
    const { readSkillPackage } = await import('../../src/lib/skill/package-fs.ts');
    const holder = makeTree({
      'acme/licensed/SKILL.md': skillMd(
        'licensed',
        'Licensed by its sidecar.',
        '\n# T\n',
        'metadata:\n  version: "2.1.0"\n',
      ),
      'acme/licensed/scripts/go.sh': { content: 'echo go\n', mode: 0o755 },
      'acme/licensed.listing.json': JSON.stringify({ license: 'Apache-2.0' }),
    });
    try {
      const result = readSkillPackage(`${holder}/acme/licensed`, 'acme', 'licensed');
      assert.ok(result.ok);
      const { skill } = result;
      assert.equal(skill.license, 'Apache-2.0');
      const files = snapshotFiles(`${holder}/acme/licensed`);
      const rebuilt = buildSkillZip(
        files,
        'plugin',
        skill.archiveName,
        pluginManifest(skill.archiveName, skill.description, skill.license),
      );
      assert.equal(rebuilt.sha256, skill.archives.plugin.sha256);
      const manifest = JSON.parse(
        new TextDecoder().decode(unzipSync(rebuilt.bytes)['.claude-plugin/plugin.json']),
      ) as Record<string, string>;
      // The skill's version 2.1.0 is not in plugin.json: the archive digest versions the plugin.
      assert.deepEqual(manifest, {
        name: 'licensed',
        description: 'Licensed by its sidecar.',
        license: 'Apache-2.0',
      });
    } finally {
      removeTree(holder);
    }
  });
});

/** The archive as fflate's zipSync wrote it before files were compressed once for every layout. */
function referenceZip(entries: [string, Uint8Array, number][]): Uint8Array {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const mtime = new Date(2020, 0, 1, 0, 0, 0);
  const zippable: Zippable = {};
  for (const [path, data, mode] of entries)
    zippable[path] = [
      data,
      {
        mtime,
        os: 3,
        attrs: (mode << 16) >>> 0,
        level: /\.(?:png|zip|gz|pdf)$/i.test(path) ? 0 : 6,
      },
    ];
  return zipSync(zippable);
}

describe('archive bytes', () => {
  test('every layout is byte-identical to the archives published before (kept versions are pinned by digest)', () => {
    // Names an object orders first (array indexes), non-ASCII names, empty, stored, executable and
    // larger repetitive files: every case of the container's layout.
    const text = (s: string): Uint8Array => new TextEncoder().encode(s);
    let seed = 7;
    const noise = Uint8Array.from(
      { length: 70_000 },
      () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24,
    );
    const files = [
      {
        path: 'skill.md',
        executable: false,
        bytes: text('---\nname: demo\n---\n# Demo\n'.repeat(40)),
      },
      { path: '10', executable: false, bytes: text('ten') },
      { path: '2', executable: true, bytes: text('#!/bin/sh\n') },
      { path: 'références/é.md', executable: false, bytes: text('é'.repeat(3000)) },
      { path: 'assets/pic.png', executable: false, bytes: noise.subarray(0, 4000) },
      { path: 'assets/empty.txt', executable: false, bytes: new Uint8Array(0) },
      { path: 'scripts/noise.bin', executable: true, bytes: noise },
    ];
    const manifest = { name: 'demo', description: 'Demo "quoted" skill.', license: 'MIT' };
    const zips = buildSkillZips(files, ['folder', 'root', 'plugin'], 'demo', manifest);
    const json = (value: object): Uint8Array => text(`${JSON.stringify(value, null, 2)}\n`);
    for (const layout of ['folder', 'root', 'plugin'] as const) {
      const prefix = layout === 'folder' ? 'demo/' : layout === 'plugin' ? 'skills/demo/' : '';
      const entries: [string, Uint8Array, number][] = files.map((f) => [
        `${prefix}${f.path === 'skill.md' ? 'SKILL.md' : f.path}`,
        f.bytes,
        f.executable ? 0o100755 : 0o100644,
      ]);
      if (layout === 'plugin')
        entries.push(
          ['.claude-plugin/plugin.json', json(manifest), 0o100644],
          ['plugin.json', json(agentPluginManifest(manifest)), 0o100644],
        );
      const expected = referenceZip(entries);
      assert.equal(sha256Hex(zips[layout].bytes), sha256Hex(expected), `the ${layout} layout`);
      assert.equal(zips[layout].sha256, sha256Hex(expected));
      assert.deepEqual(buildSkillZip(files, layout, 'demo', manifest).bytes, zips[layout].bytes);
    }
    // The root layout starts with the names an object puts first, as zipSync wrote them.
    assert.deepEqual(Object.keys(unzipSync(zips.root.bytes)).slice(0, 2), ['2', '10']);
  });
});
