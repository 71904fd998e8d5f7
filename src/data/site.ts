import { publishProblem, readSiteConfig } from '../lib/site-config-fs.ts';

/** The site identity from `content/site.json`, read once per build. */
export const site = readSiteConfig();

/** The origin for absolute URLs in install endpoints; refuses the placeholder URL outside local previews. */
export function publishOrigin(): string {
  const problem = publishProblem(site);
  if (problem) throw new Error(problem);
  return site.url;
}
