import { readFileSync } from 'node:fs';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { stripBase } from '../lib/shared/urls.ts';

/** URLs per sitemap file: under the protocol's 50,000, with room for growth between builds. */
const ENTRY_LIMIT = 45_000;

// Pages that are not worth indexing: the health report (noindex), file pages and the trust rules
// (reference material, reached from skill pages), and outputs that are not pages at all.
const NOT_INDEXED = [
  /^\/report\//,
  /^\/trust\/rules\//,
  /^\/api\//,
  /^\/skills\/[^/]+\/[^/]+\/(?:files|raw|download)\//,
];

/** The site path of an absolute URL (`https://x/shelf/skills/a/b/` → `/skills/a/b/`), decoded. */
function sitePathOf(url: string, base: string): string | undefined {
  const path = stripBase(new URL(url).pathname, base);
  return path === undefined ? undefined : decodeURIComponent(path);
}

/** Whether a built URL belongs in the sitemap: a page (not a feed, JSON or file) worth indexing. */
export function isIndexed(url: string, base: string): boolean {
  const path = sitePathOf(url, base);
  // Directory-format pages end in a slash; endpoints (rss.xml, marketplace.json, …) do not.
  return path !== undefined && path.endsWith('/') && !NOT_INDEXED.some((re) => re.test(path));
}

/**
 * @astrojs/sitemap over the pages worth indexing, each skill page with its `updated` date as
 * `lastmod`. The dates come from `api/skills.json`, which the build has just written from the same
 * records the pages show: the integration runs after rendering and cannot read the content store.
 */
export function sitemapIntegration(
  base: string,
  /** Pages built elsewhere (the parts a merge links in), as absolute URLs; filled before the build ends. */
  customPages: string[] = [],
): AstroIntegration {
  let outDir: URL | undefined;
  let updated: Map<string, string> | undefined;
  const skillDates = (): Map<string, string> => {
    if (updated) return updated;
    if (!outDir) throw new Error('sitemap: the build has no output folder yet');
    const api = JSON.parse(readFileSync(new URL('api/skills.json', outDir), 'utf8')) as {
      skills: { url: string; updated: string }[];
    };
    updated = new Map(api.skills.map((s) => [sitePathOf(s.url, base) ?? s.url, s.updated]));
    return updated;
  };
  return {
    name: 'skillshelf-sitemap',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          integrations: [
            sitemap({
              entryLimit: ENTRY_LIMIT,
              // The same array, filled by the merge when its build starts: read when the build is done.
              customPages,
              filter: (page) => isIndexed(page, base),
              serialize: (item) => {
                const lastmod = skillDates().get(sitePathOf(item.url, base) ?? item.url);
                return lastmod ? { ...item, lastmod } : item;
              },
            }),
          ],
        });
      },
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      // Read the dates here, before @astrojs/sitemap (added after this integration) runs: a missing
      // or unreadable api/skills.json fails the build instead of being logged by the sitemap.
      'astro:build:done': () => {
        skillDates();
      },
    },
  };
}
