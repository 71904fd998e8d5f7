import { searchUrl } from '../lib/shared/urls.ts';
import { loadPagefind, type PagefindResultData } from './pagefind.ts';
import { renderOption } from './render-results.ts';
import { PRELOAD_MIN_CHARS, TYPING_PAUSE_MS } from './search-timing.ts';

const SHOWN = 8;

/** True when a key press happens inside a place where `/` is typing, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The header search: `/` or Ctrl/⌘K opens a dialog with a combobox; results appear as you type;
 * arrows move, Enter opens, Escape closes. Pagefind loads when the dialog first opens.
 */
export class SiteSearch extends HTMLElement {
  #dialog!: HTMLDialogElement;
  #input!: HTMLInputElement;
  #list!: HTMLUListElement;
  #status!: HTMLElement;
  #results: PagefindResultData[] = [];
  #active = -1;
  #run = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.#dialog = this.querySelector('dialog')!;
    this.#input = this.querySelector('[role=combobox]')!;
    this.#list = this.querySelector('[role=listbox]')!;
    this.#status = this.querySelector('[data-status]')!;
    const trigger = this.querySelector<HTMLButtonElement>('[data-open]')!;
    // With JavaScript, the button replaces the plain search form.
    trigger.hidden = false;
    for (const fallback of this.querySelectorAll('[data-fallback]'))
      fallback.setAttribute('hidden', '');

    trigger.addEventListener('click', () => this.open());
    document.addEventListener('keydown', (event) => {
      const shortcut = (event.key === 'k' || event.key === 'K') && (event.metaKey || event.ctrlKey);
      if (
        shortcut ||
        (event.key === '/' &&
          !isTyping(event.target) &&
          !event.altKey &&
          !event.ctrlKey &&
          !event.metaKey)
      ) {
        event.preventDefault();
        this.open();
      }
    });
    this.#dialog.addEventListener('click', (event) => {
      if (event.target === this.#dialog) this.#dialog.close();
    });
    this.#dialog.addEventListener('close', () => trigger.focus());
    this.#input.addEventListener('input', () => {
      const query = this.#input.value.trim();
      if (query.length >= PRELOAD_MIN_CHARS)
        void loadPagefind()
          .then((pagefind) => pagefind.preload(query))
          .catch(() => undefined);
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#search(), TYPING_PAUSE_MS);
    });
    this.#input.addEventListener('keydown', (event) => this.#onKey(event));
    this.#list.addEventListener('mousemove', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role=option]');
      if (option) this.#setActive(Number(option.dataset['index']));
    });
  }

  /** Opens the dialog and starts loading the index. */
  open(): void {
    if (!this.#dialog.open) this.#dialog.showModal();
    this.#input.focus();
    this.#input.select();
    loadPagefind().catch((error: Error) => (this.#status.textContent = error.message));
  }

  #onKey(event: KeyboardEvent): void {
    const count = this.#results.length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      this.#setActive((this.#active + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      this.#setActive((this.#active - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = this.#results[this.#active];
      location.href = chosen ? chosen.url : searchUrl({ query: this.#input.value.trim() });
    }
  }

  #setActive(index: number): void {
    this.#active = index;
    for (const option of this.#list.querySelectorAll<HTMLElement>('[role=option]')) {
      const selected = Number(option.dataset['index']) === index;
      option.setAttribute('aria-selected', String(selected));
      if (selected) option.scrollIntoView({ block: 'nearest' });
    }
    this.#input.setAttribute(
      'aria-activedescendant',
      index >= 0 ? `site-search-option-${index}` : '',
    );
  }

  async #search(): Promise<void> {
    const run = ++this.#run;
    const query = this.#input.value.trim();
    if (!query) {
      this.#render([], '');
      return;
    }
    let results: PagefindResultData[];
    try {
      const pagefind = await loadPagefind();
      const search = await pagefind.search(query);
      results = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
      if (run !== this.#run) return;
      this.#render(results, query, search.results.length);
    } catch (error) {
      if (run === this.#run) this.#status.textContent = (error as Error).message;
    }
  }

  #render(results: PagefindResultData[], query: string, total = 0): void {
    // A newer search can land while the person is arrowing through the older results: keep their choice when it is still listed.
    const chosen = this.#results[this.#active]?.url;
    this.#results = results;
    this.#active = -1;
    this.#input.setAttribute('aria-expanded', String(results.length > 0));
    this.#input.removeAttribute('aria-activedescendant');
    this.#list.replaceChildren(...results.map(renderOption));
    const more = this.querySelector<HTMLAnchorElement>('[data-all]')!;
    more.hidden = !query;
    more.href = searchUrl({ query });
    this.#status.textContent = !query
      ? ''
      : total === 0
        ? `No skills match “${query}”.`
        : `${total} ${total === 1 ? 'skill matches' : 'skills match'}. Use the arrow keys and Enter to open one.`;
    const kept = results.findIndex((r) => r.url === chosen);
    if (kept >= 0) this.#setActive(kept);
    this.dataset['rendered'] = String(this.#run);
    this.dataset['renderedQuery'] = query;
    this.dispatchEvent(new CustomEvent('skillshelf:rendered', { bubbles: true }));
  }
}
