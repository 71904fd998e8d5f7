import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { findPackageDirs, type PackageDir } from '../lib/skill/dirs-fs.ts';
import type { RenderOptions } from '../lib/render/render-package.ts';
import { buildNow } from '../lib/publish/identity.ts';
import { readHeadDate } from './git-history.ts';
import { cacheRoot } from './package-cache.ts';
import { buildPart } from './build-part.ts';
import { makesSkill } from '../lib/publish/build-part.ts';
import {
  storedEntry,
  type PackageResult,
  type PackageTask,
  type SkillEntryData,
  type StoredEntry,
} from './package-task.ts';
import type { VersionsResult, VersionsTask, VersionTask } from './version-task.ts';
import {
  prepareHistoryInThread,
  versionTasks,
  writeHistories,
  type PreparedHistory,
} from './versions.ts';
import { TaskFailure, WorkerPool } from './worker-pool.ts';

export type { SkillEntryData, StoredEntry };

/** A hash of the code that turns a folder into a record and its pages (src/lib, src/data) and of the dependencies' versions. */
function codeVersion(): string {
  const hash = createHash('sha1');
  for (const folder of ['src/lib', 'src/data']) {
    const dir = join(process.cwd(), folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(dir, name);
      if (statSync(path).isFile()) hash.update(`${folder}/${name}`).update(readFileSync(path));
    }
  }
  const lock = join(process.cwd(), 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex');
}

/** Why a task failed, as the health page and the log say it. */
function failureReason(error: unknown): string {
  if (error instanceof TaskFailure && error.kind !== 'error')
    return `Skillshelf stopped reading this package: ${error.message}. This is a Skillshelf bug, not a problem with the skill: please report it.`;
  const message = error instanceof Error ? error.message : String(error);
  return `Skillshelf could not read this package (internal error: ${message.split('\n')[0]}). This is a Skillshelf bug: please report it.`;
}

/** What the search-index command needs of each listed skill: its build-cache key. */
export interface ManifestSkill {
  id: string;
  key: string;
}

/** The catalogue manifest the search-index hook reads: listed skills and their build-cache keys. */
export function catalogueManifestPath(root: string): string {
  return join(
    cacheRoot(),
    `catalogue-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.json`,
  );
}

/**
 * Loads every package folder into the collection as small metadata only. Each package is read,
 * rendered, scanned and archived once, in a pool of worker threads, into the build cache
 * (src/data/package-cache.ts); pages, downloads and the search index read only that.
 */
export function skillLoader(options: {
  root: string;
  render: RenderOptions;
  date?: string | undefined;
  /** How many versions of each skill to keep (site.json `versions.keep`). */
  keepVersions: number;
}): Loader {
  let code = '';
  type Task = PackageTask | VersionsTask;
  let pool: WorkerPool<Task, PackageResult | VersionsResult> | undefined;
  const getPool = (): WorkerPool<Task, PackageResult | VersionsResult> =>
    (pool ??= new WorkerPool(new URL('./package-worker.ts', import.meta.url)));
  // The check date is not part of a package's key: a cached report keeps the date it was made on.
  const extra = JSON.stringify({ render: options.render });
  let checkDate = '';

  const loadOne = async (
    context: LoaderContext,
    { publisher, slug, dir, problem }: PackageDir,
  ): Promise<void> => {
    const id = `${publisher}/${slug}`;
    if (problem) {
      const data: SkillEntryData = {
        state: 'excluded',
        id,
        publisher,
        slug,
        file: '.',
        reason: problem,
        findings: [],
      };
      context.store.set({ id, data: data as unknown as Record<string, unknown> });
      return;
    }
    const cached = context.store.get(id);
    const cachedData = cached?.data as unknown as StoredEntry | undefined;
    let data: SkillEntryData;
    let digest: string | undefined;
    try {
      const result = (await getPool().run({
        dir,
        publisher,
        slug,
        code,
        extra,
        known: cached?.digest
          ? { key: String(cached.digest), listed: cachedData?.state === 'listed' }
          : undefined,
        cacheRoot: cacheRoot(),
        date: checkDate,
        render: options.render,
      })) as PackageResult;
      if (!result.data) return;
      ({ data } = result);
      digest = result.key;
    } catch (error) {
      data = {
        state: 'excluded',
        id,
        publisher,
        slug,
        file: '.',
        reason: failureReason(error),
        findings: [],
      };
    }
    // The store wants an index-signature record; our typed interfaces are plain JSON data.
    context.store.set({
      id,
      data: (digest ? storedEntry(data, digest) : data) as unknown as Record<string, unknown>,
      ...(digest ? { digest } : {}),
    });
  };

  /**
   * Every listed skill's kept versions: the past states from git (one `git log`), analysed in the
   * pool unless the cache has them, and each skill's history written to the cache for the pages.
   */
  const loadVersions = async (
    context: LoaderContext,
    history: Promise<PreparedHistory>,
  ): Promise<void> => {
    const started = performance.now();
    const listed = new Map<string, { publisher: string; slug: string }>();
    for (const entry of context.store.values()) {
      const data = entry.data as unknown as StoredEntry;
      if (data.state === 'listed') listed.set(data.id, data);
    }
    const read = await history;
    if (read.reason)
      context.logger.warn(
        `No version history (${read.reason}): each skill shows only its current version.`,
      );
    const tasks = read.reason ? [] : versionTasks(read, listed, code, cacheRoot());
    let failed = 0;
    const warn = (task: VersionTask, reason: string): void => {
      failed += 1;
      context.logger.warn(
        `content/skills/${task.publisher}/${task.slug}: a past version (${task.folderKey.slice(0, 12)}) could not be read: ${reason}`,
      );
    };
    await Promise.all(
      tasks.map((task) =>
        getPool()
          .run(task)
          .then(
            (results) =>
              // Results come in the order of the task's states.
              (results as VersionsResult).forEach((state, index) => {
                if ('error' in state)
                  warn(task.states[index]!, failureReason(new Error(state.error)));
              }),
            (error: unknown) => {
              for (const state of task.states) warn(state, failureReason(error));
            },
          ),
      ),
    );
    writeHistories(options.root, read, new Set(listed.keys()), cacheRoot());
    if (read.reason) return;
    let states = 0;
    for (const [id, history] of read.histories) if (listed.has(id)) states += history.states.length;
    const pending = tasks.reduce((sum, task) => sum + task.states.length, 0);
    context.logger.info(
      `${states} version(s) of ${listed.size} skills from ${read.commits} commit(s) in ${Math.round(performance.now() - started)} ms after the packages (git read beside them): ${pending - failed} past version(s) read now, the rest from the cache`,
    );
  };

  return {
    name: 'skillshelf-skills',
    load: async (context) => {
      code = codeVersion();
      checkDate = (options.date ?? buildNow(process.env, readHeadDate(options.root))).slice(0, 10);
      const started = performance.now();
      // The packages step of one part (SKILLSHELF_SHARD_STEP=packages) reads only that part's folders.
      const part = buildPart();
      const dirs = findPackageDirs(options.root).filter(
        (d) =>
          part.kind !== 'shard' ||
          part.step !== 'packages' ||
          makesSkill(part, `${d.publisher}/${d.slug}`),
      );
      const seen = new Set(dirs.map((d) => `${d.publisher}/${d.slug}`));
      // The history is read (git log, objects exported) in a thread of its own while the packages are.
      const history = prepareHistoryInThread({
        root: options.root,
        keep: options.keepVersions,
        now: `${checkDate}T23:59:59Z`,
        code,
        cacheRoot: cacheRoot(),
      });
      history.catch(() => undefined);
      await Promise.all(dirs.map((d) => loadOne(context, d)));
      for (const id of context.store.keys()) if (!seen.has(id)) context.store.delete(id);
      await loadVersions(context, history);
      if (!context.watcher) {
        await pool?.close();
        pool = undefined;
      }

      // Report left-out skills on every build, including ones whose unchanged folders came from the cache.
      let excluded = 0;
      const listed: ManifestSkill[] = [];
      for (const entry of context.store.values()) {
        const data = entry.data as unknown as StoredEntry;
        if (data.state === 'listed') {
          listed.push({ id: data.id, key: data.cacheKey });
          continue;
        }
        excluded += 1;
        context.logger.warn(
          `content/skills/${data.id}/${data.file}${data.line ? `:${data.line}` : ''} left out: ${data.reason}`,
        );
      }
      listed.sort((a, b) => (a.id < b.id ? -1 : 1));
      mkdirSync(cacheRoot(), { recursive: true });
      writeFileSync(
        catalogueManifestPath(options.root),
        JSON.stringify({ root: options.root, skills: listed }),
      );
      context.logger.info(
        `${seen.size} skill folders read from ${relative(process.cwd(), options.root) || '.'} in ${Math.round(performance.now() - started)} ms: ${seen.size - excluded} listed, ${excluded} left out (details: /report/ or npm run check)`,
      );

      // In `astro dev`, re-read just the package whose files changed.
      context.watcher?.add(options.root);
      context.watcher?.on('all', (_event, changed) => {
        const rel = relative(options.root, changed).split(sep);
        if (rel[0] === '..' || rel.length < 2) return;
        const publisher = rel[0]!;
        const slug = rel[1]!.replace(/\.listing\.json$/, '');
        const found = findPackageDirs(options.root).find(
          (d) => d.publisher === publisher && d.slug === slug,
        );
        if (found) void loadOne(context, found);
        else context.store.delete(`${publisher}/${slug}`);
      });
    },
  };
}
