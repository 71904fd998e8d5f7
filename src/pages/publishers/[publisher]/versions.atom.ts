import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { site } from '../../../data/site.ts';
import { getCatalogueNow, getPublishers, getSkills } from '../../../data/skills.ts';
import { versionFeedEntries } from '../../../data/version-feeds.ts';
import { versionsAtom } from '../../../lib/publish/version-feed.ts';
import { publisherUrl } from '../../../lib/shared/urls.ts';

export const getStaticPaths = (async () =>
  (await getPublishers()).map((publisher) => ({
    params: { publisher: publisher.slug },
    props: { publisher },
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/** An Atom feed of new versions of every skill of one publisher, newest first. */
export const GET: APIRoute<Props> = async ({ props: { publisher } }) => {
  const page = new URL(publisherUrl(publisher.slug), site.url).href;
  const skills = (await getSkills()).filter((s) => s.publisher === publisher.slug);
  return new Response(
    versionsAtom({
      title: `${publisher.name}: new versions`,
      selfUrl: new URL('versions.atom', page).href,
      pageUrl: page,
      now: await getCatalogueNow(),
      entries: skills.flatMap(versionFeedEntries),
    }),
    { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } },
  );
};
