import type { APIRoute } from 'astro';
import { site } from '../data/site.ts';

export const GET: APIRoute = () =>
  new Response(
    `User-agent: *\nAllow: /\nDisallow: /report/\n\nSitemap: ${new URL('/sitemap.xml', site.url).href}\n`,
  );
