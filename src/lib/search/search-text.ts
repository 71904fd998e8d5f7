import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { keepDeepBlocks, MAX_MARKDOWN_NESTING } from '../render/markdown.ts';

// Parsing (not regexes) keeps this linear on unclosed brackets; nesting is capped as in the renderer.
const textParser = new MarkdownIt({
  html: true,
  linkify: false,
  typographer: false,
  maxNesting: MAX_MARKDOWN_NESTING,
});
keepDeepBlocks(textParser);

/** Markdown-to-text for the search index: keeps the words of prose, link text, image alt text and code, drops syntax and HTML tags. */
export function markdownToText(markdown: string): string {
  // Anchored at the start without the `m` flag: one attempt, so linear however the front matter ends.
  const body = markdown.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const parts: string[] = [];
  for (const token of textParser.parse(body, {})) {
    if (token.type === 'inline') parts.push((token.children ?? []).map(inlineText).join(''));
    else if (token.type === 'fence' || token.type === 'code_block' || token.type === 'deep_text')
      parts.push(token.content);
    else if (token.type === 'html_block')
      parts.push(withoutTags(token.content).replace(/[*_#>`|]/g, ' '));
  }
  // Only runs and non-space whitespace are replaced: rewriting every single space made large files slow.
  return parts
    .join(' ')
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
}

function inlineText(token: Token): string {
  if (token.type === 'text' || token.type === 'code_inline' || token.type === 'image')
    return token.content;
  if (token.type === 'softbreak' || token.type === 'hardbreak' || token.type === 'html_inline')
    return ' ';
  return '';
}

/** HTML with its tags (and comments) replaced by spaces; `[^<>]` makes each scan stop at the next `<`, so this is linear. */
function withoutTags(html: string): string {
  return html.replace(/<[^<>]*>/g, ' ');
}

// Elements that start a new run of text in a search document; every other tag is dropped and its text kept.
const SEARCH_BLOCKS = new Set([
  'p',
  'li',
  'pre',
  'blockquote',
  'td',
  'th',
  'dt',
  'dd',
  'ul',
  'ol',
  'table',
  'tr',
]);

/**
 * A rendered body cut down to what the search index reads: headings keep their ids (a hit links to
 * its section), blocks keep their boundaries, everything else becomes plain text. The input is the
 * site's own sanitised HTML (quoted attributes, no comments), so one linear tag scan is enough.
 */
export function searchDocumentBody(html: string): string {
  return (
    html
      .replace(/<a class="heading-anchor"[^<>]*>[^<>]*<\/a>/g, '')
      // A code block's language label is not the skill's text.
      .replace(/<span class="code-lang">[^<>]*<\/span>/g, '')
      .replace(
        /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>/g,
        (_tag, close: string, name: string, attrs: string | undefined) => {
          const tag = name.toLowerCase();
          if (/^h[1-6]$/.test(tag)) {
            if (close) return `</${tag}>`;
            const id = /\sid="([^"]*)"/.exec(attrs ?? '')?.[1];
            return id === undefined ? `<${tag}>` : `<${tag} id="${id}">`;
          }
          if (SEARCH_BLOCKS.has(tag)) return `<${close}${tag}>`;
          return tag === 'br' ? ' ' : '';
        },
      )
  );
}
