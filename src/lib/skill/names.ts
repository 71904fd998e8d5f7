/**
 * Rules for the names of package files and folders. A name that breaks them is not published
 * half-way: the whole package is left out with the reason, so what the page lists is always what
 * the archives ship.
 */

/** Longest name of one file or folder, in UTF-8 bytes (leaves room for `/index.html` and `.txt` on disk). */
export const MAX_NAME_BYTES = 200;
/** Longest package-relative path, in UTF-8 bytes. */
export const MAX_PATH_BYTES = 512;

// C0 and C1 controls and DEL; the characters Windows (and so git and unzip on Windows) refuses;
// `\`, which Windows tools read as a folder separator (`..\..\Startup\evil.bat`); `#`, `?` and `%`,
// which change what a URL means.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\<>:"|?*#%]/u;
// Bidirectional and invisible formatting characters make a name display as another one.
const INVISIBLE =
  /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]|[\u{e0000}-\u{e007f}]/u;
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;

const utf8 = new TextEncoder();

/** Why one file or folder name cannot be published, or `undefined` when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'an empty or dot name';
  const forbidden = FORBIDDEN.exec(name);
  if (forbidden) return `the character ${describeChar(forbidden[0])}, which names may not contain`;
  if (INVISIBLE.test(name)) return 'an invisible or bidirectional formatting character';
  if (name.normalize('NFC') !== name) return 'characters not in Unicode normal form C (NFC)';
  if (/[. ]$/.test(name)) return 'a trailing dot or space, which Windows removes';
  if (WINDOWS_DEVICE.test(name)) return 'a Windows device name (CON, NUL, COM1 …)';
  if (utf8.encode(name).length > MAX_NAME_BYTES) return `more than ${MAX_NAME_BYTES} bytes`;
  return undefined;
}

/** Why a package-relative path cannot be published, or `undefined` when it can. */
export function pathProblem(path: string): string | undefined {
  if (utf8.encode(path).length > MAX_PATH_BYTES)
    return `the path is longer than ${MAX_PATH_BYTES} bytes`;
  for (const segment of path.split('/')) {
    const problem = nameProblem(segment);
    if (problem) return problem;
  }
  return undefined;
}

/** The key two names collide on: compatibility forms, case and accents of the same letters. */
export function foldName(path: string): string {
  return path.normalize('NFKC').toLowerCase().normalize('NFC');
}

/**
 * The first pair of paths that would be the same file on a case-insensitive or normalising file
 * system (or the same published URL), or `undefined`.
 */
export function findCollision(paths: Iterable<string>): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const key = foldName(path);
    const other = seen.get(key);
    if (other !== undefined && other !== path) return [other, path];
    seen.set(key, path);
  }
  return undefined;
}

/** Spells out one character for a message: `"\"` or `U+0007`. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code > 0x7e
    ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : `"${char}"`;
}
