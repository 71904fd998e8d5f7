/**
 * Quiet time after a keystroke before searching, just over a fast typist's gap between keys:
 * searching every prefix queued work in Pagefind's worker ahead of the final query.
 */
export const TYPING_PAUSE_MS = 80;

/** Prefixes shorter than this are not preloaded: one or two letters expand to much of the index. */
export const PRELOAD_MIN_CHARS = 3;
