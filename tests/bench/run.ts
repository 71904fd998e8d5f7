/**
 * `npm run bench -- [N ...] [--long-tail] [--pool-of-one] [--history] [--parts K] [--skip floor,browser,warm]` (default 1000) or
 * `npm run bench -- --corpus <dir> [--copies K]`: writes a catalogue (synthetic, synthetic with a
 * long tail of publishers and tags, or K copies of every real package in a corpus), builds it cold
 * (site and search index in one `astro build`) and prints wall time, peak memory, cores used and the
 * index step; the single-thread floor of the same work (../shared/bench/floor.mjs) in the same run;
 * with `--pool-of-one` the same build with one worker; sizes per skill and of the catalogue-wide
 * files; package analysis and archive cost; then, for synthetic catalogues, in Chromium, first-search
 * bytes, keystroke-to-results and tag-filter latency (p50/p95), and three warm rebuilds (a body edit,
 * a frontmatter edit, a new skill) as a share of the cold build; with `--parts K`, the same
 * catalogue built as K parts and merged (src/cli/build-part.ts), compared file by file with the cold build. Each build step's time, peak memory
 * and cores used print under the cold build. Targets print with ✓ or ✗.
 * `--browser-only` re-measures the browser figures on an existing build.
 * A script that prints figures, not a test: absolute times vary from run to run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { findPackageDirs, type PackageDir } from '../../src/lib/skill/dirs-fs.ts';
import { readSkillPackage } from '../../src/lib/skill/package-fs.ts';
import { writeCorpusCatalogue } from './corpus-catalogue.ts';
import { generateCatalogue, RARE_WORDS, TAG_POOL } from './generate.ts';
import { writeHistory } from './history.ts';
import { treeDigests } from '../support/tree-digests.ts';

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
/** The queries typed: `--queries <file>` (one per line) replaces the built-in list, so a list the bench was not tuned on can be measured. */
const queriesFile = process.argv[process.argv.indexOf('--queries') + 1];
const QUERIES =
  process.argv.includes('--queries') && queriesFile
    ? readFileSync(queriesFile, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : [
        ...COMMON_QUERIES.slice(0, 30),
        ...Array.from({ length: 20 }, (_, i) => RARE_WORDS[i * 37 + 11]!),
      ];

interface Measured {
  ms: number;
  peakMb: number;
  /** CPU time (user + system) of the whole process tree, worker threads included. */
  cpuMs: number;
  /** The last lines of the command's output (stdout and stderr), for error messages. */
  tail: string[];
  /** Every output line that matched `keep`. */
  kept: string[];
  /** Pages Astro listed as generated, and how many of them it restored from the last build. */
  routes: { listed: number; restored: number };
  /** Each step's wall time, peak memory and cores used, cut at the log lines in STEPS. */
  steps: StepFigure[];
}

/** A build step ends when its line appears in the log; the last one ends with the process. */
const STEPS: { name: string; endsAt: RegExp | null }[] = [
  {
    name: 'packages (read, render, check, archive: worker pool)',
    endsAt: /\[content\] Synced content/,
  },
  { name: 'bundle (Vite)', endsAt: /generating static routes/ },
  {
    name: 'pages (Astro), index shards beside them; raw files and archives',
    endsAt: /\[skillshelf-package-files\]/,
  },
  {
    name: 'formats (skill.json, index.md, badges, llms.txt, ai-catalog)',
    endsAt: /\[skillshelf-formats\]/,
  },
  { name: 'filter store, rest of the index, sitemap', endsAt: null },
];

interface StepFigure {
  name: string;
  ms: number;
  peakMb: number;
  cores: number;
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
      // utime + stime (its threads included). Not cutime/cstime: a reaped child's time would be
      // counted twice, in its parent and in the child's own last sample (measure keeps it).
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
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

/** Colour codes Astro's logger may add. */
const ANSI = /\u001b\[[0-9;]*m/g;
const TAIL_LINES = 40;

/** Splits a stream into lines: the last TAIL_LINES go to `tail`, those matching `keep` to `kept`. */
function collectLines(
  stream: NodeJS.ReadableStream,
  { tail, kept, routes }: Pick<Measured, 'tail' | 'kept' | 'routes'>,
  keep: RegExp,
  onLine: (line: string) => void = () => {},
): void {
  let partial = '';
  const take = (line: string): void => {
    const clean = line.replace(ANSI, '');
    onLine(clean);
    // Astro lists each page as `├─ /path (+12ms)` or `├─ /path (restored)`, several to a line at times.
    routes.listed += clean.match(/[├└]─ \//g)?.length ?? 0;
    routes.restored += clean.match(/\(restored\)/g)?.length ?? 0;
    tail.push(clean);
    if (tail.length > TAIL_LINES) tail.shift();
    if (keep.test(clean)) kept.push(clean);
  };
  stream.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(take);
  });
  stream.on('end', () => partial && take(partial));
}

/** Runs a command, sampling the memory and CPU of its process tree every 100 ms and reading its output. */
function measure(
  command: string,
  args: string[],
  env: Record<string, string>,
  keep: RegExp = /$^/,
): Promise<Measured> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const kept: string[] = [];
    const routes = { listed: 0, restored: 0 };
    // When each step's closing line was seen (ms since the start).
    const stepEnds: number[] = [];
    const onLine = (line: string): void => {
      const next = STEPS[stepEnds.length];
      if (next?.endsAt?.test(line)) stepEnds.push(performance.now() - started);
    };
    collectLines(child.stdout, { tail, kept, routes }, keep, onLine);
    collectLines(child.stderr, { tail, kept, routes }, keep, onLine);
    let peak = 0;
    // The last CPU time seen per process: a process that exits between samples loses < 100 ms.
    const cpuSeen = new Map<number, number>();
    const cpuTotal = (): number => [...cpuSeen.values()].reduce((sum, ms) => sum + ms, 0);
    // Per step: [peak kB, CPU ms at its start].
    const stepStats: [number, number][] = [[0, 0]];
    const timer = setInterval(() => {
      const stats = treeStats(child.pid!);
      peak = Math.max(peak, stats.rssKb);
      for (const [pid, ms] of stats.cpuMs) cpuSeen.set(pid, Math.max(cpuSeen.get(pid) ?? 0, ms));
      while (stepStats.length <= stepEnds.length) stepStats.push([0, cpuTotal()]);
      const current = stepStats[stepStats.length - 1]!;
      current[0] = Math.max(current[0], stats.rssKb);
    }, 100);
    // `close`, not `exit`: the output streams have ended, so `tail` and `kept` are complete.
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${tail.join('\n')}`));
      else {
        const ms = performance.now() - started;
        const bounds = [0, ...stepEnds, ms];
        const steps = stepStats.slice(0, bounds.length - 1).map(([peakKb, cpuStart], i) => {
          const wall = bounds[i + 1]! - bounds[i]!;
          const cpuEnd = stepStats[i + 1]?.[1] ?? cpuTotal();
          return {
            name: STEPS[i]?.name ?? `step ${i + 1}`,
            ms: wall,
            peakMb: peakKb / 1024,
            cores: wall > 0 ? (cpuEnd - cpuStart) / wall : 0,
          };
        });
        resolvePromise({ ms, peakMb: peak / 1024, cpuMs: cpuTotal(), tail, kept, routes, steps });
      }
    });
  });
}

/** What one build's log says: the index step (its own timer), Astro's page step, errors it logged. */
interface Build extends Measured {
  /** `detail`: the log's own words on shards and the cache, e.g. "1 shard(s) per bundle (1 of 2 unchanged …)". */
  index?: { skills: number; detail: string; ms: number };
  pages?: { count: number; ms: number };
  errors: string[];
}

// "Indexed 1000 skills in 2 shards (0 unchanged, from the cache) in 9341 ms" and its variants.
const INDEX_LINE = /Indexed (\d+) skills in (.*) in (\d+) ms/;
// "[build] 754 page(s) built in 30.91s" (Astro writes 812ms, 30.91s or 1m 12s).
const PAGES_LINE = /(\d+) page\(s\) built in (?:(\d+)m )?([\d.]+)(ms|s)\b/;
const ERROR_LINE = /\[ERROR\]/;

const ASTRO = resolve('node_modules/astro/bin/astro.mjs');
const CACHES = ['node_modules/.cache/skillshelf', 'node_modules/.astro', '.astro'];

/** Deletes every build cache, for a true cold build: no package cache, no content store, no page cache. */
function clearCaches(): void {
  for (const path of CACHES)
    rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

/** One `astro build` of the catalogue in `dir` (site and search index), `--force` for a cold one. */
async function build(
  dir: string,
  dist: string,
  { force, env = {} }: { force: boolean; env?: Record<string, string> },
): Promise<Build> {
  const measured = await measure(
    process.execPath,
    [ASTRO, 'build', ...(force ? ['--force'] : []), '--outDir', dist],
    { SKILLSHELF_CONTENT: dir, SKILLSHELF_LOCAL_PREVIEW: '1', ...env },
    new RegExp([INDEX_LINE, PAGES_LINE, ERROR_LINE].map((re) => re.source).join('|')),
  );
  const result: Build = { ...measured, errors: [] };
  for (const line of measured.kept) {
    const index = INDEX_LINE.exec(line);
    if (index) result.index = { skills: Number(index[1]), detail: index[2]!, ms: Number(index[3]) };
    const pages = PAGES_LINE.exec(line);
    if (pages)
      result.pages = {
        count: Number(pages[1]),
        ms: Number(pages[2] ?? 0) * 60_000 + Number(pages[3]) * (pages[4] === 's' ? 1000 : 1),
      };
    if (ERROR_LINE.test(line)) result.errors.push(line);
  }
  return result;
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

/** Serves `dist` with the plain static server and opens Chromium on it for `run`. */
async function withSite<T>(
  dist: string,
  port: number,
  run: (page: Page, base: string, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const server: ChildProcess = spawn(
    process.execPath,
    ['tests/support/serve.ts', dist, String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // The server prints one line once it listens.
  await new Promise<void>((ready, fail) => {
    server.stdout!.once('data', () => ready());
    server.once('exit', (code) => fail(new Error(`The static server exited (${code}).`)));
  });
  try {
    // As the tests do: Debian's chromium, installed on a machine that lacks it.
    execFileSync('bash', ['tests/support/ensure-chromium.sh'], { stdio: 'inherit' });
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
      const context = await browser.newContext();
      return await run(await context.newPage(), `http://127.0.0.1:${port}`, context);
    } finally {
      await browser.close();
    }
  } finally {
    // Also when the browser cannot start: no server is left on the port.
    server.kill();
  }
}

/** First-search transfer, keystroke-to-results and tag-filter latency, in Chromium. */
function browserFigures(dist: string, port: number): Promise<Record<string, string>> {
  return withSite(dist, port, async (page, base, context) => {
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
    // Only the first search: the listener keeps counting while the timed queries below run.
    const firstSearch = firstSearchBytes;
    // Type each query as a person would (60 ms between keys) and time from the LAST keystroke to the
    // moment the results for the full query are on screen.
    const input = page.locator('skill-browser [data-input]');
    const queryTimes: number[] = [];
    const finalTimes: number[] = [];
    for (const q of QUERIES) {
      await input.fill('');
      await page.evaluate(() => {
        const w = window as unknown as { lastKey: number };
        document.addEventListener('keydown', () => (w.lastKey = performance.now()), {
          capture: true,
        });
      });
      await input.pressSequentially(q, { delay: 60 });
      // First paint: the first results for the full query (name matches or full-text hits);
      // final: the list complete (the results region's aria-busy back to false).
      const [first, final] = await page.evaluate(async (query) => {
        const host = document.querySelector('skill-browser') as HTMLElement;
        const lastKey = (window as unknown as { lastKey: number }).lastKey;
        while (host.dataset['renderedQuery'] !== query)
          await new Promise((r) => host.addEventListener('skillshelf:rendered', r, { once: true }));
        const painted = performance.now() - lastKey;
        const list = host.querySelector('[data-results]')!;
        while (list.getAttribute('aria-busy') === 'true')
          await new Promise((r) => setTimeout(r, 5));
        return [painted, performance.now() - lastKey];
      }, q);
      queryTimes.push(first);
      finalTimes.push(final);
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
      'first search transfer': kb(firstSearch),
      'query → first results p50 / p95': `${percentile(queryTimes, 50).toFixed(0)} / ${percentile(queryTimes, 95).toFixed(0)} ms (${queryTimes.length} queries)`,
      'query → final list p50 / p95': `${percentile(finalTimes, 50).toFixed(0)} / ${percentile(finalTimes, 95).toFixed(0)} ms`,
      'tag filter p50 / p95': `${percentile(filterTimes, 50).toFixed(0)} / ${percentile(filterTimes, 95).toFixed(0)} ms (${filterTimes.length} tags)`,
    };
  });
}

/** The subset of Pagefind's browser API the search check calls. */
interface PagefindApi {
  options: (options: Record<string, unknown>) => Promise<void>;
  mergeIndex: (url: string, options?: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (query: string) => Promise<{ results: { data: () => Promise<{ url: string }> }[] }>;
}

/**
 * Searches the built index for `word` the way the site loads it: `pagefind/pagefind.js`, then every
 * other shard (`pagefind/shards.json` says how many, shard i in `pagefind/shard-i/`) merged before
 * `init()`. Returns the result URLs as site paths.
 */
function searchIndex(dist: string, port: number, word: string): Promise<string[]> {
  return withSite(dist, port, async (page, base) => {
    await page.goto(`${base}/`);
    return page.evaluate(async (query) => {
      const script = '/pagefind/pagefind.js';
      const pagefind = (await import(script)) as PagefindApi;
      const options = { baseUrl: '/' };
      await pagefind.options(options);
      const response = await fetch('/pagefind/shards.json');
      const { count } = response.ok ? ((await response.json()) as { count: number }) : { count: 1 };
      for (let i = 1; i < count; i += 1)
        await pagefind.mergeIndex(`/pagefind/shard-${i}/`, options);
      await pagefind.init();
      const search = await pagefind.search(query);
      const data = await Promise.all(search.results.map((result) => result.data()));
      return data.map((d) => new URL(d.url, location.href).pathname);
    }, word);
  });
}

type Mode = 'bench' | 'long-tail' | 'corpus';

const KEY_WIDTH = 46;
/** Prints one figure. */
function show(key: string, value: string): void {
  console.log(`${key.padEnd(KEY_WIDTH)}  ${value}`);
}
/** Prints one target with ✓ or ✗. */
function target(label: string, ok: boolean, detail: string): void {
  show(`${ok ? '✓' : '✗'} ${label}`, detail);
}

const cores = (m: Measured): number => m.cpuMs / m.ms;
const size = (bytes: number): string => (bytes < 1024 * 1024 ? kb(bytes) : mb(bytes));

/** Wall, peak memory and cores used; the index step (its own timer) apart from the rest; what Astro restored. */
function describeBuild(b: Build): string {
  const steps = [
    b.index
      ? `index step ${s(b.index.ms)} (${b.index.skills} skills in ${b.index.detail}), the rest ${s(b.ms - b.index.ms)}`
      : 'no "Indexed" line in the log',
    b.pages
      ? `Astro: ${b.pages.count} page(s) in ${s(b.pages.ms)}, ${b.routes.restored} of ${b.routes.listed} listed restored from the last build`
      : 'no "page(s) built" line in the log',
    ...(b.errors.length
      ? [
          `⚠ ${b.errors.length} [ERROR] line(s) in the log, the first: ${b.errors[0]!.slice(0, 300)}`,
        ]
      : []),
  ];
  return `${s(b.ms)}, peak ${b.peakMb.toFixed(0)} MB, cores used ${cores(b).toFixed(2)}; ${steps.join('; ')}`;
}

/** Reads JSON from a file. */
function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Sizes per skill and of the files that grow with the whole catalogue. */
function sizeFigures(dist: string): void {
  const listed = readJson<{ skills: unknown[] }>(join(dist, 'api', 'skills.json')).skills.length;
  const total = sizeOf(dist);
  const perBytes = total.bytes / listed;
  const perFiles = total.files / listed;
  show('dist/ total', `${mb(total.bytes)} in ${total.files.toLocaleString('en-US')} files`);
  show('search index on disk', mb(sizeOf(join(dist, 'pagefind')).bytes));
  target(
    'dist ≤ 150 KB and ≤ 12 files per skill',
    perBytes <= 150 * 1024 && perFiles <= 12,
    `${kb(perBytes)} and ${perFiles.toFixed(1)} files per skill (${listed} listed skills)`,
  );
  const sitemaps = readdirSync(dist).filter((name) => /^sitemap.*\.xml$/.test(name));
  for (const file of [
    'api/skills.json',
    '.well-known/agent-skills/index.json',
    '.well-known/ai-catalog.json',
    'marketplace.json',
    'llms.txt',
    ...sitemaps.sort(),
    'rss.xml',
  ])
    show(
      `  catalogue-wide: ${file}`,
      existsSync(join(dist, file)) ? size(statSync(join(dist, file)).size) : 'missing',
    );
}

/** Package analysis (one thread) and the archives the build wrote. */
function analysisFigures(dir: string, dist: string, site: Measured): void {
  // What each worker does per package before rendering (read once, check, scan, three archives).
  const analysisStarted = performance.now();
  for (const { dir: packageDir, publisher, slug } of findPackageDirs(join(dir, 'skills')))
    readSkillPackage(packageDir, publisher, slug);
  const analysisMs = performance.now() - analysisStarted;
  const zips = sizeOf(join(dist, 'skills'), (name) => name.endsWith('.zip'));
  const download = sizeOf(join(dist, 'skills'), (name) =>
    /\/download\/[^/]+(?<!-flat|-plugin)\.zip$/.test(name),
  );
  show(
    'package analysis (read, scan, 3 archives)',
    `${s(analysisMs)} for all packages on one thread (${((analysisMs / site.ms) * 100).toFixed(1)}% of the cold build)`,
  );
  show(
    'archives (3 layouts)',
    `${zips.files} files, ${mb(zips.bytes)}; "Download ZIP" alone ${mb(download.bytes)}`,
  );
}

/** Lower-case letters only, so the search tokeniser keeps the word whole. */
function randomWord(prefix: string): string {
  return (
    prefix +
    Array.from(
      { length: 10 },
      () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)],
    ).join('')
  );
}

/** The package `at` (0…1) through the catalogue whose SKILL.md passes `accept`, searching onwards. */
function pickPackage(dir: string, at: number, accept: (text: string) => boolean): PackageDir {
  const packages = findPackageDirs(join(dir, 'skills')).filter((p) => !p.problem);
  const start = Math.floor(packages.length * at);
  for (let i = 0; i < packages.length; i += 1) {
    const candidate = packages[(start + i) % packages.length]!;
    if (accept(readFileSync(join(candidate.dir, 'SKILL.md'), 'utf8'))) return candidate;
  }
  throw new Error(`No package in ${dir} fits the warm-rebuild scenario.`);
}

/** Prints a warm rebuild as a share of the cold one. */
function warmFigure(label: string, warm: Build, cold: Build, limit: number): void {
  const share = (warm.ms / cold.ms) * 100;
  target(
    `${label} ≤ ${limit}% of cold`,
    share <= limit,
    `${share.toFixed(1)}% — ${describeBuild(warm)}`,
  );
}

/**
 * Warm rebuilds after the cold build, in order, nothing restored: (a) a new paragraph in one
 * SKILL.md body, then a search for its new word; (b) one description and one tag changed; (c) one
 * new skill. Each is one whole `astro build` without `--force`, index included.
 */
async function warmRebuilds(dir: string, dist: string, cold: Build, port: number): Promise<void> {
  const warm = (): Promise<Build> => build(dir, dist, { force: false });

  // (a) Fences balanced, so the new paragraph is prose, not the tail of a code block.
  const edited = pickPackage(dir, 0.5, (text) => (text.match(/^```/gm) ?? []).length % 2 === 0);
  const word = randomWord('zqxbench');
  appendFileSync(
    join(edited.dir, 'SKILL.md'),
    `\nA paragraph added for the warm rebuild mentions ${word} once.\n`,
  );
  warmFigure('warm: one SKILL.md body edited', await warm(), cold, 15);
  const expected = `/skills/${edited.publisher}/${edited.slug}/`;
  const urls = await searchIndex(dist, port, word);
  target(
    `search finds "${word}"`,
    urls.some((url) => url.replace(/\/?$/, '/') === expected),
    `${urls.length} result(s) ${urls.slice(0, 3).join(' ')} (expected ${expected})`,
  );

  // (b) A synthetic SKILL.md has `description: "…"` and `  tags: "a, b"` on one line each.
  const described = pickPackage(dir, 1 / 3, (text) => /^description: ".*"$/m.test(text));
  const skillFile = join(described.dir, 'SKILL.md');
  const text = readFileSync(skillFile, 'utf8');
  const newWord = randomWord('zqxdesc');
  writeFileSync(
    skillFile,
    text
      .replace(/^description: "(.*)"$/m, `description: "$1 Now also ${newWord}."`)
      .replace(/^ {2}tags: "(.*)"$/m, (_line, list: string) => {
        const tags = list.split(/,\s*/);
        tags[0] = TAG_POOL.find((tag) => !tags.includes(tag))!;
        return `  tags: "${tags.join(', ')}"`;
      }),
  );
  warmFigure('warm: description and one tag changed', await warm(), cold, 20);

  // (c) A copy of one skill under a new name.
  const copied = pickPackage(dir, 0.25, (t) => /^name: .*$/m.test(t));
  const slug = `${copied.slug}-added`;
  const added = join(dir, 'skills', copied.publisher, slug);
  cpSync(copied.dir, added, { recursive: true });
  const addedSkill = join(added, 'SKILL.md');
  writeFileSync(
    addedSkill,
    readFileSync(addedSkill, 'utf8').replace(/^name: .*$/m, `name: ${slug}`),
  );
  warmFigure('warm: one new skill', await warm(), cold, 20);
}

/** Where a catalogue lives; `.cache/` is git-ignored. */
function catalogueDir(mode: Mode, n: number): string {
  return resolve(
    mode === 'corpus'
      ? '.cache/bench/corpus'
      : `.cache/bench/catalogue-${n}${mode === 'long-tail' ? '-long-tail' : ''}`,
  );
}

/** Each step of a build: its time, peak memory and cores used. */
function showSteps(build: Build): void {
  for (const step of build.steps)
    show(
      `  step: ${step.name}`,
      `${s(step.ms)}, peak ${step.peakMb.toFixed(0)} MB, cores used ${step.cores.toFixed(2)}`,
    );
}

/**
 * `--parts N`: the catalogue built as N parts as CI jobs would build it (src/cli/build-part.ts), each
 * step a separate process with its own build cache, the caches put together between the steps (hard
 * links), then merged; the merged site is compared file by file with the cold whole build.
 */
async function partsFigures(dir: string, dist: string, cold: Build, count: number): Promise<void> {
  const work = join(dir, 'parts');
  rmSync(work, { recursive: true, force: true });
  const cli = resolve('src/cli/build-part.ts');
  const cache = (name: string): string => join(work, `cache-${name}`);
  const unite = (from: string[], to: string): void => {
    mkdirSync(join(to, 'skillshelf'), { recursive: true });
    for (const source of from)
      execFileSync('cp', ['-alf', `${join(source, 'skillshelf')}/.`, join(to, 'skillshelf')]);
  };
  const job = async (label: string, args: string[], cacheDir: string): Promise<number> => {
    const run = await measure(process.execPath, [cli, ...args], {
      SKILLSHELF_CONTENT: dir,
      SKILLSHELF_LOCAL_PREVIEW: '1',
      SKILLSHELF_CACHE_DIR: cacheDir,
    });
    show(
      `  parts: ${label}`,
      `${s(run.ms)}, peak ${run.peakMb.toFixed(0)} MB, cores used ${(run.cpuMs / run.ms).toFixed(2)}`,
    );
    return run.ms;
  };
  const parts = Array.from({ length: count }, (_, i) => i + 1);
  const packages: number[] = [];
  for (const k of parts)
    packages.push(
      await job(`packages ${k}/${count}`, ['packages', `${k}/${count}`], cache(`a${k}`)),
    );
  unite(
    parts.map((k) => cache(`a${k}`)),
    cache('united'),
  );
  const pages: number[] = [];
  for (const k of parts) {
    unite([cache('united')], cache(`b${k}`));
    pages.push(
      await job(
        `pages ${k}/${count}`,
        ['pages', `${k}/${count}`, '--outDir', join(work, `part-${k}`)],
        cache(`b${k}`),
      ),
    );
  }
  unite(
    parts.map((k) => cache(`b${k}`)),
    cache('merge'),
  );
  const merged = join(work, 'dist');
  const merge = await job(
    'merge',
    ['merge', ...parts.map((k) => join(work, `part-${k}`)), '--outDir', merged],
    cache('merge'),
  );
  const wall = Math.max(...packages) + Math.max(...pages) + merge;
  const serial = packages.reduce((a, b) => a + b, 0) + pages.reduce((a, b) => a + b, 0) + merge;
  show(
    `built in ${count} parts`,
    `${s(wall)} on ${count} machines (the slowest job of each step: ${((wall / cold.ms) * 100).toFixed(0)}% of the cold build), ${s(serial)} as jobs one after another on this one`,
  );
  const whole = treeDigests(dist);
  const parted = treeDigests(merged);
  const differ = [...new Set([...whole.keys(), ...parted.keys()])].filter(
    (path) => whole.get(path) !== parted.get(path),
  );
  target(
    `${count} parts merged = one whole build, byte for byte (search index included)`,
    differ.length === 0 && whole.size > 0,
    differ.length
      ? `${differ.length} of ${whole.size} files differ, e.g. ${differ.slice(0, 3).join(', ')}`
      : `${whole.size.toLocaleString('en-US')} files identical: every query gets the same results`,
  );
  rmSync(work, { recursive: true, force: true });
}

/** Writes the catalogue, builds it cold and prints every figure. */
async function bench(
  mode: Mode,
  n: number,
  options: {
    corpus?: string | undefined;
    copies?: number | undefined;
    poolOfOne: boolean;
    /** Parts left out: `floor`, `browser`, `warm` (a 100,000-skill floor alone takes most of an hour). */
    skip: Set<string>;
    /** Also build the catalogue with three versions per skill in git (src/data/versions.ts). */
    history: boolean;
    /** Also build it in this many parts and merge them (src/cli/build-part.ts). */
    parts?: number | undefined;
  },
  port: number,
): Promise<void> {
  const dir = catalogueDir(mode, n);
  const dist = join(dir, 'dist');
  let what = `${n.toLocaleString('en-US')} synthetic skills`;
  if (mode === 'corpus') {
    const written = writeCorpusCatalogue(resolve(options.corpus!), dir, options.copies);
    what = `${written.skills.toLocaleString('en-US')} skills: ${written.packages} real packages × ${written.copies} copies`;
  } else generateCatalogue(n, dir, 42, { longTail: mode === 'long-tail' });
  // A history left by an earlier --history run would be read as this catalogue's.
  rmSync(join(dir, '.git'), { recursive: true, force: true });
  console.log(`\n== ${what}, catalogue mode ${mode} (${dir})`);

  // The same cold build with a pool of one worker, first: the main cold build then leaves its own
  // caches for the warm rebuilds.
  let single: Build | undefined;
  if (options.poolOfOne) {
    clearCaches();
    single = await build(dir, join(dir, 'dist-one'), {
      force: true,
      env: { SKILLSHELF_WORKERS: '1' },
    });
  }
  clearCaches();
  const cold = await build(dir, dist, { force: true });
  show('cold build (site + index, one astro build)', describeBuild(cold));
  showSteps(cold);
  const formats = cold.steps.find((step) => step.name.startsWith('formats'));
  if (formats)
    target(
      'formats (skill.json, index.md, badges, llms.txt, ai-catalog) ≤ 10% of the cold build',
      formats.ms <= cold.ms * 0.1,
      `${s(formats.ms)}, ${((formats.ms / cold.ms) * 100).toFixed(1)}% of ${s(cold.ms)}`,
    );
  target(
    'peak memory of the process tree ≤ 6 GB at every step',
    cold.peakMb <= 6 * 1024,
    `${(cold.peakMb / 1024).toFixed(2)} GB`,
  );
  // The single-thread floor of the same rendering work (../shared/bench/floor.mjs), in the same run.
  const floorScript = resolve('../shared/bench/floor.mjs');
  if (options.skip.has('floor')) show('single-thread floor (floor.mjs)', 'skipped (--skip floor)');
  else if (existsSync(floorScript)) {
    const floor = await measure(process.execPath, [floorScript, dir, join(dir, 'floor-out')], {});
    show('single-thread floor (floor.mjs)', s(floor.ms));
    target(
      'cold site + index ≤ 1.2× floor',
      cold.ms / floor.ms <= 1.2,
      `${(cold.ms / floor.ms).toFixed(2)}× the floor`,
    );
  } else show('single-thread floor (floor.mjs)', `not found at ${floorScript}`);
  target('cores used ≥ 1.6', cores(cold) >= 1.6, cores(cold).toFixed(2));
  if (single) {
    show('cold build, pool of one worker', describeBuild(single));
    target(
      'speedup of the pool ≥ 1.5×',
      single.ms / cold.ms >= 1.5,
      `${(single.ms / cold.ms).toFixed(2)}×`,
    );
  }
  sizeFigures(dist);
  analysisFigures(dir, dist, cold);
  if (options.parts) await partsFigures(dir, dist, cold, options.parts);
  // With --history, the warm rebuilds edit the catalogue with history, against its cold build.
  let last = { dist, cold };
  if (options.history) {
    // The same catalogue, now with three versions per skill in git: what reading history costs.
    const skills = writeHistory(dir);
    clearCaches();
    const historyDist = join(dir, 'dist-history');
    const withHistory = await build(dir, historyDist, { force: true });
    show(`cold build with history (${skills} skills × 3 versions)`, describeBuild(withHistory));
    showSteps(withHistory);
    target(
      'cold with history ≤ 1.3× the same build without',
      withHistory.ms / cold.ms <= 1.3,
      `${(withHistory.ms / cold.ms).toFixed(2)}×`,
    );
    rmSync(dist, { recursive: true, force: true });
    last = { dist: historyDist, cold: withHistory };
  }
  if (mode === 'corpus') return;
  if (!options.skip.has('browser'))
    for (const [key, value] of Object.entries(await browserFigures(last.dist, port)))
      show(key, value);
  if (!options.skip.has('warm')) await warmRebuilds(dir, last.dist, last.cold, port);
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'long-tail': { type: 'boolean', default: false },
    'pool-of-one': { type: 'boolean', default: false },
    'browser-only': { type: 'boolean', default: false },
    corpus: { type: 'string' },
    copies: { type: 'string' },
    queries: { type: 'string' },
    skip: { type: 'string', default: '' },
    history: { type: 'boolean', default: false },
    parts: { type: 'string' },
  },
});
const skip = new Set(args.skip.split(',').filter(Boolean));
for (const part of skip)
  if (!['floor', 'browser', 'warm'].includes(part))
    throw new Error(`--skip takes floor, browser and warm (comma-separated), not ${part}`);
const mode: Mode = args.corpus ? 'corpus' : args['long-tail'] ? 'long-tail' : 'bench';
const sizes = positionals.map(Number).filter((n) => n > 0);
const copies = args.copies === undefined ? undefined : Number(args.copies);
if (args.parts !== undefined && !(Number(args.parts) >= 2 && Number(args.parts) <= 64))
  throw new Error(`--parts takes a number of parts from 2 to 64, not ${args.parts}`);
if (copies !== undefined && !(Number.isInteger(copies) && copies > 0))
  throw new Error(`--copies must be a positive whole number, not ${args.copies}`);
console.log(`Catalogue mode: ${mode}`);
const runs = mode === 'corpus' ? [0] : sizes.length ? sizes : [1000];
if (args['browser-only']) {
  // Re-measure search and filters on an existing build (e.g. on a quieter machine).
  for (const n of runs)
    console.log(n, await browserFigures(join(catalogueDir(mode, n), 'dist'), 4400));
} else {
  for (const n of runs)
    await bench(
      mode,
      n,
      {
        corpus: args.corpus,
        copies,
        poolOfOne: args['pool-of-one'],
        skip,
        history: args.history,
        parts: args.parts === undefined ? undefined : Number(args.parts),
      },
      4400,
    );
}
