import { readSiteConfig } from '../lib/site-config-fs.ts';

/** The site identity from `content/site.json`, read once per build. */
export const site = readSiteConfig();
