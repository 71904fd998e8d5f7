import { delimiter } from 'node:path';
import { parseBuildPart, type BuildPart } from '../lib/publish/build-part.ts';

let part: BuildPart | undefined;

/** The part of the site this process builds (src/lib/publish/build-part.ts), from its environment. */
export function buildPart(): BuildPart {
  return (part ??= parseBuildPart(process.env, delimiter));
}
