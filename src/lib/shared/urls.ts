import { rawPath } from './raw-types.ts';
import { pageOfLine } from './source-pages.ts';
import {
  FACETS,
  serialiseSearchState,
  type FacetKey,
  type SearchState,
  type SortKey,
} from './search-state.ts';

export { rawPath };

/** `/`, or a sub-path such as `/shelf/`: always with a leading and a trailing slash, never doubled. */
export function normaliseBase(base: string): string {
  const inner = base.split('/').filter(Boolean).join('/');
  return inner ? `/${inner}/` : '/';
}

/**
 * The site's base path. In Astro and browser code Vite replaces `import.meta.env.BASE_URL` with
 * Astro's `base` (from `site.json` `base` or `SKILLSHELF_BASE`, see src/lib/site-config-fs.ts); plain
 * Node (worker threads, the CLI, integrations) has no `import.meta.env` and passes its base explicitly.
 */
export const SITE_BASE: string = normaliseBase(
  // `?.`: plain Node has no `import.meta.env`.
  import.meta.env?.BASE_URL ?? '/',
);

/** A site path (`search/`, `/about/`) under the base: `/shelf/search/`. */
export function sitePath(path: string, base: string = SITE_BASE): string {
  return `${normaliseBase(base)}${path.replace(/^\/+/, '')}`;
}

/** The site path (`/skills/…`) of a pathname under the base, or `undefined` when it is outside the base. */
export function stripBase(pathname: string, base: string = SITE_BASE): string | undefined {
  const prefix = normaliseBase(base);
  if (pathname === prefix.slice(0, -1)) return '/';
  return pathname.startsWith(prefix) ? `/${pathname.slice(prefix.length)}` : undefined;
}

/** Encodes a package-relative path segment by segment for use in a URL. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The home page. */
export function homeUrl(base: string = SITE_BASE): string {
  return sitePath('', base);
}

/** The catalogue, optionally filtered (`/skills/?tag=testing`). */
export function catalogueUrl(link?: SearchLink, base: string = SITE_BASE): string {
  return `${sitePath('skills/', base)}${link ? query(link, 'name') : ''}`;
}

/** The search page, optionally with a query and filters (`/search/?q=…`). */
export function searchUrl(link?: SearchLink, base: string = SITE_BASE): string {
  return `${sitePath('search/', base)}${link ? query(link, 'relevance') : ''}`;
}

/** A search to link to: any of a query, filter values and a sort. */
export interface SearchLink {
  query?: string;
  filters?: Partial<Record<FacetKey, string[]>>;
  sort?: SortKey;
}

function query(link: SearchLink, defaultSort: SortKey): string {
  const filters = Object.fromEntries(
    FACETS.map((f) => [f.key, link.filters?.[f.key] ?? []]),
  ) as SearchState['filters'];
  return serialiseSearchState(
    { query: link.query ?? '', filters, sort: link.sort ?? defaultSort },
    defaultSort,
  );
}

/** The page listing every tag. */
export function tagsUrl(base: string = SITE_BASE): string {
  return sitePath('tags/', base);
}

/** The page listing every publisher. */
export function publishersUrl(base: string = SITE_BASE): string {
  return sitePath('publishers/', base);
}

/** The catalogue health page (left-out skills, findings). */
export function reportUrl(base: string = SITE_BASE): string {
  return sitePath('report/', base);
}

/** The page that checks a copy of a skill against the catalogue's versions. */
export function verifyUrl(base: string = SITE_BASE): string {
  return sitePath('verify/', base);
}

/** The about page. */
export function aboutUrl(base: string = SITE_BASE): string {
  return sitePath('about/', base);
}

/** A guide page: installing skills or publishing them. */
export function guideUrl(guide: 'installing' | 'publishing', base: string = SITE_BASE): string {
  return sitePath(`guides/${guide}/`, base);
}

/** The Pagefind bundle's script: full text (`pagefind/`) or catalogue cards (`pagefind-cards/`). */
export function pagefindUrl(bundle: 'full' | 'cards', base: string = SITE_BASE): string {
  return sitePath(bundle === 'cards' ? 'pagefind-cards/pagefind.js' : 'pagefind/pagefind.js', base);
}

/** Where a search-index shard is published inside its bundle folder: the first at the bundle's root, the others below it. */
export function shardFolder(index: number): string {
  return index === 0 ? '' : `shard-${index}/`;
}

/** The page of a skill. */
export function skillUrl(publisher: string, slug: string, base: string = SITE_BASE): string {
  return sitePath(`skills/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}/`, base);
}

/** The page showing one package file. */
export function fileUrl(
  publisher: string,
  slug: string,
  path: string,
  base: string = SITE_BASE,
): string {
  return `${skillUrl(publisher, slug, base)}files/${encodePath(path)}/`;
}

/** Page `page` (from 1) of a long file's source; page 1 is the file's own page. */
export function filePageUrl(
  publisher: string,
  slug: string,
  path: string,
  page: number,
  base: string = SITE_BASE,
): string {
  const url = fileUrl(publisher, slug, path, base);
  return page > 1 ? `${url}page/${page}/` : url;
}

/** A line of a package file, on the page of its source that shows it (`pages`: the file's page starts). */
export function fileLineUrl(
  publisher: string,
  slug: string,
  file: { path: string; pages?: readonly number[] | undefined },
  line: number | undefined,
  base: string = SITE_BASE,
): string {
  if (!line) return fileUrl(publisher, slug, file.path, base);
  return `${filePageUrl(publisher, slug, file.path, pageOfLine(file.pages, line), base)}#L${line}`;
}

/** The downloadable, unmodified copy of a package file. */
export function rawUrl(
  publisher: string,
  slug: string,
  path: string,
  base: string = SITE_BASE,
): string {
  return `${skillUrl(publisher, slug, base)}raw/${encodePath(rawPath(path))}`;
}

/** The page listing a tag's skills. */
export function tagUrl(tag: string, base: string = SITE_BASE): string {
  return sitePath(`tags/${encodeURIComponent(tag)}/`, base);
}

/** The page of a publisher. */
export function publisherUrl(publisher: string, base: string = SITE_BASE): string {
  return sitePath(`publishers/${encodeURIComponent(publisher)}/`, base);
}

/** The page listing every collection. */
export function collectionsUrl(base: string = SITE_BASE): string {
  return sitePath('collections/', base);
}

/** A collection's page. */
export function collectionUrl(id: string, base: string = SITE_BASE): string {
  return sitePath(`collections/${encodeURIComponent(id)}/`, base);
}

/** A collection's install files: its well-known index, its marketplace and its one ZIP. */
export function collectionFileUrl(
  id: string,
  file: 'index' | 'marketplace' | 'zip',
  base: string = SITE_BASE,
): string {
  const path = {
    index: '.well-known/agent-skills/index.json',
    marketplace: 'marketplace.json',
    zip: `${encodeURIComponent(id)}.zip`,
  }[file];
  return `${collectionUrl(id, base)}${path}`;
}

/** Files beside a skill page: its Markdown twin, the MCP document and the README badges. */
export type SkillFormatFile =
  'index.md' | 'skill.json' | 'badge.svg' | 'badge.json' | 'loads-badge.svg';

/** One of the files written beside a skill page (src/integrations/formats.ts). */
export function skillFormatUrl(
  publisher: string,
  slug: string,
  file: SkillFormatFile,
  base: string = SITE_BASE,
): string {
  return `${skillUrl(publisher, slug, base)}${file}`;
}

/** One of the files written beside a publisher page: its `llms.txt` list and README badge. */
export function publisherFormatUrl(
  publisher: string,
  file: 'llms.txt' | 'badge.svg',
  base: string = SITE_BASE,
): string {
  return `${publisherUrl(publisher, base)}${file}`;
}

const ARCHIVE_SUFFIX = { folder: '', root: '-flat', plugin: '-plugin' } as const;

/** The download of one archive layout of a skill (see src/lib/zip.ts for the layouts). */
export function archiveUrl(
  publisher: string,
  slug: string,
  archiveName: string,
  layout: 'folder' | 'root' | 'plugin',
  base: string = SITE_BASE,
): string {
  return `${skillUrl(publisher, slug, base)}download/${archiveFileName(archiveName, layout)}`;
}

/** The file name of an archive layout: `name.zip`, `name-flat.zip`, `name-plugin.zip`. */
export function archiveFileName(archiveName: string, layout: 'folder' | 'root' | 'plugin'): string {
  return `${archiveName}${ARCHIVE_SUFFIX[layout]}.zip`;
}

/** The file name of the archive this site fixed for claude.ai uploads (see src/lib/skill/client-fix.ts). */
export function claudeAiFixFileName(archiveName: string): string {
  return `${archiveName}-fixed-for-claude-ai.zip`;
}

/** The download of the archive this site fixed for claude.ai uploads. */
export function claudeAiFixUrl(
  publisher: string,
  slug: string,
  archiveName: string,
  base: string = SITE_BASE,
): string {
  return `${skillUrl(publisher, slug, base)}download/${claudeAiFixFileName(archiveName)}`;
}

/** The JSON API document of a skill. */
export function skillApiUrl(publisher: string, slug: string, base: string = SITE_BASE): string {
  return sitePath(
    `api/skills/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}.json`,
    base,
  );
}

/** The page listing every kept version of a skill. */
export function versionsUrl(publisher: string, slug: string, base: string = SITE_BASE): string {
  return `${skillUrl(publisher, slug, base)}versions/`;
}

/** The page of one version of a skill: what changed against the version before it. */
export function versionUrl(
  publisher: string,
  slug: string,
  id: string,
  base: string = SITE_BASE,
): string {
  return `${versionsUrl(publisher, slug, base)}${encodeURIComponent(id)}/`;
}

/** The immutable download of one archive layout of one version. */
export function versionArchiveUrl(
  publisher: string,
  slug: string,
  id: string,
  archiveName: string,
  layout: 'folder' | 'root' | 'plugin',
  base: string = SITE_BASE,
): string {
  return `${versionUrl(publisher, slug, id, base)}${archiveFileName(archiveName, layout)}`;
}

/** The JSON list of a skill's versions. */
export function versionsApiUrl(publisher: string, slug: string, base: string = SITE_BASE): string {
  return sitePath(
    `api/skills/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}/versions.json`,
    base,
  );
}

/** The page listing every trust rule. */
export function trustRulesUrl(base: string = SITE_BASE): string {
  return sitePath('trust/rules/', base);
}

/** The page of one trust rule: what it looks for, examples, how to dispute a finding. */
export function trustRuleUrl(rule: string, base: string = SITE_BASE): string {
  return `${trustRulesUrl(base)}${encodeURIComponent(rule)}/`;
}
