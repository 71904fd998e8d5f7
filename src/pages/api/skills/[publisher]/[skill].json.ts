import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { json, publishOrigin } from '../../../../data/endpoints.ts';
import { pageKey } from '../../../../data/page-keys.ts';
import { getPageSkills } from '../../../../data/skills.ts';
import { apiDetail } from '../../../../lib/publish/install-endpoints.ts';

export const getStaticPaths = (async () =>
  (await getPageSkills()).map((skill) => ({
    params: { publisher: skill.publisher, skill: skill.slug },
    props: { skill },
    cacheKey: pageKey(skill),
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/** Everything the skill page shows, as JSON. */
export const GET: APIRoute<Props> = ({ props: { skill } }) =>
  json(apiDetail(skill, skill.publisherName, publishOrigin()));
