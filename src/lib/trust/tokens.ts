import { createHash } from 'node:crypto';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Where counts already made can be found again, by a digest of the text (counting is the costliest
 * part of reading a package: the same file in another version or another fork is counted once).
 * The build's workers set one (src/data/token-memo-fs.ts); without one every text is counted.
 */
export interface TokenMemo {
  get(digest: string): number | undefined;
  set(digest: string, count: number): void;
}

let memo: TokenMemo | undefined;

/** Sets (or, with undefined, removes) the memo countTokensBounded consults. */
export function useTokenMemo(next: TokenMemo | undefined): void {
  memo = next;
}

/** Texts shorter than this are counted: hashing and looking up would cost about as much. */
const MEMO_MIN_CHARS = 512;

/** Longest piece handed to the tokenizer at once; longer runs without a break are cut every 512 characters. */
export const MAX_PIECE = 512;

// A piece ends after a run of whitespace or punctuation, or after MAX_PIECE characters, whichever is first.
const PIECE = /[^\s\p{P}]{1,512}[\s\p{P}]{0,512}|[\s\p{P}]{1,512}/gu;

/**
 * Approximate token count of `text` in the o200k_base encoding, in linear time: the text is cut at
 * whitespace and punctuation into pieces of at most 512 characters and the pieces' counts are summed.
 * Cutting can split a token the tokenizer would have merged across a piece boundary, so counts are
 * approximate (a few percent high at most on ordinary prose); they are deterministic.
 */
export function countTokensBounded(text: string): number {
  if (!memo || text.length < MEMO_MIN_CHARS) return countPieces(text);
  const digest = createHash('sha256').update(text).digest('hex');
  const known = memo.get(digest);
  if (known !== undefined) return known;
  const count = countPieces(text);
  memo.set(digest, count);
  return count;
}

function countPieces(text: string): number {
  let total = 0;
  // Pieces are batched into chunks of about 4 KB: fewer tokenizer calls, still a bounded cost per piece.
  let chunk = '';
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(text); m; m = PIECE.exec(text)) {
    const piece = m[0];
    if (piece.length >= MAX_PIECE && !/[\s\p{P}]/u.test(piece)) {
      // One unbroken run: count it alone so it never joins a neighbour into a longer word.
      if (chunk) total += countTokens(chunk);
      chunk = '';
      total += countTokens(piece);
      continue;
    }
    chunk += piece;
    if (chunk.length >= 4096) {
      total += countTokens(chunk);
      chunk = '';
    }
  }
  if (chunk) total += countTokens(chunk);
  return total;
}
