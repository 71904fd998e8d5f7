import { fileChanges, type FileChange } from './file-diff.ts';
import { isQuiet, trustDiff, WATCHED, type TrustDiff } from './trust-diff.ts';
import type { VersionSummary } from './version.ts';

/** What an update from `older` to `newer` changes: its files, and what the skill may do. */
export interface VersionChanges {
  files: FileChange[];
  counts: Record<FileChange['status'], number>;
  trust: TrustDiff;
  /** True when what the skill may do did not change (its text may have). */
  quiet: boolean;
}

/** The changes between two versions (older → newer). */
export function versionChanges(older: VersionSummary, newer: VersionSummary): VersionChanges {
  const files = fileChanges(older.files, newer.files);
  const counts = { added: 0, removed: 0, changed: 0, mode: 0 };
  for (const change of files) counts[change.status] += 1;
  const trust = trustDiff(older.trust, newer.trust);
  return { files, counts, trust, quiet: isQuiet(trust) };
}

/** "2 changed, 1 added": the file counts of an update, in words. */
export function fileChangeLine(counts: VersionChanges['counts']): string {
  const parts = [
    counts.changed && `${counts.changed} changed`,
    counts.added && `${counts.added} added`,
    counts.removed && `${counts.removed} removed`,
    counts.mode && `${counts.mode} with a new mode`,
  ].filter(Boolean);
  return parts.length ? `Files: ${parts.join(', ')}.` : 'Files: no change.';
}

const VERDICT_WORDS = { 'no-concerns': 'no concerns', review: 'review', danger: 'danger' } as const;

/** What an update changes in what the skill may do, in short clauses ("now: running downloaded code"). */
export function trustChangeParts(diff: TrustDiff): string[] {
  const label = (category: string): string =>
    WATCHED.find((w) => w.category === category)?.label ?? category;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    diff.verdict.from !== diff.verdict.to &&
      `verdict ${VERDICT_WORDS[diff.verdict.from]} → ${VERDICT_WORDS[diff.verdict.to]}`,
    diff.gained.length > 0 && `now: ${diff.gained.map(label).join(', ')}`,
    diff.lost.length > 0 && `no longer: ${diff.lost.map(label).join(', ')}`,
    diff.tools.added.length > 0 && `new allowed tools ${diff.tools.added.join(', ')}`,
    diff.tools.removed.length > 0 && `tools no longer allowed ${diff.tools.removed.join(', ')}`,
    diff.scripts.added.length > 0 && `new scripts ${diff.scripts.added.join(', ')}`,
    diff.scripts.removed.length > 0 && `scripts removed ${diff.scripts.removed.join(', ')}`,
    diff.appeared.length > 0 && plural(diff.appeared.length, 'new finding'),
    diff.disappeared.length > 0 && `${plural(diff.disappeared.length, 'finding')} gone`,
    diff.coverage.from !== diff.coverage.to &&
      `scan coverage ${diff.coverage.from} → ${diff.coverage.to}`,
  ].filter((part): part is string => typeof part === 'string');
}

/** The trust line of an update: what changed in what the skill may do, or that nothing did. */
export function trustChangeLine(diff: TrustDiff): string {
  const parts = trustChangeParts(diff);
  return parts.length ? `What it may do: ${parts.join('; ')}.` : 'What it may do: no change.';
}
