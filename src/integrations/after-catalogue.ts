import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { onCatalogueReady } from '../data/catalogue-events.ts';
import type { ListedSkill } from '../data/skills.ts';

/**
 * A build hook that writes files from the catalogue the pages listed, once the build is done:
 * `write` gets the output folder and the listed skills and returns what the log should say.
 */
export function afterCatalogue(
  name: string,
  write: (outDir: string, skills: ListedSkill[]) => string,
): AstroIntegration {
  let skills: ListedSkill[] = [];
  let stop: (() => void) | undefined;
  return {
    name,
    hooks: {
      'astro:build:start': () => {
        stop = onCatalogueReady((listed) => (skills = listed));
      },
      'astro:build:done': ({ dir, logger }) => {
        stop?.();
        const started = performance.now();
        const done = write(fileURLToPath(dir), skills);
        skills = [];
        logger.info(`${done} in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
