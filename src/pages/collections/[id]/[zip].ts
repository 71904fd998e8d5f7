import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { collectionZip, getCollections } from '../../../data/collections.ts';
import { getInstallNames } from '../../../data/skills.ts';

export const getStaticPaths = (async () => {
  const { names } = await getInstallNames();
  return (await getCollections()).flatMap((collection) => {
    const { zip } = collectionZip(collection, names);
    return zip && collection.members.length
      ? [
          {
            params: { id: collection.source.id, zip: `${collection.source.id}.zip` },
            props: { zip },
          },
        ]
      : [];
  });
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

/** A collection's one ZIP: every member in a folder named by its install name. */
export const GET: APIRoute<Props> = ({ props: { zip } }) =>
  new Response(zip.bytes, { headers: { 'Content-Type': 'application/zip' } });
