import type { APIRoute, GetStaticPaths } from 'astro';
import { json, publisherNames, publishOrigin } from '../../../../data/endpoints.ts';
import { getSkills } from '../../../../data/skills.ts';
import { apiDetail } from '../../../../lib/publish/install-endpoints.ts';
import type { SkillRecord } from '../../../../lib/skill/package.ts';

export const getStaticPaths = (async () =>
  (await getSkills()).map((skill) => ({
    params: { publisher: skill.publisher, skill: skill.slug },
    props: { skill },
  }))) satisfies GetStaticPaths;

/** Everything the skill page shows, as JSON. */
export const GET: APIRoute = async ({ props }) => {
  const { skill } = props as { skill: SkillRecord };
  const names = await publisherNames();
  return json(apiDetail(skill, names.get(skill.publisher) ?? skill.publisher, publishOrigin()));
};
