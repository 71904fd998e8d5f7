import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageLinkRewriter } from '../../src/lib/render/package-links.ts';
import type { UrlRewriter } from '../../src/lib/render/sanitize.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { readSnapshot, type SnapshotFile } from '../../src/lib/skill/snapshot.ts';

/** The hand-written fixture catalogue (see tests/fixtures/content/README.md). */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'content', 'skills');

/** One entry of a temporary package: file text or bytes, a file with a mode, or a symlink. */
export type Entry =
  | string
  | Buffer
  | { content: string | Buffer; mode: number }
  | { symlink: string }
  | { dir: true };

/** Creates a temporary folder holding `entries` (POSIX paths relative to it) and returns its path. */
export function makeTree(entries: Record<string, Entry>, prefix = 'skillshelf-unit-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, entry] of Object.entries(entries)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(absolute, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, absolute);
    else if ('dir' in entry) mkdirSync(absolute, { recursive: true });
    else {
      writeFileSync(absolute, entry.content);
      chmodSync(absolute, entry.mode);
    }
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A minimal valid SKILL.md. */
export function skillMd(
  name: string,
  description: string,
  body = '\n# Title\n',
  extra = '',
): string {
  return `---\nname: ${name}\ndescription: ${description}\n${extra}---\n${body}`;
}

/** The production link rewriter (src/lib/render/package-links.ts) for a package with these files; SVG pictures are not inlined. */
export function packageRewriter(
  publisher: string,
  slug: string,
  fromFile: string,
  paths: readonly string[],
): UrlRewriter {
  return packageLinkRewriter(
    { publisher, slug, skillFile: 'SKILL.md', paths: new Set(paths), svgBytes: () => undefined },
    fromFile,
  );
}

/** The published files of a package folder with their bytes, as the build reads them. */
export function snapshotFiles(root: string): SnapshotFile[] {
  const result = readSnapshot(fsSource(root));
  if (!result.ok) throw new Error(`${root}: ${result.reason}`);
  return result.snapshot.files;
}

// Test repositories ignore the machine's git configuration (signing, hooks, default branch).
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Operator',
  GIT_AUTHOR_EMAIL: 'operator@example.test',
  GIT_COMMITTER_NAME: 'Operator',
  GIT_COMMITTER_EMAIL: 'operator@example.test',
};

/** Runs git in a test repository with fixed identity and dates, whatever the machine's configuration. */
export function git(cwd: string, args: string[], date = '2026-01-01T00:00:00+00:00'): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    encoding: 'utf8',
  });
}

/** Writes (or, for `null`, deletes) files and commits everything on `date`; returns the commit. */
export function commit(
  repo: string,
  message: string,
  date: string,
  files: Record<string, string | null> = {},
): string {
  for (const [path, text] of Object.entries(files)) {
    const full = join(repo, path);
    if (text === null) rmSync(full, { force: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  git(repo, ['add', '-A'], date);
  git(repo, ['commit', '-q', '-m', message], date);
  return git(repo, ['rev-parse', 'HEAD']).trim();
}
