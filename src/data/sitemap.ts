import { PAGE_SIZE, pagedUrl } from '../lib/publish/catalogue.ts';
import { SITEMAP_LIMIT } from '../lib/publish/feeds.ts';
import { publisherUrl, skillUrl, tagUrl } from '../lib/publish/urls.ts';
import { getPublishers, getSkills, getTags } from './skills.ts';

/** Every page worth indexing (file pages excepted), split into sitemap-sized chunks. */
export async function sitemapChunks(): Promise<{ loc: string; lastmod?: string | undefined }[][]> {
  const [skills, tags, publishers] = await Promise.all([getSkills(), getTags(), getPublishers()]);
  const pages = (base: string, count: number): string[] =>
    Array.from({ length: Math.max(1, Math.ceil(count / PAGE_SIZE)) }, (_, i) =>
      pagedUrl(base, i + 1),
    );
  const urls = [
    ...[
      '/',
      '/tags/',
      '/publishers/',
      '/search/',
      '/about/',
      '/guides/installing/',
      '/guides/publishing/',
    ].map((loc) => ({ loc })),
    ...pages('/skills/', skills.length).map((loc) => ({ loc })),
    ...tags.flatMap((t) => pages(tagUrl(t.slug), t.count)).map((loc) => ({ loc })),
    ...publishers.flatMap((p) => pages(publisherUrl(p.slug), p.skillCount)).map((loc) => ({ loc })),
    ...skills.map((s) => ({ loc: skillUrl(s.publisher, s.slug), lastmod: s.updated })),
  ];
  const chunks: (typeof urls)[] = [];
  for (let i = 0; i < urls.length; i += SITEMAP_LIMIT)
    chunks.push(urls.slice(i, i + SITEMAP_LIMIT));
  return chunks;
}
