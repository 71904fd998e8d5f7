import { publishProblem } from '../lib/site-config-fs.ts';
import { site } from './site.ts';
import { getPublishers } from './skills.ts';

/** The origin for absolute URLs in install endpoints; refuses the placeholder URL outside local previews. */
export function publishOrigin(): string {
  const problem = publishProblem(site);
  if (problem) throw new Error(problem);
  return site.url;
}

/** Publisher slug → display name. */
export async function publisherNames(): Promise<Map<string, string>> {
  return new Map((await getPublishers()).map((p) => [p.slug, p.name]));
}

/** A JSON response with stable formatting. */
export function json(data: unknown): Response {
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: { 'content-type': 'application/json' },
  });
}
