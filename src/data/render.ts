import type { RenderedMarkdown } from '../lib/render/markdown.ts';
import type { RenderedFile } from '../lib/render/render-package.ts';
import type { SkillRecord } from '../lib/skill/package.ts';
import { readBody, readFileBytes, readRenderedFile } from './package-cache.ts';

export type { RenderedFile };

/** A skill's rendered SKILL.md body, made once in the load phase from the same bytes the archives ship. */
export function renderSkillBody(skill: SkillRecord): RenderedMarkdown {
  return readBody(skill);
}

/** One package file as its page shows it (text files and SVG pictures), made in the load phase. */
export function renderPackageFile(skill: SkillRecord, path: string): RenderedFile | undefined {
  return readRenderedFile(skill, path);
}

/** The raw bytes of a package file, for its downloadable copy: exactly the bytes listed, scanned and archived. */
export function readPackageFile(skill: SkillRecord, path: string): Uint8Array {
  return readFileBytes(skill, path);
}
