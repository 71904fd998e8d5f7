import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { cardRecord, type ApiSummary } from '../lib/search/card-record.ts';
import { stripBase } from '../lib/shared/urls.ts';
import { skillsRoot } from '../lib/site-config-fs.ts';
import { readSearchText } from '../data/package-cache.ts';
import { catalogueManifestPath } from '../data/skill-loader.ts';

/**
 * Indexes the built skill pages of `outDir` with Pagefind, in-process, into two bundles:
 * - `pagefind/`: full text. Each page is indexed together with the text of its package's Markdown
 *   references (made in the load phase, read from the build cache), so a query matching a reference finds its skill.
 * - `pagefind-cards/`: one small record per skill (name, description, filters, sort keys) for the
 *   catalogue's filters, built from the catalogue data (`api/skills.json`), never scraped from pages.
 * Returns the number of pages indexed.
 */
export async function buildSearchIndex(
  outDir: string,
  root: string,
  warn: (message: string) => void,
  base = '/',
): Promise<number> {
  try {
    const { index, errors } = await createIndex({ forceLanguage: 'en' });
    const { index: cards, errors: cardErrors } = await createIndex({ forceLanguage: 'en' });
    if (!index || !cards)
      throw new Error(`Pagefind could not start: ${[...errors, ...cardErrors].join('; ')}`);
    const manifest = JSON.parse(readFileSync(catalogueManifestPath(root), 'utf8')) as {
      skills: { id: string; key: string }[];
    };
    const keys = new Map(manifest.skills.map((s) => [s.id, s.key]));
    const api = JSON.parse(readFileSync(join(outDir, 'api', 'skills.json'), 'utf8')) as {
      skills: ApiSummary[];
    };
    let pages = 0;
    for (const summary of api.skills) {
      // Index site paths without the base: Pagefind's browser API adds it back (its `baseUrl`).
      const url = stripBase(new URL(summary.url).pathname, base);
      if (url === undefined) continue;
      const sourcePath = join(decodeURI(url), 'index.html').replace(/^\/+/, '');
      const file = join(outDir, sourcePath);
      if (!existsSync(file)) continue;
      const html = readFileSync(file, 'utf8');
      const extra = readSearchText(keys.get(summary.id) ?? '');
      const at = html.lastIndexOf('</main>');
      const content =
        extra && at !== -1
          ? `${html.slice(0, at)}<section data-pagefind-weight="0.5">${extra}</section>${html.slice(at)}`
          : html;
      const added = await index.addHTMLFile({ sourcePath, content });
      if (added.errors.length) warn(`${sourcePath}: ${added.errors.join('; ')}`);
      const card = await cards.addCustomRecord(cardRecord(url, summary));
      if (card.errors.length) warn(`${sourcePath} (card): ${card.errors.join('; ')}`);
      pages += 1;
    }
    for (const [bundle, name] of [
      [index, 'pagefind'],
      [cards, 'pagefind-cards'],
    ] as const) {
      const written = await bundle.writeFiles({ outputPath: join(outDir, name) });
      if (written.errors.length)
        throw new Error(`Pagefind could not write ${name}/: ${written.errors.join('; ')}`);
    }
    return pages;
  } catch (cause) {
    throw new Error('Failed to build the search index.', { cause });
  } finally {
    await close();
  }
}

/** Runs the search index after `astro build`; `SKILLSHELF_SKIP_INDEX=1` leaves it to `src/cli/index.ts` (benchmarks). */
export function pagefindIntegration(): AstroIntegration {
  let base = '/';
  return {
    name: 'skillshelf-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env['SKILLSHELF_SKIP_INDEX'] === '1') return;
        const started = performance.now();
        const pages = await buildSearchIndex(
          fileURLToPath(dir),
          skillsRoot(),
          (m) => logger.warn(m),
          base,
        );
        logger.info(
          `Indexed ${pages} skill pages in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
