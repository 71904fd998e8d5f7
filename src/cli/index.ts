/** `node src/cli/index.ts <outDir>`: builds the Pagefind index for an already built site (the build does this itself). */
import { resolve } from 'node:path';
import { buildSearchIndex } from '../integrations/pagefind.ts';
import { readSiteConfig, skillsRoot } from '../lib/site-config-fs.ts';

const outDir = resolve(process.argv[2] ?? 'dist');
const started = performance.now();
const pages = await buildSearchIndex(
  outDir,
  skillsRoot(),
  (m) => console.warn(m),
  readSiteConfig().base,
);
console.log(`Indexed ${pages} skill pages in ${Math.round(performance.now() - started)} ms`);
