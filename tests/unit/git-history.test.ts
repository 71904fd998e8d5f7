import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { commit, git } from './helpers.ts';
import { readFirstSeen } from '../../src/data/git-history.ts';

const S = 'content/skills';
let scratch: string;
let repo: string;

const savedEnv = { ...process.env };

before(() => {
  // Every temporary repository lives under one folder that git may not look above.
  scratch = mkdtempSync(join(tmpdir(), 'skillshelf-git-history-'));
  process.env['GIT_CEILING_DIRECTORIES'] = scratch;
  process.env['GIT_CONFIG_GLOBAL'] = '/dev/null';
  process.env['GIT_CONFIG_NOSYSTEM'] = '1';
  repo = join(scratch, 'market');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  // 0: the first skill, its publisher profile, and files outside the skills folder.
  commit(repo, 'acme/run', '2026-01-01T10:00:00+02:00', {
    'README.md': 'market',
    'content/site.json': '{}',
    [`${S}/README.md`]: 'not a skill',
    [`${S}/acme/publisher.json`]: '{"name":"Acme"}',
    [`${S}/acme/run/SKILL.md`]: 'run',
  });
  // Not listed: it only modifies skills and adds outside the skills folder.
  commit(repo, 'edit', '2026-01-02T10:00:00+00:00', {
    [`${S}/acme/run/SKILL.md`]: 'run v2',
    'docs/x.md': 'x',
  });
  // A publisher's pull request, two commits on a branch merged with --no-ff.
  git(repo, ['checkout', '-q', '-b', 'pr'], '2026-01-03T00:00:00+00:00');
  commit(repo, 'pr 1', '2026-01-03T10:00:00+00:00', {
    [`${S}/northwind-labs/run/SKILL.md`]: 'run',
  });
  commit(repo, 'pr 2', '2026-01-04T10:00:00+00:00', {
    [`${S}/northwind-labs/lint/SKILL.md`]: 'lint',
    [`${S}/northwind-labs/run/extra.md`]: 'x',
  });
  git(repo, ['checkout', '-q', 'main'], '2026-01-05T00:00:00+00:00');
  // 1: a skill whose folder name has spaces, an accent and a newline, with its sidecar.
  commit(repo, 'beta', '2026-01-05T10:00:00-05:00', {
    [`${S}/beta/my skill é/SKILL.md`]: 'x',
    [`${S}/beta/my skill é.listing.json`]: '{}',
    [`${S}/beta/new\nline/SKILL.md`]: 'x',
  });
  // 2: the merge, one first-parent commit for both branch commits.
  git(repo, ['merge', '-q', '--no-ff', 'pr', '-m', 'merge pr'], '2026-01-06T12:30:00+00:00');
  // 3: an impostor whose id differs only by case.
  commit(repo, 'impostor', '2026-01-07T10:00:00+00:00', {
    [`${S}/Northwind-Labs/run/SKILL.md`]: 'run',
  });
  // 4: the operator renames a skill's folder: it is new where it lands.
  git(repo, ['mv', `${S}/acme/run`, `${S}/acme/runner`], '2026-01-08T10:00:00+00:00');
  commit(repo, 'rename', '2026-01-08T10:00:00+00:00');
  // Not listed: a deletion.
  git(repo, ['rm', '-q', '-r', `${S}/beta/new\nline`], '2026-01-09T10:00:00+00:00');
  commit(repo, 'remove', '2026-01-09T10:00:00+00:00');
});

after(() => {
  for (const key of ['GIT_CEILING_DIRECTORIES', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('readFirstSeen', () => {
  test('indexes each skill by the first first-parent commit adding a file under it', () => {
    const history = readFirstSeen(repo, join(repo, S));
    assert.equal(history.reason, undefined);
    assert.deepEqual(Object.fromEntries(history.firstSeen), {
      'acme/run': 0,
      'beta/my skill é': 1,
      'beta/new\nline': 1,
      'northwind-labs/run': 2,
      'northwind-labs/lint': 2,
      'Northwind-Labs/run': 3,
      'acme/runner': 4,
    });
    assert.deepEqual(Object.fromEntries(history.publisherFirstSeen), {
      acme: 0,
      beta: 1,
      'northwind-labs': 2,
      'Northwind-Labs': 3,
    });
  });

  test('dates each skill by that commit, in UTC, and the merge by the merge commit', () => {
    const history = readFirstSeen(repo, join(repo, S));
    assert.equal(history.firstSeenDate.get('acme/run'), '2026-01-01T08:00:00Z');
    assert.equal(history.firstSeenDate.get('beta/my skill é'), '2026-01-05T15:00:00Z');
    assert.equal(history.firstSeenDate.get('northwind-labs/run'), '2026-01-06T12:30:00Z');
    assert.equal(history.firstSeenDate.get('northwind-labs/lint'), '2026-01-06T12:30:00Z');
    assert.equal(history.headDate, '2026-01-09T10:00:00Z');
  });

  test('parses the same when the output is read a few bytes at a time', () => {
    const whole = readFirstSeen(repo, join(repo, S));
    for (const chunkSize of [1, 7, 64]) {
      const bits = readFirstSeen(repo, join(repo, S), { chunkSize });
      assert.deepEqual(bits.firstSeen, whole.firstSeen);
      assert.deepEqual(bits.firstSeenDate, whole.firstSeenDate);
    }
  });

  test('works from a folder inside the repository and with a relative skills folder', () => {
    const history = readFirstSeen(join(repo, 'content'), 'skills');
    assert.equal(history.firstSeen.get('Northwind-Labs/run'), 3);
    assert.equal(history.firstSeen.size, 7);
  });

  test('reads a repository whose root is the skills folder', () => {
    const flat = join(scratch, 'flat');
    mkdirSync(flat);
    git(flat, ['init', '-q', '-b', 'main']);
    commit(flat, 'one', '2026-02-01T00:00:00Z', { 'acme/run/SKILL.md': 'x', 'README.md': 'x' });
    commit(flat, 'two', '2026-02-02T00:00:00Z', { 'acme/lint/SKILL.md': 'x' });
    assert.deepEqual(Object.fromEntries(readFirstSeen(flat, flat).firstSeen), {
      'acme/run': 0,
      'acme/lint': 1,
    });
  });

  test('gives a reason and no history outside a repository', () => {
    const plain = join(scratch, 'plain');
    mkdirSync(join(plain, 'skills/acme/run'), { recursive: true });
    writeFileSync(join(plain, 'skills/acme/run/SKILL.md'), 'x');
    const history = readFirstSeen(plain, join(plain, 'skills'));
    assert.match(history.reason ?? '', /not a git repository/);
    assert.equal(history.firstSeen.size, 0);
    assert.equal(history.headDate, undefined);
  });

  test('refuses a shallow clone, whose first commit is not the first appearance', () => {
    const shallow = join(scratch, 'shallow');
    git(scratch, ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    const history = readFirstSeen(shallow, join(shallow, S));
    assert.match(history.reason ?? '', /shallow clone.*fetch-depth: 0/);
    assert.equal(history.firstSeen.size, 0);
  });

  test('gives a reason for a skills folder outside the repository or missing', () => {
    assert.match(
      readFirstSeen(repo, join(scratch, 'plain', 'skills')).reason ?? '',
      /outside the repository/,
    );
    assert.match(readFirstSeen(repo, join(repo, 'nothing-here')).reason ?? '', /does not exist/);
  });

  test('gives a reason for a repository without commits', () => {
    const fresh = join(scratch, 'fresh');
    mkdirSync(fresh);
    git(fresh, ['init', '-q', '-b', 'main']);
    assert.match(readFirstSeen(fresh, join(fresh, 'skills')).reason ?? '', /no commits/);
  });
});
