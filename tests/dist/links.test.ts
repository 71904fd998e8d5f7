/** Checks every built page: each internal link, image, script and stylesheet resolves to a file in the build. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

function resolvesInBuild(root: string, pathname: string): boolean {
  const file = join(root, decodeURIComponent(pathname));
  if (existsSync(file) && statSync(file).isFile()) return true;
  return existsSync(join(file, 'index.html'));
}

/** Internal URLs referenced by a page (href/src/srcset), resolved against the page's own URL. */
function internalUrls(html: string, pageUrl: URL): URL[] {
  const urls: URL[] = [];
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = match[1]!.replace(/&amp;/g, '&');
    if (!raw || raw.startsWith('#') || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(raw)) continue;
    urls.push(new URL(raw, pageUrl));
  }
  return urls;
}

for (const dir of ['dist', 'dist-fixtures']) {
  const root = resolve(dir);
  test(`every internal link and asset in ${dir}/ resolves`, { skip: !existsSync(root) && `${dir}/ not built` }, () => {
    const pages = htmlFiles(root);
    assert.ok(pages.length > 10, `expected a built site in ${dir}/`);
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const rel = relative(root, page).split(sep).join('/');
      const pageUrl = new URL(`/${rel.replace(/index\.html$/, '')}`, 'http://site.test');
      for (const url of internalUrls(readFileSync(page, 'utf8'), pageUrl)) {
        if (url.origin !== 'http://site.test') continue;
        checked += 1;
        if (!resolvesInBuild(root, url.pathname)) broken.push(`${rel} → ${url.pathname}`);
      }
    }
    assert.ok(checked > 100, `only ${checked} links checked`);
    assert.deepEqual([...new Set(broken)].slice(0, 30), [], `${broken.length} broken internal links`);
  });
}
