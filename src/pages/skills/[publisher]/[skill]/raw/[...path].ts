import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { readFileBytes } from '../../../../../data/package-cache.ts';
import { getSkills } from '../../../../../data/skills.ts';
import { rawPath } from '../../../../../lib/shared/urls.ts';

/** Every package file, published byte for byte (active documents such as .html/.svg get a .txt suffix). */
export const getStaticPaths = (async () =>
  (await getSkills()).flatMap((skill) =>
    skill.files.map((file) => ({
      params: { publisher: skill.publisher, skill: skill.slug, path: rawPath(file.path) },
      props: { skill, path: file.path },
    })),
  )) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props: { skill, path } }) =>
  new Response(new Uint8Array(readFileBytes(skill, path)));
