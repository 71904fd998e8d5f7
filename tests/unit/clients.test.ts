import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import {
  assessClient,
  assessClients,
  CLIENT_IDS,
  CLIENT_LIMITS,
  clientsDocument,
  loadsIn,
  type ClientId,
  type ClientInput,
} from '../../src/lib/skill/clients.ts';
import { rewriteFrontmatter } from '../../src/lib/skill/client-fix.ts';
import { parseSkillFile, isUnreadable } from '../../src/lib/skill/frontmatter.ts';
import { readSkillPackage } from '../../src/lib/skill/package-fs.ts';
import { analyseSource } from '../../src/lib/skill/package.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { makeTree, removeTree, skillMd, type Entry } from './helpers.ts';

/** Reads a temporary package through the real pipeline (frontmatter, spec, findings, archives). */
function read(entries: Record<string, Entry>, slug = 'demo-skill') {
  const root = makeTree(entries);
  try {
    const result = analyseSource(fsSource(root), 'acme', slug);
    if (!result.ok) throw new Error(result.excluded.reason);
    return result;
  } finally {
    removeTree(root);
  }
}

const statusOf = (input: ClientInput, id: ClientId): string => assessClient(input, id).status;
const files = (count: number, prefix = 'references/r', size = 10) =>
  Array.from({ length: count }, (_, i) => ({
    path: `${prefix}${i}.md`,
    size,
    kind: 'text' as const,
    executable: false,
    sha256: '0'.repeat(64),
  }));

/** A skill record that every client accepts; each test changes one thing. */
function input(change: Partial<ClientInput> = {}): ClientInput {
  const list = [...files(1, 'SKILL'), ...(change.files ?? [])];
  return {
    name: 'demo-skill',
    description: 'Formats tables. Use when a table needs aligning.',
    files: list,
    totalBytes: list.reduce((sum, f) => sum + f.size, 0),
    findings: [],
    archiveName: 'demo-skill',
    skillFile: 'SKILL.md',
    extraKeys: {},
    keyLines: { name: 2, description: 3 },
    ...change,
    ...(change.files ? { files: list } : {}),
  };
}

describe('where a skill loads: each client rule, with a control that passes', () => {
  test('a plain valid skill loads everywhere, and the API lists every client id', () => {
    const verdicts = assessClients(input());
    assert.deepEqual(
      verdicts.map((v) => [v.id, v.status]),
      CLIENT_IDS.map((id) => [id, 'loads']),
    );
    assert.deepEqual(loadsIn(verdicts), [...CLIENT_IDS]);
    assert.deepEqual(Object.keys(clientsDocument(verdicts)), [...CLIENT_IDS]);
  });

  test('claude.ai: at most 200 files; a root evals/ that alone breaks it can be dropped', () => {
    assert.equal(statusOf(input({ files: files(199) }), 'claude-ai'), 'loads');
    const over = assessClient(input({ files: files(200) }), 'claude-ai');
    assert.equal(over.status, 'refused');
    assert.match(over.reasons[0]!.text, /201 files; claude\.ai uploads take at most 200/);
    assert.equal(over.reasons[0]!.fix, undefined);
    const evals = assessClient(
      input({ files: [...files(150), ...files(60, 'evals/e')] }),
      'claude-ai',
    );
    assert.equal(evals.status, 'refused');
    assert.equal(evals.reasons[0]!.fix, 'drop-evals');
    assert.match(evals.reasons[0]!.text, /60 of them in evals\//);
    // The other clients take 211 files.
    assert.equal(statusOf(input({ files: files(210) }), 'npx-skills'), 'loads');
    assert.equal(statusOf(input({ files: files(210) }), 'mcp'), 'loads');
  });

  test('claude.ai: at most 30 MB unpacked', () => {
    const big = input({ totalBytes: CLIENT_LIMITS.claudeAiBytes + 1 });
    assert.equal(statusOf(big, 'claude-ai'), 'refused');
    assert.equal(
      statusOf(input({ totalBytes: CLIENT_LIMITS.claudeAiBytes }), 'claude-ai'),
      'loads',
    );
  });

  test('claude.ai: no "claude" or "anthropic" in the name, never fixed; other clients do not mind', () => {
    for (const name of ['claude-helper', 'my-anthropic-tools', 'ClaudeTools']) {
      const verdict = assessClient(input({ name, specName: name }), 'claude-ai');
      assert.equal(verdict.status, 'refused', name);
      assert.equal(verdict.reasons[0]!.fix, undefined);
      assert.equal(verdict.reasons[0]!.line, 2);
      assert.equal(statusOf(input({ name }), 'claude-code'), 'loads');
    }
    assert.equal(statusOf(input({ name: 'clau-de-tools' }), 'claude-ai'), 'loads');
  });

  test('description over 1,024 characters: refused by claude.ai, Claude Code, spec-checking clients; 1,024 loads', () => {
    const long = 'x'.repeat(1025);
    const finding = {
      rule: 'description-too-long',
      severity: 'error' as const,
      file: 'SKILL.md',
      line: 3,
      message: 'too long',
    };
    const verdicts = assessClients(input({ description: long, findings: [finding] }));
    const by = Object.fromEntries(verdicts.map((v) => [v.id, v.status]));
    assert.deepEqual(by, {
      'claude-ai': 'refused',
      'claude-code': 'refused',
      'claude-desktop': 'refused',
      'agent-plugins': 'refused',
      'npx-skills': 'refused',
      'gh-skill': 'refused',
      mcp: 'loads',
    });
    const code = verdicts.find((v) => v.id === 'claude-code')!;
    assert.equal(code.reasons.length, 1, 'no second caveat about the /skills list');
    assert.equal(code.reasons[0]!.line, 3);
    // 1,024 loads in Claude Code, with the /skills list caveat past 250 characters.
    const fits = assessClient(input({ description: 'y'.repeat(1024) }), 'claude-code');
    assert.equal(fits.status, 'caveat');
    assert.match(fits.reasons[0]!.text, /first 250 of the description/);
    assert.equal(statusOf(input({ description: 'z'.repeat(250) }), 'claude-code'), 'loads');
  });

  test('Claude Code: description and when_to_use over 1,536 together are truncated', () => {
    const verdict = assessClient(
      input({ description: 'd'.repeat(200), extraKeys: { when_to_use: 'w'.repeat(1337) } }),
      'claude-code',
    );
    assert.equal(verdict.status, 'caveat');
    assert.match(verdict.reasons[0]!.text, /1,537 characters; the model sees the first 1,536/);
    assert.equal(
      statusOf(
        input({ description: 'd'.repeat(200), extraKeys: { when_to_use: 'w'.repeat(1336) } }),
        'claude-code',
      ),
      'loads',
    );
  });

  test('Claude Code: a byte-order mark is a caveat at line 1 (older versions ignore the file)', () => {
    const { skill } = read({ 'SKILL.md': `\ufeff${skillMd('demo-skill', 'Does things.')}` });
    const verdict = assessClient(skill, 'claude-code');
    assert.equal(verdict.status, 'caveat');
    assert.equal(verdict.reasons[0]!.line, 1);
    assert.match(verdict.reasons[0]!.text, /before 2\.1\.239/);
    const plain = read({ 'SKILL.md': skillMd('demo-skill', 'Does things.') }).skill;
    assert.equal(statusOf(plain, 'claude-code'), 'loads');
  });

  test('gh skill refuses allowed-tools written as a list; claude.ai only cautions; a string passes', () => {
    const list = read({
      'SKILL.md': skillMd(
        'demo-skill',
        'Does things.',
        '\n# T\n',
        'allowed-tools:\n  - Read\n  - Grep\n',
      ),
    }).skill;
    const gh = assessClient(list, 'gh-skill');
    assert.equal(gh.status, 'refused');
    assert.equal(gh.reasons[0]!.line, 4);
    assert.equal(gh.reasons[0]!.fix, 'join-allowed-tools');
    assert.equal(statusOf(list, 'claude-ai'), 'caveat');
    const text = read({
      'SKILL.md': skillMd('demo-skill', 'Does things.', '\n# T\n', 'allowed-tools: Read Grep\n'),
    }).skill;
    assert.equal(statusOf(text, 'gh-skill'), 'loads');
  });

  test('keys other than the six: claude.ai refuses (fixable), Agent Plugins clients ignore them', () => {
    const { skill } = read({
      'SKILL.md': skillMd('demo-skill', 'Does things.', '\n# T\n', 'version: 1.0\n'),
    });
    const claudeAi = assessClient(skill, 'claude-ai');
    assert.equal(claudeAi.status, 'refused');
    assert.deepEqual(
      claudeAi.reasons.map((r) => [r.fix, r.line]),
      [['move-keys', 4]],
    );
    assert.equal(statusOf(skill, 'agent-plugins'), 'caveat');
    assert.equal(statusOf(skill, 'claude-code'), 'loads');
  });

  test('MCP hosts stop at 512 files and 16 MiB; npx skills at 1,000 files and 50 MB', () => {
    assert.equal(statusOf(input({ files: files(511) }), 'mcp'), 'loads');
    assert.equal(statusOf(input({ files: files(512) }), 'mcp'), 'refused');
    assert.equal(statusOf(input({ totalBytes: CLIENT_LIMITS.mcpBytes + 1 }), 'mcp'), 'refused');
    assert.equal(statusOf(input({ files: files(999) }), 'npx-skills'), 'loads');
    assert.equal(statusOf(input({ files: files(1000) }), 'npx-skills'), 'refused');
    assert.equal(
      statusOf(input({ totalBytes: CLIENT_LIMITS.npxSkillsBytes + 1 }), 'npx-skills'),
      'refused',
    );
  });

  test('plugin names: Agent Plugins and Claude Desktop rules', () => {
    assert.equal(statusOf(input({ archiveName: 'a--b' }), 'agent-plugins'), 'refused');
    assert.equal(statusOf(input({ archiveName: 'a'.repeat(65) }), 'agent-plugins'), 'refused');
    assert.equal(statusOf(input({ archiveName: 'a.b-c' }), 'agent-plugins'), 'loads');
    assert.equal(statusOf(input({ archiveName: 'Tools_X' }), 'claude-desktop'), 'refused');
    assert.equal(statusOf(input({ archiveName: '-x' }), 'claude-desktop'), 'refused');
    assert.equal(statusOf(input({ archiveName: 'tools-x' }), 'claude-desktop'), 'loads');
  });

  test('invalid YAML read by quoting: claude.ai refuses (fixable), the others are cautioned', () => {
    const { skill } = read({
      'SKILL.md':
        '---\nname: demo-skill\ndescription: Formats data. Use when: a table is ragged\n---\n# T\n',
    });
    const verdicts = assessClients(skill);
    assert.equal(verdicts[0]!.status, 'refused');
    assert.equal(verdicts[0]!.reasons[0]!.fix, 'quote-scalar');
    assert.equal(verdicts[0]!.reasons[0]!.line, 3);
    // The skills CLI parses with YAML 1.2 and drops what does not parse.
    for (const v of verdicts.slice(1))
      assert.equal(v.status, v.id === 'npx-skills' ? 'refused' : 'caveat', v.id);
  });

  test('npx skills: --- must open the file; executable bits and metadata.internal are caveats', () => {
    const blank = read({ 'SKILL.md': `\n\n${skillMd('demo-skill', 'Does things.')}` }).skill;
    const refused = assessClient(blank, 'npx-skills');
    assert.equal(refused.status, 'refused');
    assert.deepEqual([refused.reasons[0]!.file, refused.reasons[0]!.line], ['SKILL.md', 1]);
    assert.equal(statusOf(blank, 'claude-code'), 'loads');
    const scripts = read({
      'SKILL.md': skillMd('demo-skill', 'Does things.'),
      'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
    }).skill;
    const caveat = assessClient(scripts, 'npx-skills');
    assert.equal(caveat.status, 'caveat');
    assert.match(caveat.reasons[0]!.text, /scripts\/run\.sh is no longer executable/);
    const internal = read({
      'SKILL.md': skillMd(
        'demo-skill',
        'Does things.',
        '\n# T\n',
        'metadata:\n  internal: "true"\n',
      ),
    }).skill;
    assert.match(assessClient(internal, 'npx-skills').reasons[0]!.text, /hides the skill/);
    assert.equal(
      statusOf(read({ 'SKILL.md': skillMd('demo-skill', 'Does.') }).skill, 'npx-skills'),
      'loads',
    );
  });
});

describe('the archive fixed for claude.ai', () => {
  const unzipText = (bytes: Uint8Array, path: string): string =>
    new TextDecoder().decode(unzipSync(bytes)[path]);

  test('moves extra keys under metadata, joins allowed-tools, quotes a colon, keeps the body and comments', () => {
    const source =
      '---\r\nname: demo-skill\r\ndescription: Formats data. Use when: a table is ragged\r\nversion: 1.10\r\nauthor:\r\n  name: Ann\r\n# kept comment\r\nallowed-tools:\r\n  - Read\r\n  - Bash(git:*)\r\nmetadata:\r\n  owner: ann\r\n---\r\n# Body\r\n\r\nUse `a: b` here.\r\n';
    const analysis = read({
      'SKILL.md': source,
      'evals/cases.json': '[]',
      'scripts/run.py': 'print(1)\n',
    });
    const fix = analysis.skill.claudeAiFix;
    assert.ok(fix, 'a fixed archive is offered');
    assert.deepEqual(fix.changes, [
      'Left out evals/ (1 file), as Anthropic\u2019s skill packager does.',
      'Quoted values that contain a colon: description (line 3).',
      'Joined the allowed-tools list into one space-separated string.',
      'Moved "version", "author" under metadata (values that are not text are written as JSON).',
      'Wrote line endings as LF.',
    ]);
    const zip = analysis.zips['claude-ai']!;
    assert.equal(fix.archive.sha256, zip.sha256);
    assert.notEqual(fix.manifest, analysis.skill.manifest, 'its digest is not the version id');
    assert.deepEqual(Object.keys(unzipSync(zip.bytes)).sort(), [
      'demo-skill/SKILL.md',
      'demo-skill/scripts/run.py',
    ]);
    const text = unzipText(zip.bytes, 'demo-skill/SKILL.md');
    assert.match(text, /^description: "Formats data\. Use when: a table is ragged"$/m);
    assert.match(text, /^allowed-tools: Read Bash\(git:\*\)$/m);
    assert.match(text, /^ {2}version: "1\.10"$/m);
    assert.match(text, /^ {2}author: "\{\\"name\\":\\"Ann\\"\}"$/m);
    assert.match(text, /^# kept comment$/m);
    assert.ok(text.endsWith('---\n# Body\n\nUse `a: b` here.\n'), text);
    // What claude.ai gets reads back clean: the six keys, valid YAML.
    const parsed = parseSkillFile(text);
    assert.ok(!isUnreadable(parsed));
    assert.deepEqual(Object.keys(parsed.data).sort(), [
      'allowed-tools',
      'description',
      'metadata',
      'name',
    ]);
    assert.deepEqual(parsed.findings, []);
  });

  test('no fixed archive when claude.ai already loads it, or when only a rename would do', () => {
    assert.equal(
      read({ 'SKILL.md': skillMd('demo-skill', 'Does things.') }).skill.claudeAiFix,
      undefined,
    );
    const renamed = read(
      { 'SKILL.md': skillMd('claude-helper', 'Does things.', '\n# T\n', 'version: 2\n') },
      'claude-helper',
    );
    assert.equal(assessClient(renamed.skill, 'claude-ai').status, 'refused');
    assert.equal(renamed.skill.claudeAiFix, undefined);
    assert.equal(renamed.zips['claude-ai'], undefined);
  });

  test('never overwrites a metadata value the publisher wrote', () => {
    assert.equal(
      rewriteFrontmatter(
        '---\nname: a\ndescription: b\nversion: 2\nmetadata:\n  version: "1"\n---\n',
        new Set(['move-keys']),
      ),
      undefined,
    );
  });

  test('drops evals/ when it alone breaks the 200-file limit', () => {
    const entries: Record<string, Entry> = { 'SKILL.md': skillMd('demo-skill', 'Does things.') };
    for (let i = 0; i < 150; i += 1) entries[`references/r${i}.md`] = `r${i}\n`;
    for (let i = 0; i < 60; i += 1) entries[`evals/e${i}.json`] = `{"case":${i}}\n`;
    const analysis = read(entries);
    assert.equal(assessClient(analysis.skill, 'claude-ai').status, 'refused');
    const fix = analysis.skill.claudeAiFix;
    assert.ok(fix);
    assert.equal(fix.files, 151);
    assert.equal(Object.keys(unzipSync(analysis.zips['claude-ai']!.bytes)).length, 151);
  });

  test('the loader keeps the fix in the record it stores', () => {
    const root = makeTree({
      'acme/demo-skill/SKILL.md': skillMd('demo-skill', 'D.', '\n# T\n', 'tags: [a]\n'),
    });
    try {
      const result = readSkillPackage(`${root}/acme/demo-skill`, 'acme', 'demo-skill');
      assert.ok(result.ok);
      assert.match(
        result.skill.claudeAiFix?.changes.join(' ') ?? '',
        /Moved "tags" under metadata/,
      );
    } finally {
      removeTree(root);
    }
  });
});
