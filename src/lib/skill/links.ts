import { posix } from 'node:path';

/** Where a link written inside a package points. */
export type PackageLink =
  | { type: 'external'; href: string }
  | { type: 'anchor'; fragment: string }
  | { type: 'file'; path: string; fragment: string }
  | { type: 'missing'; path: string }
  | { type: 'unsafe' };

const SAFE_SCHEMES = /^(?:https?|mailto):/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Resolves `href` written in package file `fromFile` against the package's file set. */
export function resolvePackageLink(
  fromFile: string,
  href: string,
  files: ReadonlySet<string>,
): PackageLink {
  const trimmed = href.trim();
  if (trimmed.startsWith('//')) return { type: 'external', href: `https:${trimmed}` };
  if (ANY_SCHEME.test(trimmed))
    return SAFE_SCHEMES.test(trimmed) ? { type: 'external', href: trimmed } : { type: 'unsafe' };
  if (trimmed.startsWith('#')) return { type: 'anchor', fragment: trimmed.slice(1) };
  const [pathPart = '', fragment = ''] = trimmed.split('#', 2);
  const withoutQuery = pathPart.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery);
  } catch {
    decoded = withoutQuery;
  }
  // Links are relative to the linking file; a leading slash means the package root, as skill authors use it.
  const base = decoded.startsWith('/') ? '' : posix.dirname(fromFile);
  const path = posix.normalize(posix.join(base, decoded.replace(/^\/+/, ''))).replace(/\/$/, '');
  if (path === '.' || path === '') return { type: 'anchor', fragment };
  if (path === '..' || path.startsWith('../')) return { type: 'missing', path: decoded };
  if (files.has(path)) return { type: 'file', path, fragment };
  // A link to a folder resolves to its first file so readers still land somewhere useful.
  const prefix = `${path}/`;
  for (const file of files)
    if (file.startsWith(prefix)) return { type: 'file', path: file, fragment: '' };
  return { type: 'missing', path };
}
