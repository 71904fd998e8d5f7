import { buildFileTree, type TreeNode } from '../lib/render/file-tree.ts';
import type { RenderedMarkdown } from '../lib/render/markdown.ts';
import { countFindings, type Severity } from '../lib/skill/findings.ts';
import type { SkillFileEntry } from '../lib/skill/package.ts';
import { rawUrl, skillUrl } from '../lib/shared/urls.ts';
import type { RenderedFile } from '../lib/render/render-package.ts';
import { readBody, readRenderedFile } from './package-cache.ts';
import { getInstallName, getPublisher, type ListedSkill, type PublisherView } from './skills.ts';

// Pictures a browser shows from the raw copy. SVG is not here: it is an active document, so its
// raw copy is served as text and the page shows it from a `data:` image made in the load phase.
const RASTER_IMAGES = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif']);

/** Everything a skill's page shows beyond the record itself. */
export interface SkillPage {
  skill: ListedSkill;
  publisher: PublisherView;
  /** The rendered SKILL.md body and its headings. */
  body: RenderedMarkdown;
  /** The unique name the skill installs under. */
  installName: string;
  /** Spec findings by severity. */
  counts: Record<Severity, number>;
  fileTree: TreeNode<SkillFileEntry>[];
}

/** A picture of a package file: a raster image from its raw copy, or an SVG as a `data:` image. */
export interface FilePreview {
  kind: 'raster' | 'svg';
  src: string;
}

/** Everything a package file's page shows. */
export interface FilePage {
  skill: ListedSkill;
  publisher: PublisherView;
  file: SkillFileEntry;
  /** The file's last path segment. */
  fileName: string;
  /** The lower-case extension, `''` when there is none. */
  ext: string;
  /** The highlighted source (and rendered Markdown) of a text file; `undefined` for binaries. */
  rendered: RenderedFile | undefined;
  /** Shown as source only because the file is too large to render. */
  sourceOnly: boolean;
  /** Not valid UTF-8: undecodable bytes show as U+FFFD. */
  lossy: boolean;
  preview: FilePreview | undefined;
  /** True for the skill's own SKILL.md, which its skill page shows rendered. */
  isSkillFile: boolean;
  /** The skill's page (breadcrumb and the SKILL.md note). */
  skillHref: string;
  /** The file's downloadable raw copy. */
  rawHref: string;
  fileTree: TreeNode<SkillFileEntry>[];
}

async function publisherOf(skill: ListedSkill): Promise<PublisherView> {
  const publisher = await getPublisher(skill.publisher);
  if (!publisher) throw new Error(`${skill.id}: listed without its publisher ${skill.publisher}`);
  return publisher;
}

/** The view model of a skill page: publisher, rendered body, install name, finding counts, file tree. */
export async function getSkillPage(skill: ListedSkill): Promise<SkillPage> {
  const [publisher, installName] = await Promise.all([
    publisherOf(skill),
    getInstallName(skill.id),
  ]);
  return {
    skill,
    publisher,
    body: readBody(skill),
    installName,
    counts: countFindings(skill.findings),
    fileTree: buildFileTree(skill.files),
  };
}

/** The view model of a package file's page: the rendered file, its preview and its links. */
export async function getFilePage(skill: ListedSkill, file: SkillFileEntry): Promise<FilePage> {
  const page = readRenderedFile(skill, file.path);
  const fileName = file.path.split('/').pop() ?? file.path;
  // From the name, not the path: `scripts/tool` has no extension (not `scripts/tool`).
  const ext = fileName.includes('.') ? (fileName.split('.').pop()?.toLowerCase() ?? '') : '';
  const raw = rawUrl(skill.publisher, skill.slug, file.path);
  const preview: FilePreview | undefined =
    file.kind === 'binary' && RASTER_IMAGES.has(ext)
      ? { kind: 'raster', src: raw }
      : page?.svgPreview
        ? { kind: 'svg', src: page.svgPreview }
        : undefined;
  return {
    skill,
    publisher: await publisherOf(skill),
    file,
    fileName,
    ext,
    rendered: file.kind === 'text' ? page : undefined,
    sourceOnly: page?.sourceOnly ?? false,
    lossy: page?.lossy ?? false,
    preview,
    isSkillFile: file.path === skill.skillFile,
    skillHref: skillUrl(skill.publisher, skill.slug),
    rawHref: raw,
    fileTree: buildFileTree(skill.files),
  };
}
