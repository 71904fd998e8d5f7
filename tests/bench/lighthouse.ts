/**
 * `npm run lighthouse -- [--corpus <folder of repositories>] [--runs 3] [--dist <built site>]`:
 * builds a site from real packages (default ../shared/corpus) plus one generated skill with a 5 MB
 * text file, serves it as a CDN would (gzip), and runs Lighthouse (the pinned devDependency, mobile
 * defaults) on the home page, the catalogue, a search with results, the heaviest skill page, its
 * largest file page and the 5 MB file's page. Prints each category's median of `runs`, the median
 * LCP, CLS and TBT, and ✓/✗ against the targets. A script that prints figures, not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { importSkills } from '../../src/lib/import/importer.ts';
import { fileUrl, skillUrl } from '../../src/lib/shared/urls.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus' },
    runs: { type: 'string', default: '3' },
    dist: { type: 'string' },
    port: { type: 'string', default: '4480' },
  },
});
const runs = Math.max(1, Number(values.runs));
const out = resolve('.cache/lighthouse');
const content = join(out, 'content');
const LONG = { publisher: 'lighthouse', slug: 'long-text', path: 'references/long.txt' };

/** The heaviest skill of a built site (by its page's HTML bytes) and its largest file page. */
function heaviest(dist: string): { skill: string; file: string } {
  const skills = join(dist, 'skills');
  let best = { bytes: -1, publisher: '', slug: '' };
  for (const publisher of readdirSync(skills)) {
    const dir = join(skills, publisher);
    if (!statSync(dir).isDirectory() || /^\d+$/.test(publisher)) continue;
    for (const slug of readdirSync(dir)) {
      const page = join(dir, slug, 'index.html');
      if (!existsSync(page) || !existsSync(join(dir, slug, 'files'))) continue;
      const bytes = statSync(page).size;
      if (bytes > best.bytes) best = { bytes, publisher, slug };
    }
  }
  const api = JSON.parse(
    readFileSync(join(dist, 'api', 'skills', best.publisher, `${best.slug}.json`), 'utf8'),
  ) as { files: { path: string; size: number }[] };
  const largest = api.files
    .filter((f) => !/\.(png|jpe?g|gif|webp|pdf|zip|ttf|woff2?)$/i.test(f.path))
    .sort((a, b) => b.size - a.size)[0]!;
  return {
    skill: skillUrl(best.publisher, best.slug, '/'),
    file: fileUrl(best.publisher, best.slug, largest.path, '/'),
  };
}

/** Imports every repository of the corpus, adds the 5 MB skill, and builds the site. */
async function build(): Promise<string> {
  rmSync(out, { recursive: true, force: true });
  const corpus = resolve(values.corpus);
  for (const name of readdirSync(corpus).sort()) {
    const source = join(corpus, name);
    if (!statSync(source).isDirectory()) continue;
    const [owner, repo] = name.includes('__') ? name.split('__') : [name, undefined];
    importSkills({
      source,
      contentRoot: content,
      publisher: owner,
      repository: repo ? `https://github.com/${owner}/${repo}` : undefined,
    });
  }
  const dir = join(content, 'skills', LONG.publisher, LONG.slug);
  mkdirSync(join(dir, 'references'), { recursive: true });
  writeFileSync(
    join(dir, 'SKILL.md'),
    '---\nname: long-text\ndescription: Carries a 5 MB plain-text reference, to measure how its page loads.\n---\n\n# Long text\n\nSee [the log](references/long.txt).\n',
  );
  const lines = Array.from(
    { length: 62_000 },
    (_, i) =>
      `${i + 1} event=tick worker=${i % 9} batch=${(i * 7919) % 100_003} status=ok note=steady`,
  );
  writeFileSync(join(dir, LONG.path), lines.join('\n'));
  const dist = join(out, 'dist');
  const code = await new Promise<number>((done) => {
    const child = spawn(
      process.execPath,
      [resolve('node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist],
      {
        env: { ...process.env, SKILLSHELF_CONTENT: content, SKILLSHELF_LOCAL_PREVIEW: '1' },
        stdio: 'inherit',
      },
    );
    child.on('exit', (c) => done(c ?? 1));
  });
  if (code !== 0) throw new Error(`The build failed (exit ${code}).`);
  return dist;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

const dist = values.dist ? resolve(values.dist) : await build();
const { skill, file } = heaviest(dist);
const PAGES: { name: string; path: string; perfMin: number; allMin: number }[] = [
  { name: 'home', path: '/', perfMin: 100, allMin: 100 },
  { name: 'catalogue', path: '/skills/', perfMin: 100, allMin: 100 },
  { name: 'search', path: '/search/?q=azure', perfMin: 95, allMin: 100 },
  { name: 'heaviest skill', path: skill, perfMin: 95, allMin: 100 },
  { name: 'its largest file', path: file, perfMin: 95, allMin: 100 },
  {
    name: '5 MB text file',
    path: fileUrl(LONG.publisher, LONG.slug, LONG.path, '/'),
    perfMin: 95,
    allMin: 100,
  },
];

const server: ChildProcess = spawn(
  process.execPath,
  ['tests/support/serve.ts', dist, values.port],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise<void>((ready, fail) => {
  server.stdout!.once('data', () => ready());
  server.once('exit', (c) => fail(new Error(`The static server exited (${c}).`)));
});
const chrome = await chromeLauncher.launch({
  chromePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const version = (
  JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')) as { version: string }
).version;
console.log(
  `\nLighthouse ${version}, mobile, median of ${runs} run(s), served gzip from ${dist}\n`,
);
console.log('page                  perf  a11y  best   seo     LCP     CLS    TBT  target');
let failed = 0;
try {
  for (const page of PAGES) {
    const scores: Record<string, number[]> = {
      performance: [],
      accessibility: [],
      'best-practices': [],
      seo: [],
    };
    const metrics: Record<string, number[]> = { lcp: [], cls: [], tbt: [] };
    const notes = new Set<string>();
    for (let i = 0; i < runs; i += 1) {
      const result = await lighthouse(`http://127.0.0.1:${values.port}${page.path}`, {
        port: chrome.port,
        logLevel: 'error',
        output: 'json',
        onlyCategories: Object.keys(scores),
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      const { categories, audits } = result.lhr;
      for (const key of Object.keys(scores))
        scores[key]!.push(Math.round((categories[key]?.score ?? 0) * 100));
      metrics['lcp']!.push(audits['largest-contentful-paint']?.numericValue ?? NaN);
      metrics['cls']!.push(audits['cumulative-layout-shift']?.numericValue ?? NaN);
      metrics['tbt']!.push(audits['total-blocking-time']?.numericValue ?? NaN);
      // What cost points, to fix next.
      for (const [id, audit] of Object.entries(audits))
        if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
          notes.add(id);
    }
    const [perf, a11y, best, seo] = Object.values(scores).map(median) as [
      number,
      number,
      number,
      number,
    ];
    const ok = perf >= page.perfMin && Math.min(a11y, best, seo) >= page.allMin;
    if (!ok) failed += 1;
    console.log(
      `${page.name.padEnd(20)} ${String(perf).padStart(5)} ${String(a11y).padStart(5)} ${String(best).padStart(5)} ${String(seo).padStart(5)} ${`${(median(metrics['lcp']!) / 1000).toFixed(2)} s`.padStart(7)} ${median(metrics['cls']!).toFixed(3).padStart(7)} ${`${Math.round(median(metrics['tbt']!))} ms`.padStart(6)}  ${ok ? '✓' : '✗'} perf ≥ ${page.perfMin}, others ${page.allMin}  ${page.path}`,
    );
    if (notes.size) console.log(`${''.padEnd(21)}failed audits: ${[...notes].join(', ')}`);
  }
} finally {
  chrome.kill();
  server.kill();
}
console.log(failed ? `\n${failed} page(s) below target.` : '\nEvery page meets its target.');
