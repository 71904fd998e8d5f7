import { pagefindUrl, SITE_BASE } from '../lib/shared/urls.ts';

/** The subset of Pagefind's browser API the site uses. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}
export interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}
export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}
export interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (
    query: string | null,
    options?: { filters?: unknown; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<PagefindSearch>;
  debouncedSearch: (
    query: string | null,
    options?: { filters?: unknown; sort?: Record<string, 'asc' | 'desc'> },
    ms?: number,
  ) => Promise<PagefindSearch | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  preload: (query: string) => Promise<void>;
}

/** `full`: full-text search over pages; `cards`: small per-skill records for catalogue filters. */
export type PagefindBundle = 'full' | 'cards';

const bundles = new Map<PagefindBundle, Promise<Pagefind>>();

/** Loads a Pagefind bundle on first use only; rejects with a clear message when no index was built (e.g. `astro dev`). */
export function loadPagefind(bundle: PagefindBundle = 'full'): Promise<Pagefind> {
  let pagefind = bundles.get(bundle);
  pagefind ??= (async () => {
    const url = pagefindUrl(bundle);
    try {
      const module = (await import(/* @vite-ignore */ url)) as Pagefind;
      // The index holds site paths without the base (src/integrations/pagefind.ts); results get it here.
      await module.options({ baseUrl: SITE_BASE, excerptLength: 24 });
      await module.init();
      // Filter counts in search responses are only computed once the filter index is loaded.
      await module.filters();
      return module;
    } catch {
      bundles.delete(bundle);
      throw new Error(
        'The search index is not available. It is built by `npm run build`; `astro dev` has none.',
      );
    }
  })();
  bundles.set(bundle, pagefind);
  return pagefind;
}
