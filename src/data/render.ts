import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSkillFile, normaliseText, isUnreadable } from '../lib/frontmatter.ts';
import { getHighlighter, highlightSync, languageForFile, loadLanguages } from '../lib/highlight.ts';
import { resolvePackageLink } from '../lib/links.ts';
import { renderMarkdown, type RenderedMarkdown } from '../lib/markdown.ts';
import type { UrlRewriter } from '../lib/sanitize.ts';
import { skillsRoot } from '../lib/site-config.ts';
import type { SkillRecord } from '../lib/skill-package.ts';
import { fileUrl, rawUrl } from '../lib/urls.ts';

const root = skillsRoot();

function packagePath(skill: SkillRecord, path: string): string {
  return join(root, skill.publisher, skill.slug, path);
}

/** Rewrites links written in `fromFile` of a package to the site's file pages and raw copies. */
function urlsFor(skill: SkillRecord, fromFile: string): UrlRewriter {
  const files = new Set(skill.files.map((f) => f.path));
  return {
    link(href) {
      const link = resolvePackageLink(fromFile, href, files);
      if (link.type === 'external') return link.href;
      if (link.type === 'anchor') return link.fragment ? `#${link.fragment}` : fileUrl(skill.publisher, skill.slug, fromFile);
      if (link.type === 'file') {
        if (link.path === skill.skillFile) return `/skills/${skill.publisher}/${skill.slug}/${link.fragment ? `#${link.fragment}` : ''}`;
        return fileUrl(skill.publisher, skill.slug, link.path) + (link.fragment ? `#${link.fragment}` : '');
      }
      return undefined;
    },
    image(src) {
      const link = resolvePackageLink(fromFile, src, files);
      if (link.type !== 'file') return undefined;
      // An SVG is inlined as a data: picture: served raw from our origin it could run script.
      if (/\.svg$/i.test(link.path)) return `data:image/svg+xml;base64,${readFileSync(packagePath(skill, link.path)).toString('base64')}`;
      return rawUrl(skill.publisher, skill.slug, link.path);
    },
  };
}

/** Renders a skill's SKILL.md body from disk; nothing of it is kept in the content store. */
export async function renderSkillBody(skill: SkillRecord): Promise<RenderedMarkdown> {
  const parsed = parseSkillFile(readFileSync(packagePath(skill, skill.skillFile), 'utf8'), skill.skillFile);
  const body = isUnreadable(parsed) ? '' : parsed.body;
  return renderMarkdown(body, urlsFor(skill, skill.skillFile));
}

/** A package text file ready to show: highlighted source, and rendered Markdown for Markdown files. */
export interface RenderedFile {
  lang: string;
  lines: number;
  sourceHtml: string;
  markdown?: RenderedMarkdown | undefined;
}

/** Reads and renders one text file of a package. */
export async function renderPackageFile(skill: SkillRecord, path: string): Promise<RenderedFile> {
  const { text } = normaliseText(readFileSync(packagePath(skill, path), 'utf8'));
  const lang = languageForFile(path);
  const hl = await getHighlighter();
  await loadLanguages(hl, [lang]);
  const isMarkdown = lang === 'markdown' || lang === 'mdx';
  // SKILL.md is rendered on the skill page itself: its file page shows the source only.
  const markdown = isMarkdown && path !== skill.skillFile ? await renderMarkdown(text, urlsFor(skill, path)) : undefined;
  // Markdown sources are shown as numbered plain text: highlighting Markdown (and the code inside it) cost more than the rest of the page.
  return { lang, lines: text.split('\n').length, sourceHtml: highlightSync(hl, text, isMarkdown ? 'text' : lang, true), markdown };
}

/** The raw bytes of a package file, for its downloadable copy. */
export function readPackageFile(skill: SkillRecord, path: string): Buffer {
  return readFileSync(packagePath(skill, path));
}
