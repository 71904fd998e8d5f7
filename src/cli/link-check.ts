import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { normaliseBase, stripBase } from '../lib/shared/urls.ts';

/** Every .html file under a built site. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

function resolvesInBuild(root: string, pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const file = join(root, decoded);
  if (existsSync(file) && statSync(file).isFile()) return true;
  return existsSync(join(file, 'index.html'));
}

/**
 * Checks every internal href, src and form action of every page of a built site served under `base` (Astro's `base`,
 * `/` by default); returns the broken ones and how many were checked. A link outside the base is broken.
 */
export function findBrokenLinks(
  root: string,
  base = '/',
): {
  pages: number;
  checked: number;
  broken: string[];
} {
  const pages = htmlFiles(root);
  const broken = new Set<string>();
  let checked = 0;
  const prefix = normaliseBase(base);
  for (const page of pages) {
    const rel = relative(root, page).split(sep).join('/');
    const pageUrl = new URL(`${prefix}${rel.replace(/index\.html$/, '')}`, 'http://site.test');
    // Only attributes of real tags count: text such as `<img src="x">` inside <code> is escaped and has no tag.
    const attributes = [...readFileSync(page, 'utf8').matchAll(/<[a-zA-Z][^<>]*>/g)].flatMap(
      (tag) => [...tag[0].matchAll(/\s(?:href|src|action)="([^"]*)"/g)],
    );
    for (const match of attributes) {
      const raw = match[1]!.replace(/&amp;/g, '&');
      if (!raw || raw.startsWith('#') || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(raw)) continue;
      const url = new URL(raw, pageUrl);
      if (url.origin !== 'http://site.test') continue;
      checked += 1;
      const path = stripBase(url.pathname, prefix);
      if (path === undefined || !resolvesInBuild(root, path))
        broken.add(`${rel} → ${url.pathname}`);
    }
  }
  return { pages: pages.length, checked, broken: [...broken] };
}
