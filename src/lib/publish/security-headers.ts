import { createHash } from 'node:crypto';

/** The pre-paint theme script (the site's only inline script); its hash is allowed by the CSP. */
export const THEME_SCRIPT = `(() => {
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

/** `_headers` for hosts that read it (Netlify, Cloudflare Pages): the CSP and no content sniffing. */
export function headersFile(remoteImages: 'click' | 'link' | 'load'): string {
  return `/*\n  Content-Security-Policy: ${contentSecurityPolicy({ remoteImages, forHeader: true })}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n`;
}
