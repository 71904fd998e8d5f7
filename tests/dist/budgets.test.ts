/**
 * Size budgets, measured on the built pages as a CDN serves them (gzip): the JavaScript a page loads
 * before anyone opens search (its scripts and their static imports, never `import()`), its CSS, and
 * its HTML. Every built page is measured; the largest of each page type is printed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { requireBuild } from '../support/require-build.ts';

const KB = 1024;
const BUDGET = { js: 30 * KB, css: 25 * KB, skillHtml: 120 * KB, listingHtml: 40 * KB };

/** Listing pages: the home page, the catalogue's pages, tags, publishers and collections. */
const LISTING = /^(?:|skills\/(?:\d+\/)?|tags\/(?:[^/]+\/)?|publishers\/(?:[^/]+\/)?|collections\/(?:[^/]+\/)?)$/;
/** A skill's own page. */
const SKILL = /^skills\/[^/]+\/[^/]+\/$/;

function pageType(path: string): string {
  if (SKILL.test(path)) return 'skill';
  if (/^skills\/[^/]+\/[^/]+\/files\//.test(path)) return 'file';
  if (/^skills\/[^/]+\/[^/]+\/versions\//.test(path)) return 'versions';
  const first = path.split('/')[0] ?? '';
  if (LISTING.test(path)) return path === '' ? 'home' : `listing: ${first}`;
  return first || 'home';
}

function htmlPages(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlPages(root, path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const gz = (text: string | Buffer): number => gzipSync(text).length;

/** Attribute values of tags matching `tag` (a regex source) that carry `attr`. */
function attrs(html: string, tag: string, attr: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}(?![\\w-])[^>]*>`, 'gi'))) {
    const value = new RegExp(`\\s${attr}="([^"]+)"`, 'i').exec(m[0])?.[1];
    if (value) out.push(value);
  }
  return out;
}

/** Measures one built site: per page, the gzip bytes of its HTML, its CSS and its first-load JS. */
function measure(root: string) {
  const assetSizes = new Map<string, number>();
  const asset = (file: string): number => {
    let size = assetSizes.get(file);
    if (size === undefined) assetSizes.set(file, (size = gz(readFileSync(file))));
    return size;
  };
  const fileOf = (page: string, url: string): string | undefined => {
    if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) return undefined;
    const path = url.split(/[?#]/)[0]!;
    return path.startsWith('/') ? join(root, path) : resolve(dirname(page), path);
  };
  /** A module and everything it imports statically (`import()` loads later, on demand). */
  const graph = (file: string, seen: Set<string>): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\b(?:import|export)(?:[\w$*{}\s,]*?\bfrom)?\s*["']([^"']+)["']/g))
      graph(resolve(dirname(file), m[1]!), seen);
  };
  return htmlPages(root).map((page) => {
    const html = readFileSync(page, 'utf8');
    const path = relative(root, page).replace(/index\.html$/, '');
    const modules = new Set<string>();
    for (const src of [
      ...attrs(html, 'script', 'src'),
      ...attrs(html, 'link[^>]*rel="modulepreload"', 'href'),
    ]) {
      const file = fileOf(page, src);
      if (file) graph(file, modules);
    }
    const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
      .map((m) => m[1]!)
      .filter((code) => code.trim() && !/^\s*[[{]/.test(code)); // JSON data islands are not code
    const stylesheets = attrs(html, 'link[^>]*rel="stylesheet"', 'href')
      .map((href) => fileOf(page, href))
      .filter((f): f is string => !!f);
    const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!);
    return {
      path,
      type: pageType(path),
      html: gz(html),
      js: [...modules].reduce((sum, f) => sum + asset(f), 0) + (inlineScripts.length ? gz(inlineScripts.join('\n')) : 0),
      css: stylesheets.reduce((sum, f) => sum + asset(f), 0) + (inlineStyles.length ? gz(inlineStyles.join('\n')) : 0),
    };
  });
}

const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

for (const dir of ['dist', 'dist-site']) {
  const root = requireBuild(dir);
  test(`pages in ${dir}/ stay within their size budgets (gzip)`, () => {
    const pages = measure(root);
    assert.ok(pages.length > 20, `expected a built site in ${dir}/`);
    assert.ok(
      pages.some((p) => p.type === 'skill') && pages.some((p) => p.js > 0),
      'skill pages and scripts are measured',
    );
    const worst = new Map<string, (typeof pages)[number]>();
    for (const p of pages) {
      const held = worst.get(p.type);
      if (!held || p.html + p.js > held.html + held.js) worst.set(p.type, p);
    }
    for (const [type, p] of [...worst].sort()) {
      console.log(
        `  ${type.padEnd(20)} html ${kb(p.html).padStart(9)}  js ${kb(p.js).padStart(8)}  css ${kb(p.css).padStart(8)}  (/${p.path})`,
      );
    }
    const over: string[] = [];
    for (const p of pages) {
      if (p.js > BUDGET.js) over.push(`/${p.path}: JavaScript ${kb(p.js)} > ${kb(BUDGET.js)}`);
      if (p.css > BUDGET.css) over.push(`/${p.path}: CSS ${kb(p.css)} > ${kb(BUDGET.css)}`);
      if (p.type === 'skill' && p.html > BUDGET.skillHtml)
        over.push(`/${p.path}: skill page HTML ${kb(p.html)} > ${kb(BUDGET.skillHtml)}`);
      if ((p.type === 'home' || p.type.startsWith('listing')) && p.html > BUDGET.listingHtml)
        over.push(`/${p.path}: listing HTML ${kb(p.html)} > ${kb(BUDGET.listingHtml)}`);
    }
    assert.deepEqual(over.slice(0, 20), [], `${over.length} page(s) over budget`);
  });
}
