import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterCatalogue } from './after-catalogue.ts';
import { facetStore } from '../lib/search/facet-store.ts';
import { indexEntries } from '../data/search-index.ts';
import type { ListedSkill } from '../data/skills.ts';
import { buildPart } from '../data/build-part.ts';
import { makesCatalogue } from '../lib/publish/build-part.ts';

/** The store's folder in the site; the catalogue page's script reads it (src/client/catalogue-store.ts). */
export const STORE_FOLDER = 'catalogue';

/** Writes the precomputed catalogue (src/lib/search/facet-store.ts) for instant filters. */
export function writeCatalogueStore(outDir: string, skills: ListedSkill[]): number {
  // Catalogue order, as the listing pages have it: by display name, ties by id.
  const byName = [...skills].sort(
    (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const files = facetStore(indexEntries(byName).map((entry) => entry.card));
  const root = join(outDir, STORE_FOLDER);
  rmSync(root, { recursive: true, force: true });
  for (const [path, content] of files) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return files.size;
}

/** Publishes the precomputed catalogue when the build is done, from the catalogue the pages listed. */
export function catalogueStoreIntegration(): AstroIntegration {
  return afterCatalogue('skillshelf-catalogue-store', (outDir, skills) =>
    // The catalogue's, not a part's: a build of one part leaves it to the merge.
    makesCatalogue(buildPart())
      ? `Wrote the filter store (${writeCatalogueStore(outDir, skills)} files)`
      : 'The filter store is left to the merge',
  );
}
