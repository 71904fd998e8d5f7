import type { APIRoute } from 'astro';
import { site } from '../data/site.ts';
import { reportUrl, sitePath } from '../lib/shared/urls.ts';

// @astrojs/sitemap (astro.config.mjs) writes sitemap-index.xml under the base.
export const GET: APIRoute = () =>
  new Response(
    `User-agent: *\nAllow: /\nDisallow: ${reportUrl()}\n\nSitemap: ${new URL(sitePath('sitemap-index.xml'), site.url).href}\n`,
  );
