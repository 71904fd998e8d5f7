/** Worker-thread entry: runs package and version tasks sent by src/data/worker-pool.ts, one at a time. */
import { parentPort } from 'node:worker_threads';
import { runPackageTask, type PackageTask } from './package-task.ts';
import { runVersionTask, type VersionTask } from './version-task.ts';
import { tokenMemo } from './token-memo-fs.ts';
import { useTokenMemo } from '../lib/trust/tokens.ts';

const isVersionTask = (task: PackageTask | VersionTask): task is VersionTask =>
  'kind' in task && task.kind === 'version';

let memoFor = '';

parentPort?.on('message', (message: { id: number; task: PackageTask | VersionTask }) => {
  const { task } = message;
  // Token counts are kept in the build cache: a file shared by versions or forks is counted once.
  if (memoFor !== `${task.cacheRoot}\0${task.code}`) {
    memoFor = `${task.cacheRoot}\0${task.code}`;
    useTokenMemo(tokenMemo(task.cacheRoot, task.code));
  }
  const run = async (): Promise<unknown> =>
    isVersionTask(task) ? runVersionTask(task) : runPackageTask(task);
  run().then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
