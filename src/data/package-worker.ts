/** Worker-thread entry: runs package tasks sent by src/data/worker-pool.ts, one at a time. */
import { parentPort } from 'node:worker_threads';
import { runPackageTask, type PackageTask } from './package-task.ts';

parentPort?.on('message', (message: { id: number; task: PackageTask }) => {
  runPackageTask(message.task).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
