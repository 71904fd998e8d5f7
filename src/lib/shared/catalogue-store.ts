/**
 * The precomputed catalogue for instant filters (built by src/lib/search/facet-store.ts, read by the
 * catalogue page's script): its file names, shapes and id-list encoding. Browser-safe.
 */

/** Cards per chunk file: a first page of results needs one or two chunks. */
export const CARD_CHUNK = 100;
/** Values per facet listed up front (most common first); the rest are in `all/<facet>.json`: a real catalogue has thousands of publishers and tags. */
export const TOP_VALUES = 30;

/** A card as the browser renders it (the fields of a Pagefind card record it reads). */
export interface StoredCard {
  url: string;
  meta: Record<string, string>;
}

/** One facet value: its label, how many skills have it, and the id naming its id-list file. */
export type FacetValue = [value: string, count: number, id: number];

/** `catalogue/facets.json`: what the catalogue page needs before any list is fetched. */
export interface FacetIndex {
  count: number;
  chunk: number;
  /** The most common values of each facet, most common first. */
  top: Record<string, FacetValue[]>;
  /** How many values each facet has in all. */
  totals: Record<string, number>;
}

/** Delta-encodes ascending numbers: small gaps compress far better than large indices. */
export function encodeIds(ids: readonly number[]): number[] {
  return ids.map((id, i) => (i === 0 ? id : id - ids[i - 1]!));
}

/** The inverse of encodeIds. */
export function decodeIds(gaps: readonly number[]): number[] {
  const ids: number[] = [];
  let last = 0;
  gaps.forEach((gap, i) => ids.push((last = i === 0 ? gap : last + gap)));
  return ids;
}

/** The words of a skill name, as the name index keys them: lower case, accents dropped, split on anything not a letter or digit. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The name-index bucket of a word: its first letter or digit (other first characters share `_`). */
export function nameBucket(word: string): string {
  const first = word.charAt(0);
  return /^[a-z0-9]$/.test(first) ? first : '_';
}

/** A name-index entry: a word of a skill's name and the skill's position in catalogue order. */
export type NameEntry = [word: string, position: number];

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A name hit's excerpt in Pagefind's excerpt format: the text, with each word that starts like a
 * query word between `<mark>` and `</mark>`. The client splits it on those two tags only and shows
 * everything else as text (src/client/templates.ts setExcerpt), so nothing here is parsed as HTML.
 */
export function markWords(text: string, words: string[]): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (token) => {
    const [normalised = ''] = nameWords(token);
    return words.some((w) => normalised.startsWith(w)) ? `<mark>${token}</mark>` : token;
  });
}

/** The files of the store, relative to its folder. */
export const storeFiles = {
  names: (bucket: string): string => `names/${bucket}.json`,
  index: 'facets.json',
  byUpdated: 'by-updated.json',
  cards: (chunk: number): string => `cards/${chunk}.json`,
  ids: (facet: string, id: number): string => `ids/${facet}/${id}.json`,
  all: (facet: string): string => `all/${facet}.json`,
};
