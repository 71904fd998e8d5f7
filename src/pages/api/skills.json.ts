import type { APIRoute } from 'astro';
import { json, publishOrigin } from '../../data/endpoints.ts';
import { getSkills } from '../../data/skills.ts';
import { apiSummary } from '../../lib/publish/install-endpoints.ts';

/** Every listed skill with its URLs and digests. */
export const GET: APIRoute = async () => {
  const [skills, origin] = [await getSkills(), publishOrigin()];
  return json({
    count: skills.length,
    skills: skills.map((s) => apiSummary(s, s.publisherName, origin)),
  });
};
