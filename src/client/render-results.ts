import type { FacetKey, SearchState } from '../lib/search/search-state.ts';
import { formatDate } from '../lib/shared/format.ts';
import type { TrustVerdict } from '../lib/trust/report.ts';
import { VERDICT_STYLES } from '../components/verdict-style.ts';
import { escapeHtml } from '../lib/shared/html-entities.ts';
import { safeExcerpt, type PagefindResultData } from './pagefind.ts';

function date(iso: string | undefined): string {
  return iso ? formatDate(iso) : '';
}

function tagChips(data: PagefindResultData): string {
  const slugs = (data.meta['tag_slugs'] ?? '').split(' ').filter(Boolean);
  const labels = (data.meta['tags'] ?? '').split(' · ');
  return slugs
    .map(
      (slug, i) =>
        `<li><a href="/tags/${encodeURIComponent(slug)}/" class="relative z-10 inline-flex rounded-full border border-brand-100 bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700 dark:border-brand-700/50 dark:bg-brand-700/20 dark:text-brand-300">${escapeHtml(labels[i] ?? slug)}</a></li>`,
    )
    .join('');
}

/** The trust badge of TrustBadge.astro, for client-rendered cards. */
function verdictBadge(verdict: string | undefined, coverage: string | undefined): string {
  const style =
    verdict && Object.hasOwn(VERDICT_STYLES, verdict)
      ? VERDICT_STYLES[verdict as TrustVerdict]
      : undefined;
  const label = style && coverage === 'partial' ? `${style.label} (partial scan)` : style?.label;
  return style
    ? `<span class="inline-flex items-center rounded-full border px-2 py-0.5 text-[0.7rem] font-semibold ${style.tone}"><span class="sr-only">Trust: </span>${label}</span>`
    : '';
}

/** A catalogue card for a Pagefind result, matching SkillCard.astro. */
export function renderCard(data: PagefindResultData): string {
  const files = Number(data.meta['files'] ?? 0);
  return `<li class="flex"><article class="relative flex w-full flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-xs hover:border-brand-300 hover:shadow-md dark:border-slate-800 dark:bg-slate-900 dark:hover:border-brand-700">
    <div><h2 class="text-base font-semibold text-slate-900 dark:text-white"><a href="${escapeHtml(data.url)}" class="after:absolute after:inset-0 after:content-[''] hover:text-brand-700 dark:hover:text-brand-300">${escapeHtml(data.meta['title'] ?? '')}</a></h2>
    <p class="text-sm text-slate-500 dark:text-slate-400">by <a href="/publishers/${encodeURIComponent(data.meta['publisher_url'] ?? '')}/" class="relative z-10 hover:underline">${escapeHtml(data.meta['publisher'] ?? '')}</a></p></div>
    <p class="line-clamp-3 text-sm text-slate-600 dark:text-slate-300">${escapeHtml(data.meta['description'] ?? '')}</p>
    <ul class="flex flex-wrap gap-1.5" aria-label="Tags">${tagChips(data)}</ul>
    <p class="mt-auto flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400"><span>Updated <time datetime="${escapeHtml(data.meta['updated'] ?? '')}">${date(data.meta['updated'])}</time></span><span>${files} ${files === 1 ? 'file' : 'files'}</span>${verdictBadge(data.meta['verdict'], data.meta['coverage'])}</p>
  </article></li>`;
}

/** A search hit: name, publisher, highlighted excerpt and tags. */
export function renderHit(data: PagefindResultData): string {
  return `<li class="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
    <a href="${escapeHtml(data.url)}" class="text-base font-semibold text-brand-700 hover:underline dark:text-brand-300">${escapeHtml(data.meta['title'] ?? data.url)}</a>
    <span class="ml-2 text-sm text-slate-500 dark:text-slate-400">by ${escapeHtml(data.meta['publisher'] ?? '')}</span>
    <p class="mt-1 text-sm text-slate-600 dark:text-slate-300">${safeExcerpt(data.excerpt)}</p>
    <ul class="mt-2 flex flex-wrap gap-1.5" aria-label="Tags">${tagChips(data)}</ul>
  </li>`;
}

/** Facet groups as toggle buttons with counts for the current results. */
export function renderFacets(
  facets: readonly { key: FacetKey; label: string }[],
  counts: Record<string, Record<string, number>>,
  state: SearchState,
): string {
  return facets
    .map((facet) => {
      const active = state.filters[facet.key];
      const values = Object.entries(counts[facet.key] ?? {})
        .filter(([value, n]) => n > 0 || active.includes(value))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (values.length === 0) return '';
      const buttons = values
        .map(
          ([value, n]) =>
            `<button type="button" data-facet="${facet.key}" data-value="${escapeHtml(value)}" aria-pressed="${active.includes(value)}" class="rounded-full border border-slate-300 px-2.5 py-0.5 text-xs hover:border-brand-500 aria-pressed:border-brand-600 aria-pressed:bg-brand-600 aria-pressed:text-white dark:border-slate-700">${escapeHtml(value)} <span class="opacity-70">${n}</span></button>`,
        )
        .join('');
      return `<fieldset><legend class="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">${facet.label}</legend><div class="flex flex-wrap gap-1.5">${buttons}</div></fieldset>`;
    })
    .join('');
}
