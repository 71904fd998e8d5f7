import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AGENT_PLUGINS_SCHEMA,
  agentPluginManifest,
  agentPluginProblems,
  agentPluginSkillPaths,
} from '../../src/lib/publish/agent-plugin.ts';

/** Example manifests, valid and not, for the rules no installable client checks offline. */
describe('Agent Plugins 1.0.0 manifest rules', () => {
  test('accepts a full manifest and the one this site writes', () => {
    const full = {
      $schema: AGENT_PLUGINS_SCHEMA,
      name: 'table-tools.v2',
      version: '2.1.0',
      description: 'Formats tables.',
      author: { name: 'Ann', email: 'ann@example.com', url: 'https://example.com' },
      homepage: 'https://example.com/table-tools',
      repository: 'https://example.com/git/table-tools',
      license: 'MIT',
      keywords: ['tables', 'markdown'],
      extensions: { 'com.example.client': { pinned: true } },
    };
    assert.deepEqual(agentPluginProblems(full), []);
    const ours = agentPluginManifest({ name: 'demo', description: 'Demo.', license: 'MIT' });
    assert.deepEqual(agentPluginProblems(ours), []);
    assert.deepEqual(Object.keys(ours), ['$schema', 'name', 'description', 'license']);
  });

  test('refuses each broken rule with a sentence', () => {
    const cases: [unknown, RegExp][] = [
      [[], /not a JSON object/],
      [{ name: 'demo' }, /\$schema must be exactly/],
      [
        { $schema: 'https://agent-plugins.org/schemas/1.0.1/plugin.schema.json', name: 'demo' },
        /\$schema/,
      ],
      [{ $schema: AGENT_PLUGINS_SCHEMA }, /name is required/],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'Demo' }, /name "Demo"/],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'a--b' }, /without "--"/],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'a..b' }, /name "a\.\.b"/],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'demo-' }, /name "demo-"/],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'x'.repeat(65) }, /at most 64/],
      [
        { $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', skills: [] },
        /"skills" is not an Agent Plugins manifest key/,
      ],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', version: 2 }, /version must be text/],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', author: 'Ann' }, /author must be an object/],
      [
        { $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', author: { email: 'a@b.c' } },
        /author\.name is required/,
      ],
      [
        { $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', author: { name: 'A', twitter: '@a' } },
        /author\.twitter/,
      ],
      [{ $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', keywords: 'a b' }, /keywords must be a list/],
      [
        { $schema: AGENT_PLUGINS_SCHEMA, name: 'demo', extensions: { client: {} } },
        /reverse-domain/,
      ],
    ];
    for (const [manifest, problem] of cases) {
      const problems = agentPluginProblems(manifest);
      assert.ok(
        problems.some((p) => problem.test(p)),
        `${JSON.stringify(manifest)}: ${problems.join(' | ')}`,
      );
    }
  });

  test('finds skills only as direct children of skills/', () => {
    assert.deepEqual(
      agentPluginSkillPaths([
        'plugin.json',
        'skills/a/SKILL.md',
        'skills/a/references/SKILL.md',
        'skills/SKILL.md',
        'other/b/SKILL.md',
        'skills/b/skill.md',
      ]),
      ['skills/a/SKILL.md'],
    );
  });
});
