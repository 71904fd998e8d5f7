import type { VersionFeedEntry } from '../lib/publish/version-feed.ts';
import { isOffered } from '../lib/versions/api.ts';
import { versionUrl } from '../lib/shared/urls.ts';
import { getVersions } from './skill-versions.ts';
import { site } from './site.ts';
import type { ListedSkill } from './skills.ts';

/** A skill's offered versions as feed entries, each with the offered version before it. */
export function versionFeedEntries(skill: ListedSkill): VersionFeedEntry[] {
  const versions = getVersions(skill).filter(isOffered);
  return versions.map((version, index) => ({
    skillName: skill.name,
    version,
    older: versions[index + 1],
    url: new URL(versionUrl(skill.publisher, skill.slug, version.id), site.url).href,
  }));
}
