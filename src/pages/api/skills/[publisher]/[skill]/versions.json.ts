import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { json, publishOrigin } from '../../../../../data/endpoints.ts';
import { pageKey } from '../../../../../data/page-keys.ts';
import { getVersions, versionsKey } from '../../../../../data/skill-versions.ts';
import { getPageSkills } from '../../../../../data/skills.ts';
import { versionsDocument } from '../../../../../lib/versions/api.ts';

export const getStaticPaths = (async () =>
  (await getPageSkills()).map((skill) => ({
    params: { publisher: skill.publisher, skill: skill.slug },
    props: { skill },
    cacheKey: pageKey(skill.id, skill.cacheKey, versionsKey(skill)),
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/** Every kept version of a skill, newest first, with its files, digests and immutable archives. */
export const GET: APIRoute<Props> = ({ props: { skill } }) =>
  json(versionsDocument(skill, getVersions(skill), publishOrigin()));
