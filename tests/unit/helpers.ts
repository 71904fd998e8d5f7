import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { UrlRewriter } from '../../src/lib/render/sanitize.ts';
import { fsSource } from '../../src/lib/skill/source-fs.ts';
import { readSnapshot, type SnapshotFile } from '../../src/lib/skill/snapshot.ts';
import { resolvePackageLink } from '../../src/lib/skill/links.ts';
import { fileUrl, rawUrl } from '../../src/lib/publish/urls.ts';

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

/** The rewriter the site uses, rebuilt from the lib: package files become file pages, images raw URLs. */
export function packageRewriter(
  publisher: string,
  slug: string,
  fromFile: string,
  paths: readonly string[],
): UrlRewriter {
  const files = new Set(paths);
  return {
    link(href) {
      const link = resolvePackageLink(fromFile, href, files);
      if (link.type === 'external') return link.href;
      if (link.type === 'anchor') return `#${link.fragment}`;
      if (link.type === 'file')
        return fileUrl(publisher, slug, link.path) + (link.fragment ? `#${link.fragment}` : '');
      return undefined;
    },
    image(src) {
      const link = resolvePackageLink(fromFile, src, files);
      return link.type === 'file' ? rawUrl(publisher, slug, link.path) : undefined;
    },
  };
}

/** The published files of a package folder with their bytes, as the build reads them. */
export function snapshotFiles(root: string): SnapshotFile[] {
  const result = readSnapshot(fsSource(root));
  if (!result.ok) throw new Error(`${root}: ${result.reason}`);
  return result.snapshot.files;
}
