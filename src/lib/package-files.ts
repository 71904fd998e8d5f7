import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Finding } from './findings.ts';

/** A file that belongs to a published package. */
export interface PackageFile {
  /** POSIX path relative to the package root. */
  path: string;
  size: number;
  kind: 'text' | 'binary';
  /** True when the owner may execute it (kept in ZIPs). */
  executable: boolean;
  /** Absolute path to read the bytes from (a symlink's resolved target). */
  source: string;
}

/** Size limits a package must respect; files beyond them are left out and reported. */
export interface PackageLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxPackageBytes: number;
}

/** Defaults follow the discovery RFC's client caps (1,000 files, ~50 MB unpacked). */
export const DEFAULT_LIMITS: PackageLimits = { maxFiles: 1000, maxFileBytes: 10 * 1024 * 1024, maxPackageBytes: 50 * 1024 * 1024 };

/** Names never published: OS litter, caches, dependency folders and VCS data. */
const JUNK_NAMES = new Set(['.DS_Store', 'Thumbs.db', '__pycache__', 'node_modules', '.git', '.hg', '.svn']);
const JUNK_EXTENSIONS = new Set(['.pyc', '.pyo']);

/** True when a file or folder name is left out of every published package. */
export function isJunk(name: string): boolean {
  return JUNK_NAMES.has(name) || JUNK_EXTENSIONS.has(extname(name).toLowerCase());
}

const TEXT_EXTENSIONS = new Set(
  'md markdown mdx txt text rst adoc py js mjs cjs ts tsx jsx json jsonc json5 yaml yml toml ini cfg conf env sh bash zsh fish ps1 psm1 bat cmd rb go rs java kt kts swift c h cc cpp hpp cs php pl lua r sql html htm xml svg css scss sass less vue svelte astro graphql gql proto dockerfile makefile mk gradle tf hcl csv tsv tex bib sty cls log diff patch hbs mustache j2 jinja ejs liquid njk gitignore editorconfig license lock'.split(' '),
);
const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif webp avif ico bmp tiff pdf zip gz tgz bz2 xz 7z tar jar whl woff woff2 ttf otf eot mp3 mp4 wav ogg webm mov docx xlsx pptx doc xls ppt odt ods odp bin exe dll so dylib wasm pyc class sqlite db npy npz pkl parquet'.split(' '),
);

/** Decides text or binary: by extension when known, otherwise by looking for NUL bytes and invalid UTF-8. */
export function classifyFile(absolutePath: string, name: string): 'text' | 'binary' {
  const ext = extname(name).slice(1).toLowerCase() || name.toLowerCase();
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  if (BINARY_EXTENSIONS.has(ext)) return 'binary';
  const head = Buffer.alloc(4096);
  const fd = openSync(absolutePath, 'r');
  let read = 0;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const sample = head.subarray(0, read);
  if (sample.includes(0)) return 'binary';
  // When the sample is cut mid-file, its last bytes may be half of a multi-byte character: ignore them.
  return isValidUtf8(read === head.length ? sample.subarray(0, read - 4) : sample) ? 'text' : 'binary';
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lists a package's publishable files, sorted; never follows a link out of the package and reports
 * what it leaves out. `exclude` names sub-folders (relative POSIX paths) that belong to other packages.
 */
export function listPackageFiles(root: string, limits: PackageLimits = DEFAULT_LIMITS, exclude: readonly string[] = []): { files: PackageFile[]; findings: Finding[] } {
  const files: PackageFile[] = [];
  const findings: Finding[] = [];
  const realRoot = realpathSync(root);
  let total = 0;
  const skip = (path: string, message: string, rule = 'file-skipped'): void => {
    findings.push({ rule, severity: 'warning', file: path, message });
  };

  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isJunk(entry.name)) continue;
      const absolute = join(dir, entry.name);
      const path = relative(root, absolute).split(sep).join('/');
      if (exclude.includes(path)) continue;
      let source = absolute;
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(absolute);
        } catch {
          skip(path, 'This symbolic link points to nothing (dangling); it is left out of the package.', 'symlink-dangling');
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          skip(path, 'This symbolic link points outside the package; it is left out so nothing beyond the skill is published.', 'symlink-escape');
          continue;
        }
        if (statSync(target).isDirectory()) {
          skip(path, 'This symbolic link points to a folder inside the package; its files are already published once, so the link is left out.', 'symlink-directory');
          continue;
        }
        source = target;
      } else if (entry.isDirectory()) {
        walk(absolute);
        continue;
      } else if (!entry.isFile()) {
        skip(path, 'Not a regular file (device, socket or pipe); left out.');
        continue;
      }
      const stat = lstatSync(source);
      if (files.length >= limits.maxFiles) {
        skip(path, `The package has more than ${limits.maxFiles} files; the rest are left out.`, 'package-too-many-files');
        continue;
      }
      if (stat.size > limits.maxFileBytes) {
        skip(path, `The file is ${formatBytes(stat.size)}, over the ${formatBytes(limits.maxFileBytes)} limit per file; it is left out.`, 'file-too-large');
        continue;
      }
      if (total + stat.size > limits.maxPackageBytes) {
        skip(path, `Adding this file would take the package over ${formatBytes(limits.maxPackageBytes)}; it is left out.`, 'package-too-large');
        continue;
      }
      total += stat.size;
      files.push({ path, size: stat.size, kind: classifyFile(source, entry.name), executable: (stat.mode & 0o100) !== 0, source });
    }
  };
  walk(root);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, findings };
}

/** Formats a byte count for people: 512 B, 4.2 KB, 1.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (Math.round(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
