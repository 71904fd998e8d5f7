import { pagefindUrl, shardFolder, SITE_BASE } from '../lib/shared/urls.ts';

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
  mergeIndex: (url: string, options?: Record<string, unknown>) => Promise<void>;
}

/** `full`: full-text search over pages; `cards`: small per-skill records for catalogue filters. */
export type PagefindBundle = 'full' | 'cards';

/** How many shards a bundle has and the tag of this build of it (its `shards.json`); one shard when the file is missing. */
async function shardInfo(folder: string): Promise<{ count: number; tag?: string | undefined }> {
  try {
    const response = await fetch(`${folder}shards.json`);
    if (!response.ok) return { count: 1 };
    const { count, tag } = (await response.json()) as { count?: unknown; tag?: unknown };
    return {
      count:
        typeof count === 'number' && Number.isInteger(count) && count > 0 && count <= 4096
          ? count
          : 1,
      tag: typeof tag === 'string' && /^[0-9a-f]{1,64}$/.test(tag) ? tag : undefined,
    };
  } catch {
    return { count: 1 };
  }
}

const bundles = new Map<PagefindBundle, Promise<Pagefind>>();

/** Loads a Pagefind bundle on first use only; rejects with a clear message when no index was built (e.g. `astro dev`). */
export function loadPagefind(bundle: PagefindBundle = 'full'): Promise<Pagefind> {
  let pagefind = bundles.get(bundle);
  pagefind ??= (async () => {
    const url = pagefindUrl(bundle);
    try {
      const folder = url.slice(0, url.lastIndexOf('/') + 1);
      const [module, { count, tag }] = await Promise.all([
        import(/* @vite-ignore */ url) as Promise<Pagefind>,
        shardInfo(folder),
      ]);
      // The index holds site paths without the base (src/integrations/pagefind.ts); results get it here.
      // With the build's tag, the browser may cache each shard's entry file instead of refetching it.
      const options = {
        baseUrl: SITE_BASE,
        excerptLength: 24,
        ...(tag ? { metaCacheTag: tag } : {}),
      };
      await module.options(options);
      // A big catalogue is indexed in shards (src/lib/search/shards.ts): the first is the bundle itself.
      await Promise.all(
        Array.from({ length: count - 1 }, (_, i) =>
          module.mergeIndex(`${folder}${shardFolder(i + 1)}`, options),
        ),
      );
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
