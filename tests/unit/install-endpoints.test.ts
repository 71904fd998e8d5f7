import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDiscoveryIndex, buildMarketplace, installNames, marketplaceNameProblem } from '../../src/lib/install-endpoints.ts';
import type { SkillRecord } from '../../src/lib/skill-package.ts';

const record = (publisher: string, slug: string, extra: Partial<SkillRecord> = {}): SkillRecord => ({
  id: `${publisher}/${slug}`, publisher, slug, skillFile: 'SKILL.md', name: slug, description: `${slug} skill.`, whenToUse: '', metadata: {}, allowedTools: [],
  extraKeys: {}, tags: ['testing'], tagsInferred: false, files: [], totalBytes: 0, bodyLines: 1, findings: [], listing: { featured: false }, updated: '2026-01-01',
  trust: { verdict: 'no-concerns', findings: [], cost: { metadata: 10, body: 100, bodyLines: 10, references: [], overGuidance: false }, permissions: { allowedTools: [], scripts: [], capabilities: {} } },
  archiveName: slug, archives: { folder: { size: 1, sha256: 'a'.repeat(64) }, root: { size: 2, sha256: 'b'.repeat(64) }, plugin: { size: 3, sha256: 'c'.repeat(64) } },
  ...extra,
});

describe('install endpoints', () => {
  test('refuses reserved and malformed marketplace names', () => {
    assert.match(marketplaceNameProblem('agent-skills') ?? '', /reserved/);
    assert.match(marketplaceNameProblem('anthropic-tools') ?? '', /reserved/);
    assert.match(marketplaceNameProblem('claude-code-extras') ?? '', /reserved/);
    assert.match(marketplaceNameProblem('My Market') ?? '', /kebab-case/);
    assert.equal(marketplaceNameProblem('acme-skills'), undefined);
    assert.throws(() => buildMarketplace([], new Map(), { name: 'claude-plugins-official', owner: 'x' }, 'https://s.test'), /reserved/);
  });

  test('gives colliding skill names a publisher prefix, first come first served', () => {
    const names = installNames([record('acme', 'run'), record('beta', 'run'), record('beta', 'lint')]);
    assert.deepEqual([...names.values()], ['run', 'beta-run', 'lint']);
  });

  test('lists each skill in the discovery index as a root archive with its digest', () => {
    const index = buildDiscoveryIndex([record('acme', 'run')], 'https://s.test') as { $schema: string; skills: Record<string, string>[] };
    assert.equal(index.$schema, 'https://schemas.agentskills.io/discovery/0.2.0/schema.json');
    assert.deepEqual(index.skills[0], { name: 'run', type: 'archive', description: 'run skill.', url: 'https://s.test/skills/acme/run/download/run-flat.zip', digest: `sha256:${'b'.repeat(64)}` });
  });

  test('makes one plugin per skill with an archive source pinned by sha256', () => {
    const market = buildMarketplace([record('acme', 'run', { version: '1.2.0', license: 'MIT' })], new Map([['acme', 'Acme Inc.']]), { name: 'acme-skills', owner: 'Acme' }, 'https://s.test') as {
      name: string; owner: { name: string }; plugins: Record<string, unknown>[];
    };
    assert.equal(market.name, 'acme-skills');
    assert.deepEqual(market.owner, { name: 'Acme' });
    assert.deepEqual(market.plugins[0]!['source'], { source: 'archive', url: 'https://s.test/skills/acme/run/download/run-plugin.zip', sha256: 'c'.repeat(64) });
    assert.equal(market.plugins[0]!['version'], '1.2.0');
    assert.deepEqual(market.plugins[0]!['author'], { name: 'Acme Inc.' });
  });
});
