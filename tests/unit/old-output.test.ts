import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { oldOutputIntegration } from '../../src/integrations/old-output.ts';

type Hook = (o: object) => void;

/** Runs the integration's hooks as `astro build` does, up to the start of the build. */
function startBuild(outDir: string, cacheDir = join(outDir, '..', 'astro-cache')) {
  const logged: string[] = [];
  const { hooks } = oldOutputIntegration();
  const logger = { info: (m: string) => logged.push(m) };
  (hooks['astro:config:done'] as unknown as Hook)({
    config: {
      outDir: pathToFileURL(`${outDir}/`),
      cacheDir: pathToFileURL(`${cacheDir}/`),
      experimental: { incrementalBuild: true },
    },
  });
  (hooks['astro:build:start'] as unknown as Hook)({ logger });
  return {
    logged,
    /** Astro renders: writes these pages and its manifest of every page it made or kept. */
    finish(pages: Record<string, string | null>): void {
      for (const [page, text] of Object.entries(pages)) {
        if (text === null) continue;
        mkdirSync(dirname(join(outDir, page)), { recursive: true });
        writeFileSync(join(outDir, page), text);
      }
      const paths = Object.fromEntries(
        Object.keys(pages).map((page) => [page, { cacheKey: page, outputFile: encodeURI(page) }]),
      );
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(
        join(cacheDir, 'incremental-build.json'),
        JSON.stringify({ version: 1, routes: { 'src/pages/x.astro': { paths } }, at: Date.now() }),
      );
      // Astro hands its hook every file its routes wrote or kept, by route.
      const assets = new Map([
        ['/x', Object.keys(pages).map((page) => pathToFileURL(join(outDir, page)))],
      ]);
      (hooks['astro:build:done'] as unknown as Hook)({ assets, logger });
    },
  };
}

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms;)
    if (check()) return true;
    else await new Promise((r) => setTimeout(r, 50));
  return check();
}

test('a rebuild starts from an empty output folder (but its .git), and the old output is deleted in the background', async () => {
  const root = mkdtempSync(join(tmpdir(), 'old-output-'));
  const previous = process.env['SKILLSHELF_CACHE_DIR'];
  process.env['SKILLSHELF_CACHE_DIR'] = join(root, 'cache');
  try {
    const outDir = join(root, 'dist');
    mkdirSync(join(outDir, 'skills', 'gone', 'skill', 'download'), { recursive: true });
    writeFileSync(join(outDir, 'skills', 'gone', 'skill', 'download', 'skill.zip'), 'stale');
    writeFileSync(join(outDir, 'index.html'), 'stale');
    mkdirSync(join(outDir, '.git'));
    writeFileSync(join(outDir, '.git', 'HEAD'), 'ref: refs/heads/gh-pages\n');

    assert.deepEqual(startBuild(outDir).logged, []);
    // Nothing of the last build is left to be published again; a deploy checkout's .git stays.
    assert.deepEqual(readdirSync(outDir), ['.git']);
    assert.ok(existsSync(join(outDir, '.git', 'HEAD')));
    const trash = join(root, 'cache', 'skillshelf', 'trash');
    assert.ok(
      await until(() => !existsSync(trash) || readdirSync(trash).length === 0),
      `the old output is still in ${trash}`,
    );

    // No output folder yet, or an empty one: nothing to move.
    assert.deepEqual(startBuild(join(root, 'never-built')).logged, []);
    assert.deepEqual(startBuild(outDir).logged, []);
    assert.deepEqual(readdirSync(outDir), ['.git']);
  } finally {
    if (previous === undefined) delete process.env['SKILLSHELF_CACHE_DIR'];
    else process.env['SKILLSHELF_CACHE_DIR'] = previous;
  }
});

test('a rebuild keeps the last pages it can prove are its own, and removes the ones it no longer makes', () => {
  const root = mkdtempSync(join(tmpdir(), 'old-output-'));
  const previous = process.env['SKILLSHELF_CACHE_DIR'];
  process.env['SKILLSHELF_CACHE_DIR'] = join(root, 'cache');
  try {
    const outDir = join(root, 'dist');
    const page = (p: string): string => readFileSync(join(outDir, p), 'utf8');
    // A first build: three pages (one with a name that needs encoding) and a file that is not a page.
    startBuild(outDir).finish({
      'index.html': 'home 1',
      'skills/a/x/index.html': 'a 1',
      'skills/b/ü y/index.html': 'b 1',
    });
    writeFileSync(join(outDir, 'skills', 'a', 'x', 'skill.zip'), 'zip 1');

    // The next build finds its pages in place (the same files), not the archive; it re-renders one
    // page and no longer makes another, whose folders go with it.
    const inode = statSync(join(outDir, 'skills/a/x/index.html')).ino;
    const second = startBuild(outDir);
    assert.deepEqual(second.logged, ['Kept 3 pages of the last build as they were.']);
    assert.equal(statSync(join(outDir, 'skills/a/x/index.html')).ino, inode);
    assert.equal(page('skills/b/ü y/index.html'), 'b 1');
    assert.ok(!existsSync(join(outDir, 'skills', 'a', 'x', 'skill.zip')));
    second.finish({ 'index.html': 'home 2', 'skills/a/x/index.html': null });
    assert.deepEqual(second.logged.slice(1), ['Removed 1 pages the catalogue no longer has.']);
    assert.equal(page('index.html'), 'home 2');
    assert.equal(page('skills/a/x/index.html'), 'a 1');
    assert.deepEqual(readdirSync(join(outDir, 'skills')), ['a']);

    // A page changed after its build (by hand, or by a build killed part-way) is not trusted.
    appendFileSync(join(outDir, 'index.html'), ' edited');
    const third = startBuild(outDir);
    assert.deepEqual(third.logged, ['Kept 1 pages of the last build as they were.']);
    assert.ok(!existsSync(join(outDir, 'index.html')));
    // This build is killed: it leaves no record, so the next one keeps nothing.
    assert.deepEqual(startBuild(outDir).logged, []);
    assert.deepEqual(readdirSync(outDir), []);

    // Another output folder's build rewrote Astro's manifest: this folder's pages are not kept.
    startBuild(outDir).finish({ 'index.html': 'home 3' });
    startBuild(join(root, 'other')).finish({ 'index.html': 'other' });
    assert.deepEqual(startBuild(outDir).logged, []);
  } finally {
    if (previous === undefined) delete process.env['SKILLSHELF_CACHE_DIR'];
    else process.env['SKILLSHELF_CACHE_DIR'] = previous;
  }
});
