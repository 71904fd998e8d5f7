import {
  CARD_CHUNK,
  encodeIds,
  nameBucket,
  nameWords,
  storeFiles,
  TOP_VALUES,
  type FacetIndex,
  type FacetValue,
  type NameEntry,
  type StoredCard,
} from '../shared/catalogue-store.ts';
import type { CardRecord } from './card-record.ts';

/**
 * The precomputed catalogue for instant filters, as files under `catalogue/`: cards in name order
 * (`cards/<n>.json`, CARD_CHUNK per file), one id-list per facet value (`ids/<facet>/<id>.json`,
 * positions in name order, delta-encoded), every value of each facet (`all/<facet>.json`), the
 * positions by most recent update (`by-updated.json`), and `facets.json`. A filter click fetches a
 * few small lists and one chunk, and intersects in the browser: no search index is involved.
 * `cards` must be in catalogue (name) order.
 */
export function facetStore(cards: readonly CardRecord[]): Map<string, string> {
  const files = new Map<string, string>();
  for (let start = 0; start < cards.length; start += CARD_CHUNK) {
    const chunk: StoredCard[] = cards
      .slice(start, start + CARD_CHUNK)
      .map(({ url, meta }) => ({ url, meta }));
    files.set(storeFiles.cards(start / CARD_CHUNK), JSON.stringify(chunk));
  }
  const top: Record<string, FacetValue[]> = {};
  const totals: Record<string, number> = {};
  const facetNames = [...new Set(cards.flatMap((c) => Object.keys(c.filters)))].sort();
  for (const facet of facetNames) {
    const lists = new Map<string, number[]>();
    cards.forEach((card, position) => {
      for (const value of new Set(card.filters[facet] ?? [])) {
        const list = lists.get(value);
        if (list) list.push(position);
        else lists.set(value, [position]);
      }
    });
    // Ids follow the value's rank, so the most common values have the smallest ids.
    const values: FacetValue[] = [...lists]
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([value, list], id) => {
        files.set(storeFiles.ids(facet, id), JSON.stringify(encodeIds(list)));
        return [value, list.length, id];
      });
    top[facet] = values.slice(0, TOP_VALUES);
    totals[facet] = values.length;
    files.set(storeFiles.all(facet), JSON.stringify(values));
  }
  const byUpdated = cards
    .map((card, position) => ({ position, updated: card.sort['updated'] ?? '' }))
    .sort((a, b) =>
      a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.position - b.position,
    )
    .map((entry) => entry.position);
  files.set(storeFiles.byUpdated, JSON.stringify(byUpdated));
  // The name index: every word of every name, bucketed by its first character, sorted by word.
  const buckets = new Map<string, NameEntry[]>();
  cards.forEach((card, position) => {
    for (const word of new Set(nameWords(card.meta['title'] ?? ''))) {
      const bucket = buckets.get(nameBucket(word));
      if (bucket) bucket.push([word, position]);
      else buckets.set(nameBucket(word), [[word, position]]);
    }
  });
  for (const [bucket, entries] of buckets) {
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    files.set(storeFiles.names(bucket), JSON.stringify(entries));
  }
  const index: FacetIndex = { count: cards.length, chunk: CARD_CHUNK, top, totals };
  files.set(storeFiles.index, JSON.stringify(index));
  return files;
}
