/**
 * Building in parts (README "Building in parts"), as a CI matrix would: the hostile fixture catalogue in two parts,
 * each step a separate process with its own build cache, the caches put together between the steps
 * as CI artifacts would be, then the merge. The merged site must be byte-identical to one whole
 * build (`dist-fixtures`, built earlier by `npm test`, or here when missing). Run by `npm run test:parts`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { astroBuild, REPO } from '../support/astro-build.ts';
import { treeDigests } from '../support/tree-digests.ts';

// The hostile fixtures: odd names, broken and left-out packages, symlinks, huge and binary files.
const CONTENT = 'tests/fixtures/content';
const work = mkdtempSync(join(tmpdir(), 'skillshelf-parts-'));
const cache = (name: string): string => join(work, `cache-${name}`);
const packagesOf = (cacheDir: string): Set<string> => {
  const root = join(cacheDir, 'skillshelf', 'packages');
  if (!existsSync(root)) return new Set();
  return new Set(readdirSync(root).flatMap((prefix) => readdirSync(join(root, prefix))));
};

/** One step of the CLI (`npm run build:part -- …`) with its own build cache. */
function step(args: string[], cacheDir: string): { status: number | null; log: string } {
  const run = spawnSync(process.execPath, [join(REPO, 'src/cli/build-part.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: {
      ...process.env,
      SKILLSHELF_LOCAL_PREVIEW: '1',
      SKILLSHELF_CONTENT: CONTENT,
      SKILLSHELF_CACHE_DIR: cacheDir,
    },
  });
  return { status: run.status, log: `${run.stdout}\n${run.stderr}` };
}

/** Puts build caches together, as downloading every part's cache artifact into one folder does. */
function unite(from: string[], to: string): void {
  for (const dir of from)
    cpSync(join(dir, 'skillshelf'), join(to, 'skillshelf'), { recursive: true, force: true });
}

let whole = join(REPO, 'dist-fixtures');
const analysed: Set<string>[] = [];
let united = new Set<string>();

before(() => {
  if (!existsSync(join(whole, 'index.html'))) {
    whole = join(work, 'whole');
    spawnSync(process.execPath, ['tests/support/prepare-fixtures.ts'], { cwd: REPO });
    const build = astroBuild(CONTENT, whole, { SKILLSHELF_CACHE_DIR: cache('whole') });
    assert.equal(build.status, 0, `the whole build failed:\n${build.log}`);
  }
  // 1. Each part reads, checks, renders and archives its own packages.
  for (const k of [1, 2]) {
    const run = step(['packages', `${k}/2`], cache(`a${k}`));
    assert.equal(run.status, 0, `packages ${k}/2 failed:\n${run.log}`);
    analysed.push(packagesOf(cache(`a${k}`)));
  }
  // 2. With every part's packages, each part builds its own pages.
  unite([cache('a1'), cache('a2')], cache('united'));
  united = packagesOf(cache('united'));
  for (const k of [1, 2]) {
    unite([cache('united')], cache(`b${k}`));
    const run = step(['pages', `${k}/2`, '--outDir', join(work, `part-${k}`)], cache(`b${k}`));
    assert.equal(run.status, 0, `pages ${k}/2 failed:\n${run.log}`);
  }
  // 3. The merge: catalogue-wide pages and the search index, the parts linked in.
  unite([cache('b1'), cache('b2')], cache('merge'));
  const merge = step(
    ['merge', join(work, 'part-1'), join(work, 'part-2'), '--outDir', join(work, 'merged')],
    cache('merge'),
  );
  assert.equal(merge.status, 0, `the merge failed:\n${merge.log}`);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('each part analyses only its own packages, and together they analyse all of them', () => {
  const [one, two] = analysed as [Set<string>, Set<string>];
  assert.ok(one.size > 3 && two.size > 3, `parts of ${one.size} and ${two.size} packages`);
  assert.deepEqual(
    [...one].filter((key) => two.has(key)),
    [],
    'a package was analysed by both parts',
  );
  assert.equal(united.size, one.size + two.size);
});

test('the pages step reads every record from the cache: it analyses no package again', () => {
  for (const k of [1, 2]) {
    const after = packagesOf(cache(`b${k}`));
    assert.deepEqual(
      [...after].filter((key) => !united.has(key)),
      [],
      `part ${k} analysed packages of its own`,
    );
  }
});

test('each part holds only its own skills', () => {
  const skillsOf = (dir: string): string[] =>
    (
      JSON.parse(readFileSync(join(dir, '.skillshelf-part.json'), 'utf8')) as {
        skills: { id: string }[];
      }
    ).skills.map((s) => s.id);
  const one = skillsOf(join(work, 'part-1'));
  const two = skillsOf(join(work, 'part-2'));
  assert.ok(one.length > 3 && two.length > 3);
  assert.deepEqual(
    one.filter((id) => two.includes(id)),
    [],
  );
  // A skill of the other part has no page in this part.
  const [publisher, slug] = two[0]!.split('/') as [string, string];
  assert.equal(existsSync(join(work, 'part-1', 'skills', publisher, slug, 'index.html')), false);
});

test('the merged site is byte-identical to one whole build, search index included', () => {
  const expected = treeDigests(whole);
  const actual = treeDigests(join(work, 'merged'));
  const missing = [...expected.keys()].filter((path) => !actual.has(path));
  const extra = [...actual.keys()].filter((path) => !expected.has(path));
  const changed = [...expected].filter(
    ([path, sha]) => actual.has(path) && actual.get(path) !== sha,
  );
  assert.deepEqual(missing.slice(0, 20), [], `${missing.length} files missing from the merge`);
  assert.deepEqual(extra.slice(0, 20), [], `${extra.length} files only in the merge`);
  assert.deepEqual(
    changed.slice(0, 20).map(([path]) => path),
    [],
    `${changed.length} files differ`,
  );
  assert.ok(expected.size > 500, `only ${expected.size} files compared`);
  assert.ok([...expected.keys()].some((path) => path.startsWith('pagefind/')));
});

test('a merge missing a part stops and says which skills have no part', () => {
  unite([cache('b1')], cache('half'));
  const run = step(
    ['merge', join(work, 'part-1'), '--outDir', join(work, 'merged-half')],
    cache('half'),
  );
  assert.notEqual(run.status, 0, 'a merge of one part of two succeeded');
  assert.match(run.log, /listed skill\(s\) are in none of the merged parts/);
});

test('a folder that is not a part is refused by name', () => {
  const run = step(['merge', whole, '--outDir', join(work, 'merged-bad')], cache('merge'));
  assert.notEqual(run.status, 0);
  assert.match(run.log, /\.skillshelf-part\.json is missing/);
});
