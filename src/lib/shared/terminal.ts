/**
 * Making author-controlled text safe to print. Skill names, paths and messages come from packages;
 * printed raw, an ESC or C1 byte would let a package retitle, clear or rewrite the operator's
 * terminal, and a bidi control would make a line read differently from what it says.
 */

// C0 controls (tab and newline included: every printed field is a single line), DEL, C1 controls,
// the Arabic letter mark and the bidi marks, embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Only the characters JSON.stringify leaves raw: it already escapes C0 (but not DEL).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/** Replaces terminal control characters (C0, DEL, C1, bidi controls) with visible escapes such as `\x1b` or `\u202e`. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** `JSON.stringify` whose output also escapes DEL, C1 and bidi controls as `\uXXXX`, so it stays valid JSON and prints safely. */
export function stringifyForTerminal(value: unknown, space?: number): string {
  // Outside strings JSON is plain ASCII, so every match sits inside a string, where `\uXXXX` is valid.
  return (JSON.stringify(value, null, space) ?? 'null').replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${hex(char.charCodeAt(0), 4)}`,
  );
}
