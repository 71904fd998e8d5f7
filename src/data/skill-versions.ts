import type { SkillRecord } from '../lib/skill/package.ts';
import { skillsRoot } from '../lib/site-config-fs.ts';
import { cacheRoot } from './package-cache.ts';
import { site } from './site.ts';
import {
  assembleVersions,
  readHistoryIndex,
  readSkillHistory,
  type HistoryIndex,
  type SkillVersion,
} from './versions.ts';

export type { SkillVersion };

let index: HistoryIndex | undefined;

function historyIndex(): HistoryIndex {
  index ??= readHistoryIndex(skillsRoot(), cacheRoot());
  return index;
}

/** A listed skill's kept versions, newest first; the first is the one the site serves. */
export function getVersions(skill: SkillRecord): SkillVersion[] {
  return assembleVersions(
    skill,
    readSkillHistory(historyIndex().skills[skill.id], cacheRoot()),
    cacheRoot(),
    site.versions.keep,
  );
}

/**
 * What a page showing a skill's versions depends on besides its record: the name of its history
 * file, which changes with any state, date or code that makes the versions.
 */
export function versionsKey(skill: Pick<SkillRecord, 'id'>): string {
  return historyIndex().skills[skill.id] ?? '';
}

/** Why the build has no version history (no git, a shallow clone, …), when it has none. */
export function versionHistoryProblem(): string | undefined {
  return historyIndex().reason;
}
