import { escapeHtml } from '../lib/shared/html-entities.ts';

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
    const url = bundle === 'cards' ? '/pagefind-cards/pagefind.js' : '/pagefind/pagefind.js';
    try {
      const module = (await import(/* @vite-ignore */ url)) as Pagefind;
      await module.options({ excerptLength: 24 });
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

/** Pagefind excerpts are escaped text plus <mark>; keep only the marks. */
export function safeExcerpt(excerpt: string): string {
  return escapeHtml(excerpt.replace(/<\/?mark>/g, '\u0001')).replace(
    /\u0001([^\u0001]*)\u0001/g,
    '<mark>$1</mark>',
  );
}
