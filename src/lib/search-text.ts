import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from './html-entities.ts';

/** Most text taken from one package's references for the search index. */
const MAX_CHARS = 60_000;

/** The plain text of a package's Markdown files other than SKILL.md (references, guides), escaped for HTML. */
export function referenceText(packageDir: string): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || length > MAX_CHARS) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile() && /\.(?:md|markdown|txt)$/i.test(entry.name) && !(depth === 0 && /^skill\.md$/i.test(entry.name))) {
        const text = markdownToText(readFileSync(path, 'utf8')).slice(0, MAX_CHARS - length);
        length += text.length;
        parts.push(`<p>${escapeHtml(text)}</p>`);
      }
    }
  };
  walk(packageDir, 0);
  return parts.join('');
}

/** Rough Markdown-to-text: drops fences' markers, link targets, emphasis and HTML tags, keeping words. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(`{3,}|~{3,}).*$/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[*_#>`|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
