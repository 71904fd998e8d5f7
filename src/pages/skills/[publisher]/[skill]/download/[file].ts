import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { buildArchive } from '../../../../../data/archives.ts';
import { getSkills } from '../../../../../data/skills.ts';
import { archiveFileName } from '../../../../../lib/shared/urls.ts';
import type { ZipLayout } from '../../../../../lib/publish/zip.ts';

const LAYOUTS: ZipLayout[] = ['folder', 'root', 'plugin'];

/** Each skill's three archives: `name.zip` (one folder), `name-flat.zip` (SKILL.md at root), `name-plugin.zip`. */
export const getStaticPaths = (async () =>
  (await getSkills()).flatMap((skill) =>
    LAYOUTS.map((layout) => ({
      params: {
        publisher: skill.publisher,
        skill: skill.slug,
        file: archiveFileName(skill.archiveName, layout),
      },
      props: { skill, layout },
    })),
  )) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props: { skill, layout } }) =>
  new Response(new Uint8Array(buildArchive(skill, layout).bytes), {
    headers: { 'content-type': 'application/zip' },
  });
