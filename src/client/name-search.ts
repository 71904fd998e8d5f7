import {
  markWords,
  nameBucket,
  nameWords,
  storeFiles,
  withinOneEdit,
  type NameEntry,
} from '../lib/shared/catalogue-store.ts';
import { cardsAt, loadStoreFile, loadStoreIndex } from './catalogue-store.ts';
import type { PagefindResultData } from './pagefind.ts';

/** Most name matches shown before the full-text hits. */
export const NAME_HITS = 5;
/** Query words shorter than this match names by prefix only (a typo in two letters is another word). */
const TYPO_MIN = 4;

/** How well a name word answers a query word: 3 exact, 2 prefix (the word being typed), 1 one typo, 0 not at all. */
function wordScore(query: string, word: string, last: boolean): number {
  if (word === query) return 3;
  if (last && word.startsWith(query)) return 2;
  if (query.length >= TYPO_MIN && withinOneEdit(query, word)) return 1;
  // The word being typed may itself hold the typo: compare it with the start of the name word.
  if (last && query.length >= TYPO_MIN && withinOneEdit(query, word.slice(0, query.length)))
    return 1;
  return 0;
}

/**
 * Skills whose name answers the query: every query word matches a word of the name exactly, by
 * prefix (the last word, still being typed) or with one typo. Read from the store's name index
 * (one small bucket per first letter), best matches first, then catalogue order. A typo in the
 * first letter is also looked up in the bucket of the swapped first two letters.
 */
export async function nameMatches(query: string): Promise<PagefindResultData[]> {
  const words = nameWords(query);
  if (!words.length || words.join('').length < 2) return [];
  const buckets = new Set(
    words.flatMap((w) => [nameBucket(w), ...(w.length > 1 ? [nameBucket(w[1]!)] : [])]),
  );
  const entries = (
    await Promise.all(
      [...buckets].map((b) => loadStoreFile<NameEntry[]>(storeFiles.names(b)).catch(() => [])),
    )
  ).flat();
  // Per position: the best score of each query word.
  const scores = new Map<number, number[]>();
  for (const [word, position] of entries) {
    words.forEach((q, i) => {
      const score = wordScore(q, word, i === words.length - 1);
      if (!score) return;
      const best = scores.get(position) ?? new Array<number>(words.length).fill(0);
      best[i] = Math.max(best[i]!, score);
      scores.set(position, best);
    });
  }
  const ranked = [...scores]
    .filter(([, best]) => best.every((s) => s > 0))
    .map(([position, best]) => ({ position, score: best.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, NAME_HITS);
  if (!ranked.length) return [];
  const cards = await cardsAt(
    await loadStoreIndex(),
    ranked.map((r) => r.position),
  );
  return cards.map((card) => ({
    ...card,
    excerpt: markWords(card.meta['description'] ?? '', words),
  }));
}

/** Most tags suggested when a query finds nothing. */
const SUGGESTED_TAGS = 5;

/**
 * Tags close to a query that found nothing: a tag one typo away from a query word, or starting
 * with it, most used first. From the store's full tag list.
 */
export async function closeTags(query: string): Promise<string[]> {
  const words = nameWords(query).filter((w) => w.length >= 3);
  if (!words.length) return [];
  const tags = await loadStoreFile<[string, number, number][]>(storeFiles.all('tag')).catch(
    () => [],
  );
  return tags
    .filter(([tag]) =>
      words.some((w) => tag.startsWith(w) || (w.length >= TYPO_MIN && withinOneEdit(w, tag))),
    )
    .slice(0, SUGGESTED_TAGS)
    .map(([tag]) => tag);
}
