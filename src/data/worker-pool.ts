import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** What a worker thread sends back for an error: its stack when it has one. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** A task that failed in its worker: an exception, a crash, or the watchdog. */
export class TaskFailure extends Error {
  readonly kind: 'error' | 'crash' | 'timeout';
  constructor(kind: 'error' | 'crash' | 'timeout', message: string) {
    super(message);
    this.kind = kind;
  }
}

interface Pending<T> {
  id: number;
  message: unknown;
  resolve: (value: T) => void;
  reject: (error: TaskFailure) => void;
}

interface Slot {
  worker: Worker;
  busy?: { pending: Pending<unknown>; timer: NodeJS.Timeout } | undefined;
}

/** Options of a pool: how many workers, and how long one task may run before its worker is terminated. */
export interface PoolOptions {
  size?: number | undefined;
  /** Wall-clock watchdog per task (ms). Hitting it is a Skillshelf bug, not a content decision. */
  timeoutMs?: number | undefined;
  /** Heap limit per worker (MB): a runaway task crashes its worker, not the build. */
  maxHeapMb?: number | undefined;
}

/** The default pool size: one worker per core, overridable with SKILLSHELF_WORKERS. */
export function defaultPoolSize(): number {
  const configured = Number(process.env['SKILLSHELF_WORKERS']);
  return Number.isInteger(configured) && configured > 0
    ? configured
    : Math.max(1, availableParallelism());
}

/**
 * A pool of worker threads running one module's tasks. A worker whose task throws reports the error;
 * a worker that crashes, runs out of memory or passes the watchdog is terminated and replaced, and
 * only that task fails. `Promise.race` could not do this: it cannot stop a blocked or runaway thread.
 */
export class WorkerPool<Task, Result> {
  readonly size: number;
  private readonly url: URL;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending<Result>[] = [];
  private nextId = 0;
  private closed = false;

  constructor(url: URL, options: PoolOptions = {}) {
    this.url = url;
    this.size = options.size ?? defaultPoolSize();
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.maxHeapMb = options.maxHeapMb ?? 2048;
  }

  /** Runs one task in the next free worker. */
  run(task: Task): Promise<Result> {
    if (this.closed) return Promise.reject(new TaskFailure('error', 'the worker pool is closed'));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: (this.nextId += 1), message: task, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker; queued tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new TaskFailure('error', 'the worker pool was closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      const timer = setTimeout(
        () =>
          this.fail(
            slot,
            new TaskFailure(
              'timeout',
              `the task ran for over ${Math.round(this.timeoutMs / 1000)} s and was stopped by the watchdog`,
            ),
          ),
        this.timeoutMs,
      );
      slot.busy = { pending: pending as Pending<unknown>, timer };
      slot.worker.ref();
      slot.worker.postMessage({ id: pending.id, task: pending.message });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.url, {
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
    });
    const slot: Slot = { worker };
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const busy = slot.busy;
      if (!busy || busy.pending.id !== message.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      worker.unref();
      if (message.error !== undefined) busy.pending.reject(new TaskFailure('error', message.error));
      else busy.pending.resolve(message.result);
      this.dispatch();
    });
    worker.on('error', (error: Error) =>
      this.fail(slot, new TaskFailure('crash', `the worker crashed: ${error.message}`)),
    );
    worker.on('exit', (code) => {
      if (this.slots.includes(slot))
        this.fail(slot, new TaskFailure('crash', `the worker exited (code ${code})`));
    });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** Fails the slot's task, terminates its worker and lets a fresh one take the queue. */
  private fail(slot: Slot, failure: TaskFailure): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(failure);
    }
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
