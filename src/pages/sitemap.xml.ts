import type { APIRoute } from 'astro';
import { sitemapChunks } from '../data/sitemap.ts';
import { site } from '../data/site.ts';
import { buildSitemapIndex } from '../lib/publish/feeds.ts';

/** Sitemap index; each chunk holds at most 50,000 URLs. */
export const GET: APIRoute = async () => {
  const chunks = await sitemapChunks();
  const body = buildSitemapIndex(
    chunks.map((_, i) => new URL(`/sitemaps/${i + 1}.xml`, site.url).href),
  );
  return new Response(body, { headers: { 'content-type': 'application/xml' } });
};
