import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { findPackageDirs } from '../lib/package-dirs.ts';
import { referenceText } from '../lib/search-text.ts';
import { skillsRoot } from '../lib/site-config.ts';

/**
 * Indexes the built skill pages of `outDir` with Pagefind, in-process. Each page is indexed together
 * with the text of its package's Markdown references, which the page itself does not carry, so a
 * query matching a reference still finds its skill. Returns the number of pages indexed.
 */
export async function buildSearchIndex(outDir: string, root: string, warn: (message: string) => void): Promise<number> {
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let pages = 0;
  for (const { publisher, slug, dir } of findPackageDirs(root)) {
    const sourcePath = join('skills', publisher, slug, 'index.html');
    const file = join(outDir, sourcePath);
    if (!existsSync(file)) continue; // left out of the site
    const html = readFileSync(file, 'utf8');
    const extra = referenceText(dir);
    const content = extra ? html.replace('</main>', `<section data-pagefind-weight="0.5">${extra}</section></main>`) : html;
    const added = await index.addHTMLFile({ sourcePath, content });
    if (added.errors.length) warn(`${sourcePath}: ${added.errors.join('; ')}`);
    pages += 1;
  }
  const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await close();
  return pages;
}

/** Runs the search index after `astro build`; `SKILLSHELF_SKIP_INDEX=1` leaves it to `src/cli/index.ts` (benchmarks). */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'skillshelf-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env['SKILLSHELF_SKIP_INDEX'] === '1') return;
        const started = performance.now();
        const pages = await buildSearchIndex(fileURLToPath(dir), skillsRoot(), (m) => logger.warn(m));
        logger.info(`Indexed ${pages} skill pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
