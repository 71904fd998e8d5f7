/** Worker-thread entry: runs package and version tasks sent by src/data/worker-pool.ts, one at a time. */
import { parentPort } from 'node:worker_threads';
import { runPackageTask, type PackageTask } from './package-task.ts';
import { runVersionsTask, type VersionsTask } from './version-task.ts';
import { tokenMemo } from './token-memo-fs.ts';
import { useTokenMemo } from '../lib/trust/tokens.ts';
import { errorText } from './worker-pool.ts';

const isVersionsTask = (task: PackageTask | VersionsTask): task is VersionsTask =>
  'kind' in task && task.kind === 'versions';

let memoFor = '';

parentPort?.on('message', (message: { id: number; task: PackageTask | VersionsTask }) => {
  const { task } = message;
  // Token counts are kept in the build cache: a file shared by versions or forks is counted once.
  const where = isVersionsTask(task) ? task.states[0] : task;
  if (where && memoFor !== `${where.cacheRoot}\0${where.code}`) {
    memoFor = `${where.cacheRoot}\0${where.code}`;
    useTokenMemo(tokenMemo(where.cacheRoot, where.code));
  }
  const run = async (): Promise<unknown> =>
    isVersionsTask(task) ? runVersionsTask(task) : runPackageTask(task);
  run().then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: errorText(error),
      }),
  );
});
