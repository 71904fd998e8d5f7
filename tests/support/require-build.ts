import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The absolute path of a built site folder; throws (failing the suite) when it was not built. */
export function requireBuild(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`${dir}/ is not built: run the build first (npm test builds it).`);
  return root;
}
