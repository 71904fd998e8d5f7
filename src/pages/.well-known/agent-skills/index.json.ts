import type { APIRoute } from 'astro';
import { json, publishOrigin } from '../../../data/endpoints.ts';
import { getInstallNames, getSkills } from '../../../data/skills.ts';
import { buildDiscoveryIndex } from '../../../lib/publish/install-endpoints.ts';

/** Agent Skills Discovery index (RFC v0.2): `npx skills add https://<site>` reads it. */
export const GET: APIRoute = async () =>
  json(buildDiscoveryIndex(await getSkills(), publishOrigin(), (await getInstallNames()).names));
