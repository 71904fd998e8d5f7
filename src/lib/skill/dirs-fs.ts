import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nameProblem } from './names.ts';

/** A package folder in the content tree; `problem` says why it cannot be read at all. */
export interface PackageDir {
  publisher: string;
  slug: string;
  dir: string;
  problem?: string | undefined;
}

/**
 * Package folders under `root`: `<publisher>/<skill>/`, hidden and `_`-prefixed folders skipped.
 * Links are never followed: a publisher or package folder that is a symbolic link would publish
 * files from elsewhere, so it is listed with a problem instead.
 */
export function findPackageDirs(root: string): PackageDir[] {
  if (!existsSync(root)) return [];
  const visible = (name: string): boolean => !name.startsWith('.') && !name.startsWith('_');
  const out: PackageDir[] = [];
  for (const publisher of readdirSync(root).filter(visible).sort()) {
    const publisherDir = join(root, publisher);
    const kind = entryKind(publisherDir);
    if (kind === 'other') continue;
    const publisherProblem =
      kind === 'link'
        ? 'The publisher folder is a symbolic link; links are never followed, so nothing from elsewhere is published.'
        : folderNameProblem(publisher, 'publisher');
    if (kind === 'link') {
      out.push({ publisher, slug: '*', dir: publisherDir, problem: publisherProblem });
      continue;
    }
    for (const slug of readdirSync(publisherDir).filter(visible).sort()) {
      const dir = join(publisherDir, slug);
      const skillKind = entryKind(dir);
      if (skillKind === 'other') continue;
      const problem =
        publisherProblem ??
        (skillKind === 'link'
          ? 'The skill folder is a symbolic link; links are never followed, so nothing from elsewhere is published.'
          : folderNameProblem(slug, 'skill'));
      out.push({ publisher, slug, dir, ...(problem ? { problem } : {}) });
    }
  }
  return out;
}

function entryKind(path: string): 'dir' | 'link' | 'other' {
  const stat = lstatSync(path);
  if (stat.isDirectory()) return 'dir';
  if (stat.isSymbolicLink()) {
    try {
      return statSync(path).isDirectory() ? 'link' : 'other';
    } catch {
      return 'other';
    }
  }
  return 'other';
}

function folderNameProblem(name: string, what: string): string | undefined {
  const problem = nameProblem(name);
  if (problem) return `The ${what} folder name "${name}" has ${problem}.`;
  if (name.length > 100) return `The ${what} folder name is longer than 100 characters.`;
  return undefined;
}

/** True for a folder (or a link to one). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
