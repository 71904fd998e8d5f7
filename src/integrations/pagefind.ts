import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { createIndex, close } from 'pagefind';
import { findPackageDirs } from '../lib/package-dirs.ts';
import { skillsRoot } from '../lib/site-config.ts';
import { referenceText } from '../lib/search-text.ts';

/**
 * Builds the Pagefind index in-process after the site is built. Only skill pages are indexed; each
 * is indexed together with the text of its package's Markdown references, which the page itself
 * does not carry (so a query matching a reference still finds its skill).
 */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'skillshelf-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const { index, errors } = await createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        let pages = 0;
        for (const { publisher, slug, dir: packageDir } of findPackageDirs(skillsRoot())) {
          const sourcePath = join('skills', publisher, slug, 'index.html');
          const file = join(outDir, sourcePath);
          if (!existsSync(file)) continue; // left out of the site
          const html = readFileSync(file, 'utf8');
          const extra = referenceText(packageDir);
          const content = extra ? html.replace('</main>', `<section data-pagefind-weight="0.5">${extra}</section></main>`) : html;
          const added = await index.addHTMLFile({ sourcePath, content });
          if (added.errors.length) logger.warn(`${sourcePath}: ${added.errors.join('; ')}`);
          pages += 1;
        }
        const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        await close();
        logger.info(`Indexed ${pages} skill pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
