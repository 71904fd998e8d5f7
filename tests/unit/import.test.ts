import assert from 'node:assert/strict';
import { packageManifestDigest } from '../../src/lib/skill/manifest.ts';
import { readSnapshot } from '../../src/lib/skill/snapshot.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importSkills, slugify, type ImportReport } from '../../src/lib/import/importer.ts';
import { parseListing } from '../../src/lib/skill/listing.ts';
import { identifyLicence, normaliseRemote } from '../../src/lib/import/provenance.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const NOW = new Date('2026-11-01T12:00:00Z');
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Copies a fixture repository into a fresh git checkout with a fixed commit date and a GitHub remote. */
function checkout(fixture: string, into = temp('skillshelf-src-')): string {
  rmSync(into, { recursive: true, force: true });
  cpSync(join(FIXTURES, fixture), into, { recursive: true, verbatimSymlinks: true });
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
    execFileSync('git', ['-C', into, ...args], { env, encoding: 'utf8' });
  git('init', '-q');
  git('remote', 'add', 'origin', 'git@github.com:acme/skills.git');
  git('add', '-A', '-f');
  git('commit', '-q', '-m', 'fixture');
  return into;
}

/** Every path under a folder with its bytes, for before/after comparisons. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile())
      out.set(name, readFileSync(path).toString('base64') + statSync(path).mode.toString(8));
  }
  return out;
}

const slugs = (list: { slug: string }[]): string[] => list.map((s) => s.slug).sort();

describe('importSkills on a messy repository', () => {
  const source = checkout('acme-skills');
  const content = temp('skillshelf-content-');
  // Imported in before(), so a throw fails a test instead of breaking the file's collection.
  let report: ImportReport;
  before(() => {
    report = importSkills({ source, contentRoot: content, now: NOW });
  });
  const pub = join(content, 'skills', 'acme');

  test('takes the publisher from the git remote and imports every readable skill, hidden and nested ones included', () => {
    assert.equal(report.publisher, 'acme');
    assert.equal(report.repository, 'https://github.com/acme/skills');
    assert.deepEqual(slugs(report.imported), [
      'bad-folder-name',
      'checklist',
      'colon-desc',
      'data-cleaner',
      'linky',
      'lower',
      'pdf-tools',
      'release-notes',
      'run',
      'run-tools',
      'workflow',
    ]);
  });

  test('skips unreadable skills with the reason, including the YAML error position', () => {
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['skills/broken-yaml'] ?? '', /Invalid YAML .*line \d+, column \d+/);
    assert.match(reasons['skills/no-frontmatter'] ?? '', /No YAML frontmatter/);
    assert.match(reasons['skills/dangling'] ?? '', /dangling symbolic link/);
    assert.equal(report.skipped.length, 3);
  });

  test('records every renamed slug with the reason, resolving collisions by path order', () => {
    const renamed = Object.fromEntries(report.renamed.map((r) => [r.path, [r.slug, r.reason]]));
    assert.deepEqual(renamed['skills/Data_Cleaner']?.[0], 'data-cleaner');
    assert.deepEqual(renamed['skills/Bad Folder Name']?.[0], 'bad-folder-name');
    assert.deepEqual(renamed['tools/run'], ['run-tools', '"run" is already used by scripts/run']);
  });

  test('does not follow the symlinked mirror tree or search node_modules', () => {
    assert.deepEqual(report.ignored.map((i) => i.path).sort(), ['.codex/skills', 'node_modules']);
    assert.match(
      report.ignored.find((i) => i.path === '.codex/skills')!.reason,
      /mirror of skills/,
    );
  });

  test('imports a nested skill on its own and leaves it out of its parent', () => {
    assert.ok(existsSync(join(pub, 'checklist', 'SKILL.md')));
    assert.ok(!existsSync(join(pub, 'workflow', 'sub-skills')));
    assert.ok(existsSync(join(pub, 'workflow', 'references', 'overview.md')));
  });

  test('copies regular files only: junk left out, inside links as files, escaping links refused, exec bits kept', () => {
    const files = [...snapshot(join(pub, 'pdf-tools')).keys()];
    assert.deepEqual(files, [
      'SKILL.md',
      'assets/fonts/Demo.ttf',
      'assets/sample.png',
      'references/forms.md',
      'scripts/extract.py',
    ]);
    assert.equal(statSync(join(pub, 'pdf-tools', 'scripts', 'extract.py')).mode & 0o777, 0o755);
    assert.deepEqual(
      readFileSync(join(pub, 'pdf-tools', 'assets', 'sample.png')),
      readFileSync(join(source, 'skills', 'pdf-tools', 'assets', 'sample.png')),
    );
    assert.ok(!statSync(join(pub, 'linky', 'references', 'alias.md')).isSymbolicLink());
    assert.equal(
      readFileSync(join(pub, 'linky', 'references', 'alias.md'), 'utf8'),
      readFileSync(join(source, 'skills', 'linky', 'references', 'real.md'), 'utf8'),
    );
    assert.ok(!existsSync(join(pub, 'linky', 'references', 'outside.md')));
    assert.deepEqual(
      report.notCopied.map((n) => `${n.slug}/${n.file}`),
      ['linky/references/outside.md'],
    );
  });

  test('writes provenance to a sidecar beside the package, never inside it', () => {
    const listing = JSON.parse(readFileSync(join(pub, 'pdf-tools.listing.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const head = execFileSync('git', ['-C', source, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    // The folder was committed as it is, so the copy is the upstream tree at HEAD: its digest is recorded.
    const copy = readSnapshot(fsSource(join(pub, 'pdf-tools')));
    assert.ok(copy.ok);
    assert.deepEqual(listing['source'], {
      repository: 'https://github.com/acme/skills',
      path: 'skills/pdf-tools',
      commit: head,
      commitDate: '2026-03-04T05:06:07+00:00',
      manifest: packageManifestDigest(copy.snapshot.files),
    });
    assert.equal(listing['updated'], '2026-03-04');
    assert.equal(listing['importedAt'], NOW.toISOString());
    const cleaner = JSON.parse(
      readFileSync(join(pub, 'data-cleaner.listing.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.equal(
      cleaner['license'],
      'MIT',
      'licence from the repository root when the skill names none',
    );
    assert.ok(!readdirSync(join(pub, 'pdf-tools')).some((f) => f.includes('listing')));
  });

  test('writes nothing outside content/skills/<publisher>/, and leaves no temporary file behind', () => {
    assert.deepEqual(readdirSync(content), ['skills']);
    assert.deepEqual(readdirSync(join(content, 'skills')), ['acme']);
    assert.equal(report.publisherFolder, 'acme');
    assert.deepEqual(
      readdirSync(pub).filter((name) => name.startsWith('.') || name.includes('importing')),
      [],
    );
  });
});

describe('re-importing', () => {
  test('a dry run reports the same outcome and writes nothing', () => {
    const source = checkout('acme-skills');
    const content = temp('skillshelf-content-');
    const report = importSkills({ source, contentRoot: content, dryRun: true, now: NOW });
    assert.equal(report.imported.length, 11);
    assert.deepEqual(readdirSync(content), []);
  });

  test('keeps unchanged skills byte-identical, updates changed ones, and reports or prunes skills gone upstream', () => {
    const source = checkout('acme-skills');
    const content = temp('skillshelf-content-');
    importSkills({ source, contentRoot: content, now: NOW });
    const before = snapshot(join(content, 'skills', 'acme'));

    const again = importSkills({
      source,
      contentRoot: content,
      now: new Date('2026-11-02T00:00:00Z'),
    });
    assert.equal(again.unchanged.length, 11);
    assert.equal(again.imported.length + again.updated.length, 0);
    assert.deepEqual(
      snapshot(join(content, 'skills', 'acme')),
      before,
      'packages and sidecars untouched',
    );

    checkout('acme-skills-v2', source);
    const v2 = importSkills({ source, contentRoot: content, now: NOW });
    assert.deepEqual(slugs(v2.imported), ['changelog']);
    assert.deepEqual(slugs(v2.updated), ['pdf-tools']);
    assert.deepEqual(slugs(v2.disappeared), ['release-notes']);
    assert.ok(existsSync(join(content, 'skills', 'acme', 'release-notes')), 'kept without --prune');
    const after = snapshot(join(content, 'skills', 'acme'));
    const workflow = [...before].filter(([path]) => path.startsWith('workflow/'));
    assert.ok(workflow.length > 0, 'the fixture has workflow/ files to compare');
    for (const [path, bytes] of workflow) assert.equal(after.get(path), bytes, path);

    const pruned = importSkills({ source, contentRoot: content, prune: true, now: NOW });
    assert.ok(pruned.pruned);
    assert.ok(!existsSync(join(content, 'skills', 'acme', 'release-notes')));
    assert.ok(!existsSync(join(content, 'skills', 'acme', 'release-notes.listing.json')));
  });

  test('prune leaves hand-added skills of the same publisher alone', () => {
    const source = checkout('acme-skills');
    const content = temp('skillshelf-content-');
    importSkills({ source, contentRoot: content, now: NOW });
    cpSync(join(content, 'skills', 'acme', 'lower'), join(content, 'skills', 'acme', 'hand-made'), {
      recursive: true,
    });
    const report = importSkills({ source, contentRoot: content, prune: true, now: NOW });
    assert.deepEqual(report.disappeared, []);
    assert.ok(existsSync(join(content, 'skills', 'acme', 'hand-made')));
  });
});

describe('limits and odd sources', () => {
  test('leaves out a file over the per-file limit and skips a package over the package limit, saying why', () => {
    const source = checkout('acme-skills');
    writeFileSync(
      join(source, 'skills', 'pdf-tools', 'assets', 'big.bin'),
      Buffer.alloc(300 * 1024, 7),
    );
    const content = temp('skillshelf-content-');
    const report = importSkills({
      source,
      contentRoot: content,
      limits: { maxFiles: 1000, maxFileBytes: 200 * 1024, maxPackageBytes: 50 * 1024 * 1024 },
      now: NOW,
    });
    assert.match(
      report.notCopied.find((n) => n.file === 'assets/big.bin')?.reason ?? '',
      /over the 200 KB limit per file/,
    );
    const tight = importSkills({
      source,
      contentRoot: temp('skillshelf-content-'),
      limits: { maxFiles: 1000, maxFileBytes: 10 * 1024 * 1024, maxPackageBytes: 100 * 1024 },
      now: NOW,
    });
    assert.match(
      tight.skipped.find((s) => s.path === 'skills/pdf-tools')?.reason ?? '',
      /over 100 KB/,
    );
  });

  test('imports a repository whose root is the skill, with the licence from its licence file', () => {
    const source = checkout('solo-skill', join(temp('skillshelf-solo-'), 'solo-skill'));
    const content = temp('skillshelf-content-');
    const report = importSkills({ source, contentRoot: content, publisher: 'Solo Org', now: NOW });
    assert.equal(report.publisher, 'solo-org');
    assert.deepEqual(slugs(report.imported), ['solo-skill']);
    const listing = JSON.parse(
      readFileSync(join(content, 'skills', 'solo-org', 'solo-skill.listing.json'), 'utf8'),
    ) as { license: string; source: { path: string } };
    assert.equal(listing.license, 'Apache-2.0');
    assert.equal(listing.source.path, '.');
  });

  test('imports through a source path that is itself a symbolic link', () => {
    const source = checkout('acme-skills');
    const link = join(temp('skillshelf-link-'), 'acme-link');
    symlinkSync(source, link);
    const report = importSkills({
      source: link,
      contentRoot: temp('skillshelf-content-'),
      now: NOW,
    });
    assert.equal(report.imported.length, 11);
    assert.equal(report.skipped.length, 3);
  });

  test('normalises remotes, licences and slugs', () => {
    assert.equal(
      normaliseRemote('git@github.com:acme/skills.git'),
      'https://github.com/acme/skills',
    );
    assert.equal(
      normaliseRemote('https://token@gitlab.com/group/sub/repo.git'),
      'https://gitlab.com/group/sub/repo',
    );
    assert.equal(identifyLicence('Apache License\n  Version 2.0, January 2004'), 'Apache-2.0');
    assert.equal(identifyLicence('Some custom terms'), undefined);
    assert.equal(slugify('Bad Folder Name'), 'bad-folder-name');
    assert.equal(slugify('Données_Spéciales'), 'donnees-speciales');
  });
});

describe('npm run import', () => {
  const cli = join(import.meta.dirname, '..', '..', 'src', 'cli', 'import.ts');
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  test('prints a summary table and the reasons, and changes nothing with --dry-run', () => {
    const content = temp('skillshelf-content-');
    const result = run(checkout('acme-skills'), '--content', content, '--dry-run');
    assert.equal(result.status, 0);
    assert.match(result.stdout, /Dry run \(nothing written\)/);
    assert.match(result.stdout, /^\s+11\s+imported \(new\)$/m);
    assert.match(result.stdout, /^\s+3\s+skipped$/m);
    assert.match(result.stdout, /tools\/run → run-tools: "run" is already used by scripts\/run/);
    assert.match(result.stderr, /Reading 1?\d\/1\d/);
    assert.deepEqual(readdirSync(content), []);
  });

  test('exits 1 when nothing can be imported and 2 on wrong arguments', () => {
    const empty = temp('skillshelf-empty-');
    assert.equal(
      run(empty, '--content', temp('skillshelf-content-'), '--publisher', 'nobody').status,
      1,
    );
    // Not a checkout: there is no remote owner to trust, so the publisher must be named.
    const unnamed = run(empty, '--content', temp('skillshelf-content-'));
    assert.equal(unnamed.status, 2);
    assert.match(unnamed.stderr, /--publisher/);
    assert.equal(run().status, 2);
    assert.equal(run(join(empty, 'missing')).status, 2);
    assert.equal(run(empty, '--max-file-mb', 'lots').status, 2);
  });
});

describe('importing a local folder that is not a git checkout', () => {
  test('records no local path: the sidecar names a hashed id, and the site says "a local folder"', () => {
    const base = mkdtempSync(join(tmpdir(), 'skillshelf-local-import-'));
    try {
      const source = join(base, 'my-private-folder');
      mkdirSync(join(source, 'notes-helper'), { recursive: true });
      writeFileSync(
        join(source, 'notes-helper', 'SKILL.md'),
        '---\nname: notes-helper\ndescription: Tidies notes. Use when notes are messy.\n---\n\n# Notes\n',
      );
      const content = join(base, 'content');
      importSkills({ source, contentRoot: content, publisher: 'me', now: NOW });
      const sidecar = readFileSync(
        join(content, 'skills', 'me', 'notes-helper.listing.json'),
        'utf8',
      );
      assert.ok(!sidecar.includes(base), 'the operator\u2019s path is not written');
      assert.match(sidecar, /"repository": "local:[0-9a-f]{16}"/);
      const parsed = parseListing(sidecar, 'notes-helper.listing.json');
      assert.equal(parsed.listing.source?.local, true);
      assert.equal(parsed.listing.source?.repository, undefined);
      assert.deepEqual(parsed.findings, []);
      // Importing the same folder again is the same source: no --force needed.
      const again = importSkills({ source, contentRoot: content, publisher: 'me', now: NOW });
      assert.deepEqual(again.skipped, []);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
