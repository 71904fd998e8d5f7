import { createHash } from 'node:crypto';
import GithubSlugger, { slug } from 'github-slugger';
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownParser, Token } from 'markdown-it';
import { getHighlighter, highlightSync, loadLanguages, normaliseLanguage } from './highlight.ts';
import { escapeHtml } from '../shared/html-entities.ts';
import {
  AUTHOR_ID_PREFIX,
  ALLOWED_HTML_TAGS,
  MAX_HTML_DEPTH,
  sanitize,
  type RemoteImages,
  type UrlRewriter,
} from './sanitize.ts';

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

/** Options of `renderMarkdown`. */
export interface RenderOptions {
  /** How `https:` images from other sites render (default `'click'`: nothing is requested until the reader asks). */
  remoteImages?: RemoteImages | undefined;
}

/** How deep Markdown blocks, and separately inline spans, nest before deeper content is shown as plain text. */
// Each level costs a pass over the rest of the nested text; twice this depth must stay under MAX_HTML_DEPTH.
export const MAX_MARKDOWN_NESTING = 50;

const md = new MarkdownIt({
  html: true,
  linkify: true,
  typographer: false,
  maxNesting: MAX_MARKDOWN_NESTING,
});
keepDeepBlocks(md);
const TokenClass = new md.core.State('', md, {}).Token;
const allowedTags = new Set<string>(ALLOWED_HTML_TAGS);
// Slots are private-use characters around a per-source secret: U+E000 <nonce> <payload> U+E001.
const SLOT_OPEN = '\uE000';
const SLOT_CLOSE = '\uE001';
const ANY_SLOT_CHAR = /[\uE000\uE001]/g;
/** Ids the page layout uses itself; document headings never take them. */
const RESERVED_IDS = [
  'main',
  'content',
  'top',
  'search',
  'toc',
  'files',
  'findings',
  'frontmatter',
  'install',
  'trust',
];
/** The site's line anchors (`#L12`); compared case-insensitively, as quirks-mode browsers match fragments. */
const LINE_ANCHOR = /^l\d+$/i;

// Markdown alone (blocks plus inline spans) must stay well under the sanitiser limit, or every page with raw HTML would fall back to text.
if (2 * MAX_MARKDOWN_NESTING + 8 > MAX_HTML_DEPTH)
  throw new Error('MAX_MARKDOWN_NESTING is too large for MAX_HTML_DEPTH');

/** Renders third-party Markdown: Shiki-highlighted code, heading ids, resolved links, and inert HTML. */
export async function renderMarkdown(
  source: string,
  resolver: UrlRewriter,
  options: RenderOptions = {},
): Promise<RenderedMarkdown> {
  // A secret the document cannot contain: it would have to hold its own hash. Same input, same output.
  const nonce = createHash('sha256').update(source).digest('hex').slice(0, 32);
  const tokens = md.parse(markPseudoTags(source, nonce), {});
  const hl = await getHighlighter();
  await loadLanguages(
    hl,
    tokens.filter((t) => t.type === 'fence').map((t) => normaliseLanguage(t.info)),
  );

  const ours = new WeakSet<Token>();
  const headings = assignHeadingIds(tokens, `${nonce}:`, (index) => slotText(nonce, `#${index}`));
  markTaskLists(tokens, ours);

  // Code is swapped for slots so the sanitiser never sees (or mangles) Shiki's output.
  const blocks: string[] = [];
  for (const token of tokens) {
    if (token.type !== 'fence' && token.type !== 'code_block') continue;
    const lang = token.type === 'fence' ? normaliseLanguage(token.info) : 'text';
    blocks.push(wrapCode(highlightSync(hl, unmarkPseudoTags(token.content, nonce), lang), lang));
    token.type = 'html_block';
    token.content = `<p>${slotText(nonce, `=${blocks.length - 1}`)}</p>\n`;
    ours.add(token);
  }

  const render = (): string => md.renderer.render(tokens, md.options, {});
  const html = sanitize(render(), resolver, {
    remoteImages: options.remoteImages,
    generatedIdPrefix: `${nonce}:`,
    // Raw HTML nested too deep for the sanitiser is shown as text; the Markdown around it still renders.
    tooDeep: () => {
      rawHtmlAsText(tokens, ours);
      return render();
    },
  });
  return { html: fillSlots(html, nonce, blocks, headings), headings };
}

/** Shows blocks nested near `maxNesting` as plain text, where markdown-it would silently drop them (hiding text from readers). */
export function keepDeepBlocks(parser: MarkdownParser): void {
  const limit = parser.options.maxNesting - 2;
  parser.block.ruler.before('table', 'deep_text', (state, startLine, endLine, silent) => {
    // A list needs two more levels (list, item) before its content: stop two short of the limit.
    if (silent || state.level < limit) return false;
    const token = state.push('deep_text', '', 0);
    token.content = state.getLines(startLine, endLine, state.blkIndent, false);
    token.map = [startLine, endLine];
    state.line = endLine;
    return true;
  });
  parser.renderer.rules['deep_text'] = (tokens, idx) =>
    `<p>${parser.utils.escapeHtml(tokens[idx]!.content)}</p>\n`;
}

function slotText(nonce: string, payload: string): string {
  return `${SLOT_OPEN}${nonce}${payload}${SLOT_CLOSE}`;
}

function wrapCode(highlighted: string, lang: string): string {
  const label = lang === 'text' ? '' : `<span class="code-lang">${escapeHtml(lang)}</span>`;
  return `<div class="code-block">${label}${highlighted}</div>`;
}

/**
 * Prompt-structure tags such as `<hard-gate>` on their own line would swallow the following lines
 * as a raw HTML block; marking them lets the Markdown inside render and the tag show as a label.
 * Private-use characters the marks are made of are replaced (U+FFFD) in the source first.
 */
export function markPseudoTags(source: string, nonce = ''): string {
  let fence: string | undefined;
  return source
    .replace(ANY_SLOT_CHAR, '\uFFFD')
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
      return slotText(nonce, `${tag[1]}${tag[2]}`);
    })
    .join('\n');
}

/** Puts marked tags back as written where they ended up inside code (a fence `markPseudoTags` did not see). */
function unmarkPseudoTags(code: string, nonce: string): string {
  return code.replace(
    new RegExp(`${SLOT_OPEN}${nonce}(\\/?[A-Za-z][\\w:-]*)${SLOT_CLOSE}`, 'g'),
    '<$1>',
  );
}

/** Real HTML elements that are not allowed stay raw so the sanitiser escapes them whole (e.g. `<script>`). */
function isHtmlElementName(name: string): boolean {
  return /^(?:script|style|iframe|frame|frameset|object|embed|form|input|button|select|textarea|option|link|meta|base|svg|math|html|head|body|title|template|slot|video|audio|source|track|canvas|noscript|applet|dialog|section|article|aside|nav|header|footer|main)$/i.test(
    name,
  );
}

/** A slugger that hands out GitHub's ids, but never one the page uses itself. */
function headingSlugger(): (text: string) => string {
  const slugger = new GithubSlugger();
  for (const id of RESERVED_IDS) slugger.slug(id);
  return (text) => {
    const base = slug(text);
    // Author ids live under `user-content-`; a heading that would land there gets its own prefix instead.
    const wanted =
      base === '' ? 'section' : base.startsWith(AUTHOR_ID_PREFIX) ? `section-${base}` : base;
    let id = slugger.slug(wanted);
    // The next call returns `l6-1`, which is no line anchor.
    if (LINE_ANCHOR.test(id)) id = slugger.slug(wanted);
    return id;
  };
}

/** Gives each heading a unique id (prefixed so the sanitiser knows it as ours), demotes it a level and adds its anchor slot. */
function assignHeadingIds(
  tokens: Token[],
  idPrefix: string,
  anchorSlot: (index: number) => string,
): Heading[] {
  const nextId = headingSlugger();
  const headings: Heading[] = [];
  let demotedTag: string | undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.type === 'heading_close' && demotedTag) {
      token.tag = demotedTag;
      demotedTag = undefined;
      continue;
    }
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const children = inline?.type === 'inline' ? (inline.children ??= []) : [];
    const text = children
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content)
      .join('')
      .replace(ANY_SLOT_CHAR, '')
      .trim();
    const id = nextId(text);
    token.attrSet('id', idPrefix + id);
    const depth = Number(token.tag.slice(1));
    headings.push({ depth, text, id });
    const anchor = new TokenClass('text', '', 0);
    anchor.content = anchorSlot(headings.length - 1);
    children.push(anchor);
    // The page owns the only <h1>: document headings move one level down (h1 → h2 … h6 stays h6).
    demotedTag = `h${Math.min(depth + 1, 6)}`;
    token.tag = demotedTag;
  }
  return headings;
}

/** Turns `[ ]` / `[x]` list items into labelled, disabled checkboxes. */
function markTaskLists(tokens: Token[], ours: WeakSet<Token>): void {
  tokens.forEach((token, i) => {
    if (token.type !== 'inline' || tokens[i - 2]?.type !== 'list_item_open') return;
    const first = token.children?.[0];
    const match = first?.type === 'text' ? /^\[([ xX])\]\s+/.exec(first.content) : null;
    if (!first || !match || !token.children) return;
    first.content = first.content.slice(match[0].length);
    const open = new TokenClass('html_inline', '', 0);
    open.content = `<label><input type="checkbox" disabled${match[1] === ' ' ? '' : ' checked'}> `;
    const close = new TokenClass('html_inline', '', 0);
    close.content = '</label>';
    ours.add(open).add(close);
    token.children = [open, ...token.children, close];
  });
}

/** Shows every piece of author-written HTML as text (keeping the renderer's own). */
function rawHtmlAsText(tokens: Token[], ours: WeakSet<Token>): void {
  for (const token of tokens) {
    if (token.type === 'html_block' && !ours.has(token)) token.type = 'text';
    for (const child of token.children ?? [])
      if (child.type === 'html_inline' && !ours.has(child)) child.type = 'text';
  }
}

/**
 * Fills the slots of sanitised HTML: code blocks, pseudo-tag labels and heading anchors. Slot characters
 * inside a tag (an attribute value) are never filled but become U+FFFD, as does any slot without the nonce.
 */
function fillSlots(
  html: string,
  nonce: string,
  blocks: readonly string[],
  headings: readonly Heading[],
): string {
  // The sanitiser's output: `<` only ever opens a tag, and neither `<` nor `>` appears inside one.
  const inert = html.replace(/<[^<>\uE000\uE001]*[\uE000\uE001][^<>]*>/g, (tag) =>
    tag.replace(ANY_SLOT_CHAR, '\uFFFD'),
  );
  const slot = new RegExp(
    `<p>${SLOT_OPEN}${nonce}=(\\d+)${SLOT_CLOSE}</p>|${SLOT_OPEN}${nonce}(?:(\\/?[A-Za-z][\\w:-]*)|#(\\d+)|=(\\d+))${SLOT_CLOSE}|[${SLOT_OPEN}${SLOT_CLOSE}]`,
    'g',
  );
  return inert.replace(slot, (_, block?: string, tag?: string, heading?: string, code?: string) => {
    // A code block replaces its whole placeholder paragraph (a <div> may not sit inside a <p>), or just the slot if the <p> was shown as text.
    if (block ?? code) return blocks[Number(block ?? code)] ?? '';
    if (tag) return `<span class="pseudo-tag">&lt;${escapeHtml(tag)}&gt;</span>`;
    if (heading) return headingAnchor(headings[Number(heading)]?.id);
    return '\uFFFD';
  });
}

function headingAnchor(id: string | undefined): string {
  if (id === undefined) return '';
  return `<a class="heading-anchor" href="#${escapeHtml(id)}" aria-label="Link to this section">#</a>`;
}
