import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { getHighlighter, highlightSync, loadLanguages, normaliseLanguage } from './highlight.ts';
import { escapeHtml } from './html-entities.ts';
import { ALLOWED_HTML_TAGS, sanitize, type UrlRewriter } from './sanitize.ts';

/** A heading of a rendered document, for its table of contents. */
export interface Heading {
  /** Level as written in the Markdown (1 for `#`); rendered one level lower. */
  depth: number;
  text: string;
  id: string;
}


/** Rendered, sanitised HTML plus its headings. */
export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
}

const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
const allowedTags = new Set<string>(ALLOWED_HTML_TAGS);
const PSEUDO_OPEN = '\uE000';
const PSEUDO_CLOSE = '\uE001';
/** Ids the page layout uses itself; document headings never take them. */
const RESERVED_IDS = new Set(['main', 'content', 'top', 'search', 'toc', 'files', 'findings', 'frontmatter', 'install', 'trust']);

/** Renders third-party Markdown: Shiki-highlighted code, heading ids, resolved links, and inert HTML. */
export async function renderMarkdown(source: string, resolver: UrlRewriter): Promise<RenderedMarkdown> {
  const tokens = md.parse(markPseudoTags(source), {});
  const hl = await getHighlighter();
  const fences = tokens.filter((t) => t.type === 'fence');
  await loadLanguages(hl, fences.map((t) => normaliseLanguage(t.info)));

  const headings = assignHeadingIds(tokens);
  markTaskLists(tokens);

  // Code is swapped for unguessable placeholders so the sanitiser never sees (or mangles) Shiki's output.
  const nonce = Math.random().toString(36).slice(2, 10);
  const blocks: string[] = [];
  for (const fence of fences) {
    const lang = normaliseLanguage(fence.info);
    blocks.push(wrapCode(highlightSync(hl, fence.content, lang), lang));
    fence.type = 'html_block';
    fence.content = `<p>CODESLOT${nonce}x${blocks.length - 1}</p>\n`;
  }
  const indented = tokens.filter((t) => t.type === 'code_block');
  for (const block of indented) {
    blocks.push(wrapCode(highlightSync(hl, block.content, 'text'), 'text'));
    block.type = 'html_block';
    block.content = `<p>CODESLOT${nonce}x${blocks.length - 1}</p>\n`;
  }

  let html = sanitize(md.renderer.render(tokens, md.options, {}), resolver);
  html = html.replace(new RegExp(`<p>CODESLOT${nonce}x(\\d+)</p>`, 'g'), (_, i: string) => blocks[Number(i)] ?? '');
  html = html.replace(/\uE000(\/?[A-Za-z][\w:-]*)\uE001/g, (_, name: string) => `<span class="pseudo-tag">&lt;${escapeHtml(name)}&gt;</span>`);
  html = addHeadingAnchors(html);
  return { html, headings };
}

function wrapCode(highlighted: string, lang: string): string {
  const label = lang === 'text' ? '' : `<span class="code-lang">${escapeHtml(lang)}</span>`;
  return `<div class="code-block">${label}${highlighted}</div>`;
}

/**
 * Prompt-structure tags such as `<hard-gate>` on their own line would swallow the following lines
 * as a raw HTML block; marking them lets the Markdown inside render and the tag show as a label.
 */
export function markPseudoTags(source: string): string {
  let fence: string | undefined;
  return source
    .split('\n')
    .map((line) => {
      const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fenceMatch) {
        const marker = fenceMatch[1]!;
        if (!fence) fence = marker;
        else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
        return line;
      }
      if (fence) return line;
      const tag = /^ {0,3}<(\/?)([A-Za-z][\w:-]*)(?:\s[^<>]*)?>\s*$/.exec(line);
      if (!tag || allowedTags.has(tag[2]!.toLowerCase()) || isHtmlElementName(tag[2]!)) return line;
      return `${PSEUDO_OPEN}${tag[1]}${tag[2]}${PSEUDO_CLOSE}`;
    })
    .join('\n');
}

/** Real HTML elements that are not allowed stay raw so the sanitiser escapes them whole (e.g. `<script>`). */
function isHtmlElementName(name: string): boolean {
  return /^(?:script|style|iframe|frame|frameset|object|embed|form|input|button|select|textarea|option|link|meta|base|svg|math|html|head|body|title|template|slot|video|audio|source|track|canvas|noscript|applet|dialog|section|article|aside|nav|header|footer|main)$/i.test(name);
}

function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 80) || 'section'
  );
}

function assignHeadingIds(tokens: Token[]): Heading[] {
  const used = new Set<string>(RESERVED_IDS);
  const headings: Heading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const inline = tokens[i + 1];
    const text = (inline?.children ?? [])
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content)
      .join('')
      .replace(/[\uE000\uE001]/g, '')
      .trim();
    const base = slugify(text);
    let id = base;
    for (let n = 1; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    token.attrSet('id', id);
    const depth = Number(token.tag.slice(1));
    headings.push({ depth, text, id });
    // The page owns the only <h1>: document headings move one level down (h1 → h2 … h6 stays h6).
    const tag = `h${Math.min(depth + 1, 6)}`;
    token.tag = tag;
    const close = tokens.slice(i).find((t) => t.type === 'heading_close');
    if (close) close.tag = tag;
  });
  return headings;
}

/** Turns `[ ]` / `[x]` list items into labelled, disabled checkboxes. */
function markTaskLists(tokens: Token[]): void {
  tokens.forEach((token, i) => {
    if (token.type !== 'inline' || tokens[i - 2]?.type !== 'list_item_open') return;
    const first = token.children?.[0];
    const match = first?.type === 'text' ? /^\[([ xX])\]\s+/.exec(first.content) : null;
    if (!first || !match || !token.children) return;
    first.content = first.content.slice(match[0].length);
    const open = new (first.constructor as new (type: string, tag: string, nesting: 0) => Token)('html_inline', '', 0);
    open.content = `<label><input type="checkbox" disabled${match[1] === ' ' ? '' : ' checked'}> `;
    const close = new (first.constructor as new (type: string, tag: string, nesting: 0) => Token)('html_inline', '', 0);
    close.content = '</label>';
    token.children = [open, ...token.children, close];
  });
}

function addHeadingAnchors(html: string): string {
  return html.replace(/<(h[1-6]) id="([^"]+)">([\s\S]*?)<\/\1>/g, (_, tag: string, id: string, inner: string) =>
    `<${tag} id="${id}">${inner}<a class="heading-anchor" href="#${id}" aria-label="Link to this section" data-pagefind-ignore>#</a></${tag}>`,
  );
}
