import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { collectionMarketplaceName, getCollections } from '../../../data/collections.ts';
import { json, publisherNames, publishOrigin } from '../../../data/endpoints.ts';
import { site } from '../../../data/site.ts';
import { getInstallNames } from '../../../data/skills.ts';
import { buildMarketplace } from '../../../lib/publish/install-endpoints.ts';

export const getStaticPaths = (async () =>
  (await getCollections()).map((collection) => ({
    params: { id: collection.source.id },
    props: { collection },
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/** A collection as its own Claude Code marketplace: `/plugin marketplace add <site>/collections/<id>/marketplace.json`. */
export const GET: APIRoute<Props> = async ({ props: { collection } }) =>
  json(
    buildMarketplace(
      collection.members,
      await publisherNames(),
      { name: collectionMarketplaceName(collection.source.id), owner: site.marketplace.owner },
      publishOrigin(),
      { ...(await getInstallNames()), renames: {} },
    ),
  );
