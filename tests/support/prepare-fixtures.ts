/**
 * Adds the generated hostile packages (tests/support/hostile.ts) to the fixture catalogue before it
 * is built: FIFOs, names that are not UTF-8 and links to devices cannot live in git. Run by
 * `npm run build:fixtures`; the generated folders are git-ignored and re-made on every run.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATED_PUBLISHERS, writeHostileCatalogue } from './hostile.ts';

const skills = resolve(import.meta.dirname, '..', 'fixtures', 'content', 'skills');
for (const publisher of GENERATED_PUBLISHERS)
  rmSync(join(skills, publisher), { recursive: true, force: true });
rmSync(join(skills, '..', 'outside-package'), { recursive: true, force: true });
writeHostileCatalogue(skills);
console.log(`Generated hostile fixture packages in ${join(skills, 'generated')}`);
