import { escapeHtml } from '../shared/html-entities.ts';
import type { CardRecord } from './card-record.ts';

/**
 * The HTML document Pagefind indexes for one skill: its name and description, its filters, meta
 * and sort keys (from catalogue data, in element content so no value can pose as an attribute),
 * and the search body the load phase made from its package. Small: no page chrome to parse.
 */
export function searchDocument(card: CardRecord, body: string): string {
  const hidden: string[] = [];
  for (const [key, values] of Object.entries(card.filters))
    for (const value of values)
      hidden.push(`<span data-pagefind-filter="${escapeHtml(key)}">${escapeHtml(value)}</span>`);
  for (const [key, value] of Object.entries(card.meta))
    if (key !== 'title')
      hidden.push(`<span data-pagefind-meta="${escapeHtml(key)}">${escapeHtml(value)}</span>`);
  for (const [key, value] of Object.entries(card.sort))
    hidden.push(`<span data-pagefind-sort="${escapeHtml(key)}">${escapeHtml(value)}</span>`);
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(card.language)}"><head><title>${escapeHtml(card.meta['title'] ?? '')}</title></head>` +
    `<body><main data-pagefind-body><h1 data-pagefind-meta="title">${escapeHtml(card.meta['title'] ?? '')}</h1>` +
    `<p>${escapeHtml(card.meta['description'] ?? '')}</p>` +
    `<div hidden data-pagefind-ignore>${hidden.join('')}</div>${body}</main></body></html>`
  );
}
