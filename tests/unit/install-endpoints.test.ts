import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import {
  assignInstallNames,
  buildDiscoveryIndex,
  buildMarketplace,
  installNames,
  marketplaceNameProblem,
} from '../../src/lib/publish/install-endpoints.ts';
import type { SkillRecord } from '../../src/lib/skill/package.ts';

const record = (
  publisher: string,
  slug: string,
  extra: Partial<SkillRecord> = {},
): SkillRecord => ({
  id: `${publisher}/${slug}`,
  publisher,
  slug,
  skillFile: 'SKILL.md',
  name: slug,
  description: `${slug} skill.`,
  whenToUse: '',
  metadata: {},
  allowedTools: [],
  extraKeys: {},
  tags: ['testing'],
  tagsInferred: false,
  files: [],
  totalBytes: 0,
  bodyLines: 1,
  findings: [],
  listing: { featured: false },
  updated: '2026-01-01',
  manifest: 'd'.repeat(64),
  trust: {
    verdict: 'no-concerns',
    coverage: 'full',
    coverageNotes: [],
    checked: { manifest: 'd'.repeat(64), rulesVersion: 'test', date: '2026-01-01' },
    findings: [],
    cost: { metadata: 10, body: 100, bodyLines: 10, references: [], overGuidance: false },
    permissions: { allowedTools: [], scripts: [], capabilities: {} },
  },
  archiveName: slug,
  archives: {
    folder: { size: 1, sha256: 'a'.repeat(64) },
    root: { size: 2, sha256: 'b'.repeat(64) },
    plugin: { size: 3, sha256: 'c'.repeat(64) },
  },
  ...extra,
});

describe('install endpoints', () => {
  test('refuses reserved and malformed marketplace names', () => {
    assert.match(marketplaceNameProblem('agent-skills') ?? '', /reserved/);
    assert.match(marketplaceNameProblem('anthropic-tools') ?? '', /reserved/);
    assert.match(marketplaceNameProblem('claude-code-extras') ?? '', /reserved/);
    assert.match(marketplaceNameProblem('My Market') ?? '', /kebab-case/);
    assert.equal(marketplaceNameProblem('acme-skills'), undefined);
    assert.throws(
      () =>
        buildMarketplace(
          [],
          new Map(),
          { name: 'claude-plugins-official', owner: 'x' },
          'https://s.test',
        ),
      /reserved/,
    );
  });

  test('gives colliding skill names a publisher prefix, first come first served', () => {
    const names = installNames([
      record('acme', 'run'),
      record('beta', 'run'),
      record('beta', 'lint'),
    ]);
    assert.deepEqual([...names.values()], ['run', 'beta-run', 'lint']);
  });

  test('lists each skill in the discovery index as a root archive with its digest', () => {
    const index = buildDiscoveryIndex([record('acme', 'run')], 'https://s.test') as {
      $schema: string;
      skills: Record<string, string>[];
    };
    assert.equal(index.$schema, 'https://schemas.agentskills.io/discovery/0.2.0/schema.json');
    assert.deepEqual(index.skills[0], {
      name: 'run',
      type: 'archive',
      description: 'run skill.',
      url: 'https://s.test/skills/acme/run/download/run-flat.zip',
      digest: `sha256:${'b'.repeat(64)}`,
    });
  });

  test('makes one plugin per skill with an archive source pinned by sha256', () => {
    const market = buildMarketplace(
      [record('acme', 'run', { version: '1.2.0', license: 'MIT' })],
      new Map([['acme', 'Acme Inc.']]),
      { name: 'acme-skills', owner: 'Acme' },
      'https://s.test',
    ) as {
      name: string;
      owner: { name: string };
      plugins: Record<string, unknown>[];
    };
    assert.equal(market.name, 'acme-skills');
    assert.deepEqual(market.owner, { name: 'Acme' });
    assert.deepEqual(market.plugins[0]!['source'], {
      source: 'archive',
      url: 'https://s.test/skills/acme/run/download/run-plugin.zip',
      sha256: 'c'.repeat(64),
    });
    // No version, even when the skill declares one: Claude Code versions the plugin by the archive digest.
    assert.equal('version' in market.plugins[0]!, false);
    assert.deepEqual(market.plugins[0]!['author'], { name: 'Acme Inc.' });
  });
});

describe('assignInstallNames', () => {
  const skill = (
    id: string,
    archiveName = id.split('/')[1]!,
  ): { id: string; publisher: string; archiveName: string } => ({
    id,
    publisher: id.split('/')[0]!,
    archiveName,
  });
  const hash6 = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 6);

  test('a newcomer never takes the bare name of an earlier skill, whatever the ids sort like', () => {
    const real = skill('northwind-labs/run');
    const impostor = skill('Northwind-Labs/run');
    const firstSeen = new Map([
      ['northwind-labs/run', 3],
      ['Northwind-Labs/run', 10],
    ]);
    for (const list of [
      [real, impostor],
      [impostor, real],
    ]) {
      const { names, problems } = assignInstallNames(list, firstSeen);
      assert.equal(names.get('northwind-labs/run'), 'run');
      assert.equal(names.get('Northwind-Labs/run'), 'northwind-labs-run');
      assert.deepEqual(problems, []);
    }
    // The earlier skill wins even when its id would sort last.
    const names = assignInstallNames(
      [skill('aaa/run'), skill('zzz/run')],
      new Map([
        ['zzz/run', 0],
        ['aaa/run', 1],
      ]),
    ).names;
    assert.deepEqual(Object.fromEntries(names), { 'aaa/run': 'aaa-run', 'zzz/run': 'run' });
  });

  test('skills with history come before skills without, and the lack of history is reported', () => {
    const { names, problems } = assignInstallNames(
      [skill('aaa/run'), skill('zzz/run')],
      new Map([['zzz/run', 8]]),
    );
    assert.equal(names.get('zzz/run'), 'run');
    assert.equal(names.get('aaa/run'), 'aaa-run');
    assert.deepEqual(problems, []);
    const untracked = assignInstallNames(
      [skill('northwind-labs/run'), skill('Northwind-Labs/run')],
      new Map(),
    );
    // Without any history a capitalised copy still does not beat the plain id.
    assert.equal(untracked.names.get('northwind-labs/run'), 'run');
    assert.match(
      untracked.problems.join('\n'),
      /"run" went to northwind-labs\/run rather than Northwind-Labs\/run by id order.*pin it with installNames/,
    );
  });

  test('cuts long qualified names to 64 characters with a hash of the id', () => {
    const long = 'a'.repeat(30) + '-' + 'b'.repeat(33); // 64 characters, a valid name
    const first = skill(`one/${long}`);
    const second = skill(`Very--Long__Publisher/${long}`);
    const { names } = assignInstallNames(
      [first, second],
      new Map([
        [first.id, 0],
        [second.id, 1],
      ]),
    );
    assert.equal(names.get(first.id), long);
    const cut = names.get(second.id)!;
    assert.equal(cut.length, 64);
    assert.equal(cut, `very-long-publisher-${long}`.slice(0, 57) + '-' + hash6(second.id));
    assert.match(cut, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  test('never produces "--" or edge hyphens, and adds the hash when the qualified name is taken', () => {
    const skills = [
      skill('acme/run'),
      skill('other/acme-run'),
      skill('-Acme_/run'),
      skill('acme/x', 'acme-run'),
    ];
    const firstSeen = new Map([
      ['acme/run', 0],
      ['other/acme-run', 1],
      ['-Acme_/run', 2],
      ['acme/x', 3],
    ]);
    const { names } = assignInstallNames(skills, firstSeen);
    assert.equal(names.get('acme/run'), 'run');
    assert.equal(names.get('other/acme-run'), 'acme-run');
    assert.equal(names.get('-Acme_/run'), `acme-run-${hash6('-Acme_/run')}`);
    assert.equal(names.get('acme/x'), `acme-acme-run`);
    for (const name of names.values()) assert.match(name, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.equal(new Set(names.values()).size, names.size);
  });

  test("is deterministic and keeps the callers' order", () => {
    const skills = [skill('b/run'), skill('a/run'), skill('c/lint'), skill('d/run')];
    const firstSeen = new Map([
      ['d/run', 0],
      ['c/lint', 1],
    ]);
    const one = assignInstallNames(skills, firstSeen);
    const two = assignInstallNames([...skills].reverse(), new Map([...firstSeen].reverse()));
    assert.deepEqual([...one.names.keys()], ['b/run', 'a/run', 'c/lint', 'd/run']);
    assert.deepEqual(new Map([...one.names].sort()), new Map([...two.names].sort()));
    assert.deepEqual(one.problems, two.problems);
  });

  test('operator pins win over first appearance; bad or clashing pins are reported', () => {
    const skills = [skill('northwind-labs/run'), skill('acme/run'), skill('acme/lint')];
    const firstSeen = new Map([
      ['northwind-labs/run', 0],
      ['acme/run', 1],
      ['acme/lint', 2],
    ]);
    const { names, problems } = assignInstallNames(skills, firstSeen, {
      names: {
        'acme/run': 'run',
        'acme/lint': 'run',
        'ghost/skill': 'ghost',
        'northwind-labs/run': 'Not Valid',
      },
    });
    assert.equal(names.get('acme/run'), 'run');
    assert.equal(names.get('northwind-labs/run'), 'northwind-labs-run');
    assert.equal(names.get('acme/lint'), 'lint');
    assert.equal(problems.length, 3);
    assert.match(problems.join('\n'), /no skill "ghost\/skill"/);
    assert.match(problems.join('\n'), /"run" is pinned for both acme\/run and acme\/lint/);
    assert.match(
      problems.join('\n'),
      /"Not Valid" for northwind-labs\/run is not a valid plugin name/,
    );
  });

  test('passes valid renames through and reports the rest', () => {
    const { renames, problems } = assignInstallNames(
      [skill('acme/run'), skill('acme/lint')],
      new Map(),
      {
        renames: {
          'old-run': 'run',
          'older-run': 'old-run',
          'Bad Name': 'run',
          lint: 'run',
          same: 'same',
          gone: 'nowhere',
        },
      },
    );
    assert.deepEqual(renames, { gone: 'nowhere', 'old-run': 'run', 'older-run': 'old-run' });
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /"gone" → "nowhere" leads to no skill's install name/);
    assert.match(problems.join('\n'), /"lint" is still the install name of acme\/lint/);
  });
});
