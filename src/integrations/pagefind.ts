import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { cardRecord } from '../lib/card-record.ts';
import { findPackageDirs } from '../lib/package-dirs.ts';
import { referenceText } from '../lib/search-text.ts';
import { skillsRoot } from '../lib/site-config.ts';

/**
 * Indexes the built skill pages of `outDir` with Pagefind, in-process, into two bundles:
 * - `pagefind/`: full text. Each page is indexed together with the text of its package's Markdown
 *   references, which the page itself does not carry, so a query matching a reference finds its skill.
 * - `pagefind-cards/`: one small record per skill (name, description, filters, sort keys) for the
 *   catalogue's filters, whose results need card fields, not page text.
 * Returns the number of pages indexed.
 */
export async function buildSearchIndex(outDir: string, root: string, warn: (message: string) => void): Promise<number> {
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  const { index: cards, errors: cardErrors } = await createIndex({ forceLanguage: 'en' });
  if (!index || !cards) throw new Error(`Pagefind could not start: ${[...errors, ...cardErrors].join('; ')}`);
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
    const card = await cards.addCustomRecord(cardRecord(`/skills/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}/`, html));
    if (card.errors.length) warn(`${sourcePath} (card): ${card.errors.join('; ')}`);
    pages += 1;
  }
  for (const [bundle, name] of [[index, 'pagefind'], [cards, 'pagefind-cards']] as const) {
    const written = await bundle.writeFiles({ outputPath: join(outDir, name) });
    if (written.errors.length) throw new Error(`Pagefind could not write ${name}/: ${written.errors.join('; ')}`);
  }
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
