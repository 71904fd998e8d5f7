import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { pageKey } from '../../../../data/page-keys.ts';
import { site } from '../../../../data/site.ts';
import { versionsKey } from '../../../../data/skill-versions.ts';
import { getCatalogueNow, getPageSkills } from '../../../../data/skills.ts';
import { versionFeedEntries } from '../../../../data/version-feeds.ts';
import { versionsAtom } from '../../../../lib/publish/version-feed.ts';
import { versionsUrl } from '../../../../lib/shared/urls.ts';

export const getStaticPaths = (async () =>
  (await getPageSkills()).map((skill) => ({
    params: { publisher: skill.publisher, skill: skill.slug },
    props: { skill },
    cacheKey: pageKey(skill.id, skill.name, skill.cacheKey, versionsKey(skill)),
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/** An Atom feed of a skill's new versions, each saying what it changed. */
export const GET: APIRoute<Props> = async ({ props: { skill } }) => {
  const page = new URL(versionsUrl(skill.publisher, skill.slug), site.url).href;
  return new Response(
    versionsAtom({
      title: `${skill.name}: new versions`,
      selfUrl: new URL('versions.atom', new URL('..', page)).href,
      pageUrl: page,
      now: await getCatalogueNow(),
      entries: versionFeedEntries(skill),
    }),
    { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } },
  );
};
