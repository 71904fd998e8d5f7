/**
 * Small string helpers that run in linear time on any input (browser-safe). Regular expressions such
 * as `/\/+$/` are quadratic on text like "/////…x": the engine retries the run from every position.
 */

/** Removes every leading and/or trailing character that is in `chars`. */
export function trimChars(
  text: string,
  chars: string,
  where: 'start' | 'end' | 'both' = 'both',
): string {
  let start = 0;
  let end = text.length;
  if (where !== 'end') while (start < end && chars.includes(text[start]!)) start += 1;
  if (where !== 'start') while (end > start && chars.includes(text[end - 1]!)) end -= 1;
  return text.slice(start, end);
}

/** The text before the first NUL character (C strings in binary headers). */
export function beforeNul(text: string): string {
  const at = text.indexOf('\0');
  return at === -1 ? text : text.slice(0, at);
}
