/** A worker whose task never ends: proves the pool's watchdog stops it and the build goes on. */
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (message: { id: number; task: { spin: boolean } }) => {
  if (message.task.spin) for (;;);
  parentPort?.postMessage({ id: message.id, result: 'done' });
});
