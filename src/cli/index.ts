/** `node src/cli/index.ts <outDir>`: builds the Pagefind index for an already built site (the build does this itself). */
import { resolve } from 'node:path';
import { buildSearchIndex } from '../data/search-index.ts';
import { readSiteConfig, skillsRoot } from '../lib/site-config-fs.ts';

const outDir = resolve(process.argv[2] ?? 'dist');
const started = performance.now();
const {
  skills,
  count: shards,
  reused,
} = await buildSearchIndex(outDir, skillsRoot(), (m) => console.warn(m), readSiteConfig().base);
console.log(
  `Indexed ${skills} skills in ${shards} shard(s) per bundle (${reused} of ${shards * 2} unchanged, from the cache) in ${Math.round(performance.now() - started)} ms`,
);
