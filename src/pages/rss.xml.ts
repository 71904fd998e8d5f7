import type { APIRoute } from 'astro';
import { site } from '../data/site.ts';
import { getRecentlyUpdated } from '../data/skills.ts';
import { buildRss } from '../lib/publish/feeds.ts';
import { skillUrl } from '../lib/publish/urls.ts';

/** New and updated skills, newest first. */
export const GET: APIRoute = async () => {
  const items = (await getRecentlyUpdated(50)).map((s) => ({
    title:
      s.listing.added && s.listing.added === s.updated ? `New: ${s.name}` : `Updated: ${s.name}`,
    url: new URL(skillUrl(s.publisher, s.slug), site.url).href,
    description: s.description,
    date: s.updated,
  }));
  return new Response(
    buildRss({ title: site.name, url: site.url, description: site.description }, items),
    { headers: { 'content-type': 'application/rss+xml' } },
  );
};
