import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getCollections } from '../../../../../data/collections.ts';
import { json, publishOrigin } from '../../../../../data/endpoints.ts';
import { getInstallNames } from '../../../../../data/skills.ts';
import { buildDiscoveryIndex } from '../../../../../lib/publish/install-endpoints.ts';

export const getStaticPaths = (async () =>
  (await getCollections()).map((collection) => ({
    params: { id: collection.source.id },
    props: { collection },
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/**
 * A collection's discovery index: `npx skills add https://<site>/collections/<id>` reads the index
 * under the path it is given (and, given a path, never falls back to the site's whole index).
 */
export const GET: APIRoute<Props> = async ({ props: { collection } }) =>
  json(buildDiscoveryIndex(collection.members, publishOrigin(), (await getInstallNames()).names));
