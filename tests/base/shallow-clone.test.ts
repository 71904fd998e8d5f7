/**
 * A catalogue checked out shallow (CI's default `fetch-depth: 1`) still builds: every skill has one
 * version, and the build says why and what to change. Clones the versions fixture repository
 * (tests/support/make-versions-repo.ts) with `--depth 1` and builds it into a temporary folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { astroBuild, REPO as repo } from '../support/astro-build.ts';

const history = join(repo, '.cache', 'versions-repo');
const scratch = mkdtempSync(join(tmpdir(), 'skillshelf-shallow-'));
const clone = join(scratch, 'clone');
const out = join(scratch, 'dist');
let log = '';

const build = (): ReturnType<typeof astroBuild> => astroBuild(join(clone, 'content'), out);

let held = { status: null as number | null, log: '' };

before(() => {
  if (!existsSync(join(history, '.git')))
    execFileSync(process.execPath, [join(repo, 'tests', 'support', 'make-versions-repo.ts')], {
      cwd: repo,
    });
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${history}`, clone]);
  // The fixture's site.json holds release-notes at an old version, which a shallow clone cannot build.
  held = build();
  const config = join(clone, 'content', 'site.json');
  const site = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
  delete site['hold'];
  writeFileSync(config, JSON.stringify(site, null, 2));
  const built = build();
  log = built.log;
  assert.equal(built.status, 0, `astro build failed:\n${log}`);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('a shallow clone builds with one version per skill and says why', () => {
  assert.match(log, /shallow clone/);
  assert.match(log, /fetch-depth: 0/);
  for (const id of ['ledger/release-notes', 'ledger/link-checker', 'ledger/one-shot']) {
    const versions = JSON.parse(
      readFileSync(join(out, 'api', 'skills', `${id}/versions.json`), 'utf8'),
    ) as { versions: { current: boolean }[] };
    assert.equal(versions.versions.length, 1, id);
    assert.equal(versions.versions[0]!.current, true, id);
  }
  // The full history has three versions of release-notes: the shallow build is not the full one.
  const full = join(
    repo,
    'dist-versions',
    'api',
    'skills',
    'ledger',
    'release-notes',
    'versions.json',
  );
  if (existsSync(full))
    assert.equal(
      (JSON.parse(readFileSync(full, 'utf8')) as { versions: unknown[] }).versions.length,
      3,
    );
});

test('a hold that a shallow clone cannot honour stops the build, naming the hold and the fix', () => {
  assert.notEqual(held.status, 0);
  assert.match(
    held.log,
    /holds ledger\/release-notes at [0-9a-f]{12}, but this build has no version history/,
  );
  assert.match(held.log, /fetch-depth: 0/);
});
