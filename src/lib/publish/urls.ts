import { rawPath } from './raw-types.ts';

export { rawPath };

/** Encodes a package-relative path segment by segment for use in a URL. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The page of a skill. */
export function skillUrl(publisher: string, slug: string): string {
  return `/skills/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}/`;
}

/** The page showing one package file. */
export function fileUrl(publisher: string, slug: string, path: string): string {
  return `${skillUrl(publisher, slug)}files/${encodePath(path)}/`;
}

/** The downloadable, unmodified copy of a package file. */
export function rawUrl(publisher: string, slug: string, path: string): string {
  return `${skillUrl(publisher, slug)}raw/${encodePath(rawPath(path))}`;
}

/** The page listing a tag's skills. */
export function tagUrl(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}/`;
}

/** The page of a publisher. */
export function publisherUrl(publisher: string): string {
  return `/publishers/${encodeURIComponent(publisher)}/`;
}

const ARCHIVE_SUFFIX = { folder: '', root: '-flat', plugin: '-plugin' } as const;

/** The download of one archive layout of a skill (see src/lib/zip.ts for the layouts). */
export function archiveUrl(
  publisher: string,
  slug: string,
  archiveName: string,
  layout: 'folder' | 'root' | 'plugin',
): string {
  return `${skillUrl(publisher, slug)}download/${archiveFileName(archiveName, layout)}`;
}

/** The file name of an archive layout: `name.zip`, `name-flat.zip`, `name-plugin.zip`. */
export function archiveFileName(archiveName: string, layout: 'folder' | 'root' | 'plugin'): string {
  return `${archiveName}${ARCHIVE_SUFFIX[layout]}.zip`;
}

/** The JSON API document of a skill. */
export function skillApiUrl(publisher: string, slug: string): string {
  return `/api/skills/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}.json`;
}

/** The page listing every trust rule. */
export function trustRulesUrl(): string {
  return '/trust/rules/';
}

/** The page of one trust rule: what it looks for, examples, how to dispute a finding. */
export function trustRuleUrl(rule: string): string {
  return `${trustRulesUrl()}${encodeURIComponent(rule)}/`;
}
