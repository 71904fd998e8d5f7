import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { normaliseBase } from './shared/urls.ts';

/** Site identity, read from `content/site.json`; the one place operators name and locate their marketplace. */
export interface SiteConfig {
  name: string;
  tagline: string;
  description: string;
  /** Canonical origin, e.g. https://skills.example.com (no trailing slash). */
  url: string;
  /** Path the site is served under, `/` or e.g. `/shelf/` for a GitHub project page (`SKILLSHELF_BASE` overrides). */
  base: string;
  repository?: string | undefined;
  marketplace: { name: string; owner: string };
  /** Remote images in skill pages: `click` to load (default: no visitor's address reaches a third party unasked), `link`, or `load`. */
  remoteImages: 'click' | 'link' | 'load';
  /** Skills shown as featured, by `publisher/skill` id: the operator's choice, never a publisher's. */
  featured: string[];
  /** Publishers whose sidecar dates are believed; everyone else's dates come from git. */
  trustedPublishers: string[];
  /** Install names fixed by the operator: `{ "publisher/skill": "name" }`. */
  installNames: Record<string, string>;
  /** Install names renamed by the operator: `{ "old-name": "new-name" }`, published in marketplace.json. */
  renames: Record<string, string>;
  /** Git hosts whose owner names become publisher ids on import; others need --publisher. */
  importHosts: string[];
  /** The build's "now" as an ISO date: SOURCE_DATE_EPOCH when set (see src/data/git-history.ts for the default). */
  buildDate?: string | undefined;
  /** Versions from git: how many of each skill's newest versions are kept (1–50, default 5). */
  versions: { keep: number };
  /** Versions the operator pulled, as `publisher/skill@id`: no pages, no downloads, listed as withdrawn. */
  withdrawn: string[];
  /** Install endpoints held at a version: `{ "publisher/skill": "<version id>" }` instead of the latest. */
  hold: Record<string, string>;
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
  base: '/',
  marketplace: { name: 'skillshelf', owner: 'Skillshelf' },
  remoteImages: 'click',
  featured: [],
  trustedPublishers: [],
  installNames: {},
  renames: {},
  importHosts: ['github.com', 'gitlab.com', 'codeberg.org'],
  versions: { keep: 5 },
  withdrawn: [],
  hold: {},
};

/** Origin used for absolute URLs when building for a local preview (`npm start`, tests). */
export const LOCAL_PREVIEW_URL = 'http://localhost:4321';

/** True when the build is for a local preview, where the placeholder URL is acceptable. */
export function isLocalPreview(): boolean {
  return process.env['SKILLSHELF_LOCAL_PREVIEW'] === '1';
}

/** Reads `site.json` from the content root; `SKILLSHELF_SITE_URL`, then local-preview mode, override the URL; `SKILLSHELF_BASE` the base. */
export function readSiteConfig(cwd = process.cwd()): SiteConfig {
  let file: Partial<SiteConfig> = {};
  try {
    file = JSON.parse(
      readFileSync(resolve(contentRoot(cwd), 'site.json'), 'utf8'),
    ) as Partial<SiteConfig>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`content/site.json: ${(error as Error).message}`, { cause: error });
  }
  const url = (
    process.env['SKILLSHELF_SITE_URL'] ??
    (isLocalPreview() ? LOCAL_PREVIEW_URL : undefined) ??
    file.url ??
    DEFAULTS.url
  ).replace(/\/$/, '');
  const strings = (value: unknown, fallback: string[]): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;
  const map = (value: unknown): Record<string, string> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : {};
  const remoteImages =
    file.remoteImages === 'link' || file.remoteImages === 'load' ? file.remoteImages : 'click';
  const epoch = Number(process.env['SOURCE_DATE_EPOCH']);
  return {
    ...DEFAULTS,
    ...file,
    url,
    base: normaliseBase(
      process.env['SKILLSHELF_BASE'] ?? (typeof file.base === 'string' ? file.base : DEFAULTS.base),
    ),
    marketplace: { ...DEFAULTS.marketplace, ...file.marketplace },
    remoteImages,
    featured: strings(file.featured, []),
    trustedPublishers: strings(file.trustedPublishers, []),
    installNames: map(file.installNames),
    renames: map(file.renames),
    importHosts: strings(file.importHosts, DEFAULTS.importHosts),
    versions: { keep: versionsToKeep(file.versions) },
    withdrawn: strings(file.withdrawn, []),
    hold: map(file.hold),
    buildDate:
      Number.isFinite(epoch) && process.env['SOURCE_DATE_EPOCH']
        ? new Date(epoch * 1000).toISOString().slice(0, 10)
        : undefined,
  };
}

/** `versions.keep` from site.json: a whole number from 1 to 50, else the default (a wrong value is an error). */
function versionsToKeep(value: unknown): number {
  const keep: unknown =
    value && typeof value === 'object' ? (value as Record<string, unknown>)['keep'] : undefined;
  if (keep === undefined) return DEFAULTS.versions.keep;
  if (typeof keep === 'number' && Number.isInteger(keep) && keep >= 1 && keep <= 50) return keep;
  throw new Error(
    `content/site.json: "versions": { "keep": ${JSON.stringify(keep)} } must be a whole number from 1 to 50 (how many versions of each skill the site keeps).`,
  );
}

/** Why a configuration cannot publish install endpoints, or `undefined` when it can. */
export function publishProblem(config: SiteConfig): string | undefined {
  if (config.url === PLACEHOLDER_URL) {
    return `content/site.json still has the placeholder url ${PLACEHOLDER_URL}: install endpoints (index.json, marketplace.json) would point nowhere. Set "url" to your site's address (or SKILLSHELF_SITE_URL), or build a local preview with SKILLSHELF_LOCAL_PREVIEW=1 (npm start does).`;
  }
  if (!/^https?:\/\/[^/\s]+$/.test(config.url))
    return `The site url "${config.url}" must be an origin such as https://skills.example.com.`;
  return undefined;
}
