/**
 * `npm run bench -- [N ...] [--pool-of-one]` (default 1000): builds a synthetic catalogue of N skills
 * cold and prints build time, peak memory and cores used (site and search index separately), the
 * single-thread floor of the same work (../shared/bench/floor.mjs) in the same run, with
 * `--pool-of-one` the same build with one worker, sizes, archive cost, and, in Chromium,
 * first-search bytes, keystroke-to-results and tag-filter latency (p50/p95).
 * A script that prints figures, not a test: absolute times vary from run to run.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { findPackageDirs } from '../../src/lib/skill/dirs-fs.ts';
import { readSkillPackage } from '../../src/lib/skill/package-fs.ts';
import { generateCatalogue, RARE_WORDS, TAG_POOL } from './generate.ts';

/** 50 fixed queries: 30 common phrases (many hits) and 20 rarer words (few hits), as people search. */
const COMMON_QUERIES = [
  'deploy',
  'rollback',
  'cache index',
  'schema migration',
  'retry timeout',
  'latency budget',
  'keyboard focus',
  'screen reader',
  'bundle chunk',
  'worker queue',
  'stream batch',
  'validate',
  'sanitize escape',
  'checksum digest',
  'archive manifest',
  'semver lockfile',
  'dependency audit',
  'flame graph',
  'memory leak',
  'snapshot fixture',
  'mock stub',
  'assertion coverage',
  'mutation property',
  'generator shrink',
  'incident',
  'postmortem runbook',
  'alert dashboard',
  'service endpoint',
  'client server',
  'token parser',
  'render layout',
  'contrast',
  'release branch',
  'commit review',
  'metric trace',
  'log error',
  'policy threshold',
  'baseline benchmark',
  'throughput',
  'profile',
  'fetchWithRetry',
  'checksum',
  'orders',
  'pipefail',
  'actions checkout',
  'wrapping_mul',
  'synthetic skill',
  'replay seed',
  'decode encode',
  'request response',
];
const QUERIES = [
  ...COMMON_QUERIES.slice(0, 30),
  ...Array.from({ length: 20 }, (_, i) => RARE_WORDS[i * 37 + 11]!),
];

interface Measured {
  ms: number;
  peakMb: number;
  /** CPU time (user + system) of the whole process tree, worker threads included. */
  cpuMs: number;
}

/** Clock ticks per second for /proc times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** Resident memory (kB) of a process and all its descendants, and each one's CPU time so far, read from /proc. */
function treeStats(root: number): { rssKb: number; cpuMs: Map<number, number> } {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), Number(fields[21]) * 4);
      // utime + stime (threads included) + cutime + cstime (children already reaped).
      cpu.set(
        Number(entry),
        (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) *
          TICK_MS,
      );
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const cpuMs = new Map<number, number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    cpuMs.set(pid, cpu.get(pid) ?? 0);
    for (const [child, parent] of parents) if (parent === pid) stack.push(child);
  }
  return { rssKb: total, cpuMs };
}

/** Runs a command, sampling the memory of its process tree every 100 ms. */
function measure(command: string, args: string[], env: Record<string, string>): Promise<Measured> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    // The last CPU time seen per process: a process that exits between samples loses < 100 ms.
    const cpuSeen = new Map<number, number>();
    const timer = setInterval(() => {
      const stats = treeStats(child.pid!);
      peak = Math.max(peak, stats.rssKb);
      for (const [pid, ms] of stats.cpuMs) cpuSeen.set(pid, Math.max(cpuSeen.get(pid) ?? 0, ms));
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
      else
        resolvePromise({
          ms: performance.now() - started,
          peakMb: peak / 1024,
          cpuMs: [...cpuSeen.values()].reduce((sum, ms) => sum + ms, 0),
        });
    });
  });
}

function sizeOf(
  path: string,
  filter: (name: string) => boolean = () => true,
): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
    const full = join(path, name);
    if (filter(name) && statSync(full).isFile()) {
      bytes += statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Waits until the element has rendered the results for the run started after `before`. */
async function timeInPage(page: Page, action: string, arg: string): Promise<number> {
  return page.evaluate(
    async ([kind, value]) => {
      const host = document.querySelector('skill-browser') as HTMLElement;
      const done = new Promise<number>((resolveDone) => {
        const onRender = (): void => {
          host.removeEventListener('skillshelf:rendered', onRender);
          resolveDone(performance.now());
        };
        host.addEventListener('skillshelf:rendered', onRender);
      });
      const started = performance.now();
      (
        host.querySelector(
          `button[data-facet="${kind}"][data-value="${value}"]`,
        ) as HTMLButtonElement
      ).click();
      return (await done) - started;
    },
    [action, arg] as const,
  );
}

async function browserFigures(dist: string, port: number): Promise<Record<string, string>> {
  const server = spawn(process.execPath, ['tests/support/serve.ts', dist, String(port)], {
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/search/`, { waitUntil: 'networkidle' });
    // Count what the first search transfers: Pagefind's script, WASM, index chunks and fragments.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let firstSearchBytes = 0;
    cdp.on(
      'Network.loadingFinished',
      (event: { encodedDataLength: number }) => (firstSearchBytes += event.encodedDataLength),
    );
    await page.locator('skill-browser [data-input]').fill('deploy');
    await page.waitForFunction(() =>
      /skills? for/.test(document.querySelector('skill-browser [data-status]')?.textContent ?? ''),
    );
    await page.waitForLoadState('networkidle');
    // Type each query as a person would (60 ms between keys) and time from the LAST keystroke to the
    // moment the results for the full query are on screen.
    const input = page.locator('skill-browser [data-input]');
    const queryTimes: number[] = [];
    for (const q of QUERIES) {
      await input.fill('');
      await page.evaluate(() => {
        const w = window as unknown as { lastKey: number };
        document.addEventListener('keydown', () => (w.lastKey = performance.now()), {
          capture: true,
        });
      });
      await input.pressSequentially(q, { delay: 60 });
      const elapsed = await page.evaluate(async (query) => {
        const host = document.querySelector('skill-browser') as HTMLElement;
        while (host.dataset['renderedQuery'] !== query)
          await new Promise((r) => host.addEventListener('skillshelf:rendered', r, { once: true }));
        return performance.now() - (window as unknown as { lastKey: number }).lastKey;
      }, q);
      queryTimes.push(elapsed);
    }

    await page.goto(`${base}/skills/`, { waitUntil: 'networkidle' });
    await page.locator('button[data-facet="tag"]').first().waitFor();
    const filterTimes: number[] = [];
    for (const tag of TAG_POOL.slice(0, 20)) {
      if (!(await page.locator(`button[data-facet="tag"][data-value="${tag}"]`).count())) continue;
      filterTimes.push(await timeInPage(page, 'tag', tag));
      await timeInPage(page, 'tag', tag); // toggle it off again
    }
    return {
      'first search transfer': kb(firstSearchBytes),
      'query → results p50 / p95': `${percentile(queryTimes, 50).toFixed(0)} / ${percentile(queryTimes, 95).toFixed(0)} ms (${queryTimes.length} queries)`,
      'tag filter p50 / p95': `${percentile(filterTimes, 50).toFixed(0)} / ${percentile(filterTimes, 95).toFixed(0)} ms (${filterTimes.length} tags)`,
    };
  } finally {
    await browser.close();
    server.kill();
  }
}

async function bench(n: number, port: number): Promise<void> {
  const dir = resolve(`.cache/bench/catalogue-${n}`);
  const dist = join(dir, 'dist');
  console.log(`\n== ${n.toLocaleString('en-US')} skills (${dir})`);
  generateCatalogue(n, dir);
  const env = { SKILLSHELF_CONTENT: dir, SKILLSHELF_LOCAL_PREVIEW: '1' };
  const astro = resolve('node_modules/astro/bin/astro.mjs');
  // A true cold build: no package cache, no content store.
  const cold = (): void => {
    for (const path of ['node_modules/.cache/skillshelf', 'node_modules/.astro', '.astro'])
      rmSync(path, { recursive: true, force: true });
  };
  cold();
  const site = await measure(process.execPath, [astro, 'build', '--force', '--outDir', dist], {
    ...env,
    SKILLSHELF_SKIP_INDEX: '1',
  });
  const index = await measure(process.execPath, ['src/cli/index.ts', dist], env);
  // The single-thread floor of the same rendering work (../shared/bench/floor.mjs), in the same run.
  const floorScript = resolve('../shared/bench/floor.mjs');
  const floor = existsSync(floorScript)
    ? await measure(process.execPath, [floorScript, dir, join(dir, 'floor-out')], {})
    : undefined;
  // The same cold site build with a pool of one worker: how much the pool buys.
  let single: Measured | undefined;
  if (process.argv.includes('--pool-of-one')) {
    cold();
    single = await measure(
      process.execPath,
      [astro, 'build', '--force', '--outDir', join(dir, 'dist-one')],
      { ...env, SKILLSHELF_SKIP_INDEX: '1', SKILLSHELF_WORKERS: '1' },
    );
  }

  // Analysis cost: what each worker does per package before rendering (read once, check, scan, three archives).
  const analysisStarted = performance.now();
  for (const { dir: packageDir, publisher, slug } of findPackageDirs(join(dir, 'skills')))
    readSkillPackage(packageDir, publisher, slug);
  const analysisMs = performance.now() - analysisStarted;
  const zips = sizeOf(join(dist, 'skills'), (name) => name.endsWith('.zip'));
  const download = sizeOf(join(dist, 'skills'), (name) =>
    /\/download\/[^/]+(?<!-flat|-plugin)\.zip$/.test(name),
  );

  const figures: Record<string, string> = {
    'site build (astro, no index)': `${s(site.ms)}, peak ${site.peakMb.toFixed(0)} MB, cores used ${(site.cpuMs / site.ms).toFixed(2)}`,
    'search index (pagefind)': `${s(index.ms)}, peak ${index.peakMb.toFixed(0)} MB`,
    ...(floor
      ? {
          'single-thread floor (floor.mjs)': `${s(floor.ms)}; site + index = ${((site.ms + index.ms) / floor.ms).toFixed(2)}× the floor (site alone ${(site.ms / floor.ms).toFixed(2)}×)`,
        }
      : {}),
    ...(single
      ? {
          'site build, pool of one worker': `${s(single.ms)}; the pool is ${(single.ms / site.ms).toFixed(2)}× faster`,
        }
      : {}),
    'index on disk': mb(sizeOf(join(dist, 'pagefind')).bytes),
    'dist/ total': `${mb(sizeOf(dist).bytes)} in ${sizeOf(dist).files.toLocaleString('en-US')} files`,
    'package analysis (read, scan, 3 archives; one thread)': `${s(analysisMs)} for all packages (${((analysisMs / site.ms) * 100).toFixed(1)}% of the site build)`,
    'archives (3 layouts)': `${zips.files} files, ${mb(zips.bytes)}; "Download ZIP" alone ${mb(download.bytes)}; built once per package in the load phase`,
    ...(await browserFigures(dist, port)),
  };
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(width)}  ${value}`);
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
if (process.argv.includes('--browser-only')) {
  // Re-measure search and filters on an existing build (e.g. on a quieter machine).
  for (const n of sizes.length ? sizes : [1000])
    console.log(n, await browserFigures(resolve(`.cache/bench/catalogue-${n}/dist`), 4400));
} else {
  for (const n of sizes.length ? sizes : [1000]) await bench(n, 4400);
}
