import {
  FACETS,
  isEmptySearch,
  parseSearchState,
  serialiseSearchState,
  toPagefindFilters,
  toggleFilter,
  type FacetKey,
  type SearchState,
  type SortKey,
} from '../lib/shared/search-state.ts';
import { loadPagefind, type PagefindSearch } from './pagefind.ts';
import { renderCard, renderFacets, renderHit } from './render-results.ts';
import { PRELOAD_MIN_CHARS, TYPING_PAUSE_MS } from './search-timing.ts';

/** Results rendered per step: cards fill a catalogue page; text hits come fewer so they appear at once. */
const BATCH = { catalogue: 24, search: 8 } as const;
/** Results painted before the rest of a batch has loaded. */
const FIRST_PAINT = 3;

/**
 * Search and filter UI over the Pagefind index, with its state in the URL. `data-mode="search"`
 * shows text hits; `data-mode="catalogue"` shows cards and leaves the server-rendered page in place
 * until a filter or sort is chosen, so the catalogue never ships every card.
 */
export class SkillBrowser extends HTMLElement {
  #mode: 'search' | 'catalogue' = 'search';
  #defaultSort: SortKey = 'relevance';
  #state!: SearchState;
  #search: PagefindSearch | null = null;
  #shown = 0;
  #run = 0;
  #typing: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.#mode = this.dataset['mode'] === 'catalogue' ? 'catalogue' : 'search';
    this.#defaultSort = this.#mode === 'catalogue' ? 'name' : 'relevance';
    this.#state = parseSearchState(new URLSearchParams(location.search), this.#defaultSort);
    // The "needs JavaScript" note is plain content (so every no-JS browser shows it); remove it now.
    this.querySelector('[data-nojs]')?.remove();
    // On narrow screens the filters start folded so results come first.
    if (!matchMedia('(min-width: 1024px)').matches)
      this.querySelector('[data-filters]')?.removeAttribute('open');
    const input = this.querySelector<HTMLInputElement>('[data-input]');
    const sort = this.querySelector<HTMLSelectElement>('[data-sort]');
    this.#syncControls();
    this.querySelector('[data-form]')?.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#update({ ...this.#state, query: input?.value.trim() ?? '' }, 'push');
    });
    input?.addEventListener('input', () => {
      const query = input.value.trim();
      // Load the index chunks for what is typed so far at once; search when typing pauses.
      if (query.length >= PRELOAD_MIN_CHARS)
        void loadPagefind()
          .then((pagefind) => pagefind.preload(query))
          .catch(() => undefined);
      clearTimeout(this.#typing);
      this.#typing = setTimeout(
        () => this.#update({ ...this.#state, query }, 'replace'),
        TYPING_PAUSE_MS,
      );
    });
    sort?.addEventListener('change', () =>
      this.#update({ ...this.#state, sort: sort.value as SortKey }, 'push'),
    );
    this.querySelector('[data-more]')?.addEventListener('click', () => void this.#renderMore());
    this.querySelector('[data-clear]')?.addEventListener('click', () =>
      this.#update(
        {
          query: '',
          filters: parseSearchState(new URLSearchParams()).filters,
          sort: this.#defaultSort,
        },
        'push',
      ),
    );
    this.querySelector('[data-facets-panel]')?.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-facet]');
      if (button)
        this.#update(
          toggleFilter(
            this.#state,
            button.dataset['facet'] as FacetKey,
            button.dataset['value'] ?? '',
          ),
          'push',
        );
    });
    window.addEventListener('popstate', () => {
      this.#state = parseSearchState(new URLSearchParams(location.search), this.#defaultSort);
      this.#syncControls();
      void this.#execute();
    });
    void this.#execute();
  }

  #syncControls(): void {
    const input = this.querySelector<HTMLInputElement>('[data-input]');
    const sort = this.querySelector<HTMLSelectElement>('[data-sort]');
    if (input) input.value = this.#state.query;
    if (sort) sort.value = this.#state.sort;
  }

  #update(state: SearchState, history: 'push' | 'replace'): void {
    this.#state = state;
    const url = `${location.pathname}${serialiseSearchState(state, this.#defaultSort)}`;
    if (history === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    void this.#execute();
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T | null {
    return this.querySelector<T>(`[data-${name}]`);
  }

  /** Screen readers and tests learn from `aria-busy` whether the results list is still being filled. */
  #busy(busy: boolean): void {
    this.#part('results')?.setAttribute('aria-busy', String(busy));
  }

  async #execute(): Promise<void> {
    const run = ++this.#run;
    const status = this.#part('status')!;
    this.#busy(true);
    let pagefind;
    try {
      pagefind = await loadPagefind(this.#mode === 'catalogue' ? 'cards' : 'full');
    } catch (error) {
      status.textContent = (error as Error).message;
      this.#busy(false);
      return;
    }
    if (run !== this.#run) return;
    const { query, filters, sort } = this.#state;
    const idle = isEmptySearch(this.#state) && sort === this.#defaultSort;
    const staticView = this.#part('static');
    const dynamic = this.#part('dynamic');
    this.#part('clear')?.classList.add('hidden');

    if (idle) {
      // Nothing chosen: show the static page (catalogue) or a prompt (search), with catalogue-wide counts.
      const totals = await pagefind.filters();
      if (run !== this.#run) return;
      this.#part('facets-panel')!.replaceChildren(...renderFacets(FACETS, totals, this.#state));
      staticView?.removeAttribute('hidden');
      dynamic?.setAttribute('hidden', '');
      status.textContent =
        this.#mode === 'search'
          ? 'Type to search every skill’s name, description, SKILL.md and references, or pick a filter.'
          : '';
      this.#busy(false);
      this.#announce();
      return;
    }

    const sortOption =
      sort === 'name'
        ? { name: 'asc' as const }
        : sort === 'updated'
          ? { updated: 'desc' as const }
          : undefined;
    const search = await pagefind.search(query || null, {
      filters: toPagefindFilters(filters),
      ...(sortOption ? { sort: sortOption } : query ? {} : { sort: { name: 'asc' as const } }),
    });
    if (run !== this.#run) return;
    this.#search = search;
    this.#part('facets-panel')!.replaceChildren(
      ...renderFacets(FACETS, search.filters, this.#state),
    );
    staticView?.setAttribute('hidden', '');
    dynamic?.removeAttribute('hidden');
    this.#part('results')!.replaceChildren();
    this.#shown = 0;
    const count = search.results.length;
    if (count === 0) {
      status.textContent = 'No skills match these filters. Remove one, or clear them all.';
      this.#part('clear')?.classList.remove('hidden');
    } else {
      status.textContent = `${count.toLocaleString('en-US')} ${count === 1 ? 'skill' : 'skills'}${query ? ` for “${query}”` : ''}`;
    }
    await this.#renderMore();
  }

  async #renderMore(): Promise<void> {
    const search = this.#search;
    if (!search) return;
    const run = this.#run;
    this.#busy(true);
    const render = this.#mode === 'catalogue' ? renderCard : renderHit;
    const slice = search.results.slice(this.#shown, this.#shown + BATCH[this.#mode]);
    this.#shown += slice.length;
    this.#part('more')?.classList.toggle('hidden', this.#shown >= search.results.length);
    // Each result's data is a separate fragment: show the first few as soon as they arrive, then the rest.
    const chunks = [slice.slice(0, FIRST_PAINT), slice.slice(FIRST_PAINT)];
    for (const [i, chunk] of chunks.entries()) {
      if (!chunk.length) continue;
      const data = await Promise.all(chunk.map((r) => r.data()));
      if (run !== this.#run) return;
      this.#part('results')!.append(...data.map(render));
      if (i === 0) this.#announce();
    }
    this.#busy(false);
  }

  /** Marks the moment results are on screen (benchmarks and tests wait for it). */
  #announce(): void {
    this.dataset['rendered'] = String(this.#run);
    this.dataset['renderedQuery'] = this.#state.query;
    this.dispatchEvent(new CustomEvent('skillshelf:rendered', { bubbles: true }));
  }
}
