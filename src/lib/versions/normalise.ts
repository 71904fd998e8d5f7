/**
 * What an installed copy may differ in without being modified, undone before comparing it with a
 * published version. One function for the build and the browser ("Check your copy"), so both agree
 * on what counts as the same file. Browser-safe: no Node imports.
 */

import { isJunk } from '../shared/junk.ts';

// The keys `gh skill install` writes into an installed SKILL.md's `metadata:` block.
const GH_KEY = /^github-[a-z-]+$/;
const FRONTMATTER = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)(---\r?\n?)/;

/**
 * Removes the `metadata.github-*` lines `gh skill install` adds to a SKILL.md (github-repo,
 * github-path, github-ref, github-tree-sha, github-pinned, …) from its frontmatter's `metadata:`
 * block, and the block itself when nothing else is left in it. Everything else, including the
 * text's line endings, is kept byte for byte. A text without such lines comes back unchanged.
 */
export function withoutGhMetadata(text: string): string {
  const match = FRONTMATTER.exec(text);
  if (!match) return text;
  const [whole, open, yaml, close] = match as unknown as [string, string, string, string];
  const lines = yaml.split(/(?<=\n)/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (!/^metadata:\s*(?:#.*)?\r?\n$/.test(line)) {
      out.push(line);
      continue;
    }
    // The block: the indented lines after `metadata:`.
    const block: string[] = [];
    let j = i + 1;
    while (j < lines.length && /^[ \t]+\S/.test(lines[j]!)) block.push(lines[j++]!);
    const indent = /^[ \t]+/.exec(block[0] ?? '')?.[0] ?? '';
    const kept = block.filter((entry) => {
      // Only entries at the block's own indentation with a github-* key and a one-line value.
      if (!entry.startsWith(indent) || /^[ \t]/.test(entry.slice(indent.length))) return true;
      const key = /^([^:#]+):(?:\s|$)/.exec(entry.slice(indent.length))?.[1]?.trim() ?? '';
      return !GH_KEY.test(key);
    });
    if (kept.length) out.push(line, ...kept);
    i = j - 1;
  }
  return open + out.join('') + close + text.slice(whole.length);
}

/** The text with every CRLF made LF: two texts equal after this differ in line endings only. */
export function withLfEndings(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/**
 * True for a path no published package has: what the build leaves out (isJunk), and what an
 * operating system adds to a folder or a ZIP (`desktop.ini`, macOS's `._*` and `__MACOSX/`).
 */
export function isOsJunk(path: string): boolean {
  return path
    .split('/')
    .some(
      (part) =>
        isJunk(part) || part === '__MACOSX' || part === 'desktop.ini' || part.startsWith('._'),
    );
}
