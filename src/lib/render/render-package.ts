import { isUnreadable, normaliseText, parseSkillFile } from '../skill/frontmatter.ts';
import { getHighlighter, highlightPages, languageForFile, loadLanguages } from './highlight.ts';
import { escapeHtml } from '../shared/html-entities.ts';
import { renderMarkdown, type RenderedMarkdown } from './markdown.ts';
import { markdownToText, searchDocumentBody } from '../search/search-text.ts';
import type { SkillRecord } from '../skill/package.ts';
import { decodeText } from '../skill/classify.ts';
import type { PackageSnapshot } from '../skill/snapshot.ts';
import { packageLinkRewriter, SVG_INLINE_MAX_BYTES, type LinkContext } from './package-links.ts';

/** A package file ready to show: highlighted source, rendered Markdown, or a picture preview. */
export interface RenderedFile {
  lang: string;
  lines: number;
  /** The numbered source, a `<pre>` per page (see source-pages.ts); empty for a picture. */
  sourcePages: string[];
  markdown?: RenderedMarkdown | undefined;
  /** True when the bytes are not valid UTF-8 and undecodable ones show as U+FFFD. */
  lossy?: boolean | undefined;
  /** True when the file was too large to render as Markdown and is shown as source only. */
  sourceOnly?: boolean | undefined;
  /** An SVG picture as a `data:` image (never served raw from our origin). */
  svgPreview?: string | undefined;
}

/** Everything a package's pages show, rendered once from its snapshot. */
export interface RenderedPackage {
  body: RenderedMarkdown;
  /** By package path; SKILL.md's own entry holds its numbered source. */
  files: Record<string, RenderedFile>;
  /**
   * The package's search document: the SKILL.md body as headings, blocks and text, then the plain
   * text of its Markdown and text references (HTML-escaped) at half weight.
   */
  searchText: string;
}

/** Options of the operator that change rendering. */
export interface RenderOptions {
  remoteImages?: 'click' | 'link' | 'load' | undefined;
  /** The site's base path (Astro's `base`) for links into the site; `/` when unset. */
  base?: string | undefined;
}

/** Largest Markdown file rendered as a document; larger ones are shown as their source. */
export const MARKDOWN_RENDER_MAX_CHARS = 1_000_000;
/** Most text taken from one package's references for the search index. */
export const SEARCH_TEXT_MAX_CHARS = 60_000;

/** Renders the SKILL.md body and every file page of a package from its snapshot. */
export async function renderPackage(
  skill: SkillRecord,
  snapshot: PackageSnapshot,
  options: RenderOptions = {},
): Promise<RenderedPackage> {
  const byPath = new Map(snapshot.files.map((f) => [f.path, f]));
  const context: LinkContext = {
    publisher: skill.publisher,
    slug: skill.slug,
    skillFile: skill.skillFile,
    paths: new Set(byPath.keys()),
    svgBytes: (path) => byPath.get(path)?.bytes,
    base: options.base ?? '/',
  };
  const markdownOptions = { remoteImages: options.remoteImages ?? 'click' };
  const skillBytes = byPath.get(skill.skillFile)?.bytes ?? new Uint8Array();
  const parsed = parseSkillFile(decodeText(skillBytes).text, skill.skillFile);
  const body = await renderMarkdown(
    isUnreadable(parsed) ? '' : parsed.body,
    packageLinkRewriter(context, skill.skillFile),
    markdownOptions,
  );

  const hl = await getHighlighter();
  const files: Record<string, RenderedFile> = {};
  const search: string[] = [];
  let searchLength = 0;
  for (const file of snapshot.files) {
    if (file.kind !== 'text') {
      if (/\.svg$/i.test(file.path) && file.bytes.length <= SVG_INLINE_MAX_BYTES) {
        files[file.path] = {
          lang: 'binary',
          lines: 0,
          sourcePages: [],
          svgPreview: `data:image/svg+xml;base64,${Buffer.from(file.bytes).toString('base64')}`,
        };
      }
      continue;
    }
    const decoded = decodeText(file.bytes);
    const { text } = normaliseText(decoded.text);
    const lang = languageForFile(file.path);
    await loadLanguages(hl, [lang]);
    const isMarkdown = lang === 'markdown' || lang === 'mdx';
    const renderable =
      isMarkdown && file.path !== skill.skillFile && text.length <= MARKDOWN_RENDER_MAX_CHARS;
    const markdown = renderable
      ? await renderMarkdown(text, packageLinkRewriter(context, file.path), markdownOptions)
      : undefined;
    // Markdown sources are shown as numbered plain text: highlighting Markdown (and the code in it) cost more than the rest of the page.
    const svg =
      /\.svg$/i.test(file.path) && file.bytes.length <= SVG_INLINE_MAX_BYTES
        ? `data:image/svg+xml;base64,${Buffer.from(file.bytes).toString('base64')}`
        : undefined;
    files[file.path] = {
      lang,
      lines: text.split('\n').length,
      sourcePages: highlightPages(hl, text, isMarkdown ? 'text' : lang),
      markdown,
      ...(decoded.lossy ? { lossy: true } : {}),
      ...(isMarkdown && !renderable && file.path !== skill.skillFile ? { sourceOnly: true } : {}),
      ...(svg ? { svgPreview: svg } : {}),
    };
    if (
      file.path !== skill.skillFile &&
      /\.(?:md|markdown|txt)$/i.test(file.path) &&
      searchLength < SEARCH_TEXT_MAX_CHARS
    ) {
      const plain = markdownToText(text.slice(0, SEARCH_TEXT_MAX_CHARS * 2)).slice(
        0,
        SEARCH_TEXT_MAX_CHARS - searchLength,
      );
      searchLength += plain.length;
      if (plain) search.push(`<p>${escapeHtml(plain)}</p>`);
    }
  }
  const references = search.length
    ? `<section data-pagefind-weight="0.5">${search.join('')}</section>`
    : '';
  return { body, files, searchText: searchDocumentBody(body.html) + references };
}
