import type { APIRoute } from 'astro';
import { json, publisherNames, publishOrigin } from '../data/endpoints.ts';
import { site } from '../data/site.ts';
import { getInstallNames, getSkills } from '../data/skills.ts';
import { buildMarketplace } from '../lib/publish/install-endpoints.ts';

/** Claude Code marketplace: `/plugin marketplace add https://<site>/marketplace.json`. */
export const GET: APIRoute = async () =>
  json(
    buildMarketplace(
      await getSkills(),
      await publisherNames(),
      site.marketplace,
      publishOrigin(),
      await getInstallNames(),
    ),
  );
