/** Worker-thread entry: builds the search index shards for the catalogue it is sent (src/data/search-index.ts). */
import { parentPort } from 'node:worker_threads';
import { makesSearchShard, type BuildPart } from '../lib/publish/build-part.ts';
import { buildShards, type IndexEntry } from './search-index.ts';
import { errorText } from './worker-pool.ts';

parentPort?.once('message', ({ entries, part }: { entries: IndexEntry[]; part: BuildPart }) => {
  const warnings: string[] = [];
  buildShards(
    entries,
    (message) => warnings.push(message),
    (shard) => makesSearchShard(part, shard),
  ).then(
    (set) => parentPort?.postMessage({ set, warnings }),
    (error: unknown) =>
      parentPort?.postMessage({
        error: errorText(error),
        warnings,
      }),
  );
});
