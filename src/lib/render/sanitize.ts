import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../shared/html-entities.ts';

/** HTML elements third-party Markdown may keep; everything else is shown as escaped text. */
export const ALLOWED_HTML_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'a',
  'img',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'del',
  's',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'kbd',
  'abbr',
  'q',
  'cite',
  'var',
  'samp',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'details',
  'summary',
  'figure',
  'figcaption',
  'span',
  'div',
  'label',
  'input',
  'picture',
  'center',
] as const;

/** How remote images render: a click-to-load button (no request until clicked), a plain link, or an `<img>` loaded with the page. */
export type RemoteImages = 'click' | 'link' | 'load';

/** Options of `sanitize`. */
export interface SanitizeOptions {
  /** How `https:` images from other sites render (default `'click'`); `http:` images always become links. */
  remoteImages?: RemoteImages | undefined;
  /** Secret prefix of the heading ids the renderer wrote: those lose it and stay as they are; every other id gets `user-content-`. */
  generatedIdPrefix?: string | undefined;
  /** HTML to sanitise instead when `html` nests deeper than `MAX_HTML_DEPTH` (default: all of `html` shown as text). */
  tooDeep?: (() => string) | undefined;
}

/** How relative link targets and image sources become site URLs; `undefined` means "not in the package". */
export interface UrlRewriter {
  link(href: string): string | undefined;
  image(src: string): string | undefined;
}

/** Deepest element nesting sanitised as HTML: the HTML parser's cost grows with the square of the depth. */
export const MAX_HTML_DEPTH = 128;

/** Prefix of every `id` and `name` written by an author, so none can take an id the page uses (as on GitHub). */
export const AUTHOR_ID_PREFIX = 'user-content-';

const EXTERNAL_REL = 'nofollow noopener noreferrer ugc';
const IMAGE_DATA = /^data:image\/(?:png|jpe?g|gif|webp|avif|svg\+xml)[;,]/i;

/** A URL from content, read the way a browser reads it. */
type ContentUrl =
  | { kind: 'web'; href: string; host: string; secure: boolean }
  | { kind: 'mailto' | 'data' | 'fragment' | 'relative'; href: string }
  | { kind: 'unsafe' };

/** Drops what browsers drop before reading a URL: leading and trailing C0 controls and spaces, and every tab and newline. */
function browserForm(written: string): string {
  let start = 0;
  let end = written.length;
  while (start < end && written.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && written.charCodeAt(end - 1) <= 0x20) end -= 1;
  return written.slice(start, end).replace(/[\t\n\r]/g, '');
}

function classifyUrl(written: string): ContentUrl {
  const url = browserForm(written);
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'https' || scheme === 'http') return webUrl(url);
  if (scheme === 'mailto' || scheme === 'data') return { kind: scheme, href: url };
  if (scheme !== undefined) return { kind: 'unsafe' };
  // `//host`, `\\host`, `/\host` and `\/host` all leave the site: browsers read `\` as `/` in web URLs.
  if (/^[\\/]{2}/.test(url)) return webUrl(`https:${url}`);
  if (url.startsWith('#')) return { kind: 'fragment', href: url };
  return { kind: 'relative', href: url };
}

function webUrl(url: string): ContentUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'unsafe' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { kind: 'unsafe' };
  // The author's spelling is kept only when every browser reads it alike; `https:/\evil` or `https:evil` are written out canonically.
  const plain = /^https?:\/\/[^\\/]/i.test(url) && !url.includes('\\');
  return {
    kind: 'web',
    href: plain ? url : parsed.href,
    host: parsed.host,
    secure: parsed.protocol === 'https:',
  };
}

/** Per-call state the transforms share with the passes after sanitising. */
interface State {
  authorTargets: Set<string>;
  generatedIds: Set<string>;
  depth: number;
  linkDepth: number;
}

class NestingTooDeep extends Error {}

const BASE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_HTML_TAGS],
  // Unknown tags (pseudo-XML prompt tags, <script>, <iframe>, <form>…) become visible text, never elements.
  disallowedTagsMode: 'recursiveEscape',
  allowedAttributes: {
    a: ['href', 'title', 'id', 'name', 'rel', 'data-missing'],
    img: [
      'src',
      'alt',
      'title',
      'width',
      'height',
      'loading',
      'decoding',
      'data-src',
      'data-alt',
      'data-host',
    ],
    h1: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    th: ['align', 'style', 'colspan', 'rowspan'],
    td: ['align', 'style', 'colspan', 'rowspan'],
    ol: ['start', 'reversed'],
    li: ['value'],
    code: ['class'],
    abbr: ['title'],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedStyles: {
    th: { 'text-align': [/^(?:left|right|center)$/] },
    td: { 'text-align': [/^(?:left|right|center)$/] },
  },
  // A second line of defence: the transforms below have already decided every URL.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
};

function optionsFor(
  urls: UrlRewriter,
  options: SanitizeOptions,
  state: State,
): sanitizeHtml.IOptions {
  const remoteImages = options.remoteImages ?? 'click';
  const prefix = options.generatedIdPrefix;

  /** The id an element keeps: the renderer's own ids lose their secret prefix, authors' ids gain `user-content-`. */
  const ownId = (written: string | undefined, generated: boolean): Record<string, string> => {
    if (!written) return {};
    if (generated && prefix && written.startsWith(prefix) && written.length > prefix.length) {
      const id = written.slice(prefix.length);
      state.generatedIds.add(id);
      return { id };
    }
    state.authorTargets.add(written);
    return { id: AUTHOR_ID_PREFIX + written };
  };

  const heading: sanitizeHtml.Transformer = (tagName, attribs) => ({
    tagName,
    attribs: ownId(attribs['id'], true),
  });

  return {
    ...BASE_OPTIONS,
    onOpenTag: (name) => {
      // Past this depth the parser slows down quadratically; the caller renders something flatter instead.
      state.depth += 1;
      if (state.depth > MAX_HTML_DEPTH) throw new NestingTooDeep();
      if (name === 'a') state.linkDepth += 1;
    },
    onCloseTag: (name) => {
      state.depth -= 1;
      if (name === 'a') state.linkDepth = Math.max(0, state.linkDepth - 1);
    },
    transformTags: {
      h1: heading,
      h2: heading,
      h3: heading,
      h4: heading,
      h5: heading,
      h6: heading,
      a: (tagName, attribs) => {
        const extra: Record<string, string> = {
          ...(attribs['title'] ? { title: attribs['title'] } : {}),
          ...ownId(attribs['id'], false),
          ...(attribs['name'] ? { name: AUTHOR_ID_PREFIX + attribs['name'] } : {}),
        };
        if (attribs['name']) state.authorTargets.add(attribs['name']);
        const written = attribs['href'];
        if (written === undefined) return { tagName, attribs: extra };
        const target = linkTarget(written, urls);
        if (target.kind === 'missing')
          return { tagName, attribs: { 'data-missing': '', ...extra, title: target.title } };
        return {
          tagName,
          attribs: {
            href: target.href,
            ...(target.external ? { rel: EXTERNAL_REL } : {}),
            ...extra,
          },
        };
      },
      // Only inert, disabled checkboxes survive (GFM task lists); any other input becomes one too.
      input: (tagName, attribs) => ({
        tagName,
        attribs: {
          type: 'checkbox',
          disabled: '',
          ...(attribs['checked'] !== undefined ? { checked: '' } : {}),
        },
      }),
      img: (tagName, attribs) => {
        const rest: Record<string, string> = {};
        for (const name of ['alt', 'title', 'width', 'height'])
          if (attribs[name] !== undefined) rest[name] = attribs[name];
        // An author's <img> without alt is announced by its URL: an empty alt marks it decorative instead.
        rest['alt'] ??= '';
        const alt = attribs['alt'] ?? '';
        const url = classifyUrl(attribs['src'] ?? '');
        const shown = (src: string): sanitizeHtml.Tag => ({
          tagName,
          attribs: { src, ...rest, loading: 'lazy', decoding: 'async' },
        });
        const inert: sanitizeHtml.Tag = { tagName, attribs: { ...rest, loading: 'lazy' } };
        if (url.kind === 'data') return IMAGE_DATA.test(url.href) ? shown(url.href) : inert;
        if (url.kind === 'relative') {
          const resolved = urls.image(url.href);
          const checked = resolved === undefined ? undefined : classifyUrl(resolved);
          if (checked?.kind === 'relative' || checked?.kind === 'web') return shown(checked.href);
          return checked?.kind === 'data' && IMAGE_DATA.test(checked.href)
            ? shown(checked.href)
            : inert;
        }
        if (url.kind !== 'web') return inert;
        if (url.secure && remoteImages === 'load') return shown(url.href);
        const label = `Image${alt ? `: ${alt}` : ''} (${url.host})`;
        // Inside a link a second link or a button would be invalid: the image is named in the link's text instead.
        if (state.linkDepth > 0) return { tagName: 'span', attribs: {}, text: label };
        if (url.secure && remoteImages === 'click')
          return {
            tagName,
            attribs: { 'data-src': url.href, 'data-alt': alt, 'data-host': url.host },
          };
        return { tagName: 'a', attribs: { href: url.href, rel: EXTERNAL_REL }, text: label };
      },
    },
  };
}

type LinkTarget =
  { kind: 'link'; href: string; external: boolean } | { kind: 'missing'; title: string };

function linkTarget(written: string, urls: UrlRewriter): LinkTarget {
  const url = classifyUrl(written);
  if (url.kind === 'web') return { kind: 'link', href: url.href, external: true };
  if (url.kind === 'mailto' || url.kind === 'fragment')
    return { kind: 'link', href: url.href, external: false };
  if (url.kind !== 'relative')
    return { kind: 'missing', title: 'Link removed: only https, http and mailto links are kept' };
  const resolved = urls.link(url.href);
  if (resolved === undefined) return { kind: 'missing', title: `Not in this package: ${written}` };
  // The rewriter's answer is checked like the author's: a careless rewriter cannot hand back a script URL.
  const checked = classifyUrl(resolved);
  if (checked.kind === 'web') return { kind: 'link', href: checked.href, external: true };
  if (checked.kind === 'mailto' || checked.kind === 'fragment' || checked.kind === 'relative')
    return { kind: 'link', href: checked.href, external: false };
  return { kind: 'missing', title: 'Link removed: only https, http and mailto links are kept' };
}

const unescapeAttribute = (value: string): string =>
  value.replace(
    /&(amp|lt|gt|quot);/g,
    (_, name: string) =>
      ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name as 'amp' | 'lt' | 'gt' | 'quot'],
  );

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Runs the allow-list, then the passes that need the whole document: author fragment links and click-to-load images. */
function sanitizeOnce(html: string, urls: UrlRewriter, options: SanitizeOptions): string {
  const state: State = {
    authorTargets: new Set(),
    generatedIds: new Set(),
    depth: 0,
    linkDepth: 0,
  };
  let out = sanitizeHtml(html, optionsFor(urls, options, state));
  // The output is the sanitiser's own serialisation: `<` only opens tags and attribute values never hold `"`, `<` or `>`.
  if (state.authorTargets.size > 0) {
    out = out.replace(/<a\s[^<>]*>/g, (tag) =>
      tag.replace(/ href="#([^"]*)"/, (whole, escaped: string) => {
        const raw = unescapeAttribute(escaped);
        const decoded = decodeFragment(raw);
        const isAuthor = state.authorTargets.has(raw) || state.authorTargets.has(decoded);
        const isHeading = state.generatedIds.has(raw) || state.generatedIds.has(decoded);
        return isAuthor && !isHeading ? ` href="#${AUTHOR_ID_PREFIX}${escaped}"` : whole;
      }),
    );
  }
  return out.replace(
    /<img data-src="([^"]*)" data-alt(?:="([^"]*)")? data-host="([^"]*)" \/>/g,
    (_, src: string, alt = '', host: string) =>
      `<button type="button" class="remote-image" data-src="${src}" data-alt="${alt}">Load image from ${host}${alt ? `: ${alt}` : ''}</button>`,
  );
}

/** Makes third-party HTML inert: no script, frames, forms, event handlers, foreign ids or non-web URLs. */
export function sanitize(html: string, urls: UrlRewriter, options: SanitizeOptions = {}): string {
  const attempts = options.tooDeep ? [() => html, options.tooDeep] : [() => html];
  for (const attempt of attempts) {
    try {
      return sanitizeOnce(attempt(), urls, options);
    } catch (error) {
      if (!(error instanceof NestingTooDeep)) throw error;
    }
  }
  return `<p>${escapeHtml(html)}</p>`;
}
