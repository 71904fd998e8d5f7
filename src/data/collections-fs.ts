import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  parseCollection,
  type CollectionProblem,
  type CollectionSource,
} from '../lib/publish/collection.ts';
import { contentRoot } from '../lib/site-config-fs.ts';

/** The folder of collection files: `<content>/collections/`. */
export function collectionsRoot(): string {
  return join(contentRoot(), 'collections');
}

/** Every collection file read, in file-name order: the readable ones and the problems of the rest. */
export function readCollectionFiles(dir = collectionsRoot()): {
  sources: CollectionSource[];
  problems: CollectionProblem[];
} {
  if (!existsSync(dir)) return { sources: [], problems: [] };
  const sources: CollectionSource[] = [];
  const problems: CollectionProblem[] = [];
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md')
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const file = relative(process.cwd(), join(dir, name));
    const read = parseCollection(name, file, readFileSync(join(dir, name), 'utf8'));
    if (read.ok) sources.push(read.collection);
    else problems.push(read.problem);
  }
  return { sources, problems };
}
