// @ts-check
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import { readSiteConfig } from './src/lib/site-config-fs.ts';
import { buildPartsIntegration } from './src/integrations/build-parts.ts';
import { catalogueStoreIntegration } from './src/integrations/catalogue-store.ts';
import { formatsIntegration } from './src/integrations/formats.ts';
import { oldOutputIntegration } from './src/integrations/old-output.ts';
import { packageFilesIntegration } from './src/integrations/package-files.ts';
import { pagefindIntegration } from './src/integrations/pagefind.ts';
import { sitemapIntegration } from './src/integrations/sitemap.ts';
import { staticHostIntegration } from './src/integrations/static-host.ts';
import { shikiOptions } from './src/lib/render/shiki-options.ts';

const site = readSiteConfig();
// Pages a merge of parts links in rather than builds: the sitemap lists them too.
/** @type {string[]} */
const partPages = [];

export default defineConfig({
  site: site.url,
  // The one base path: Vite code reads it as import.meta.env.BASE_URL (src/lib/publish/urls.ts).
  base: site.base,
  trailingSlash: 'ignore',
  // Two routes writing one address (a publisher id that looks like a catalogue page) fail the build.
  prerenderConflictBehavior: 'error',
  // SKILLSHELF_CACHE_DIR moves every build cache (ours: src/data/package-cache.ts, and Astro's) out of node_modules.
  ...(process.env.SKILLSHELF_CACHE_DIR
    ? { cacheDir: `${process.env.SKILLSHELF_CACHE_DIR.replace(/\/$/, '')}/astro` }
    : {}),
  // Pages wait on file writes: overlapping a few keeps the one thread busy.
  build: { concurrency: 8 },
  // Pages carry a cacheKey of all the data they read (src/data/page-keys.ts): unchanged pages are copied from the last build.
  experimental: { incrementalBuild: true },
  integrations: [
    oldOutputIntegration(),
    buildPartsIntegration(partPages),
    mdx(),
    staticHostIntegration(),
    packageFilesIntegration(),
    formatsIntegration(),
    catalogueStoreIntegration(),
    pagefindIntegration(),
    sitemapIntegration(site.base, partPages),
  ],
  markdown: { shikiConfig: shikiOptions },
  vite: {
    plugins: [tailwindcss()],
    // Inlined scripts with dynamic import() ship an unreplaced __VITE_PRELOAD__ under Vite 8.
    build: { assetsInlineLimit: 0 },
  },
});
