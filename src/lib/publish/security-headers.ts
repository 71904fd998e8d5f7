import { createHash } from 'node:crypto';
import { normaliseBase } from '../shared/urls.ts';

/** The pre-paint theme script (the site's only inline script); its hash is allowed by the CSP. */
export const THEME_SCRIPT = `(() => {
  document.documentElement.dataset.js = '';
  const stored = localStorage.getItem('skillshelf-theme');
  const theme = stored === 'light' || stored === 'dark' ? stored : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
})();`;

/** A CSP source for the hash of an inline script. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

/**
 * The Content-Security-Policy of every page: scripts only from the site (plus the theme script's
 * hash; Pagefind needs WebAssembly), no plugins, frames, or forms elsewhere, and images from the
 * site or `data:` — remote images only when the operator lets them load (`remoteImages: "load"`,
 * or after a click). Inline `style` attributes stay allowed: Shiki colours code with them.
 */
export function contentSecurityPolicy(options: {
  remoteImages: 'click' | 'link' | 'load';
  forHeader: boolean;
}): string {
  const images = options.remoteImages === 'link' ? "'self' data:" : "'self' data: https:";
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHash(THEME_SCRIPT)}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // frame-ancestors is ignored (and reported) in a <meta> policy: only the header carries it.
    ...(options.forHeader ? ["frame-ancestors 'none'"] : []),
  ];
  return directives.join('; ');
}

/**
 * `_headers` for hosts that read it (Netlify, Cloudflare Pages): on every path the CSP, no content
 * sniffing and a referrer policy; CORS on the machine-readable paths (`/.well-known/`, `/api/`,
 * `marketplace.json`, each skill's `skill.json`) so browser clients can fetch them; Markdown served as
 * Markdown; long, immutable caching only for what never changes at its address (hashed assets and
 * per-version downloads); a short lifetime for badges, which follow each build.
 */
export function headersFile(remoteImages: 'click' | 'link' | 'load', base = '/'): string {
  const at = (path: string): string => `${normaliseBase(base)}${path}`;
  const block = (path: string, headers: string[]): string =>
    `${path}\n${headers.map((h) => `  ${h}`).join('\n')}\n`;
  const cors = [
    'Access-Control-Allow-Origin: *',
    'Access-Control-Allow-Methods: GET, HEAD, OPTIONS',
  ];
  const immutable = 'Cache-Control: public, max-age=31536000, immutable';
  const badge = 'Cache-Control: public, max-age=300, must-revalidate';
  return [
    block(at('*'), [
      `Content-Security-Policy: ${contentSecurityPolicy({ remoteImages, forHeader: true })}`,
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: strict-origin-when-cross-origin',
    ]),
    block(at('.well-known/*'), [...cors, 'Content-Type: application/json; charset=utf-8']),
    block(at('api/*'), cors),
    block(at('marketplace.json'), cors),
    block(at('skills/:publisher/:skill/skill.json'), cors),
    block(at('skills/:publisher/:skill/index.md'), ['Content-Type: text/markdown; charset=utf-8']),
    block(at('llms.txt'), ['Content-Type: text/plain; charset=utf-8']),
    block(at('_astro/*'), [immutable]),
    block(at('skills/:publisher/:skill/versions/:id/:file'), [immutable]),
    block(at('skills/:publisher/:skill/badge.svg'), [badge]),
    block(at('skills/:publisher/:skill/loads-badge.svg'), [badge]),
    block(at('skills/:publisher/:skill/badge.json'), [badge, ...cors]),
    block(at('publishers/:publisher/badge.svg'), [badge]),
  ].join('\n');
}
