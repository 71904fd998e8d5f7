import { structuredPatch } from 'diff';

/** One file of a version, as versions.json lists it. */
export interface VersionFile {
  path: string;
  /** `644` or `755`. */
  mode: '644' | '755';
  sha256: string;
  size: number;
}

/** How a file differs between two versions. */
export interface FileChange {
  path: string;
  status: 'added' | 'removed' | 'changed' | 'mode';
  before?: VersionFile | undefined;
  after?: VersionFile | undefined;
}

/** The files added, removed, changed (bytes) or only re-moded (`644` ↔ `755`), by path. */
export function fileChanges(
  before: readonly VersionFile[],
  after: readonly VersionFile[],
): FileChange[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const changes: FileChange[] = [];
  for (const file of after) {
    const was = old.get(file.path);
    old.delete(file.path);
    if (!was) changes.push({ path: file.path, status: 'added', after: file });
    else if (was.sha256 !== file.sha256)
      changes.push({ path: file.path, status: 'changed', before: was, after: file });
    else if (was.mode !== file.mode)
      changes.push({ path: file.path, status: 'mode', before: was, after: file });
  }
  for (const file of old.values())
    changes.push({ path: file.path, status: 'removed', before: file });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One line of a unified diff. */
export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  text: string;
  /** Line numbers in the old and the new file (absent on the side the line is not in). */
  oldLine?: number | undefined;
  newLine?: number | undefined;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** A file's unified diff, or its summary when it is too big to show whole. */
export interface FileDiff {
  added: number;
  removed: number;
  hunks: DiffHunk[];
  /** Set when only the first `shown` lines of the diff are given (see DIFF_LIMITS). */
  summarised?: { reason: string; shown: number } | undefined;
  /** True when the two texts differ only in line endings (CRLF against LF). */
  lineEndingsOnly: boolean;
}

/** Past these a file's diff is summarised: counts and the first lines. */
export const DIFF_LIMITS = { changedLines: 2000, bytes: 256 * 1024, shownLines: 200 } as const;

const CONTEXT = 3;

const splitLines = (text: string): string[] => {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/**
 * The unified diff of two texts (three lines of context). A diff of more than 2,000 changed lines,
 * or of texts over 256 KB, is summarised: lines counted by content, and shown as its first 200
 * lines of one hunk that replaces the differing middle (common head and tail trimmed), so a huge
 * file never costs a full diff.
 */
export function fileDiff(before: string, after: string): FileDiff {
  const lineEndingsOnly =
    before !== after && before.replace(/\r\n/g, '\n') === after.replace(/\r\n/g, '\n');
  const big = before.length + after.length > DIFF_LIMITS.bytes;
  const patch = big
    ? undefined
    : structuredPatch('a', 'b', before, after, undefined, undefined, {
        context: CONTEXT,
        maxEditLength: DIFF_LIMITS.changedLines,
      });
  if (patch) {
    let added = 0;
    let removed = 0;
    const hunks = patch.hunks.map((hunk) => {
      let oldLine = hunk.oldStart;
      let newLine = hunk.newStart;
      const lines: DiffLine[] = [];
      for (const raw of hunk.lines) {
        const sign = raw.charAt(0);
        const text = raw.slice(1);
        // jsdiff marks a missing final newline with a "\ No newline at end of file" line.
        if (sign === '\\') continue;
        if (sign === '+') {
          added += 1;
          lines.push({ kind: 'added', text, newLine: newLine++ });
        } else if (sign === '-') {
          removed += 1;
          lines.push({ kind: 'removed', text, oldLine: oldLine++ });
        } else lines.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
      }
      return { ...hunk, lines };
    });
    return { added, removed, hunks, lineEndingsOnly };
  }
  return summarised(
    before,
    after,
    lineEndingsOnly,
    big ? 'over 256 KB' : 'over 2,000 changed lines',
  );
}

function summarised(
  before: string,
  after: string,
  lineEndingsOnly: boolean,
  reason: string,
): FileDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail += 1;
  // Exact counts by line content: lines only in the old text are removed, only in the new added.
  const counts = new Map<string, number>();
  for (const line of a.slice(head, a.length - tail)) counts.set(line, (counts.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of b.slice(head, b.length - tail)) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else added += 1;
  }
  const removed = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const lines: DiffLine[] = [
    ...a.slice(head, a.length - tail).map((text, i) => ({
      kind: 'removed' as const,
      text,
      oldLine: head + i + 1,
    })),
    ...b.slice(head, b.length - tail).map((text, i) => ({
      kind: 'added' as const,
      text,
      newLine: head + i + 1,
    })),
  ];
  const shown = Math.min(lines.length, DIFF_LIMITS.shownLines);
  return {
    added,
    removed,
    hunks: [
      {
        oldStart: head + 1,
        oldLines: a.length - tail - head,
        newStart: head + 1,
        newLines: b.length - tail - head,
        lines: lines.slice(0, shown),
      },
    ],
    summarised: { reason, shown },
    lineEndingsOnly,
  };
}
