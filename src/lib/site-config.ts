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

/** Origin used for absolute URLs when building for a local preview (`npm start`, tests). */
export const LOCAL_PREVIEW_URL = 'http://localhost:4321';

/** True when the build is for a local preview, where the placeholder URL is acceptable. */
export function isLocalPreview(): boolean {
  return process.env['SKILLSHELF_LOCAL_PREVIEW'] === '1';
}

/** Reads `site.json` from the content root; `SKILLSHELF_SITE_URL`, then local-preview mode, override the URL. */
export function readSiteConfig(cwd = process.cwd()): SiteConfig {
  let file: Partial<SiteConfig> = {};
  try {
    file = JSON.parse(readFileSync(resolve(contentRoot(cwd), 'site.json'), 'utf8')) as Partial<SiteConfig>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`content/site.json: ${(error as Error).message}`);
  }
  const url = (process.env['SKILLSHELF_SITE_URL'] ?? (isLocalPreview() ? LOCAL_PREVIEW_URL : undefined) ?? file.url ?? DEFAULTS.url).replace(/\/+$/, '');
  return { ...DEFAULTS, ...file, url, marketplace: { ...DEFAULTS.marketplace, ...file.marketplace } };
}

/** Why a configuration cannot publish install endpoints, or `undefined` when it can. */
export function publishProblem(config: SiteConfig): string | undefined {
  if (config.url === PLACEHOLDER_URL) {
    return `content/site.json still has the placeholder url ${PLACEHOLDER_URL}: install endpoints (index.json, marketplace.json) would point nowhere. Set "url" to your site's address (or SKILLSHELF_SITE_URL), or build a local preview with SKILLSHELF_LOCAL_PREVIEW=1 (npm start does).`;
  }
  if (!/^https?:\/\/[^/\s]+$/.test(config.url)) return `The site url "${config.url}" must be an origin such as https://skills.example.com.`;
  return undefined;
}
