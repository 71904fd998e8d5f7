import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

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
