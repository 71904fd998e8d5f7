import sanitizeHtml from 'sanitize-html';

/** HTML elements third-party Markdown may keep; everything else is shown as escaped text. */
export const ALLOWED_HTML_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'a', 'img', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
  'em', 'strong', 'b', 'i', 'u', 'del', 's', 'ins', 'mark', 'small', 'sub', 'sup', 'kbd', 'abbr', 'q', 'cite', 'var',
  'samp', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'details', 'summary',
  'figure', 'figcaption', 'span', 'div', 'label', 'input', 'picture', 'center',
] as const;

const EXTERNAL = /^(?:https?:)?\/\//i;

/** How relative link targets and image sources become site URLs; `undefined` means "not in the package". */
export interface UrlRewriter {
  link(href: string): string | undefined;
  image(src: string): string | undefined;
}

const BASE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_HTML_TAGS],
  // Unknown tags (pseudo-XML prompt tags, <script>, <iframe>, <form>…) become visible text, never elements.
  disallowedTagsMode: 'recursiveEscape',
  allowedAttributes: {
    a: ['href', 'title', 'id', 'name', 'rel', 'data-missing'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    th: ['align', 'style', 'colspan', 'rowspan'], td: ['align', 'style', 'colspan', 'rowspan'],
    ol: ['start', 'reversed'], li: ['value'], code: ['class'], abbr: ['title'],
    input: ['type', 'checked', 'disabled'], details: ['open'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedStyles: { th: { 'text-align': [/^(?:left|right|center)$/] }, td: { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
};

function optionsFor(urls: UrlRewriter): sanitizeHtml.IOptions {
  return { ...BASE_OPTIONS, transformTags: {
    a: (tagName, attribs) => {
      const href = attribs['href'];
      if (href === undefined || href.startsWith('#')) return { tagName, attribs };
      if (EXTERNAL.test(href)) return { tagName, attribs: { ...attribs, href: href.startsWith('//') ? `https:${href}` : href, rel: 'nofollow noopener noreferrer ugc' } };
      const url = urls.link(href);
      if (url === undefined) {
        const { href: _missing, ...rest } = attribs;
        return { tagName, attribs: { ...rest, 'data-missing': '', title: `Not in this package: ${href}` } };
      }
      return { tagName, attribs: { ...attribs, href: url } };
    },
    // Only inert, disabled checkboxes survive (GFM task lists); any other input becomes one too.
    input: (tagName, attribs) => ({
      tagName,
      attribs: { type: 'checkbox', disabled: '', ...(attribs['checked'] !== undefined ? { checked: '' } : {}) },
    }),
    img: (tagName, attribs) => {
      const written = attribs['src'] ?? '';
      const src = /^(?:https?:|data:)/i.test(written) ? written : (urls.image(written) ?? '');
      // Inline images are allowed only as raster or SVG pictures (an <img> never runs script).
      if (/^data:/i.test(src) && !/^data:image\/(?:png|jpe?g|gif|webp|avif|svg\+xml);/i.test(src)) {
        const { src: _dropped, ...rest } = attribs;
        return { tagName, attribs: { ...rest, loading: 'lazy' } };
      }
      return { tagName, attribs: { ...attribs, src, loading: 'lazy', decoding: 'async' } };
    },
  } };
}

/** Makes third-party HTML inert: no script, frames, forms, event handlers or javascript: URLs. */
export function sanitize(html: string, urls: UrlRewriter): string {
  return sanitizeHtml(html, optionsFor(urls));
}
