import { readFileSync } from 'node:fs';
import { classifyBytes, decodeText } from '../lib/skill/classify.ts';
import type { SkillRecord } from '../lib/skill/package.ts';
import { versionChanges, type VersionChanges } from '../lib/versions/changes.ts';
import { isOffered } from '../lib/versions/api.ts';
import { fileDiff, type FileChange, type FileDiff } from '../lib/versions/file-diff.ts';
import { skillsRoot } from '../lib/site-config-fs.ts';
import { blobFile, cacheRoot } from './package-cache.ts';
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
  const versions = assembleVersions(
    skill,
    readSkillHistory(historyIndex().skills[skill.id], cacheRoot()),
    cacheRoot(),
    site.versions.keep,
  );
  for (const version of versions)
    if (site.withdrawn.includes(`${skill.id}@${version.id}`)) {
      if (version.current)
        throw new Error(
          `content/site.json withdraws ${skill.id}@${version.id}, the version the site serves now. Change or remove the skill's folder instead (a withdrawn version must have a newer one to replace it).`,
        );
      version.withdrawn = true;
    }
  return versions;
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

/** One changed file on a version page: its change, and its diff when both sides are text. */
export interface FileDiffView {
  change: FileChange;
  /** Undefined for a binary file (or one side of it), whose change is told by size and digest. */
  diff?: FileDiff | undefined;
}

/** What a version page shows: the version, the one before it, and what changed between them. */
export interface VersionPage {
  version: SkillVersion;
  /** The newest older version that is not withheld; none for the first version. */
  older?: SkillVersion | undefined;
  changes?: VersionChanges | undefined;
  files: FileDiffView[];
}

/** Reads a file's bytes from the build cache as text, or undefined when it is not text. */
function cachedText(path: string, sha256: string): string | undefined {
  const bytes = readFileSync(blobFile(sha256));
  if (classifyBytes(path, bytes) !== 'text') return undefined;
  return decodeText(bytes).text;
}

/** The view model of one version's page: only the files that changed are read and diffed. */
export function getVersionPage(versions: SkillVersion[], id: string): VersionPage {
  const index = versions.findIndex((v) => v.id === id);
  const version = versions[index];
  if (!version) throw new Error(`no version ${id}`);
  const older = versions.slice(index + 1).find(isOffered);
  if (!isOffered(version)) return { version, files: [] };
  const changes = versionChanges(older ?? { ...version, files: [] }, version);
  // The first kept version has nothing to compare with: its files are listed, not diffed.
  if (!older) return { version, files: changes.files.map((change) => ({ change })) };
  const files = changes.files.map((change): FileDiffView => {
    if (change.status === 'mode') return { change };
    const before = change.before ? cachedText(change.path, change.before.sha256) : '';
    const after = change.after ? cachedText(change.path, change.after.sha256) : '';
    return before === undefined || after === undefined
      ? { change }
      : { change, diff: fileDiff(before, after) };
  });
  return { version, older, changes, files };
}
