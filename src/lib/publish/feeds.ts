import { escapeHtml } from '../shared/html-entities.ts';

// Characters XML 1.0 forbids anywhere (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates):
// one in a skill's description would make the whole feed unreadable for everyone.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML and removes the characters XML cannot hold. */
export function xml(text: string): string {
  return escapeHtml(text.replace(XML_ILLEGAL, ''));
}

/** An RSS 2.0 feed item. */
export interface FeedItem {
  title: string;
  url: string;
  description: string;
  date: string;
}

/** Builds an RSS 2.0 document. */
export function buildRss(
  channel: { title: string; url: string; description: string },
  items: readonly FeedItem[],
): string {
  const rfc822 = (iso: string): string => new Date(`${iso.slice(0, 10)}T00:00:00Z`).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(channel.title)}</title>
<link>${xml(channel.url)}</link>
<description>${xml(channel.description)}</description>
<atom:link href="${xml(new URL('/rss.xml', channel.url).href)}" rel="self" type="application/rss+xml"/>
${items.map((item) => `<item><title>${xml(item.title)}</title><link>${xml(item.url)}</link><guid isPermaLink="true">${xml(item.url)}</guid><pubDate>${rfc822(item.date)}</pubDate><description>${xml(item.description)}</description></item>`).join('\n')}
</channel>
</rss>
`;
}

/** Most URLs one sitemap file may hold. */
export const SITEMAP_LIMIT = 50_000;

/** Builds one sitemap file. */
export function buildSitemap(
  urls: readonly { loc: string; lastmod?: string | undefined }[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${xml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.slice(0, 10)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}

/** Builds a sitemap index pointing at sitemap files. */
export function buildSitemapIndex(locs: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((loc) => `<sitemap><loc>${xml(loc)}</loc></sitemap>`).join('\n')}
</sitemapindex>
`;
}
