import { readFileSync } from 'node:fs';
import {
  resolveCollection,
  type CollectionProblem,
  type ResolvedCollection,
} from '../lib/publish/collection.ts';
import { readCollectionFiles } from './collections-fs.ts';
import { renderMarkdown, type RenderedMarkdown } from '../lib/render/markdown.ts';
import { buildFoldersZip, type BuiltZip, type ZipInput } from '../lib/publish/zip.ts';
import { sitePath } from '../lib/shared/urls.ts';
import { trimChars } from '../lib/shared/text.ts';
import { blobFile } from './package-cache.ts';
import { getVersions } from './skill-versions.ts';
import { site } from './site.ts';
import { getExcludedSkills, getSkills, type ListedSkill } from './skills.ts';

/** A collection ready for its pages: the resolved skills and the rendered body. */
export interface CollectionView extends ResolvedCollection<ListedSkill> {
  body: RenderedMarkdown;
}

let any: boolean | undefined;

/** True when the content folder has collection files (read once per build; the header links them). */
export function hasCollections(): boolean {
  any ??= readCollectionFiles().sources.length > 0;
  return any;
}

/** Links in an operator's collection text: the web as it is, site paths under the base. */
const collectionLinks = {
  link: (href: string): string | undefined =>
    /^https?:\/\//i.test(href)
      ? href
      : href.startsWith('/')
        ? sitePath(href)
        : href.startsWith('#')
          ? href
          : undefined,
  image: (src: string): string | undefined => (/^https:\/\//i.test(src) ? src : undefined),
};

let loaded: Promise<{ collections: CollectionView[]; problems: CollectionProblem[] }> | undefined;

async function load(): Promise<{ collections: CollectionView[]; problems: CollectionProblem[] }> {
  const { sources, problems } = readCollectionFiles();
  const skills = await getSkills();
  const listed = new Map(skills.map((s) => [s.id, s]));
  const excluded = new Map((await getExcludedSkills()).map((e) => [e.id, e.reason]));
  const collections: CollectionView[] = [];
  for (const source of sources) {
    const resolved = resolveCollection(source, listed, excluded);
    const body = await renderMarkdown(source.body, collectionLinks, {
      remoteImages: site.remoteImages,
    });
    collections.push({ ...resolved, body });
  }
  const all = [...problems, ...collections.flatMap((c) => c.problems)];
  for (const p of all)
    console.warn(`${p.file}${p.line ? `:${p.line}` : ''}  ${p.severity}  ${p.message}`);
  return { collections, problems: all };
}

/** The site's collections (read once per build), by id. */
export async function getCollections(): Promise<CollectionView[]> {
  loaded ??= load();
  return (await loaded).collections;
}

/** The most a collection's one ZIP may hold, unpacked: bigger sets install with `npx skills` instead. */
export const COLLECTION_ZIP_MAX_BYTES = 50 * 1024 * 1024;

/** The files each member installs: the latest, or the version the operator holds. */
function installList(
  skill: ListedSkill,
): { path: string; sha256: string; executable: boolean; size: number }[] {
  const held = skill.installFrom
    ? getVersions(skill).find((v) => v.id === skill.installFrom?.id)
    : undefined;
  return held
    ? held.files.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        executable: f.mode === '755',
        size: f.size,
      }))
    : skill.files;
}

const zips = new Map<string, { zip?: BuiltZip; bytes: number }>();

/** A collection's one ZIP, each member in a folder named by its install name; none past the cap. */
export function collectionZip(
  collection: CollectionView,
  names: ReadonlyMap<string, string>,
): { zip?: BuiltZip; bytes: number } {
  const known = zips.get(collection.source.id);
  if (known) return known;
  const members = collection.members.map((skill) => ({ skill, files: installList(skill) }));
  const bytes = members.reduce((sum, m) => sum + m.files.reduce((n, f) => n + f.size, 0), 0);
  const result =
    bytes > COLLECTION_ZIP_MAX_BYTES
      ? { bytes }
      : {
          bytes,
          zip: buildFoldersZip(
            members.map(({ skill, files }) => ({
              folder: names.get(skill.id) ?? skill.archiveName,
              files: files.map((f): ZipInput => ({
                path: f.path,
                executable: f.executable,
                bytes: readFileSync(blobFile(f.sha256)),
              })),
            })),
          ),
        };
  zips.set(collection.source.id, result);
  return result;
}

/** A collection's marketplace name: the site's, then the collection id (kebab-case, at most 64). */
export function collectionMarketplaceName(id: string): string {
  return trimChars(`${site.marketplace.name}-${id}`.slice(0, 64), '-', 'end');
}
