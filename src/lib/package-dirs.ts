import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A package folder in the content tree. */
export interface PackageDir {
  publisher: string;
  slug: string;
  dir: string;
}

/** Package folders under `root`: `<publisher>/<skill>/`, hidden and `_`-prefixed folders skipped. */
export function findPackageDirs(root: string): PackageDir[] {
  if (!existsSync(root)) return [];
  const visible = (name: string): boolean => !name.startsWith('.') && !name.startsWith('_');
  const out: PackageDir[] = [];
  for (const publisher of readdirSync(root).filter(visible).sort()) {
    const publisherDir = join(root, publisher);
    if (!isDirectory(publisherDir)) continue;
    for (const slug of readdirSync(publisherDir).filter(visible).sort()) {
      const dir = join(publisherDir, slug);
      if (isDirectory(dir)) out.push({ publisher, slug, dir });
    }
  }
  return out;
}

/** True for a folder (or a link to one). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

