/** Facets a search or catalogue can filter by, in display order; keys match the Pagefind filter names. */
export const FACETS = [
  { key: 'tag', label: 'Tags', param: 'tag' },
  { key: 'publisher', label: 'Publisher', param: 'publisher' },
  { key: 'license', label: 'Licence', param: 'license' },
  { key: 'scripts', label: 'Ships scripts', param: 'scripts' },
  { key: 'trust', label: 'Trust', param: 'trust' },
  { key: 'loads', label: 'Loads in', param: 'loads' },
] as const;

export type FacetKey = (typeof FACETS)[number]['key'];

/** Sort orders offered on the catalogue and search pages. */
export const SORTS = {
  relevance: 'Best match',
  name: 'Name',
  updated: 'Recently updated',
} as const;
export type SortKey = keyof typeof SORTS;

/** A search as it lives in the URL: `?q=…&tag=a&tag=b&publisher=…&sort=updated`. */
export interface SearchState {
  query: string;
  filters: Record<FacetKey, string[]>;
  sort: SortKey;
}

/** Reads a search state from URL parameters; unknown sorts fall back to the default. */
export function parseSearchState(
  params: URLSearchParams,
  defaultSort: SortKey = 'relevance',
): SearchState {
  const filters = Object.fromEntries(
    FACETS.map((f) => [f.key, [...new Set(params.getAll(f.param).filter(Boolean))]]),
  ) as Record<FacetKey, string[]>;
  const sort = params.get('sort');
  return {
    query: (params.get('q') ?? '').trim(),
    filters,
    sort: sort && Object.hasOwn(SORTS, sort) ? (sort as SortKey) : defaultSort,
  };
}

/** Writes a search state as URL parameters, omitting empty parts and the default sort. */
export function serialiseSearchState(
  state: SearchState,
  defaultSort: SortKey = 'relevance',
): string {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const facet of FACETS)
    for (const value of state.filters[facet.key]) params.append(facet.param, value);
  if (state.sort !== defaultSort) params.set('sort', state.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Pagefind's filter object: several values of one facet must all match (AND). */
export function toPagefindFilters(
  filters: Record<FacetKey, string[]>,
): Record<string, { all: string[] }> {
  const out: Record<string, { all: string[] }> = {};
  for (const [key, values] of Object.entries(filters))
    if (values.length) out[key] = { all: values };
  return out;
}

/** Adds or removes one facet value, returning a new state. */
export function toggleFilter(state: SearchState, key: FacetKey, value: string): SearchState {
  const current = state.filters[key];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, filters: { ...state.filters, [key]: next } };
}

/** True when the state has no query and no filter. */
export function isEmptySearch(state: SearchState): boolean {
  return !state.query && Object.values(state.filters).every((v) => v.length === 0);
}
