import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readBody } from '../../src/data/package-cache.ts';
import type { PackageResult, PackageTask, SkillEntryData } from '../../src/data/package-task.ts';
import { TaskFailure, WorkerPool } from '../../src/data/worker-pool.ts';
import { findPackageDirs } from '../../src/lib/skill/dirs-fs.ts';
import { HOSTILE_CASES, writeHostileCatalogue } from '../support/hostile.ts';

const root = mkdtempSync(join(tmpdir(), 'skillshelf-hostile-'));
const skills = join(root, 'skills');
const cache = join(root, 'cache');
writeHostileCatalogue(skills);
after(() => rmSync(root, { recursive: true, force: true }));

describe('hostile packages through the worker pool', () => {
  const pool = new WorkerPool<PackageTask, PackageResult>(
    new URL('../../src/data/package-worker.ts', import.meta.url),
    { size: 2, timeoutMs: 60_000 },
  );
  const dirs = findPackageDirs(skills);
  // Nothing is known to the pool, so every answer carries a record.
  const built = (result: PackageResult): SkillEntryData => {
    if (!result.data) throw new Error(`no record for ${result.key}`);
    return result.data;
  };
  const results = new Map<string, SkillEntryData | Error>();
  const ready = Promise.all(
    dirs.map(async (d) => {
      if (d.problem) return;
      try {
        results.set(
          d.slug,
          built(
            await pool.run({
              dir: d.dir,
              publisher: d.publisher,
              slug: d.slug,
              code: 'test',
              extra: '',
              cacheRoot: cache,
              render: {},
            }),
          ),
        );
      } catch (error) {
        results.set(d.slug, error as Error);
      }
    }),
  ).finally(() => pool.close());

  for (const c of HOSTILE_CASES) {
    test(`${c.slug}: ${c.attack} → ${c.expect.state}`, async () => {
      await ready;
      const result = results.get(c.slug);
      assert.ok(
        result && !(result instanceof Error),
        `${c.slug} failed inside the pool: ${result instanceof Error ? result.message : 'no result'}`,
      );
      assert.equal(
        result.state,
        c.expect.state,
        result.state === 'excluded' ? result.reason : 'listed',
      );
      if (c.expect.state === 'excluded' && result.state === 'excluded')
        assert.match(result.reason, c.expect.reason);
      if (c.expect.state === 'listed' && result.state === 'listed') {
        if (c.expect.verdict)
          assert.notEqual(
            result.trust.verdict,
            'no-concerns',
            'a hidden payload must not read "no concerns"',
          );
        if (c.expect.coverage) assert.equal(result.trust.coverage, c.expect.coverage);
      }
    });
  }

  test('symbolic-link publisher and skill folders are refused before anything is read', () => {
    const refused = dirs
      .filter((d) => d.problem)
      .map((d) => `${d.publisher}/${d.slug}`)
      .sort();
    assert.deepEqual(refused, ['generated-link/*', 'generated/linked-folder']);
    for (const d of dirs.filter((x) => x.problem)) assert.match(d.problem!, /symbolic link/);
  });

  test('a picture referenced 90 times is inlined within the page budget, not 90 times', async () => {
    await ready;
    const result = results.get('svg-bomb');
    assert.ok(result && !(result instanceof Error) && result.state === 'listed');
    const body = readBody(result, cache);
    assert.ok(body.html.length < 3 * 1024 * 1024, `body is ${body.html.length} characters`);
    assert.equal(
      (body.html.match(/<img/g) ?? []).length,
      90,
      'every image is still there, over-budget ones without a source',
    );
  });
});

describe('the worker pool', () => {
  test('stops a task that never ends with the watchdog, replaces the worker and runs the next task', async () => {
    const pool = new WorkerPool<{ spin: boolean }, string>(
      new URL('../support/spin-worker.ts', import.meta.url),
      { size: 1, timeoutMs: 500 },
    );
    try {
      const stuck = pool.run({ spin: true });
      const next = pool.run({ spin: false });
      await assert.rejects(
        stuck,
        (error: unknown) => error instanceof TaskFailure && error.kind === 'timeout',
      );
      assert.equal(await next, 'done');
    } finally {
      await pool.close();
    }
  });
});
