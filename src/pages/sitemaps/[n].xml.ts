import type { APIRoute, GetStaticPaths } from 'astro';
import { sitemapChunks } from '../../data/sitemap.ts';
import { site } from '../../data/site.ts';
import { buildSitemap } from '../../lib/publish/feeds.ts';

export const getStaticPaths = (async () =>
  (await sitemapChunks()).map((urls, i) => ({
    params: { n: String(i + 1) },
    props: { urls },
  }))) satisfies GetStaticPaths;

/** One chunk of the sitemap. */
export const GET: APIRoute = ({ props }) => {
  const { urls } = props as { urls: { loc: string; lastmod?: string }[] };
  return new Response(
    buildSitemap(urls.map((u) => ({ ...u, loc: new URL(u.loc, site.url).href }))),
    { headers: { 'content-type': 'application/xml' } },
  );
};
