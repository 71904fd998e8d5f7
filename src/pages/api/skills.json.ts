import type { APIRoute } from 'astro';
import { json, publisherNames, publishOrigin } from '../../data/endpoints.ts';
import { getSkills } from '../../data/skills.ts';
import { apiSummary } from '../../lib/publish/install-endpoints.ts';

/** Every listed skill with its URLs and digests. */
export const GET: APIRoute = async () => {
  const [skills, names, origin] = [await getSkills(), await publisherNames(), publishOrigin()];
  return json({
    count: skills.length,
    skills: skills.map((s) => apiSummary(s, names.get(s.publisher) ?? s.publisher, origin)),
  });
};
