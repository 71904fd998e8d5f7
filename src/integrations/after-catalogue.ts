import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { onCatalogueReady } from '../data/catalogue-events.ts';
import type { ListedSkill } from '../data/skills.ts';

/**
 * A build hook that writes files from the catalogue the pages listed, once the build is done:
 * `write` gets the output folder, the listed skills and their install names, and returns what the
 * log should say.
 */
export function afterCatalogue(
  name: string,
  write: (
    outDir: string,
    skills: ListedSkill[],
    installNames: ReadonlyMap<string, string>,
  ) => string,
): AstroIntegration {
  let skills: ListedSkill[] = [];
  let names: ReadonlyMap<string, string> = new Map();
  let stop: (() => void) | undefined;
  return {
    name,
    hooks: {
      'astro:build:start': () => {
        stop = onCatalogueReady((listed, installNames) => {
          skills = listed;
          names = installNames;
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        stop?.();
        const started = performance.now();
        const done = write(fileURLToPath(dir), skills, names);
        skills = [];
        names = new Map();
        logger.info(`${done} in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
