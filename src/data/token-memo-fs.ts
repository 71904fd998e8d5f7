import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenMemo } from '../lib/trust/tokens.ts';

/** Counts kept in memory by one worker, most recent last. */
const RECENT = 20_000;

/**
 * The token-count memo of the build cache: one small file per counted text, named by its digest,
 * under a folder of the code hash (a new tokenizer or counting code starts an empty one). A file
 * that cannot be read or does not hold a count is counted again and rewritten.
 */
export function tokenMemo(cacheRoot: string, code: string): TokenMemo {
  const root = join(cacheRoot, 'tokens', code.slice(0, 16));
  const recent = new Map<string, number>();
  const remember = (digest: string, count: number): void => {
    recent.delete(digest);
    recent.set(digest, count);
    if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  };
  const file = (digest: string): string => join(root, digest.slice(0, 2), digest);
  return {
    get(digest) {
      const kept = recent.get(digest);
      if (kept !== undefined) return kept;
      try {
        const text = readFileSync(file(digest), 'utf8');
        if (!/^\d+$/.test(text)) return undefined;
        const count = Number(text);
        remember(digest, count);
        return count;
      } catch {
        return undefined;
      }
    },
    set(digest, count) {
      remember(digest, count);
      const target = file(digest);
      try {
        mkdirSync(join(target, '..'), { recursive: true });
        const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        writeFileSync(temp, String(count));
        renameSync(temp, target);
      } catch {
        // The memo only saves work: a count that cannot be kept is made again next time.
      }
    },
  };
}
