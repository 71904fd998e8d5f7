import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { oldOutputIntegration } from '../../src/integrations/old-output.ts';

/** Runs the integration's two hooks as `astro build` does, before Astro empties the output folder. */
function startBuild(outDir: string): string[] {
  const logged: string[] = [];
  const { hooks } = oldOutputIntegration();
  const configDone = hooks['astro:config:done'] as unknown as (o: object) => void;
  const buildStart = hooks['astro:build:start'] as unknown as (o: object) => void;
  configDone({ config: { outDir: pathToFileURL(`${outDir}/`) } });
  buildStart({ logger: { info: (m: string) => logged.push(m) } });
  return logged;
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

    assert.deepEqual(startBuild(outDir), []);
    // Nothing of the last build is left to be published again; a deploy checkout's .git stays.
    assert.deepEqual(readdirSync(outDir), ['.git']);
    assert.ok(existsSync(join(outDir, '.git', 'HEAD')));
    const trash = join(root, 'cache', 'skillshelf', 'trash');
    assert.ok(
      await until(() => !existsSync(trash) || readdirSync(trash).length === 0),
      `the old output is still in ${trash}`,
    );

    // No output folder yet, or an empty one: nothing to move.
    assert.deepEqual(startBuild(join(root, 'never-built')), []);
    assert.deepEqual(startBuild(outDir), []);
    assert.deepEqual(readdirSync(outDir), ['.git']);
  } finally {
    if (previous === undefined) delete process.env['SKILLSHELF_CACHE_DIR'];
    else process.env['SKILLSHELF_CACHE_DIR'] = previous;
  }
});
