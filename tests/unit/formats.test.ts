import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  badgeMarkdown,
  badgeSvg,
  loadsBadge,
  publisherBadge,
  shieldsEndpoint,
  textWidth,
  trustBadge,
} from '../../src/lib/publish/badges.ts';
import { markdownTwin, mdText, skillJson, splitShipped } from '../../src/lib/publish/formats.ts';
import { headersFile } from '../../src/lib/publish/security-headers.ts';
import { analyseSource } from '../../src/lib/skill/package.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { makeTree, removeTree, skillMd, type Entry } from './helpers.ts';

function record(entries: Record<string, Entry>) {
  const root = makeTree(entries);
  try {
    const result = analyseSource(fsSource(root), 'acme', 'demo-skill');
    if (!result.ok) throw new Error(result.excluded.reason);
    return result.skill;
  } finally {
    removeTree(root);
  }
}

describe('README badges', () => {
  test('escape whatever a name holds, and size each half to its text', () => {
    const svg = badgeSvg(trustBadge('<b>&"x"', 'danger', 'partial'));
    assert.ok(svg.includes('&#60;b&#62;&#38;&#34;x&#34;'));
    assert.ok(!svg.includes('<b>'));
    assert.match(svg, /danger \(partial scan\)/);
    const narrow = Number(/width="(\d+)"/.exec(badgeSvg(trustBadge('ii', 'review', 'full')))![1]);
    const wide = Number(
      /width="(\d+)"/.exec(badgeSvg(trustBadge('WWWWWWWW', 'review', 'full')))![1],
    );
    assert.ok(wide - narrow >= textWidth('WWWWWWWW') - textWidth('ii'));
    assert.ok(textWidth('W') > textWidth('i'));
  });

  test('shorten long names, count clients and skills, and feed shields.io the same words', () => {
    assert.equal(trustBadge('x'.repeat(60), 'no-concerns', 'full').label.length, 40);
    assert.equal(loadsBadge(7, 7).message, '7 of 7 clients');
    assert.notEqual(loadsBadge(3, 7).color, loadsBadge(7, 7).color);
    assert.equal(publisherBadge('Acme', 1, 'Shelf').message, '1 skill on Shelf');
    assert.deepEqual(shieldsEndpoint(trustBadge('a', 'review', 'full')), {
      schemaVersion: 1,
      label: 'a',
      message: 'review',
      color: '8a5300',
    });
  });

  test('the Markdown snippet escapes brackets in the alt text', () => {
    assert.equal(
      badgeMarkdown('a [b]', 'https://x.test/b.svg', 'https://x.test/s/'),
      '[![a \\[b\\]](https://x.test/b.svg)](https://x.test/s/)',
    );
  });
});

describe('skill.json, the Markdown twin and shipped frontmatter', () => {
  test('reads the shipped frontmatter as YAML 1.2: yes stays text, 1.10 is a number, a broken file says why', () => {
    assert.deepEqual(splitShipped('---\nname: a\nflag: yes\nv: 1.10\n---\nBody\n').frontmatter, {
      name: 'a',
      flag: 'yes',
      v: 1.1,
    });
    const broken = splitShipped('---\nname: a\ndescription: Use when: x\n---\nBody');
    assert.equal(broken.frontmatter, null);
    assert.ok(broken.problem);
    assert.equal(broken.body, 'Body');
    assert.equal(splitShipped('no frontmatter').frontmatter, null);
  });

  test('skill.json names every file by skill:// URI, raw URL, digest and size, and says when MCP limits are passed', () => {
    const skill = record({
      'SKILL.md': skillMd('demo-skill', 'Does things.'),
      'references/a b.md': 'A\n',
    });
    const doc = skillJson({
      skill,
      publisherName: 'Acme',
      origin: 'https://shelf.test',
      base: '/sub/',
      skillText: skillMd('demo-skill', 'Does things.'),
    }) as { files: { uri: string; url: string; digest: string }[]; limits: { within: boolean } };
    assert.deepEqual(doc.files.map((f) => f.uri).sort(), [
      'skill://shelf.test/acme/demo-skill/SKILL.md',
      'skill://shelf.test/acme/demo-skill/references/a%20b.md',
    ]);
    const reference = doc.files.find((f) => f.uri.endsWith('a%20b.md'))!;
    assert.equal(
      reference.url,
      'https://shelf.test/sub/skills/acme/demo-skill/raw/references/a%20b.md',
    );
    assert.match(reference.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(doc.limits.within, true);
    const big = skillJson({
      skill: { ...skill, files: Array.from({ length: 513 }, () => skill.files[0]!) },
      publisherName: 'Acme',
      origin: 'https://shelf.test',
      base: '/',
      skillText: '',
    }) as { limits: { within: boolean; over: string[] } };
    assert.equal(big.limits.within, false);
    assert.match(big.limits.over[0]!, /513 files, over the 512/);
  });

  test('the Markdown twin escapes the publisher\u2019s words in its header and keeps the body verbatim', () => {
    const text = skillMd(
      'demo-skill',
      'Use <b>when</b> [x](y).',
      '\n# Body\n\n<script>kept as written</script>\n',
    );
    const skill = record({ 'SKILL.md': text });
    const md = markdownTwin({
      skill,
      publisherName: 'A*c_me',
      origin: 'https://shelf.test',
      base: '/',
      skillText: text,
    });
    assert.ok(md.includes('> Use \\<b\\>when\\</b\\> \\[x\\](y).'));
    assert.ok(md.includes('[A\\*c\\_me](https://shelf.test/publishers/acme/)'));
    assert.ok(md.endsWith('# Body\n\n<script>kept as written</script>\n'));
    assert.equal(mdText('a\n\nb'), 'a b');
  });
});

describe('_headers', () => {
  test('puts every rule under the base path', () => {
    const file = headersFile('click', '/shelf/');
    const paths = file.split('\n').filter((l) => l.startsWith('/'));
    assert.ok(paths.length > 8);
    for (const path of paths) assert.ok(path.startsWith('/shelf/'), path);
  });
});
