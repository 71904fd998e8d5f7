/**
 * `npm run build:part -- <step> …`: builds a big catalogue in parts, e.g. on a CI matrix (README
 * "Building in parts"); every other environment variable (SKILLSHELF_CONTENT, SKILLSHELF_CACHE_DIR…)
 * passes through.
 * - `packages k/n`: reads, checks, renders and archives part k's packages into the build cache
 *   (`astro sync`: no pages). Then put the build caches of every part together.
 * - `pages k/n [--outDir dir]`: with that cache, builds part k's own pages, files, archives and
 *   search shards (default output `dist-part-k`). Put the caches together again.
 * - `merge dir … [--outDir dir]`: with that cache, builds the catalogue-wide pages and the search
 *   index and links the parts' folders in (default output `dist`).
 */
import { spawnSync } from 'node:child_process';
import { delimiter, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBuildPart } from '../lib/publish/build-part.ts';

const USAGE =
  'Usage: npm run build:part -- packages <k/n> | pages <k/n> [--outDir <dir>] | merge <part dir> … [--outDir <dir>]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { outDir: { type: 'string' } },
});
const [step, ...rest] = positionals;
const env: Record<string, string | undefined> = { ...process.env };
delete env['SKILLSHELF_SHARD'];
delete env['SKILLSHELF_SHARD_STEP'];
delete env['SKILLSHELF_MERGE'];
let args: string[];
if ((step === 'packages' || step === 'pages') && rest.length === 1) {
  env['SKILLSHELF_SHARD'] = rest[0];
  if (step === 'packages') env['SKILLSHELF_SHARD_STEP'] = 'packages';
  args =
    step === 'packages'
      ? ['sync']
      : ['build', '--outDir', values.outDir ?? `dist-part-${rest[0]!.split('/')[0]}`];
} else if (step === 'merge' && rest.length > 0) {
  env['SKILLSHELF_MERGE'] = rest.map((dir) => resolve(dir)).join(delimiter);
  args = ['build', '--outDir', values.outDir ?? 'dist'];
} else {
  console.error(USAGE);
  process.exit(2);
}
try {
  parseBuildPart(env, delimiter);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(2);
}
const run = spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), ...args], {
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
