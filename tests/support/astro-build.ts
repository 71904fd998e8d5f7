/** Runs `astro build` of this repository into `outDir` for a test, with a local preview's settings. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

/** Builds the site of `content` (a path) into `outDir`; returns the exit status and all it printed. */
export function astroBuild(
  content: string,
  outDir: string,
  env: Record<string, string> = {},
): { status: number | null; log: string } {
  const run = spawnSync(
    process.execPath,
    [join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir],
    {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, SKILLSHELF_LOCAL_PREVIEW: '1', SKILLSHELF_CONTENT: content, ...env },
    },
  );
  return { status: run.status, log: `${run.stdout}\n${run.stderr}` };
}
