/**
 * `npm run corpus -- <folder of repositories> [--out <dir>]`: imports every repository in the folder
 * (`owner__repo` folders get publisher `owner`), builds the site from the result and checks it:
 * a page, file pages, a search-index entry and a valid ZIP per skill, and no broken internal link.
 * Prints the counts; exits 1 when a check fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { importSkills } from '../lib/import/importer.ts';
import { findBrokenLinks } from './link-check.ts';
import { findPackageDirs } from '../lib/skill/dirs-fs.ts';
import { listPackageFiles } from '../lib/skill/files-fs.ts';
import { readPackageDir } from '../lib/skill/package-fs.ts';
import { archiveUrl, fileUrl, skillUrl } from '../lib/shared/urls.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' } },
});
if (positionals.length !== 1 || !existsSync(positionals[0]!)) {
  console.error('Usage: npm run corpus -- <folder of repositories> [--out <dir>]');
  process.exit(2);
}
const corpus = resolve(positionals[0]!);
const out = resolve(values.out ?? '.cache/corpus');
const content = join(out, 'content');
const dist = join(out, 'dist');
rmSync(out, { recursive: true, force: true });

// 1. Import every repository.
const totals = { imported: 0, skipped: 0, renamed: 0, notCopied: 0 };
const skippedByReason = new Map<string, number>();
const started = performance.now();
for (const name of readdirSync(corpus).sort()) {
  const source = join(corpus, name);
  if (!statSync(source).isDirectory()) continue;
  const [owner, repo] = name.includes('__') ? name.split('__') : [name, undefined];
  const report = importSkills({
    source,
    contentRoot: content,
    publisher: owner,
    repository: repo ? `https://github.com/${owner}/${repo}` : undefined,
  });
  totals.imported += report.imported.length + report.updated.length + report.unchanged.length;
  totals.skipped += report.skipped.length;
  totals.renamed += report.renamed.length;
  totals.notCopied += report.notCopied.length;
  for (const s of report.skipped) {
    const reason = s.reason.replace(/ \(.*\)$/, '').replace(/: .*/, '');
    skippedByReason.set(reason, (skippedByReason.get(reason) ?? 0) + 1);
  }
  console.log(
    `${name.padEnd(40)} ${String(report.imported.length).padStart(4)} imported  ${String(report.skipped.length).padStart(3)} skipped  ${String(report.renamed.length).padStart(3)} renamed`,
  );
}
const importMs = performance.now() - started;

// 2. Build the site from the imported content.
const buildStarted = performance.now();
const log: string[] = [];
const code = await new Promise<number>((done) => {
  const child = spawn(
    process.execPath,
    [resolve('node_modules/astro/bin/astro.mjs'), 'build', '--force', '--outDir', dist],
    {
      env: { ...process.env, SKILLSHELF_CONTENT: content, SKILLSHELF_LOCAL_PREVIEW: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => log.push(d.toString()));
  child.on('exit', (c) => done(c ?? 1));
});
const buildMs = performance.now() - buildStarted;
if (code !== 0) {
  console.error(log.join('').slice(-4000));
  console.error(`The build failed (exit ${code}).`);
  process.exit(1);
}

// 3. Check every listed skill in the build.
const problems: string[] = [];
let listed = 0;
let excluded = 0;
let zips = 0;
let filePages = 0;
for (const found of findPackageDirs(join(content, 'skills'))) {
  const { publisher, slug, dir } = found;
  const result = readPackageDir(found);
  if (!result.ok) {
    excluded += 1;
    continue;
  }
  listed += 1;
  const { skill } = result;
  const at = (url: string): string => join(dist, decodeURIComponent(url));
  if (!existsSync(join(at(skillUrl(publisher, slug)), 'index.html')))
    problems.push(`${skill.id}: no page`);
  for (const file of listPackageFiles(dir).files) {
    filePages += 1;
    if (!existsSync(join(at(fileUrl(publisher, slug, file.path)), 'index.html')))
      problems.push(`${skill.id}: no page for ${file.path}`);
  }
  const zipPath = at(archiveUrl(publisher, slug, skill.archiveName, 'folder'));
  try {
    const entries = Object.keys(unzipSync(readFileSync(zipPath)));
    if (
      !entries.includes(`${skill.archiveName}/SKILL.md`) ||
      new Set(entries.map((e) => e.split('/')[0])).size !== 1
    )
      problems.push(`${skill.id}: ZIP layout is wrong`);
    else zips += 1;
  } catch (error) {
    problems.push(`${skill.id}: ZIP unreadable (${(error as Error).message})`);
  }
}
const indexed = Number(/Indexed (\d+) skill pages/.exec(log.join(''))?.[1] ?? 0);
if (indexed !== listed)
  problems.push(`search index holds ${indexed} pages for ${listed} listed skills`);
const links = findBrokenLinks(dist);
for (const broken of links.broken.slice(0, 20)) problems.push(`broken link: ${broken}`);
const distBytes = readdirSync(dist, { recursive: true, encoding: 'utf8' }).reduce(
  (n, f) => n + (statSync(join(dist, f)).isFile() ? statSync(join(dist, f)).size : 0),
  0,
);

console.log(`
Imported skills       ${totals.imported} (${totals.renamed} renamed, ${totals.notCopied} files not copied) in ${(importMs / 1000).toFixed(1)} s
Skipped at import     ${totals.skipped}${[...skippedByReason].map(([r, n]) => `\n  ${String(n).padStart(4)}  ${r}`).join('')}
Listed on the site    ${listed} (${excluded} left out by the site's own checks)
Skill pages indexed   ${indexed}
File pages            ${filePages}
Valid ZIPs            ${zips}
Links checked         ${links.checked} on ${links.pages} pages, ${links.broken.length} broken
Build                 ${(buildMs / 1000).toFixed(1)} s, dist/ ${(distBytes / 1048576).toFixed(1)} MB
`);
if (problems.length) {
  console.error(`${problems.length} problems:\n${problems.slice(0, 50).join('\n')}`);
  process.exit(1);
}
console.log('All checks passed.');
