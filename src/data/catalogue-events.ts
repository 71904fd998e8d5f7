import type { ListedSkill } from './skills.ts';

// One channel per process, shared by the copy of this module in Astro's page bundle and the copy the
// integrations load with the config: Symbol.for names the same key in both.
const CHANNEL = Symbol.for('skillshelf.catalogue-ready');

/** The listed skills, and each one's install name (by skill id). */
type Listener = (skills: ListedSkill[], installNames: ReadonlyMap<string, string>) => void;

function listeners(): Set<Listener> {
  const scope = globalThis as Record<symbol, Set<Listener> | undefined>;
  return (scope[CHANNEL] ??= new Set());
}

/** A build integration asks to hear of the listed catalogue as soon as pages can read it; returns how to stop. */
export function onCatalogueReady(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

/** The data layer says the listed catalogue is known (once per build, before the first page). */
export function announceCatalogue(
  skills: ListedSkill[],
  installNames: ReadonlyMap<string, string>,
): void {
  for (const listener of listeners()) listener(skills, installNames);
}
