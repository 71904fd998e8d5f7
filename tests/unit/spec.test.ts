import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnreadable, parseSkillFile } from '../../src/lib/skill/frontmatter.ts';
import type { ParsedSkillFile } from '../../src/lib/skill/frontmatter.ts';
import { checkSpec, splitTools } from '../../src/lib/skill/spec.ts';
import type { SpecResult } from '../../src/lib/skill/spec.ts';
import { FIXTURES } from './helpers.ts';

function parse(raw: string): ParsedSkillFile {
  const result = parseSkillFile(raw);
  if (isUnreadable(result)) assert.fail(result.error);
  return result;
}

function check(
  frontmatter: string,
  folder = 'demo',
  body = '\n# Body\n',
  fileName = 'SKILL.md',
): SpecResult {
  return checkSpec(parse(`---\n${frontmatter}\n---\n${body}`), folder, fileName);
}

function okResult(result: SpecResult) {
  if (!result.ok) assert.fail(`expected ok, got: ${result.reason}`);
  return result;
}

const rules = (result: SpecResult): string[] => result.findings.map((f) => f.rule);

function checkFixture(path: string, folder: string) {
  const file = path.split('/').pop()!;
  return checkSpec(parse(readFileSync(join(FIXTURES, path), 'utf8')), folder, file);
}

describe('checkSpec', () => {
  test('accepts a clean skill with no findings and normalises its fields', () => {
    const result = okResult(
      check(
        'name: demo\ndescription: "  Does a thing.  "\nlicense: MIT\ncompatibility: Needs git\nallowed-tools: Bash(git:*) Read',
      ),
    );
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.frontmatter, {
      name: 'demo',
      description: 'Does a thing.',
      license: 'MIT',
      compatibility: 'Needs git',
      metadata: {},
      allowedTools: ['Bash(git:*)', 'Read'],
      extraKeys: {},
    });
  });

  test('refuses a skill with no description, pointing at no line', () => {
    const result = check('name: demo');
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(
      result.reason,
      'The frontmatter has no description, so agents cannot know when to use the skill.',
    );
    assert.equal(result.line, undefined);
  });

  test('refuses an empty, blank or null description and points at its line', () => {
    for (const value of ['""', '"   "', '', '[]']) {
      const result = check(`name: demo\ndescription: ${value}`);
      assert.ok(!result.ok, `description: ${value} must be refused`);
      assert.equal(
        result.reason,
        'The description is empty, so agents cannot know when to use the skill.',
      );
      assert.equal(result.line, 3);
    }
  });

  test('flags a description over 1024 characters as an error but keeps the skill', () => {
    const result = okResult(check(`name: demo\ndescription: ${'a'.repeat(1025)}`));
    const finding = result.findings.find((f) => f.rule === 'description-too-long');
    assert.equal(finding?.severity, 'error');
    assert.equal(finding?.line, 3);
    assert.match(finding?.message ?? '', /1025 characters/);
    assert.deepEqual(rules(okResult(check(`name: demo\ndescription: ${'a'.repeat(1024)}`))), []);
  });

  test('warns about angle brackets in the long-description fixture and counts it too long', () => {
    const result = okResult(checkFixture('edge/long-description/SKILL.md', 'long-description'));
    assert.deepEqual(rules(result).sort(), ['description-angle-brackets', 'description-too-long']);
    assert.ok(
      result.frontmatter.description.includes('<button>'),
      'the description is kept verbatim',
    );
    assert.ok(!result.frontmatter.description.includes('\n'), 'a folded scalar reads as one line');
  });

  test('reports a badly formatted name as an error and a folder mismatch as a warning', () => {
    const bad = okResult(checkFixture('edge/Bad_Name/SKILL.md', 'Bad_Name'));
    assert.deepEqual(
      bad.findings.map((f) => [f.rule, f.severity, f.line]),
      [['name-format', 'error', 2]],
    );

    const mismatch = okResult(checkFixture('edge/name-mismatch/SKILL.md', 'name-mismatch'));
    assert.equal(mismatch.frontmatter.name, 'something-else');
    assert.deepEqual(
      mismatch.findings.map((f) => [f.rule, f.severity, f.line]),
      [['name-folder-mismatch', 'warning', 2]],
    );

    for (const name of ['-lead', 'trail-', 'double--hyphen', 'a'.repeat(65)]) {
      assert.ok(rules(check(`name: ${name}\ndescription: d`, name)).includes('name-format'), name);
    }
  });

  test('falls back to the folder name when name is missing and says so', () => {
    const result = okResult(check('description: d', 'my-folder'));
    assert.equal(result.frontmatter.name, 'my-folder');
    assert.deepEqual(rules(result), ['name-missing']);
  });

  test('flags a blank name instead of silently using the folder name', () => {
    for (const value of ['""', '']) {
      const result = okResult(check(`name: ${value}\ndescription: d`, 'folder'));
      assert.deepEqual(
        rules(result),
        ['name-missing'],
        `name: ${value} must be reported as missing`,
      );
    }
  });

  test('warns when the instruction file is not named SKILL.md', () => {
    const result = okResult(checkFixture('edge/lowercase-file/skill.md', 'lowercase-file'));
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.file]),
      [['skill-file-name', 'skill.md']],
    );
    assert.deepEqual(result.frontmatter.allowedTools, ['Bash(git:*)', 'Read']);
  });

  test('accepts allowed-tools as a YAML list with a warning and rejects other types', () => {
    const list = okResult(checkFixture('edge/tools-as-list/SKILL.md', 'tools-as-list'));
    assert.deepEqual(list.frontmatter.allowedTools, ['Bash', 'Read', 'Grep']);
    assert.deepEqual(
      list.findings.map((f) => [f.rule, f.line]),
      [['allowed-tools-list', 5]],
    );

    const wrong = okResult(check('name: demo\ndescription: d\nallowed-tools: 42'));
    assert.deepEqual(wrong.frontmatter.allowedTools, []);
    assert.deepEqual(
      wrong.findings.map((f) => [f.rule, f.severity]),
      [['allowed-tools-type', 'error']],
    );
  });

  test('shows non-string metadata as strings and warns once per value', () => {
    const result = okResult(checkFixture('edge/metadata-types/SKILL.md', 'metadata-types'));
    assert.deepEqual(result.frontmatter.metadata, {
      updated: '2026-04-01',
      revision: '7',
      experimental: 'true',
      owner: 'platform-team',
    });
    const warnings = result.findings.filter((f) => f.rule === 'metadata-not-string');
    assert.equal(warnings.length, 3);
    assert.deepEqual(
      warnings.map((f) => f.message.split(' ')[0]),
      ['metadata.updated', 'metadata.revision', 'metadata.experimental'],
    );
    assert.ok(!JSON.stringify(result.frontmatter).includes('T00:00:00'));
  });

  test('keeps the written digits of an unquoted decimal metadata value', () => {
    const result = okResult(
      check('name: demo\ndescription: d\nmetadata:\n  version: 1.0\n  build: 1.10'),
    );
    assert.deepEqual(result.frontmatter.metadata, { version: '1.0', build: '1.10' });
  });

  test('reports metadata that is not a map, and empty or nested values', () => {
    const notMap = okResult(check('name: demo\ndescription: d\nmetadata: [a, b]'));
    assert.deepEqual(notMap.frontmatter.metadata, {});
    assert.deepEqual(rules(notMap), ['metadata-not-map']);

    const odd = okResult(check('name: demo\ndescription: d\nmetadata:\n  empty:\n  list: [1, 2]'));
    assert.deepEqual(odd.frontmatter.metadata, { empty: '', list: '["1","2"]' });
    assert.deepEqual(rules(odd), ['metadata-not-string', 'metadata-not-string']);
  });

  test('keeps non-spec keys in extraKeys and warns once per key on its line', () => {
    const result = okResult(checkFixture('edge/extra-keys/SKILL.md', 'extra-keys'));
    assert.deepEqual(Object.keys(result.frontmatter.extraKeys), [
      'version',
      'tags',
      'triggers',
      'when_to_use',
      'model',
    ]);
    assert.deepEqual(result.frontmatter.extraKeys['tags'], ['testing', 'git']);
    const warnings = result.findings.filter((f) => f.rule === 'non-spec-key');
    assert.deepEqual(
      warnings.map((f) => f.line),
      [5, 6, 7, 8, 9],
    );
    assert.equal(result.findings.length, 5);
  });

  test('reports an empty or over-long compatibility field', () => {
    assert.deepEqual(rules(check('name: demo\ndescription: d\ncompatibility: ""')), [
      'compatibility-empty',
    ]);
    assert.deepEqual(
      rules(check(`name: demo\ndescription: d\ncompatibility: ${'x'.repeat(501)}`)),
      ['compatibility-too-long'],
    );
  });

  test('warns about a body over 500 lines at the first line past the limit', () => {
    const body = Array.from({ length: 600 }, (_, i) => `line ${i}`).join('\n');
    const result = okResult(check('name: demo\ndescription: d', 'demo', body));
    const finding = result.findings.find((f) => f.rule === 'body-too-long');
    assert.ok(finding);
    assert.equal(finding.line, 5 + 500);
    assert.match(finding.message, /600 lines/);
  });

  test('does not count the final newline as an extra body line', () => {
    const body = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const result = okResult(check('name: demo\ndescription: d', 'demo', body));
    assert.deepEqual(rules(result), []);
  });
});

describe('splitTools', () => {
  test('splits allowed-tools on spaces, commas, tabs and newlines but keeps parenthesised arguments whole', () => {
    assert.deepEqual(splitTools('Bash(git status:*) Read,Write\tGrep\nEdit'), [
      'Bash(git status:*)',
      'Read',
      'Write',
      'Grep',
      'Edit',
    ]);
    assert.deepEqual(splitTools('  '), []);
    assert.deepEqual(splitTools('Bash(a (b) c) X'), ['Bash(a (b) c)', 'X']);
  });
});
