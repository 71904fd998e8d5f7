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
import { searchUrl } from '../lib/shared/urls.ts';
import {
  cardsAt,
  countsWithin,
  findFacetValues,
  loadStoreIndex,
  matchingPositions,
  topCounts,
} from './catalogue-store.ts';
import { closeTags, nameMatches } from './name-search.ts';
import { loadPagefind, type PagefindSearch } from './pagefind.ts';
import { renderCard, renderFacetGroup, renderFacets, renderHit } from './render-results.ts';
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
  /** How many values each facet has in the whole catalogue (from the store's index). */
  #totals: Record<string, number> = {};
  /** URLs of the name hits painted first; the full-text hits skip them. */
  #pinned = new Set<string>();
  /** The query those name hits answer. */
  #pinnedQuery = '';
  /** With no query on the catalogue: the matching positions, answered by the precomputed store. */
  #positions: number[] | null = null;
  #shown = 0;
  #run = 0;
  #typing: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.#mode = this.dataset['mode'] === 'catalogue' ? 'catalogue' : 'search';
    this.#defaultSort = this.#mode === 'catalogue' ? 'name' : 'relevance';
    this.#state = parseSearchState(new URLSearchParams(location.search), this.#defaultSort);
    // The "needs JavaScript" note is plain content (so every no-JS browser shows it); remove it now.
    this.querySelector('[data-nojs]')?.remove();
    // The filters start folded (results come first on a narrow screen); a wide one shows them beside.
    if (matchMedia('(min-width: 1024px)').matches)
      this.querySelector('[data-filters]')?.setAttribute('open', '');
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
      // Names answer at once, on every keystroke, from the small name index; the full text waits for a pause.
      if (this.#mode === 'search' && query) {
        const run = ++this.#run;
        this.#busy(true);
        void this.#paintNameHits(run, query);
      }
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
    // A facet with more values than it shows (publishers, tags) has a find box over all of them.
    let finding: ReturnType<typeof setTimeout> | undefined;
    this.querySelector('[data-facets-panel]')?.addEventListener('input', (event) => {
      const box = (event.target as Element).closest<HTMLInputElement>('input[data-find]');
      if (!box) return;
      clearTimeout(finding);
      finding = setTimeout(() => void this.#findValues(box), 80);
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

  /** Renders the facet panel's counts; until then the panel is marked busy (its counts are the last answer's). */
  #showFacets(counts: Record<string, Record<string, number>>): void {
    const panel = this.#part('facets-panel')!;
    panel.replaceChildren(...renderFacets(FACETS, counts, this.#state, this.#totals));
    panel.setAttribute('aria-busy', 'false');
  }

  async #execute(): Promise<void> {
    const run = ++this.#run;
    this.#busy(true);
    this.#part('facets-panel')?.setAttribute('aria-busy', 'true');
    try {
      const { query, sort } = this.#state;
      if (this.#mode === 'catalogue' && !query && sort !== 'relevance') await this.#fromStore(run);
      else await this.#fromIndex(run);
    } catch (error) {
      if (run !== this.#run) return;
      this.#part('status')!.textContent = (error as Error).message;
      this.#busy(false);
      this.#part('facets-panel')?.setAttribute('aria-busy', 'false');
    }
  }

  /** Shows the static page (catalogue) or a prompt (search) when nothing is chosen. */
  #showIdle(totals: Record<string, Record<string, number>>): void {
    this.#pinned = new Set();
    this.#pinnedQuery = '';
    this.#showFacets(totals);
    this.#part('static')?.removeAttribute('hidden');
    this.#part('dynamic')?.setAttribute('hidden', '');
    this.#part('status')!.textContent =
      this.#mode === 'search'
        ? 'Type to search every skill’s name, description, SKILL.md and references, or pick a filter.'
        : '';
    this.#busy(false);
    this.#announce();
  }

  /** Clears the results list for a new answer and says how many skills it has. */
  #showCount(count: number): void {
    const { query } = this.#state;
    this.#part('static')?.setAttribute('hidden', '');
    this.#part('dynamic')?.removeAttribute('hidden');
    // Name hits already on screen stay where they are; everything else is replaced.
    const results = this.#part('results')!;
    while (results.children.length > this.#pinned.size) results.lastElementChild?.remove();
    this.#shown = 0;
    const status = this.#part('status')!;
    if (count === 0) {
      status.textContent = query
        ? `No skills match “${query}”.`
        : 'No skills match these filters. Remove one, or clear them all.';
      this.#part('clear')?.classList.remove('hidden');
      if (query) void this.#suggest(query, this.#run);
    } else {
      status.textContent = `${count.toLocaleString('en-US')} ${count === 1 ? 'skill' : 'skills'}${query ? ` for “${query}”` : ''}`;
    }
  }

  /** Replaces a facet group's buttons with the values matching its find box (catalogue-wide counts). */
  async #findValues(box: HTMLInputElement): Promise<void> {
    const key = box.dataset['find'] as FacetKey;
    const facet = FACETS.find((f) => f.key === key);
    const group = box.closest<HTMLElement>('[data-facet-group]');
    if (!facet || !group) return;
    const text = box.value.trim().toLowerCase();
    const values = await findFacetValues(key, text);
    if (box.value.trim().toLowerCase() !== text) return;
    const replacement = renderFacetGroup(facet, values, this.#state, true);
    const newBox = replacement.querySelector<HTMLInputElement>('input[data-find]')!;
    newBox.value = box.value;
    group.replaceWith(replacement);
    newBox.focus();
  }

  /** After a query that found nothing: links to close tags (names one typo away are already name hits). */
  async #suggest(query: string, run: number): Promise<void> {
    const tags = await closeTags(query);
    if (run !== this.#run || !tags.length) return;
    const status = this.#part('status')!;
    status.append(' Close tags: ');
    tags.forEach((tag, i) => {
      const link = document.createElement('a');
      link.href = searchUrl({ filters: { tag: [tag] } });
      link.className = 'underline';
      link.textContent = tag;
      status.append(...(i ? [', ', link] : [link]));
    });
    status.append('.');
  }

  /**
   * Filters and sorts with no query, from the precomputed catalogue: a few id-lists and one chunk
   * of cards paint the first page; the panel's counts for the new selection follow from the index.
   */
  async #fromStore(run: number): Promise<void> {
    const index = await loadStoreIndex();
    this.#totals = index.totals;
    if (run !== this.#run) return;
    this.#part('clear')?.classList.add('hidden');
    const { filters, sort } = this.#state;
    if (isEmptySearch(this.#state) && sort === this.#defaultSort) {
      this.#positions = null;
      this.#showIdle(topCounts(index));
      return;
    }
    const positions = await matchingPositions(
      index,
      filters,
      sort === 'updated' ? 'updated' : 'name',
    );
    if (run !== this.#run) return;
    this.#search = null;
    this.#pinned = new Set();
    this.#pinnedQuery = '';
    this.#positions = positions;
    this.#showCount(positions.length);
    // Until the counts for this selection arrive, the panel shows the catalogue-wide ones, dimmed (busy).
    const panel = this.#part('facets-panel')!;
    if (!panel.childElementCount)
      panel.replaceChildren(...renderFacets(FACETS, topCounts(index), this.#state, index.totals));
    await this.#renderMore();
    if (run !== this.#run) return;
    // Counts for the new selection, after the cards are on screen.
    const filtered = Object.values(filters).some((values) => values.length > 0);
    if (!filtered) {
      this.#showFacets(topCounts(index));
      return;
    }
    const counts = await countsWithin(index, positions, filters, () => run === this.#run);
    if (!counts || run !== this.#run) return;
    this.#showFacets(counts);
  }

  /**
   * The first answer to a typed query on the search page: skills whose name matches (prefix, one
   * typo), painted from the small name index while the full-text index loads. Later hits are
   * appended below them, never above.
   */
  async #paintNameHits(run: number, query = this.#state.query): Promise<void> {
    const { filters, sort } = this.#state;
    const plain = Object.values(filters).every((values) => values.length === 0);
    if (this.#mode !== 'search' || !query || sort !== 'relevance' || !plain) {
      this.#pinned = new Set();
      this.#pinnedQuery = '';
      return;
    }
    // Already on screen for this query (painted as it was typed): keep it as it is.
    if (query === this.#pinnedQuery) return;
    const hits = await nameMatches(query).catch(() => []);
    if (run !== this.#run) return;
    this.#pinned = new Set(hits.map((hit) => hit.url));
    this.#pinnedQuery = hits.length ? query : '';
    if (!hits.length) return;
    this.#part('static')?.setAttribute('hidden', '');
    this.#part('dynamic')?.removeAttribute('hidden');
    this.#part('more')?.classList.add('hidden');
    this.#part('results')!.replaceChildren(...hits.map(renderHit));
    this.#part('status')!.textContent = `Names matching “${query}”; searching the full text…`;
    this.#announce(query);
  }

  /** Text search (and every search-page view) through the Pagefind index. */
  async #fromIndex(run: number): Promise<void> {
    const names = this.#paintNameHits(run);
    let pagefind;
    try {
      pagefind = await loadPagefind(this.#mode === 'catalogue' ? 'cards' : 'full');
    } finally {
      // Name hits stay useful without the full-text index; a failure is reported after them.
      await names;
    }
    if (run !== this.#run) return;
    const { query, filters, sort } = this.#state;
    this.#part('clear')?.classList.add('hidden');
    if (isEmptySearch(this.#state) && sort === this.#defaultSort) {
      // Nothing chosen: catalogue-wide counts.
      const totals = await pagefind.filters();
      if (run !== this.#run) return;
      this.#showIdle(totals);
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
    this.#positions = null;
    this.#showFacets(search.filters);
    this.#showCount(Math.max(search.results.length, this.#pinned.size));
    await this.#renderMore();
  }

  async #renderMore(): Promise<void> {
    const search = this.#search;
    const positions = this.#positions;
    const total = positions?.length ?? search?.results.length;
    if (total === undefined) return;
    const run = this.#run;
    this.#busy(true);
    const render = this.#mode === 'catalogue' ? renderCard : renderHit;
    const from = this.#shown;
    const to = Math.min(total, from + BATCH[this.#mode]);
    this.#shown = to;
    // "Show more" goes below the batch once it is all on screen: shown earlier, each chunk appended
    // above it would push it down (a layout shift).
    const more = this.#part('more');
    more?.classList.add('hidden');
    if (positions) {
      // One or two chunk files hold a whole batch: paint it at once.
      const cards = await cardsAt(await loadStoreIndex(), positions.slice(from, to));
      if (run !== this.#run) return;
      this.#part('results')!.append(...cards.map(render));
      this.#announce();
    } else if (search) {
      // Each result's data is a separate fragment: show the first few as soon as they arrive, then the rest.
      const slice = search.results.slice(from, to);
      const chunks = [slice.slice(0, FIRST_PAINT), slice.slice(FIRST_PAINT)];
      for (const [i, chunk] of chunks.entries()) {
        if (!chunk.length) continue;
        const data = (await Promise.all(chunk.map((r) => r.data()))).filter(
          (hit) => !this.#pinned.has(hit.url),
        );
        if (run !== this.#run) return;
        this.#part('results')!.append(...data.map(render));
        if (i === 0) this.#announce();
      }
      if (!slice.length) this.#announce();
    }
    more?.classList.toggle('hidden', this.#shown >= total);
    this.#busy(false);
  }

  /** Marks the moment results are on screen (benchmarks and tests wait for it). */
  #announce(query = this.#state.query): void {
    this.dataset['rendered'] = String(this.#run);
    this.dataset['renderedQuery'] = query;
    this.dispatchEvent(new CustomEvent('skillshelf:rendered', { bubbles: true }));
  }
}
