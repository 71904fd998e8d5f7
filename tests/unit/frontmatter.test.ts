import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isUnreadable,
  normaliseText,
  parseSkillFile,
  quotePlainValuesWithColons,
} from '../../src/lib/skill/frontmatter.ts';
import type { ParsedSkillFile, UnreadableSkillFile } from '../../src/lib/skill/frontmatter.ts';
import { FIXTURES } from './helpers.ts';

const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

function parsed(result: ParsedSkillFile | UnreadableSkillFile): ParsedSkillFile {
  if (isUnreadable(result)) assert.fail(`expected a readable file, got: ${result.error}`);
  return result;
}

function unreadable(result: ParsedSkillFile | UnreadableSkillFile): UnreadableSkillFile {
  if (!isUnreadable(result)) assert.fail('expected the file to be unreadable');
  return result;
}

describe('normaliseText', () => {
  test('strips a leading BOM, turns CRLF and lone CR into LF, and leaves LF text alone', () => {
    const out = normaliseText('\ufeffa\r\nb\rc\n');
    assert.deepEqual(out, { text: 'a\nb\nc\n', hadBom: true, hadCrlf: true });
    assert.deepEqual(normaliseText('a\nb'), { text: 'a\nb', hadBom: false, hadCrlf: false });
  });
});

describe('parseSkillFile', () => {
  test('reads keys, their 1-based lines, the body and where the body starts', () => {
    const result = parsed(
      parseSkillFile('---\nname: demo\ndescription: Does things.\n---\n# Title\n\nText\n'),
    );
    assert.deepEqual(result.data, { name: 'demo', description: 'Does things.' });
    assert.deepEqual(result.keyLines, { name: 2, description: 3 });
    assert.equal(result.body, '# Title\n\nText\n');
    assert.equal(result.bodyStartLine, 5);
    assert.deepEqual(result.findings, []);
  });

  test('recovers an unquoted colon in the description and reports the line', () => {
    const result = parsed(parseSkillFile(fixture('edge/unquoted-colon/SKILL.md')));
    assert.equal(
      result.data['description'],
      'Use when: the user asks to rotate logs. Handles gzip: yes.',
    );
    assert.equal(result.data['license'], 'MIT');
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0]!.rule, 'yaml-recovered');
    assert.equal(result.findings[0]!.severity, 'warning');
    assert.equal(result.findings[0]!.line, 3);
  });

  test('reads a CRLF file with no stray carriage returns and notes the line endings', () => {
    const raw = fixture('edge/crlf-endings/SKILL.md');
    assert.ok(raw.includes('\r\n'), 'fixture must really use CRLF');
    const result = parsed(parseSkillFile(raw));
    assert.equal(result.data['name'], 'crlf-endings');
    assert.ok(!String(result.data['description']).includes('\r'));
    assert.deepEqual(result.data['metadata'], { author: 'edge-cases', version: '1.0' });
    assert.ok(!result.body.includes('\r'));
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.severity]),
      [['crlf-line-endings', 'info']],
    );
  });

  test('ignores a byte-order mark so the first key is "name"', () => {
    const raw = fixture('edge/bom-start/SKILL.md');
    assert.equal(raw.charCodeAt(0), 0xfeff);
    const result = parsed(parseSkillFile(raw));
    assert.equal(Object.keys(result.data)[0], 'name');
    assert.equal(result.data['name'], 'bom-start');
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.line]),
      [['byte-order-mark', 1]],
    );
  });

  test('tolerates blank lines before the opening fence and accepts "..." as the closing fence', () => {
    const result = parsed(parseSkillFile('\n\n---\nname: a\ndescription: b\n...\nbody'));
    assert.deepEqual(result.keyLines, { name: 4, description: 5 });
    assert.equal(result.body, 'body');
    assert.equal(result.bodyStartLine, 7);
  });

  test('records plain metadata values YAML 1.1 would not read as strings', () => {
    const result = parsed(
      parseSkillFile(
        '---\nname: a\nmetadata:\n  when: yes\n  quoted: "1.0"\n  n: 2\n  d: 2026-01-01\n  s: text\n---\n',
      ),
    );
    assert.deepEqual([...result.plainNonStrings].sort(), [
      'metadata.d',
      'metadata.n',
      'metadata.when',
    ]);
    // YAML 1.2 keeps the date a string, never a Date object.
    assert.deepEqual(result.data['metadata'], {
      when: 'yes',
      quoted: '1.0',
      n: '2',
      d: '2026-01-01',
      s: 'text',
    });
  });

  test('keeps the last value of a duplicated key and reads an empty block as no keys', () => {
    const result = parsed(
      parseSkillFile('---\nname: a\ndescription: one\ndescription: two\n---\n'),
    );
    assert.equal(result.data['description'], 'two');
    assert.equal(result.keyLines['description'], 4);
    const empty = parsed(parseSkillFile('---\n---\nhello'));
    assert.deepEqual(empty.data, {});
    assert.equal(empty.body, 'hello');
  });
});

describe('parseSkillFile: unreadable files', () => {
  test('rejects an empty or whitespace-only file', () => {
    assert.equal(unreadable(parseSkillFile('')).error, 'The file is empty.');
    assert.equal(unreadable(parseSkillFile(' \n\t\n')).error, 'The file is empty.');
  });

  test('rejects a file without frontmatter at line 1', () => {
    const result = unreadable(parseSkillFile(fixture('broken/no-frontmatter/SKILL.md')));
    assert.equal(
      result.error,
      'No YAML frontmatter: the file must start with a line of three dashes (---).',
    );
    assert.equal(result.line, 1);
  });

  test('rejects frontmatter that is never closed and points at the opening line', () => {
    const result = unreadable(parseSkillFile(fixture('broken/unclosed-frontmatter/SKILL.md')));
    assert.equal(
      result.error,
      'The frontmatter is never closed: add a line of three dashes (---) after the last key.',
    );
    assert.equal(result.line, 1);
  });

  test('gives up on YAML the colon repair cannot rescue, near the broken line', () => {
    const result = unreadable(parseSkillFile(fixture('broken/yaml-garbage/SKILL.md')));
    assert.match(result.error, /^Invalid YAML in the frontmatter: \S/);
    assert.equal(result.line, 3);
  });

  test('rejects frontmatter that is a list rather than a map', () => {
    const result = unreadable(parseSkillFile('---\n- a\n- b\n---\n'));
    assert.match(result.error, /not a map/);
    assert.equal(result.line, 2);
  });

  test('keeps BOM and CRLF findings, named after the given file, on an unreadable file', () => {
    const result = unreadable(parseSkillFile('\ufeff# no frontmatter\r\n', 'skill.md'));
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.file]),
      [
        ['byte-order-mark', 'skill.md'],
        ['crlf-line-endings', 'skill.md'],
      ],
    );
  });
});

describe('quotePlainValuesWithColons', () => {
  test('quotes only plain values that contain ": " and leaves the rest alone', () => {
    const { lines, changed } = quotePlainValuesWithColons([
      'description: Use when: x',
      'name: plain',
      'a: "q: x"',
      'b: http://x.y',
      'c: > folded: x',
      '  nested: a: b',
      '# comment: x: y',
    ]);
    assert.equal(changed, true);
    assert.deepEqual(lines, [
      'description: "Use when: x"',
      'name: plain',
      'a: "q: x"',
      'b: http://x.y',
      'c: > folded: x',
      '  nested: "a: b"',
      '# comment: x: y',
    ]);
    assert.deepEqual(quotePlainValuesWithColons(['name: a', 'description: b']), {
      lines: ['name: a', 'description: b'],
      changed: false,
    });
  });

  test('escapes embedded double quotes so the repaired value round-trips', () => {
    const result = parsed(parseSkillFile('---\nname: a\ndescription: Say "hi": then stop\n---\n'));
    assert.equal(result.data['description'], 'Say "hi": then stop');
  });
});
