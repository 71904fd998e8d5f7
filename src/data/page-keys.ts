import { createHash } from 'node:crypto';
import { site } from './site.ts';

// What every page may read besides its own data: the operator's site.json and the build switches.
const SHARED = JSON.stringify([site, process.env['SKILLSHELF_LOCAL_PREVIEW'] ?? '']);

/**
 * The key under which Astro's incremental build (`experimental.incrementalBuild`) keeps a page:
 * a hash of every piece of data the page reads, so an unchanged page is copied from the last
 * build and a changed one is made again. Astro adds the hash of the route's code itself.
 */
export function pageKey(...data: unknown[]): string {
  return createHash('sha256')
    .update(SHARED)
    .update('\0')
    .update(JSON.stringify(data))
    .digest('base64url');
}

/** Paginated listing pages keyed by what each page shows (its cards, its position, its extra props). */
export function withPageKeys<T extends { props: object }>(
  pages: T[],
): (T & { cacheKey: string })[] {
  return pages.map((page) => ({ ...page, cacheKey: pageKey(page.props) }));
}
