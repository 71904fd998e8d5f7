import { decodeHTML } from './html-entities.ts';

/** A catalogue card as a small Pagefind record: filters, meta and sort keys read from a built skill page. */
export interface CardRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/**
 * Reads the `data-pagefind-filter/meta/sort` attributes a skill page carries (SearchMeta.astro) into a
 * custom record. The catalogue filters use an index of these: its fragments are a few hundred bytes,
 * where full-text fragments hold the whole page.
 */
export function cardRecord(url: string, html: string): CardRecord {
  const meta: Record<string, string> = {};
  const filters: Record<string, string[]> = {};
  const sort: Record<string, string> = {};
  const pair = (value: string): [string, string] => {
    const at = value.indexOf(':');
    return [value.slice(0, at), decodeHTML(value.slice(at + 1))];
  };
  for (const [, value] of html.matchAll(/data-pagefind-filter="([^"]+)"/g)) {
    const [key, v] = pair(value!);
    (filters[key] ??= []).push(v);
  }
  for (const [, value] of html.matchAll(/data-pagefind-sort="([^"]+)"/g)) {
    const [key, v] = pair(value!);
    sort[key] = v;
  }
  for (const [, value] of html.matchAll(/data-pagefind-meta="([^"]+:[^"]*)"/g)) {
    const [key, v] = pair(value!);
    meta[key] = v;
  }
  meta['title'] = decodeHTML(/data-pagefind-meta="title"[^>]*>([^<]*)</.exec(html)?.[1] ?? url);
  meta['description'] = decodeHTML(/data-pagefind-meta="description"[^>]*>([^<]*)</.exec(html)?.[1] ?? '');
  return { url, content: `${meta['title']} ${meta['description']}`, language: 'en', meta, filters, sort };
}
