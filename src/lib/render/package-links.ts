import { resolvePackageLink } from '../skill/links.ts';
import type { UrlRewriter } from './sanitize.ts';
import { fileUrl, rawUrl, skillUrl } from '../shared/urls.ts';

/** The package facts links are resolved against. */
export interface LinkContext {
  publisher: string;
  slug: string;
  skillFile: string;
  paths: ReadonlySet<string>;
  /** The bytes of an SVG picture to inline, or `undefined` when it may not be inlined. */
  svgBytes: (path: string) => Uint8Array | undefined;
  /** The site's base path; worker threads have no `import.meta.env`, so it is passed in (default `/`). */
  base?: string | undefined;
}

/** Largest SVG picture inlined as a `data:` image, and most inlined bytes per document. */
export const SVG_INLINE_MAX_BYTES = 256 * 1024;
export const SVG_INLINE_BUDGET_BYTES = 1024 * 1024;

/**
 * Rewrites links written in `fromFile` of a package to the site's file pages and raw copies. SVG
 * pictures are inlined as `data:` images (served raw from our origin they could run script), within
 * a per-document budget so one large picture referenced many times cannot blow up the page.
 */
export function packageLinkRewriter(context: LinkContext, fromFile: string): UrlRewriter {
  let inlined = 0;
  const svgCache = new Map<string, string | undefined>();
  const base = context.base ?? '/';
  return {
    link(href) {
      const link = resolvePackageLink(fromFile, href, context.paths);
      if (link.type === 'external') return link.href;
      const hash = (fragment: string): string => (fragment ? `#${fragment}` : '');
      if (link.type === 'anchor')
        return link.fragment
          ? `#${link.fragment}`
          : fileUrl(context.publisher, context.slug, fromFile, base);
      if (link.type === 'file') {
        if (link.path === context.skillFile)
          return `${skillUrl(context.publisher, context.slug, base)}${hash(link.fragment)}`;
        return fileUrl(context.publisher, context.slug, link.path, base) + hash(link.fragment);
      }
      return undefined;
    },
    image(src) {
      const link = resolvePackageLink(fromFile, src, context.paths);
      if (link.type !== 'file') return undefined;
      if (!/\.svg$/i.test(link.path))
        return rawUrl(context.publisher, context.slug, link.path, base);
      // Every use counts against the budget: the same picture written 90 times is 90 copies in the page.
      if (!svgCache.has(link.path)) {
        const bytes = context.svgBytes(link.path);
        svgCache.set(
          link.path,
          bytes && bytes.length <= SVG_INLINE_MAX_BYTES
            ? `data:image/svg+xml;base64,${Buffer.from(bytes).toString('base64')}`
            : undefined,
        );
      }
      const uri = svgCache.get(link.path);
      if (uri === undefined || inlined + uri.length > SVG_INLINE_BUDGET_BYTES) return undefined;
      inlined += uri.length;
      return uri;
    },
  };
}
