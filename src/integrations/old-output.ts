import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { cacheRoot } from '../data/package-cache.ts';
import { writeLinesAtomically } from '../data/publish-fs.ts';

/** Where the last build's output waits to be deleted: beside the build cache, on its file system. */
function trashRoot(): string {
  return join(cacheRoot(), 'trash');
}

/**
 * Deletes everything in the trash in a detached process: the build goes on (and may end) meanwhile.
 * The next build deletes whatever a killed deletion left behind.
 */
function emptyTrashInBackground(): void {
  const trash = trashRoot();
  if (!existsSync(trash)) return;
  const script = `const fs = require('node:fs'); const path = require('node:path');
for (const name of fs.readdirSync(process.argv[1])) fs.rmSync(path.join(process.argv[1], name), { recursive: true, force: true, maxRetries: 3 });`;
  spawn(process.execPath, ['-e', script, trash], { detached: true, stdio: 'ignore' }).unref();
}

/** Astro's record of the last incremental build: what a rebuild compares each page's key with. */
function manifestFile(cacheDir: string): string {
  return join(cacheDir, 'incremental-build.json');
}

/** A file's identity as far as a later build can check it without reading it. */
type Stamp = [size: number, mtimeMs: number, ino: number];

function stampOf(file: string): Stamp | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? [s.size, s.mtimeMs, s.ino] : undefined;
  } catch {
    return undefined;
  }
}

const sameStamp = (a: Stamp | undefined, b: Stamp | undefined): boolean =>
  !!a && !!b && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/**
 * What a finished build leaves for the next one: the stamp of Astro's manifest it wrote and of every
 * page file in the output folder. Written only when a build ends, deleted when one starts: a build
 * killed part-way leaves none, and the next one takes nothing from its output.
 */
interface PagesRecord {
  outDir: string;
  manifest: Stamp;
  pages: [page: string, stamp: Stamp][];
}

function recordFile(outDir: string): string {
  const id = createHash('sha256').update(outDir).digest('hex').slice(0, 16);
  return join(cacheRoot(), 'last-output', `${id}.tsv`);
}

function readRecord(file: string, outDir: string, cacheDir: string): PagesRecord | undefined {
  try {
    // A JSON head line, then `size mtimeMs inode path` per page (a line each: at 100,000 skills
    // there are 800,000 of them, too many for one JSON text).
    const lines = readFileSync(file, 'utf8').split('\n');
    const head = JSON.parse(lines[0] ?? '') as Omit<PagesRecord, 'pages'>;
    const record: PagesRecord = { ...head, pages: [] };
    for (const line of lines.slice(1)) {
      const [size, mtimeMs, ino, page] = line.split('\t');
      if (page) record.pages.push([page, [Number(size), Number(mtimeMs), Number(ino)]]);
    }
    // The pages are the ones Astro's current manifest describes only if that manifest is the one
    // the recording build wrote (another output folder's build rewrites it).
    if (record.outDir !== outDir) return undefined;
    if (!sameStamp(record.manifest, stampOf(manifestFile(cacheDir)))) return undefined;
    return record;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * Puts the last build's pages back from the trash, each only if it is still the file the last build
 * wrote (same size, time and inode): a hard link, no bytes copied. Astro then keeps a page whose
 * cache key is unchanged as it finds it (instead of copying 80,000 files from its cache at 10,000
 * skills) and writes the others anew. Returns the pages put back.
 */
function putPagesBack(record: PagesRecord, from: string, outDir: string): string[] {
  const back: string[] = [];
  const made = new Set<string>();
  for (const [page, stamp] of record.pages) {
    const source = join(from, page);
    if (!sameStamp(stamp, stampOf(source))) continue;
    const target = join(outDir, page);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(source, target);
      back.push(page);
    } catch {
      // No link here (another file system): Astro restores the page from its own cache.
    }
  }
  return back;
}

/** Deletes the pages put back that this build no longer makes, and the folders that leaves empty. */
function pruneGonePages(
  outDir: string,
  back: readonly string[],
  made: ReadonlySet<string>,
): number {
  let pruned = 0;
  for (const page of back) {
    if (made.has(page)) continue;
    rmSync(join(outDir, page), { force: true });
    pruned += 1;
    for (let folder = dirname(join(outDir, page)); folder.startsWith(`${outDir}/`);) {
      try {
        rmdirSync(folder);
      } catch {
        break;
      }
      folder = dirname(folder);
    }
  }
  return pruned;
}

function writeRecord(outDir: string, cacheDir: string, pages: readonly string[]): void {
  const manifest = stampOf(manifestFile(cacheDir));
  if (!manifest) return;
  writeLinesAtomically(
    recordFile(outDir),
    (function* () {
      yield `${JSON.stringify({ outDir, manifest })}\n`;
      for (const page of pages) {
        const stamp = stampOf(join(outDir, page));
        if (stamp && !page.includes('\n') && !page.includes('\t'))
          yield `${stamp.join('\t')}\t${page}\n`;
      }
    })(),
  );
}

/**
 * Moves the last build's output out of the way before Astro writes the new one. Deleting a big site
 * file by file (about 24 files a skill) took seconds per thousand skills of every rebuild, on its
 * critical path; a rename takes no time and the files are deleted in the background. Only the last
 * build's pages that are provably its own come back (see putPagesBack); everything else starts from
 * an empty folder, so nothing stale is ever published. A `.git` folder stays, as Astro keeps it.
 * Astro's own emptying of the folder is turned off: this integration empties it.
 */
export function oldOutputIntegration(): AstroIntegration {
  let outDir = '';
  let cacheDir = '';
  let incremental = false;
  let back: string[] = [];
  let manifestAtStart: Stamp | undefined;
  return {
    name: 'skillshelf-old-output',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir).replace(/\/$/, '');
        cacheDir = fileURLToPath(config.cacheDir);
        incremental = config.experimental.incrementalBuild === true;
      },
      'astro:build:start': ({ logger }) => {
        back = [];
        manifestAtStart = stampOf(manifestFile(cacheDir));
        const record = incremental ? readRecord(recordFile(outDir), outDir, cacheDir) : undefined;
        if (!outDir || !existsSync(outDir)) return;
        const entries = readdirSync(outDir).filter((name) => name !== '.git');
        if (!entries.length) return;
        const target = join(trashRoot(), `${Date.now()}-${process.pid}`);
        mkdirSync(target, { recursive: true });
        try {
          for (const name of entries) renameSync(join(outDir, name), join(target, name));
        } catch (error) {
          logger.info(
            `The last build's output is deleted in place (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
          );
          for (const name of readdirSync(outDir))
            if (name !== '.git') rmSync(join(outDir, name), { recursive: true, force: true });
          if (!readdirSync(target).length) rmSync(target, { recursive: true, force: true });
          emptyTrashInBackground();
          return;
        }
        if (record) {
          back = putPagesBack(record, target, outDir);
          if (back.length) logger.info(`Kept ${back.length} pages of the last build as they were.`);
        }
        emptyTrashInBackground();
      },
      'astro:build:done': ({ assets, logger }) => {
        const manifest = stampOf(manifestFile(cacheDir));
        // Pages were put back only for a build that writes Astro's manifest; one that did not (its
        // incremental builds turned off) leaves no record.
        if (!incremental || !manifest || sameStamp(manifest, manifestAtStart)) return;
        // Every file this build's routes wrote or kept, relative to the output folder.
        const pages: string[] = [];
        for (const urls of assets.values())
          for (const url of urls) {
            const file = fileURLToPath(url);
            if (file.startsWith(`${outDir}/`)) pages.push(file.slice(outDir.length + 1));
          }
        const pruned = pruneGonePages(outDir, back, new Set(pages));
        if (pruned) logger.info(`Removed ${pruned} pages the catalogue no longer has.`);
        back = [];
        writeRecord(outDir, cacheDir, pages);
      },
    },
  };
}
