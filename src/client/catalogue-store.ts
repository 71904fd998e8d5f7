import {
  decodeIds,
  storeFiles,
  TOP_VALUES,
  type FacetIndex,
  type FacetValue,
  type StoredCard,
} from '../lib/shared/catalogue-store.ts';
import type { FacetKey } from '../lib/shared/search-state.ts';
import { sitePath } from '../lib/shared/urls.ts';
import type { PagefindResultData } from './pagefind.ts';

/**
 * The precomputed catalogue (src/lib/search/facet-store.ts): filter clicks with no query are answered
 * from a few small files — one id-list per chosen value, intersected here, and the card chunks of
 * the first page — without loading the search index.
 */
const files = new Map<string, Promise<unknown>>();

/** Forgets every fetched file (tests load several stores in one process). */
export function forgetStoreFiles(): void {
  files.clear();
}

/** Fetches a store file once per page. */
export function loadStoreFile<T>(path: string): Promise<T> {
  let file = files.get(path) as Promise<T> | undefined;
  if (!file) {
    file = fetch(sitePath(`catalogue/${path}`)).then((response) => {
      if (!response.ok) throw new Error(`catalogue/${path}: HTTP ${response.status}`);
      return response.json() as Promise<T>;
    });
    // A failed fetch is not remembered: the next click tries again.
    file.catch(() => files.delete(path));
    files.set(path, file);
  }
  return file;
}

/** The store's index: card count, chunk size and the most common values of each facet. */
export function loadStoreIndex(): Promise<FacetIndex> {
  return loadStoreFile<FacetIndex>(storeFiles.index);
}

/** Catalogue-wide counts of the most common values, in the shape the facet panel renders. */
export function topCounts(index: FacetIndex): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(index.top).map(([facet, values]) => [
      facet,
      Object.fromEntries(values.map(([value, count]) => [value, count])),
    ]),
  );
}

/** The id of a facet value: from the index when it is common, else from the facet's full list. */
async function valueId(
  index: FacetIndex,
  facet: string,
  value: string,
): Promise<number | undefined> {
  const find = (values: FacetValue[] | undefined): number | undefined =>
    values?.find(([v]) => v === value)?.[2];
  const top = find(index.top[facet]);
  if (top !== undefined || (index.totals[facet] ?? 0) <= (index.top[facet]?.length ?? 0))
    return top;
  return find(await loadStoreFile<FacetValue[]>(storeFiles.all(facet)));
}

/** Values of a facet whose label contains the text, most common first, at most TOP_VALUES (catalogue-wide counts). */
export async function findFacetValues(facet: string, text: string): Promise<[string, number][]> {
  const all = await loadStoreFile<FacetValue[]>(storeFiles.all(facet));
  return all
    .filter(([value]) => value.toLowerCase().includes(text))
    .slice(0, TOP_VALUES)
    .map(([value, count]) => [value, count]);
}

/** Id-list files fetched at once while counting: a later click's own fetches never queue behind many. */
const COUNT_FETCHES = 6;

/**
 * How many of `positions` each shown value of every facet has (the chosen values included), from
 * the values' id-lists, fetched a few at a time. Gives up (undefined) as soon as `isCurrent` says a
 * newer answer is wanted, so stale counting never holds up the next click.
 */
export async function countsWithin(
  index: FacetIndex,
  positions: number[],
  filters: Record<FacetKey, string[]>,
  isCurrent: () => boolean = () => true,
): Promise<Record<string, Record<string, number>> | undefined> {
  const chosen = new Uint8Array(index.count);
  for (const position of positions) chosen[position] = 1;
  const jobs: { facet: string; value: string; id: number }[] = [];
  for (const facet of Object.keys(index.top)) {
    const values = new Map((index.top[facet] ?? []).map(([value, , id]) => [value, id]));
    for (const value of filters[facet as FacetKey] ?? []) {
      const id = values.has(value) ? values.get(value) : await valueId(index, facet, value);
      if (id !== undefined) values.set(value, id);
    }
    for (const [value, id] of values) jobs.push({ facet, value, id });
  }
  const counts: Record<string, Record<string, number>> = Object.fromEntries(
    Object.keys(index.top).map((facet) => [facet, {}]),
  );
  for (let start = 0; start < jobs.length; start += COUNT_FETCHES) {
    if (!isCurrent()) return undefined;
    await Promise.all(
      jobs.slice(start, start + COUNT_FETCHES).map(async ({ facet, value, id }) => {
        const ids = decodeIds(await loadStoreFile<number[]>(storeFiles.ids(facet, id)));
        let n = 0;
        for (const position of ids) n += chosen[position]!;
        counts[facet]![value] = n;
      }),
    );
  }
  return isCurrent() ? counts : undefined;
}

/** Positions (catalogue order) in both ascending lists, by walking them together. */
function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i += 1;
    else if (a[i]! > b[j]!) j += 1;
    else {
      out.push(a[i]!);
      i += 1;
      j += 1;
    }
  }
  return out;
}

/**
 * The positions of the skills that have every chosen value (AND, within and across facets), in
 * catalogue order or most recently updated first.
 */
export async function matchingPositions(
  index: FacetIndex,
  filters: Record<FacetKey, string[]>,
  sort: 'name' | 'updated',
): Promise<number[]> {
  const chosen = Object.entries(filters).flatMap(([facet, values]) =>
    values.map((value) => ({ facet, value })),
  );
  const lists = await Promise.all(
    chosen.map(async ({ facet, value }) => {
      const id = await valueId(index, facet, value);
      return id === undefined
        ? []
        : decodeIds(await loadStoreFile<number[]>(storeFiles.ids(facet, id)));
    }),
  );
  lists.sort((a, b) => a.length - b.length);
  let positions = lists.length ? lists[0]! : Array.from({ length: index.count }, (_, i) => i);
  for (const list of lists.slice(1)) positions = intersect(positions, list);
  if (sort === 'name') return positions;
  const chosenSet = new Uint8Array(index.count);
  for (const position of positions) chosenSet[position] = 1;
  return (await loadStoreFile<number[]>(storeFiles.byUpdated)).filter((p) => chosenSet[p] === 1);
}

/** The cards at these positions, fetching each chunk once, as the card renderer reads them. */
export async function cardsAt(
  index: FacetIndex,
  positions: number[],
): Promise<PagefindResultData[]> {
  const chunks = [...new Set(positions.map((p) => Math.floor(p / index.chunk)))];
  const loaded = new Map(
    await Promise.all(
      chunks.map(
        async (chunk) =>
          [chunk, await loadStoreFile<StoredCard[]>(storeFiles.cards(chunk))] as const,
      ),
    ),
  );
  return positions.map((position) => {
    const card = loaded.get(Math.floor(position / index.chunk))?.[position % index.chunk];
    if (!card) throw new Error(`catalogue: no card at ${position}`);
    return { url: sitePath(card.url), meta: card.meta, excerpt: '', filters: {} };
  });
}
