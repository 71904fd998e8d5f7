/**
 * Worker-thread entry: reads the catalogue's version history and exports the past states' objects
 * from git (prepareHistory in src/data/versions.ts), beside the pool that reads the packages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareHistory } from './versions.ts';
import { errorText } from './worker-pool.ts';

const { root, keep, now, code, cacheRoot } = workerData as {
  root: string;
  keep: number;
  now: string;
  code: string;
  cacheRoot: string;
};
try {
  parentPort?.postMessage({ prepared: prepareHistory(root, { keep, now }, code, cacheRoot) });
} catch (error) {
  parentPort?.postMessage({
    error: errorText(error),
  });
}
