/** Names left out of every published package (browser-safe: "Check your copy" ignores them too). */
const JUNK_NAMES = new Set([
  '.DS_Store',
  'Thumbs.db',
  '__pycache__',
  'node_modules',
  '.git',
  '.hg',
  '.svn',
]);
const JUNK_EXTENSIONS = /\.py[co]$/i;

/** True when a file or folder name is left out of every published package. */
export function isJunk(name: string): boolean {
  return JUNK_NAMES.has(name) || JUNK_EXTENSIONS.test(name);
}
