import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { cacheRoot } from '../data/package-cache.ts';

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

/**
 * Moves the last build's output out of the way before Astro empties the output folder. Deleting a
 * big site file by file (about 24 files a skill) took seconds per thousand skills of every rebuild,
 * on its critical path; a rename takes no time and the files are deleted in the background. The
 * output folder still starts empty, so nothing stale is ever published. A `.git` folder stays, as
 * Astro keeps it. Where a rename cannot be made (the cache on another file system), Astro empties
 * the folder as before.
 */
export function oldOutputIntegration(): AstroIntegration {
  let outDir = '';
  return {
    name: 'skillshelf-old-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': ({ logger }) => {
        if (!outDir || !existsSync(outDir)) return;
        const entries = readdirSync(outDir).filter((name) => name !== '.git');
        if (!entries.length) return;
        const target = join(trashRoot(), `${Date.now()}-${process.pid}`);
        mkdirSync(target, { recursive: true });
        try {
          for (const name of entries) renameSync(join(outDir, name), join(target, name));
        } catch (error) {
          logger.info(
            `The last build's output stays for Astro to delete (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
          );
          // What was moved is deleted with the rest of the trash; what was not, Astro deletes.
          if (!readdirSync(target).length) rmSync(target, { recursive: true, force: true });
        }
        emptyTrashInBackground();
      },
    },
  };
}
