import { isMap, isSeq, isScalar, parseDocument, Scalar, YAMLMap } from 'yaml';
import { plural } from '../shared/format.ts';
import { decodeText } from './classify.ts';
import type { ClientVerdict, FixKind } from './clients.ts';
import { findFences, normaliseText, quotePlainValuesWithColons } from './frontmatter.ts';
import { sha256Hex, type PackageSnapshot, type SnapshotFile } from './snapshot.ts';
import { SPEC_KEYS } from './spec.ts';

/** A package changed by this site so claude.ai accepts it, with every change in words. */
export interface ClientFix {
  changes: string[];
  snapshot: PackageSnapshot;
}

const EVALS = 'evals/';

/**
 * The mechanical changes that make claude.ai accept a package, when every reason it is refused is
 * one of them: leave out a root `evals/` (as Anthropic's packager does), quote a value YAML cannot
 * read, join an `allowed-tools` list into one string, move keys other than the six under
 * `metadata`. Never a rename, never a change to the body. Undefined when the package loads as it is
 * or needs a change only its publisher can make.
 */
export function fixForClaudeAi(
  verdict: ClientVerdict,
  snapshot: PackageSnapshot,
  skillFile: string,
): ClientFix | undefined {
  if (verdict.status !== 'refused') return undefined;
  if (verdict.reasons.some((r) => r.status === 'refused' && !r.fix)) return undefined;
  const kinds = new Set<FixKind>(verdict.reasons.flatMap((r) => (r.fix ? [r.fix] : [])));
  const changes: string[] = [];
  let files: SnapshotFile[] = snapshot.files;
  // A fixed archive leaves out a root evals/ whatever else it fixes, as Anthropic's packager does.
  if (files.some((f) => f.path.startsWith(EVALS))) {
    const kept = files.filter((f) => !f.path.startsWith(EVALS));
    changes.push(
      `Left out evals/ (${plural(files.length - kept.length, 'file')}), as Anthropic\u2019s skill packager does.`,
    );
    files = kept;
  }
  if (kinds.has('quote-scalar') || kinds.has('join-allowed-tools') || kinds.has('move-keys')) {
    const index = files.findIndex((f) => f.path === skillFile);
    const file = files[index];
    if (!file) return undefined;
    const rewritten = rewriteFrontmatter(decodeText(file.bytes).text, kinds);
    if (!rewritten) return undefined;
    changes.push(...rewritten.changes);
    const bytes = new TextEncoder().encode(rewritten.text);
    files = files.with(index, { ...file, bytes, size: bytes.length, sha256: sha256Hex(bytes) });
  }
  return { changes, snapshot: { ...snapshot, files } };
}

/** The skill file with its frontmatter changed as `kinds` say; undefined when it cannot be done safely. */
export function rewriteFrontmatter(
  raw: string,
  kinds: ReadonlySet<FixKind>,
): { text: string; changes: string[] } | undefined {
  const { text, hadBom, hadCrlf } = normaliseText(raw);
  const lines = text.split('\n');
  const { open, close } = findFences(lines);
  if (close >= lines.length) return undefined;
  const changes: string[] = [];
  let yamlLines = lines.slice(open + 1, close);
  if (kinds.has('quote-scalar')) {
    const repaired = quotePlainValuesWithColons(yamlLines);
    const quoted = yamlLines.flatMap((line, i) =>
      line === repaired.lines[i]
        ? []
        : [`${/^\s*([\w.-]+):/.exec(line)?.[1] ?? '?'} (line ${open + 2 + i})`],
    );
    if (quoted.length) changes.push(`Quoted values that contain a colon: ${quoted.join(', ')}.`);
    yamlLines = repaired.lines;
  }
  // Failsafe: every scalar stays the text it was (1.10 is not rewritten as 1.1).
  const doc = parseDocument(yamlLines.join('\n'), { uniqueKeys: false, schema: 'failsafe' });
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  if (kinds.has('join-allowed-tools')) {
    const tools = doc.get('allowed-tools');
    if (isSeq(tools)) {
      const names = tools.items.map((item) => String(isScalar(item) ? item.value : item).trim());
      doc.set('allowed-tools', names.filter(Boolean).join(' '));
      changes.push('Joined the allowed-tools list into one space-separated string.');
    }
  }
  if (kinds.has('move-keys')) {
    const extra = doc.contents.items
      .map((item) => (isScalar(item.key) ? String(item.key.value) : undefined))
      .filter((key): key is string => !!key && !(SPEC_KEYS as readonly string[]).includes(key));
    if (extra.length) {
      const existing = doc.get('metadata');
      if (existing !== undefined && existing !== null && !isMap(existing)) return undefined;
      const metadata = isMap(existing) ? existing : new YAMLMap();
      const data = doc.toJS() as Record<string, unknown>;
      for (const key of extra) {
        // Never overwrite a metadata value the publisher wrote.
        if (metadata.has(key)) return undefined;
        const value = data[key];
        // Quoted, so no YAML 1.1 reader takes "1.0" or "yes" for a number or a boolean.
        const text = new Scalar(typeof value === 'string' ? value : JSON.stringify(value));
        text.type = Scalar.QUOTE_DOUBLE;
        metadata.set(key, text);
        doc.delete(key);
      }
      doc.set('metadata', metadata);
      changes.push(
        `Moved ${extra.map((k) => `"${k}"`).join(', ')} under metadata (values that are not text are written as JSON).`,
      );
    }
  }
  if (!changes.length) return undefined;
  if (hadBom) changes.push('Removed the byte-order mark.');
  if (hadCrlf) changes.push('Wrote line endings as LF.');
  const yaml = doc.toString({ lineWidth: 0 });
  const head = lines.slice(0, open + 1).join('\n');
  const tail = lines.slice(close).join('\n');
  return { text: `${head}\n${yaml}${tail}`, changes };
}
