import type { FacetKey, SearchState } from '../lib/shared/search-state.ts';
import { TOP_VALUES } from '../lib/shared/catalogue-store.ts';
import { formatDate, plural } from '../lib/shared/format.ts';
import { publisherUrl, tagUrl } from '../lib/shared/urls.ts';
import type { TrustCoverage, TrustVerdict } from '../lib/trust/report.ts';
import { cardNote, trustBadgeTemplateId } from '../components/card-view.ts';
import { VERDICT_STYLES } from '../components/verdict-style.ts';
import type { PagefindResultData } from './pagefind.ts';
import { cloneTemplate, field, repeat, setAttr, setExcerpt, setText } from './templates.ts';

/** A result's tags as slug and label pairs (the card record keeps them in two parallel fields). */
function tags(data: PagefindResultData): { slug: string; label: string }[] {
  const slugs = (data.meta['tag_slugs'] ?? '').split(' ').filter(Boolean);
  const labels = (data.meta['tags'] ?? '').split(' · ');
  return slugs.map((slug, i) => ({ slug, label: labels[i] ?? slug }));
}

/** Fills a list of TagChip.astro chips. */
function fillTags(root: HTMLElement, data: PagefindResultData): void {
  repeat(root, 'tags', tags(data), (item, tag) => {
    setAttr(item, 'tag', 'href', tagUrl(tag.slug));
    setText(item, 'tag', tag.label);
  });
}

/** A catalogue card for a Pagefind card record: SkillCard.astro, cloned from its template. */
export function renderCard(data: PagefindResultData): HTMLElement {
  const meta = data.meta;
  const card = cloneTemplate('skill-card-template');
  setAttr(card, 'link', 'href', data.url);
  setText(card, 'name', meta['title'] ?? '');
  setAttr(card, 'publisher', 'href', publisherUrl(meta['publisher_url'] ?? ''));
  setText(card, 'publisher', meta['publisher'] ?? '');
  setText(card, 'description', meta['description'] ?? '');
  fillTags(card, data);
  const updated = meta['updated'] ?? '';
  setAttr(card, 'updated', 'datetime', updated);
  setText(card, 'updated', updated ? formatDate(updated) : '');
  setText(card, 'files', plural(Number(meta['files'] ?? 0), 'file'));

  const verdict = meta['verdict'];
  const slot = field(card, 'trust');
  if (verdict && Object.hasOwn(VERDICT_STYLES, verdict)) {
    const coverage: TrustCoverage = meta['coverage'] === 'partial' ? 'partial' : 'full';
    slot.replaceWith(cloneTemplate(trustBadgeTemplateId(verdict as TrustVerdict, coverage)));
  } else slot.remove();

  const counts = { errors: Number(meta['errors'] ?? 0), warnings: Number(meta['warnings'] ?? 0) };
  const note = cardNote(counts);
  const singular = { errors: 'error', warnings: 'warning' } as const;
  for (const kind of ['errors', 'warnings'] as const) {
    if (kind === note) setText(card, kind, plural(counts[kind], singular[kind]));
    else field(card, kind).remove();
  }
  return card;
}

/** A hit on the search page: SearchHit.astro (`page`), cloned from its template. */
export function renderHit(data: PagefindResultData): HTMLElement {
  const hit = cloneTemplate('search-hit-template');
  setAttr(hit, 'link', 'href', data.url);
  setText(hit, 'name', data.meta['title'] ?? data.url);
  setText(hit, 'publisher', data.meta['publisher'] ?? '');
  setExcerpt(hit, 'excerpt', data.excerpt);
  fillTags(hit, data);
  return hit;
}

/** An option of the header search's list box: SearchHit.astro (`option`), cloned from its template. */
export function renderOption(data: PagefindResultData, index: number): HTMLElement {
  const option = cloneTemplate('search-option-template');
  option.id = `site-search-option-${index}`;
  option.dataset['index'] = String(index);
  setAttr(option, 'link', 'href', data.url);
  setText(option, 'name', data.meta['title'] ?? data.url);
  setText(option, 'publisher', data.meta['publisher'] ?? '');
  setText(option, 'tag-labels', data.meta['tags'] ?? '');
  setExcerpt(option, 'excerpt', data.excerpt);
  return option;
}

/** One facet group: toggle buttons with counts, and a find box when the facet has more values than it shows. */
export function renderFacetGroup(
  facet: { key: FacetKey; label: string },
  values: [string, number][],
  state: SearchState,
  more: boolean,
): HTMLElement {
  const active = state.filters[facet.key];
  const group = cloneTemplate('facet-group-template');
  group.dataset['facetGroup'] = facet.key;
  setText(group, 'label', facet.label);
  const find = field(group, 'find') as HTMLInputElement;
  find.hidden = !more;
  find.dataset['find'] = facet.key;
  find.placeholder = `Find a ${facet.label.toLowerCase().replace(/s$/, '')}…`;
  find.setAttribute('aria-label', `Find a ${facet.label.toLowerCase().replace(/s$/, '')}`);
  repeat(group, 'values', values, (button, [value, n]) => {
    button.dataset['facet'] = facet.key;
    button.dataset['value'] = value;
    button.setAttribute('aria-pressed', String(active.includes(value)));
    setText(button, 'value', value);
    setText(button, 'count', String(n));
  });
  return group;
}

/**
 * Facet groups with counts for the current results: the most common values and every chosen one.
 * `totals` says how many values a facet has in all: more than shown gives the group a find box.
 */
export function renderFacets(
  facets: readonly { key: FacetKey; label: string }[],
  counts: Record<string, Record<string, number>>,
  state: SearchState,
  totals: Record<string, number> = {},
): HTMLElement[] {
  return facets.flatMap((facet) => {
    const active = state.filters[facet.key];
    const all = Object.entries(counts[facet.key] ?? {})
      .filter(([value, n]) => n > 0 || active.includes(value))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // The most common values, and every chosen one: a real catalogue has thousands of publishers.
    const values = all.filter(([value], i) => i < TOP_VALUES || active.includes(value));
    if (values.length === 0) return [];
    const more = Math.max(all.length, totals[facet.key] ?? 0) > TOP_VALUES;
    return [renderFacetGroup(facet, values, state, more)];
  });
}
