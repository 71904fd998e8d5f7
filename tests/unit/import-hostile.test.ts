/**
 * The importer against hostile repositories: publisher spoofing, takeovers, files that hang or
 * crash a naive reader, and names that drive the operator's terminal. The trees are built at test
 * time in temporary folders: git cannot hold a FIFO, and some names here cannot be checked out.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  importSkills,
  type ImportOptions,
  type ImportReport,
} from '../../src/lib/import/importer.ts';
import { normaliseRepository, parseRemote } from '../../src/lib/import/provenance.ts';
import { escapeForTerminal, stringifyForTerminal } from '../../src/lib/shared/terminal.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const IMPORT_CLI = join(ROOT, 'src', 'cli', 'import.ts');
const CHECK_CLI = join(ROOT, 'src', 'cli', 'check.ts');
const NOW = new Date('2026-11-01T12:00:00Z');
const OWNER_REPO = 'https://github.com/northwind-labs/skills';
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A SKILL.md with the given frontmatter name (raw YAML) and a description. */
function skillFile(
  name: string,
  description = 'Writes weekly status reports from meeting notes.',
): string {
  return `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\nSteps the agent follows.\n`;
}

/** Writes files (POSIX paths) under `root`. */
function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A git checkout holding `files`, committed with a fixed identity and date, with `remote` as origin (none when undefined). */
function repository(files: Record<string, string>, remote: string | undefined): string {
  const dir = temp('skillshelf-hostile-src-');
  write(dir, files);
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: '2026-03-04T05:06:07Z',
    GIT_COMMITTER_DATE: '2026-03-04T05:06:07Z',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@e.st',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@e.st',
  };
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8' });
  git('init', '-q');
  if (remote) git('remote', 'add', 'origin', remote);
  git('add', '-A', '-f');
  git('commit', '-q', '--allow-empty', '-m', 'fixture');
  return dir;
}

/** A content folder where northwind-labs/report-writer was imported from the real repository and featured by hand. */
function catalogue(publisherFolder = 'northwind-labs'): string {
  const content = temp('skillshelf-hostile-content-');
  const pub = join(content, 'skills', publisherFolder);
  write(pub, {
    'report-writer/SKILL.md': skillFile('report-writer', 'The genuine report writer.'),
  });
  const listing = {
    featured: true,
    added: '2025-01-10',
    updated: '2025-06-01',
    importedAt: '2025-06-02T00:00:00.000Z',
    source: { repository: OWNER_REPO, path: 'skills/report-writer' },
  };
  writeFileSync(join(pub, 'report-writer.listing.json'), `${JSON.stringify(listing, null, 2)}\n`);
  return content;
}

/** Every entry under a folder (links as links) with its bytes, to prove nothing changed. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const stat = lstatSync(join(dir, name));
    out.set(
      name,
      stat.isFile()
        ? readFileSync(join(dir, name)).toString('base64')
        : stat.isDirectory()
          ? 'dir'
          : 'other',
    );
  }
  return out;
}

const importInto = (
  content: string,
  source: string,
  extra: Partial<ImportOptions> = {},
): ImportReport => importSkills({ source, contentRoot: content, now: NOW, ...extra });
const slugs = (list: { slug: string }[]): string[] => list.map((s) => s.slug).sort();
const skippedReason = (
  report: { skipped: { path: string; reason: string }[] },
  path: string,
): string =>
  report.skipped.find((s) => s.path === path)?.reason ??
  `(not skipped: ${JSON.stringify(report.skipped.map((s) => s.path))})`;
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** Runs a CLI in a child with a timeout, so a hang fails the test instead of blocking the runner. */
function cli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

const ATTACK_FILES = {
  'skills/report-writer/SKILL.md': skillFile(
    'report-writer',
    'A look-alike that exfiltrates reports.',
  ),
  'skills/new-helper/SKILL.md': skillFile('new-helper', 'An innocent-looking new skill.'),
};

describe('the publisher comes from a trusted host only', () => {
  test('an owner on an untrusted host is refused without --publisher, naming the host and the flag; nothing is written', () => {
    // Before: imported as publisher "northwind-labs", overwrote report-writer and kept its featured flag.
    const content = catalogue();
    const before = snapshot(content);
    const source = repository(ATTACK_FILES, 'https://git.evil.example/northwind-labs/skills.git');
    assert.throws(
      () => importInto(content, source),
      (error: Error) =>
        /git\.evil\.example/.test(error.message) && /--publisher/.test(error.message),
    );
    assert.deepEqual(snapshot(content), before);

    const run = cli(IMPORT_CLI, [source, '--content', content]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /git\.evil\.example.*--publisher/s);
    assert.deepEqual(snapshot(content), before);

    const named = importInto(content, source, { publisher: 'evil-mirror' });
    assert.equal(named.publisher, 'evil-mirror');
    assert.deepEqual(slugs(named.imported), ['new-helper', 'report-writer']);
    assert.equal(
      readFileSync(join(content, 'skills', 'northwind-labs', 'report-writer', 'SKILL.md'), 'utf8'),
      skillFile('report-writer', 'The genuine report writer.'),
    );
  });

  test('hosts that only look trusted are not trusted', () => {
    // Before: every one of these imported under the owner in its path.
    for (const remote of [
      'https://github.com.evil.example/northwind-labs/skills',
      'https://github.com@evil.example/northwind-labs/skills',
      'ssh://git@git.evil.example/northwind-labs/skills.git',
      'git@evil.example:northwind-labs/skills.git',
    ]) {
      const source = repository(ATTACK_FILES, remote);
      assert.throws(
        () => importInto(temp('skillshelf-hostile-content-'), source),
        /evil\.example.*--publisher/s,
        remote,
      );
    }
  });

  test('a folder that is not a checkout, or has no remote, needs --publisher', () => {
    // Before: the folder's own name became the publisher.
    const plain = temp('northwind-labs');
    write(plain, ATTACK_FILES);
    assert.throws(() => importInto(temp('skillshelf-hostile-content-'), plain), /--publisher/);
    const noRemote = repository(ATTACK_FILES, undefined);
    assert.throws(() => importInto(temp('skillshelf-hostile-content-'), noRemote), /--publisher/);
    assert.equal(
      importInto(temp('skillshelf-hostile-content-'), plain, { publisher: 'Plain Folder' })
        .publisher,
      'plain-folder',
    );
  });

  test('an owner that is not a valid publisher name is refused even on a trusted host', () => {
    // Before: slugified into some publisher ("-bad" → "bad", "%E2%80%AEevil" → "e2-80-aeevil").
    for (const remote of [
      'https://github.com/-bad/skills',
      'https://github.com/%E2%80%AEevil/skills',
      'git@github.com:.hidden/skills.git',
    ]) {
      assert.throws(
        () => importInto(temp('skillshelf-hostile-content-'), repository(ATTACK_FILES, remote)),
        /not a valid publisher name.*--publisher/s,
        remote,
      );
    }
  });

  test('importHosts in site.json replaces the default hosts', () => {
    // Before: importHosts was not read; any host was trusted.
    const content = temp('skillshelf-hostile-content-');
    writeFileSync(
      join(content, 'site.json'),
      JSON.stringify({ name: 'Internal', importHosts: ['Git.Internal.Example'] }),
    );
    assert.equal(
      importInto(
        content,
        repository(ATTACK_FILES, 'git@git.internal.example:Platform-Team/skills.git'),
      ).publisher,
      'platform-team',
    );
    assert.throws(
      () =>
        importInto(content, repository(ATTACK_FILES, 'https://github.com/northwind-labs/skills')),
      /github\.com.*not a trusted import host.*--publisher/s,
    );
    assert.equal(
      importInto(
        temp('skillshelf-hostile-content-'),
        repository(ATTACK_FILES, 'https://codeberg.org/northwind-labs/skills'),
        { importHosts: ['codeberg.org'] },
      ).publisher,
      'northwind-labs',
    );
  });

  test('parses ssh, ssh://, https with credentials, and never mistakes the host', () => {
    assert.deepEqual(parseRemote('git@GitHub.com:Northwind-Labs/skills.git'), {
      host: 'github.com',
      owner: 'northwind-labs',
      url: 'https://github.com/Northwind-Labs/skills',
    });
    assert.deepEqual(parseRemote('ssh://git@github.com:22/acme/skills.git'), {
      host: 'github.com',
      owner: 'acme',
      url: 'https://github.com/acme/skills',
    });
    assert.deepEqual(parseRemote('https://deploy:s3cret@gitlab.com/group/sub/repo.git/'), {
      host: 'gitlab.com',
      owner: 'group',
      url: 'https://gitlab.com/group/sub/repo',
    });
    assert.equal(parseRemote('https://github.com./acme/skills')?.host, 'github.com');
    assert.equal(
      parseRemote('https://github.com.evil.example/acme/skills')?.host,
      'github.com.evil.example',
    );
    assert.equal(parseRemote('https://github.com@evil.example/acme/skills')?.host, 'evil.example');
    assert.equal(parseRemote('/srv/git/skills.git'), undefined);
    assert.equal(parseRemote('file:///srv/git/skills'), undefined);
    assert.equal(normaliseRepository('https://GitHub.com/northwind-labs/skills.git/'), OWNER_REPO);
    assert.equal(normaliseRepository('git@github.com:northwind-labs/skills.git'), OWNER_REPO);
  });
});

describe('publisher ids compare ignoring case and compatibility forms', () => {
  test('imports into the existing folder that differs only by case, and says so', () => {
    // Before: created a second folder "northwind-labs" beside "Northwind-Labs".
    const content = catalogue('Northwind-Labs');
    const source = repository(
      {
        'skills/report-writer/SKILL.md': skillFile(
          'report-writer',
          'The genuine report writer, v2.',
        ),
        'skills/summariser/SKILL.md': skillFile('summariser'),
      },
      'git@github.com:northwind-labs/skills.git',
    );
    const report = importInto(content, source);
    assert.equal(report.publisher, 'northwind-labs');
    assert.equal(report.publisherFolder, 'Northwind-Labs');
    assert.deepEqual(readdirSync(join(content, 'skills')), ['Northwind-Labs']);
    assert.deepEqual(slugs(report.updated), ['report-writer']);
    assert.deepEqual(slugs(report.imported), ['summariser']);
    assert.equal(
      readJson(join(content, 'skills', 'Northwind-Labs', 'report-writer.listing.json'))['featured'],
      true,
      'same repository: the hand-set flag stays',
    );

    const run = cli(IMPORT_CLI, [source, '--content', content, '--dry-run']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /existing folder "Northwind-Labs"/);
  });

  test('a full-width publisher folder is the same publisher too', () => {
    // Before: "ｎｏｒｔｈｗｉｎｄ-labs" and "northwind-labs" became two publishers.
    const content = catalogue('ｎｏｒｔｈｗｉｎｄ-labs');
    const report = importInto(
      content,
      repository({ 'skills/summariser/SKILL.md': skillFile('summariser') }, OWNER_REPO),
      { publisher: 'NORTHWIND-LABS' },
    );
    assert.equal(report.publisherFolder, 'ｎｏｒｔｈｗｉｎｄ-labs');
    assert.deepEqual(readdirSync(join(content, 'skills')), ['ｎｏｒｔｈｗｉｎｄ-labs']);
  });
});

describe('no silent takeover', () => {
  const attacker = (): string => repository(ATTACK_FILES, 'https://github.com/someone-else/skills');

  test('a skill imported from another repository is skipped with the reason; the rest goes on', () => {
    // Before: report-writer was overwritten with the look-alike and kept featured: true.
    const content = catalogue();
    const genuine = snapshot(join(content, 'skills', 'northwind-labs'));
    const report = importInto(content, attacker(), { publisher: 'northwind-labs' });
    assert.match(
      skippedReason(report, 'skills/report-writer'),
      /imported from https:\/\/github\.com\/northwind-labs\/skills; use --force to replace it/,
    );
    assert.deepEqual(slugs(report.imported), ['new-helper']);
    const after = snapshot(join(content, 'skills', 'northwind-labs'));
    for (const [path, bytes] of genuine) assert.equal(after.get(path), bytes, path);

    const source = attacker();
    const refused = cli(IMPORT_CLI, [
      source,
      '--content',
      content,
      '--publisher',
      'northwind-labs',
      '--dry-run',
    ]);
    assert.match(
      refused.stdout,
      /skills\/report-writer: .*imported from https:\/\/github\.com\/northwind-labs\/skills; use --force to replace it/,
    );
    const forced = cli(IMPORT_CLI, [
      source,
      '--content',
      content,
      '--publisher',
      'northwind-labs',
      '--dry-run',
      '--force',
    ]);
    assert.match(forced.stdout, /^\s+1\s+replaced \(--force\)$/m);
    assert.match(
      forced.stdout,
      /report-writer \(was from https:\/\/github\.com\/northwind-labs\/skills\)/,
    );
  });

  test('a hand-made skill, or one whose sidecar names no source, is not replaced without --force', () => {
    // Before: both were overwritten silently.
    const content = temp('skillshelf-hostile-content-');
    const pub = join(content, 'skills', 'northwind-labs');
    write(pub, {
      'report-writer/SKILL.md': skillFile('report-writer', 'Hand-made.'),
      'new-helper/SKILL.md': skillFile('new-helper', 'Hand-made too.'),
      'new-helper.listing.json': '{ "featured": true }\n',
    });
    const before = snapshot(content);
    const report = importInto(content, attacker(), { publisher: 'northwind-labs' });
    assert.match(
      skippedReason(report, 'skills/report-writer'),
      /not imported.*use --force to replace it/,
    );
    assert.match(
      skippedReason(report, 'skills/new-helper'),
      /not imported.*use --force to replace it/,
    );
    assert.deepEqual(snapshot(content), before);
  });

  test('--force replaces it, reports it, and keeps neither featured nor added', () => {
    // Before: no --force existed; the overwrite kept featured: true and added: 2025-01-10.
    const content = catalogue();
    const report = importInto(content, attacker(), { publisher: 'northwind-labs', force: true });
    assert.deepEqual(
      report.replaced.map((r) => [r.slug, r.previous]),
      [['report-writer', OWNER_REPO]],
    );
    const listing = readJson(
      join(content, 'skills', 'northwind-labs', 'report-writer.listing.json'),
    );
    assert.equal(listing['featured'], false);
    assert.equal(listing['added'], '2026-11-01');
    assert.equal(
      (listing['source'] as { repository: string }).repository,
      'https://github.com/someone-else/skills',
    );
    assert.match(
      readFileSync(join(content, 'skills', 'northwind-labs', 'report-writer', 'SKILL.md'), 'utf8'),
      /look-alike/,
    );
  });

  test('a leftover sidecar from another repository lends nothing to a new import', () => {
    // Before: the new skill inherited featured: true and the old added date from the stale sidecar.
    const content = catalogue();
    rmSync(join(content, 'skills', 'northwind-labs', 'report-writer'), { recursive: true });
    const report = importInto(content, attacker(), { publisher: 'northwind-labs' });
    assert.deepEqual(slugs(report.imported), ['new-helper', 'report-writer']);
    const listing = readJson(
      join(content, 'skills', 'northwind-labs', 'report-writer.listing.json'),
    );
    assert.equal(listing['featured'], false);
    assert.equal(listing['added'], '2026-11-01');
  });

  test('the same repository, however its URL is spelled, re-imports and prunes as before', () => {
    // Before: prune compared URLs byte for byte, so a skill recorded as ".git/" was never reported gone.
    const content = catalogue();
    const pub = join(content, 'skills', 'northwind-labs');
    const sidecar = join(pub, 'report-writer.listing.json');
    writeFileSync(
      sidecar,
      JSON.stringify({
        ...readJson(sidecar),
        source: {
          repository: 'https://GitHub.com/northwind-labs/skills.git/',
          path: 'skills/report-writer',
        },
      }),
    );
    write(pub, {
      'retired/SKILL.md': skillFile('retired'),
      'retired.listing.json': JSON.stringify({
        featured: false,
        source: { repository: 'git@github.com:northwind-labs/skills.git', path: 'skills/retired' },
      }),
    });
    const source = repository(
      {
        'skills/report-writer/SKILL.md': skillFile(
          'report-writer',
          'The genuine report writer, v2.',
        ),
      },
      'git@github.com:northwind-labs/skills.git',
    );
    const report = importInto(content, source, { prune: true });
    assert.deepEqual(slugs(report.updated), ['report-writer']);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(slugs(report.disappeared), ['retired']);
    assert.ok(!existsSync(join(pub, 'retired')));
    const listing = readJson(sidecar);
    assert.equal(listing['featured'], true);
    assert.equal(listing['added'], '2025-01-10');
    assert.deepEqual(
      readdirSync(pub).filter((n) => n.startsWith('.')),
      [],
      'no temporary file or folder left behind',
    );
  });

  test('--dry-run --force writes nothing', () => {
    const content = catalogue();
    const before = snapshot(content);
    const report = importInto(content, attacker(), {
      publisher: 'northwind-labs',
      force: true,
      dryRun: true,
      prune: true,
    });
    assert.deepEqual(slugs(report.replaced), ['report-writer']);
    assert.deepEqual(snapshot(content), before);
  });
});

describe('one bad skill never aborts an import', () => {
  const outside = temp('skillshelf-hostile-outside-');
  write(outside, {
    'SKILL.md': skillFile('stolen', 'Lives outside the repository.'),
    'elsewhere/SKILL.md': skillFile('elsewhere'),
  });
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
    ),
  ].join('\n');
  const source = repository(
    {
      'skills/good/SKILL.md': skillFile('good'),
      'skills/good/references/notes.md': 'Notes.\n',
      'skills/folder-skill/SKILL.md/notes.md': 'SKILL.md is a folder here.\n',
      'skills/fifo-skill/README.md': 'Its SKILL.md is a named pipe.\n',
      'skills/inner-fifo/README.md': 'Its SKILL.md links to a pipe inside the repository.\n',
      'skills/escape-skill/README.md': 'Its SKILL.md links out of the repository.\n',
      'skills/device-skill/README.md': 'Its SKILL.md links to /dev/zero.\n',
      'skills/alias-bomb/SKILL.md': `---\nname: alias-bomb\ndescription: Expands to a billion strings.\n${bomb}\n---\n\nBody.\n`,
      'skills/huge/README.md': 'Its SKILL.md is 50 MB.\n',
      'skills/bad-utf8-file/SKILL.md': skillFile('bad-utf8-file'),
      'skills/backslash-file/SKILL.md': skillFile('backslash-file'),
      'skills/long-name/SKILL.md': skillFile('long-name'),
      'skills/hashes/SKILL.md': skillFile('hashes'),
      'skills/loops/SKILL.md': skillFile('loops'),
      'skills/borrowed/README.md': 'Its SKILL.md links to another skill in the repository.\n',
      'skills/linked-inside/docs/skill-text.md': skillFile('linked-inside'),
      [`deep/${'d/'.repeat(70)}SKILL.md`]: skillFile('too-deep'),
    },
    OWNER_REPO,
  );
  // What git cannot hold, added to the work tree after the commit.
  execFileSync('mkfifo', [join(source, 'skills', 'fifo-skill', 'SKILL.md')]);
  execFileSync('mkfifo', [join(source, 'skills', 'inner-fifo', 'pipe')]);
  symlinkSync('pipe', join(source, 'skills', 'inner-fifo', 'SKILL.md'));
  symlinkSync(join(outside, 'SKILL.md'), join(source, 'skills', 'escape-skill', 'SKILL.md'));
  symlinkSync('/dev/zero', join(source, 'skills', 'device-skill', 'SKILL.md'));
  writeFileSync(join(source, 'skills', 'huge', 'SKILL.md'), skillFile('huge'));
  truncateSync(join(source, 'skills', 'huge', 'SKILL.md'), 50 * 1024 * 1024);
  writeFileSync(
    Buffer.from(`${join(source, 'skills', 'bad-utf8-file')}/f\xff.md`, 'latin1'),
    'Not UTF-8 in its name.\n',
  );
  mkdirSync(Buffer.from(`${join(source, 'skills')}/bad\xffdir`, 'latin1'));
  writeFileSync(
    Buffer.from(`${join(source, 'skills')}/bad\xffdir/SKILL.md`, 'latin1'),
    skillFile('bad-dir'),
  );
  writeFileSync(join(source, 'skills', 'backslash-file', '..\\..\\startup.bat'), 'echo owned\n');
  writeFileSync(
    join(source, 'skills', 'long-name', `${'l'.repeat(247)}.md`),
    'A 250-character name.\n',
  );
  writeFileSync(join(source, 'skills', 'hashes', '#'.repeat(100)), 'Only hashes.\n');
  mkdirSync(join(source, 'skills', '#'.repeat(100)));
  writeFileSync(join(source, 'skills', '#'.repeat(100), 'SKILL.md'), skillFile('hash-folder'));
  symlinkSync('.', join(source, 'skills', 'loops', 'self'));
  symlinkSync('..', join(source, 'skills', 'loops', 'up'));
  symlinkSync('b', join(source, 'skills', 'loops', 'a'));
  symlinkSync('a', join(source, 'skills', 'loops', 'b'));
  symlinkSync(outside, join(source, 'skills', 'outside-link'));
  symlinkSync('../good/SKILL.md', join(source, 'skills', 'borrowed', 'SKILL.md'));
  symlinkSync('docs/skill-text.md', join(source, 'skills', 'linked-inside', 'SKILL.md'));
  // A licence file is read too: as a pipe it would hang the import before any skill.
  execFileSync('mkfifo', [join(source, 'LICENSE')]);

  // Through the CLI in a child: a FIFO read would block this process, and a timeout must fail the test instead.
  const content = temp('skillshelf-hostile-content-');
  const run = cli(IMPORT_CLI, [source, '--content', content, '--json']);
  const report = (
    run.stdout ? JSON.parse(run.stdout) : { skipped: [], imported: [], ignored: [] }
  ) as ImportReport;

  test('the import finishes and imports the good skills', () => {
    // Before: crashed on the first bad skill (EISDIR, ENOENT, the alias error), or hung on the FIFO.
    assert.equal(run.signal, null, 'the import hung');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(slugs(report.imported), ['good', 'linked-inside', 'loops']);
    assert.ok(
      existsSync(join(content, 'skills', 'northwind-labs', 'good', 'references', 'notes.md')),
    );
  });

  test('SKILL.md that is a folder, a pipe, a device or a link out of the repository is skipped, never opened', () => {
    assert.match(
      skippedReason(report, 'skills/folder-skill'),
      /SKILL\.md is a folder, not a regular file/,
    );
    assert.match(skippedReason(report, 'skills/fifo-skill'), /SKILL\.md is a named pipe \(FIFO\)/);
    assert.match(
      skippedReason(report, 'skills/inner-fifo'),
      /SKILL\.md is a symbolic link to a named pipe/,
    );
    assert.match(
      skippedReason(report, 'skills/escape-skill'),
      /SKILL\.md is a symbolic link pointing outside the repository/,
    );
    assert.match(
      skippedReason(report, 'skills/device-skill'),
      /SKILL\.md is a symbolic link pointing outside the repository/,
    );
    assert.match(
      skippedReason(report, 'skills/borrowed'),
      /SKILL\.md is a symbolic link to a file outside the skill folder/,
    );
    assert.equal(
      readFileSync(join(content, 'skills', 'northwind-labs', 'linked-inside', 'SKILL.md'), 'utf8'),
      skillFile('linked-inside'),
      'a link inside the package is fine',
    );
  });

  test('an alias bomb and a 50 MB SKILL.md are skipped with the reason', () => {
    // The parser may refuse the bomb itself or throw from it: either way the reason names the file and the aliases.
    assert.match(skippedReason(report, 'skills/alias-bomb'), /alias/i);
    assert.match(skippedReason(report, 'skills/alias-bomb'), /SKILL\.md/);
    assert.match(skippedReason(report, 'skills/huge'), /SKILL\.md is 50 MB, over the 10 MB limit/);
  });

  test('names that cannot be published skip their skill, naming the file and the problem', () => {
    assert.match(skippedReason(report, 'skills/bad-utf8-file'), /f\uFFFD\.md.*not valid UTF-8/);
    assert.match(skippedReason(report, 'skills/bad\\xffdir'), /bad\\xffdir.*not valid UTF-8/);
    assert.match(skippedReason(report, 'skills/backslash-file'), /startup\.bat.*"\\"/);
    assert.match(skippedReason(report, 'skills/long-name'), /l{247}\.md.*more than 200 bytes/);
    assert.match(skippedReason(report, 'skills/hashes'), /#{100}.*"#"/);
    assert.match(
      skippedReason(report, `skills/${'#'.repeat(100)}`),
      /folder name "skills\/#+….*"#"/,
    );
    assert.equal(report.skipped.length, 14);
  });

  test('discovery follows no symlinked folder and ends on link loops', () => {
    assert.deepEqual(report.ignored.map((i) => i.path).sort(), [
      `deep/${'d/'.repeat(63)}d`,
      'skills/loops/self',
      'skills/loops/up',
      'skills/outside-link',
    ]);
    assert.match(report.ignored[0]!.reason, /more than 64 folders deep/);
    assert.match(
      report.ignored.find((i) => i.path === 'skills/outside-link')?.reason ?? '',
      /outside the repository; not followed/,
    );
    assert.ok(!existsSync(join(content, 'skills', 'northwind-labs', 'stolen')));
    assert.ok(!existsSync(join(content, 'skills', 'northwind-labs', 'elsewhere')));
  });

  test('--dry-run --force writes nothing, whatever the repository holds', () => {
    const dry = temp('skillshelf-hostile-content-');
    const result = cli(IMPORT_CLI, [source, '--content', dry, '--dry-run', '--force', '--prune']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Dry run \(nothing written\)/);
    assert.deepEqual(readdirSync(dry), []);
  });
});

describe('terminal escapes', () => {
  test('escapeForTerminal makes every control visible and leaves ordinary text alone', () => {
    // Before: the module did not exist; names were printed raw.
    assert.equal(escapeForTerminal('evil\u001b]0;pwned\u0007'), 'evil\\x1b]0;pwned\\x07');
    assert.equal(escapeForTerminal('\u001b[2J'), '\\x1b[2J');
    assert.equal(escapeForTerminal('a\nb\tc\rd\u0000'), 'a\\x0ab\\x09c\\x0dd\\x00');
    assert.equal(escapeForTerminal('\u007f\u0085\u009b'), '\\x7f\\x85\\x9b');
    assert.equal(
      escapeForTerminal('abc\u202edcba\u2066x\u2069\u200f'),
      'abc\\u202edcba\\u2066x\\u2069\\u200f',
    );
    assert.equal(escapeForTerminal('Données — 日本語 🙂 C:\\path'), 'Données — 日本語 🙂 C:\\path');
  });

  test('stringifyForTerminal stays valid JSON with the same values and no raw control', () => {
    const value = {
      name: 'evil\u001b]0;pwned\u0007',
      c1: '\u009b2J\u0085',
      bidi: 'a\u202eb\u2067c',
      del: '\u007f',
      plain: 'é',
    };
    const text = stringifyForTerminal(value, 2);
    assert.deepEqual(JSON.parse(text), value);
    assert.doesNotMatch(
      text,
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
    );
  });

  const name = 'evil\\e]0;pwned\\a\\e[2J\\u009b31m\\u202egnp.exe';
  const hostile = (): string =>
    repository(
      {
        'skills/Evil_Name/SKILL.md': skillFile(
          `"${name}"`,
          '"Clears the screen\\e[2J when listed."',
        ),
        'skills/plain/SKILL.md': skillFile('plain'),
      },
      OWNER_REPO,
    );
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  test('npm run import prints names and paths from packages escaped', () => {
    // Before: the raw ESC, BEL, CSI and RLO reached the terminal.
    const source = hostile();
    mkdirSync(join(source, 'skills', 'clear\u001b[2J'));
    writeFileSync(join(source, 'skills', 'clear\u001b[2J', 'SKILL.md'), skillFile('clear'));
    const run = cli(IMPORT_CLI, [
      source,
      '--content',
      temp('skillshelf-hostile-content-'),
      '--dry-run',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, raw);
    assert.doesNotMatch(run.stderr, raw);
    assert.match(run.stdout, /evil\\x1b\]0;pwned\\x07\\x1b\[2J\\x9b31m\\u202egnp\.exe/);
    assert.match(run.stdout, /skills\/clear\\x1b\[2J/);
  });

  test('npm run import --json escapes C1 and bidi controls and stays valid JSON', () => {
    const run = cli(IMPORT_CLI, [
      hostile(),
      '--content',
      temp('skillshelf-hostile-content-'),
      '--dry-run',
      '--json',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, raw);
    const report = JSON.parse(run.stdout) as ImportReport;
    assert.ok(
      report.renamed.some((r) =>
        r.reason.includes('evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.exe'),
      ),
    );
  });

  test('errors naming a path are printed escaped', () => {
    const run = cli(IMPORT_CLI, [
      join(temp('skillshelf-hostile-'), 'missing\u001b]0;pwned\u0007'),
      '--publisher',
      'x',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /missing\\x1b\]0;pwned\\x07 is not a folder/);
    assert.doesNotMatch(run.stderr, raw);
  });

  test('npm run check prints names and messages from packages escaped', () => {
    // Before: check printed the raw name in its findings.
    const content = temp('skillshelf-hostile-content-');
    write(join(content, 'skills', 'northwind-labs'), {
      'evil-name/SKILL.md': skillFile(`"${name}"`, '"Clears\\e[2J the screen\\u009b."'),
    });
    for (const args of [[join(content, 'skills')], [join(content, 'skills'), '--json']]) {
      const run = cli(CHECK_CLI, args, { NO_COLOR: '1' });
      assert.ok(run.stdout.length > 0, run.stderr);
      assert.doesNotMatch(run.stdout, raw, args.join(' '));
      assert.doesNotMatch(run.stderr, raw, args.join(' '));
      if (args.includes('--json')) JSON.parse(run.stdout);
    }
  });
});
