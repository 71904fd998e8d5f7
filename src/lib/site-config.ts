import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Site identity, read from `content/site.json`; the one place operators name and locate their marketplace. */
export interface SiteConfig {
  name: string;
  tagline: string;
  description: string;
  /** Canonical origin, e.g. https://skills.example.com (no trailing slash). */
  url: string;
  repository?: string | undefined;
  marketplace: { name: string; owner: string };
}

/** Placeholder origin shipped in the starter `site.json`; install endpoints refuse it outside local previews. */
export const PLACEHOLDER_URL = 'https://skillshelf.example.com';

/** The content folder: `SKILLSHELF_CONTENT` when set (tests build fixture catalogues), else `./content`. */
export function contentRoot(cwd = process.cwd()): string {
  return resolve(cwd, process.env['SKILLSHELF_CONTENT'] ?? 'content');
}

/** The skills folder inside the content root. */
export function skillsRoot(cwd = process.cwd()): string {
  return resolve(contentRoot(cwd), 'skills');
}

const DEFAULTS: SiteConfig = {
  name: 'Skillshelf',
  tagline: 'Agent skills you can read before you install',
  description: 'An open catalogue of agent skills.',
  url: PLACEHOLDER_URL,
  marketplace: { name: 'skillshelf', owner: 'Skillshelf' },
};

/** Reads `site.json` from the content root, with `SKILLSHELF_SITE_URL` overriding the URL. */
export function readSiteConfig(cwd = process.cwd()): SiteConfig {
  let file: Partial<SiteConfig> = {};
  try {
    file = JSON.parse(readFileSync(resolve(contentRoot(cwd), 'site.json'), 'utf8')) as Partial<SiteConfig>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`content/site.json: ${(error as Error).message}`);
  }
  const url = (process.env['SKILLSHELF_SITE_URL'] ?? file.url ?? DEFAULTS.url).replace(/\/+$/, '');
  return { ...DEFAULTS, ...file, url, marketplace: { ...DEFAULTS.marketplace, ...file.marketplace } };
}
