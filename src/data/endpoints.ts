export { publishOrigin } from './site.ts';
import { getPublishers } from './skills.ts';

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
