import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { skillsRoot } from '../lib/site-config-fs.ts';
import { makesSearchShard, partLabel, type BuildPart } from '../lib/publish/build-part.ts';
import { buildPart } from '../data/build-part.ts';
import { onCatalogueReady } from '../data/catalogue-events.ts';
import {
  buildShards,
  indexEntries,
  indexEntriesFromSite,
  publishShards,
  type ShardSet,
} from '../data/search-index.ts';

/** Builds the index shards in a worker thread, so they are made while Astro renders the pages. */
function indexInWorker(
  entries: ReturnType<typeof indexEntries>,
  part: BuildPart,
): Promise<{ set: ShardSet; warnings: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../data/search-worker.ts', import.meta.url));
    worker.once('message', (message: { set?: ShardSet; error?: string; warnings: string[] }) => {
      void worker.terminate();
      if (message.set) resolve({ set: message.set, warnings: message.warnings });
      else reject(new Error(message.error ?? 'the search index worker failed'));
    });
    worker.once('error', reject);
    worker.postMessage({ entries, part });
  });
}

/**
 * The search index (src/data/search-index.ts). As soon as the pages can read the listed catalogue,
 * its shards start building in a worker thread, beside Astro's page rendering; when the build is
 * done they are copied into the site. `SKILLSHELF_SKIP_INDEX=1` leaves it to `src/cli/index.ts`.
 */
export function pagefindIntegration(): AstroIntegration {
  let base = '/';
  let pending: Promise<{ set: ShardSet; warnings: string[] }> | undefined;
  let started = 0;
  let stop: (() => void) | undefined;
  return {
    name: 'skillshelf-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:start': () => {
        if (process.env['SKILLSHELF_SKIP_INDEX'] === '1') return;
        stop = onCatalogueReady((skills) => {
          started = performance.now();
          pending = indexInWorker(indexEntries(skills), buildPart());
          // Reported when the build is done; a rejection here must not crash the process first.
          pending.catch(() => undefined);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        stop?.();
        if (process.env['SKILLSHELF_SKIP_INDEX'] === '1') return;
        const outDir = fileURLToPath(dir);
        try {
          let result = pending ? await pending : undefined;
          if (!result) {
            // No page read the catalogue (an empty site): index what was built.
            started = performance.now();
            const warnings: string[] = [];
            const entries = indexEntriesFromSite(outDir, skillsRoot(), base);
            const set = await buildShards(
              entries,
              (m) => warnings.push(m),
              (shard) => makesSearchShard(buildPart(), shard),
            );
            result = { set, warnings };
          }
          for (const warning of result.warnings) logger.warn(warning);
          const part = buildPart();
          const { skills, count, reused } = result.set;
          if (part.kind === 'shard') {
            // The part's shards wait in the build cache; the merge finds them there and publishes the index.
            const made = result.set.dirs.pagefind.filter(Boolean).length;
            logger.info(
              `Indexed part ${partLabel(part)}: ${made} of ${count} shard(s) per bundle (${reused} of ${made * 2} unchanged, from the cache) in ${Math.round(performance.now() - started)} ms, kept in the build cache for the merge`,
            );
            return;
          }
          publishShards(outDir, result.set);
          logger.info(
            `Indexed ${skills} skills in ${count} shard(s) per bundle (${reused} of ${count * 2} unchanged, from the cache) in ${Math.round(performance.now() - started)} ms`,
          );
        } catch (cause) {
          throw new Error('Failed to build the search index.', { cause });
        } finally {
          pending = undefined;
        }
      },
    },
  };
}
