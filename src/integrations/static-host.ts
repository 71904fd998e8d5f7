import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile } from '../lib/publish/security-headers.ts';
import { readSiteConfig } from '../lib/site-config-fs.ts';

/**
 * Files static hosts read from the site root: `.nojekyll`, so GitHub Pages publishes raw package
 * files as they are instead of running them through Jekyll (which would turn a raw SKILL.md with
 * frontmatter into an HTML page and obey its `permalink:`), and `_headers` with the CSP and
 * `X-Content-Type-Options: nosniff` for Netlify and Cloudflare Pages.
 */
export function staticHostIntegration(): AstroIntegration {
  return {
    name: 'skillshelf-static-host',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        writeFileSync(join(out, '.nojekyll'), '');
        const site = readSiteConfig();
        writeFileSync(join(out, '_headers'), headersFile(site.remoteImages, site.base));
      },
    },
  };
}
