/**
 * `npm run import -- <path> [--publisher <name>] [--repository <url>] [--dry-run] [--prune] [--force]
 *   [--content <dir>] [--max-file-mb N] [--max-package-mb N] [--max-files N] [--json]`
 * Imports every skill found in a folder or git checkout into content/skills/<publisher>/.
 * Exits 1 only when nothing could be imported, 2 on wrong arguments (a publisher is needed unless
 * the git remote is on a trusted host). Everything printed from packages goes through escapeForTerminal.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { importSkills, type ImportReport } from '../lib/import/importer.ts';
import { DEFAULT_LIMITS } from '../lib/skill/files-fs.ts';
import { escapeForTerminal as safe, stringifyForTerminal } from '../lib/shared/terminal.ts';
import { contentRoot } from '../lib/site-config-fs.ts';

const usage =
  'Usage: npm run import -- <path> [--publisher <name>] [--repository <url>] [--dry-run] [--prune] [--force] [--content <dir>] [--max-file-mb N] [--max-package-mb N] [--max-files N] [--json]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      publisher: { type: 'string' },
      repository: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      content: { type: 'string' },
      'max-file-mb': { type: 'string' },
      'max-package-mb': { type: 'string' },
      'max-files': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`${safe((error as Error).message)}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const number = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number.\n${usage}`);
    process.exit(2);
  }
  return n;
};
const limits = {
  maxFileBytes:
    number(values['max-file-mb'], DEFAULT_LIMITS.maxFileBytes / 1048576, 'max-file-mb') * 1048576,
  maxPackageBytes:
    number(values['max-package-mb'], DEFAULT_LIMITS.maxPackageBytes / 1048576, 'max-package-mb') *
    1048576,
  maxFiles: number(values['max-files'], DEFAULT_LIMITS.maxFiles, 'max-files'),
};

const interactive = process.stderr.isTTY;
let report: ImportReport;
try {
  report = importSkills({
    source: positionals[0]!,
    contentRoot: values.content ?? contentRoot(),
    publisher: values.publisher,
    repository: values.repository,
    dryRun: values['dry-run'],
    prune: values.prune,
    force: values.force,
    limits,
    onProgress: (done, total, path) => {
      if (interactive)
        process.stderr.write(`\r\u001b[KReading ${done}/${total}: ${safe(path).slice(-60)}`);
      else if (done === total || done % 25 === 0)
        process.stderr.write(`Reading ${done}/${total}…\n`);
    },
  });
} catch (error) {
  if (interactive) process.stderr.write('\n');
  console.error(`import: ${safe((error as Error).message)}`);
  process.exit(2);
}
if (interactive) process.stderr.write('\r\u001b[K');

if (values.json) console.log(stringifyForTerminal(report, 2));
else printReport(report);
const landed =
  report.imported.length + report.updated.length + report.unchanged.length + report.replaced.length;
process.exit(landed === 0 ? 1 : 0);

function printReport(r: ImportReport): void {
  const where =
    relative(process.cwd(), `${values.content ?? contentRoot()}/skills/${r.publisherFolder}`) ||
    '.';
  console.log(
    `${r.dryRun ? 'Dry run (nothing written): ' : ''}publisher "${safe(r.publisher)}" from ${safe(r.repository ?? positionals[0]!)} → ${safe(where)}/`,
  );
  if (r.publisherFolder !== r.publisher)
    console.log(
      `  (the existing folder "${safe(r.publisherFolder)}" is the same publisher, differing only by case: imported into it)`,
    );
  console.log('');
  const rows: [string, number][] = [
    ['imported (new)', r.imported.length],
    ['updated', r.updated.length],
    ['unchanged', r.unchanged.length],
    ['replaced (--force)', r.replaced.length],
    ['skipped', r.skipped.length],
    ['renamed', r.renamed.length],
    [
      r.pruned ? 'removed (gone upstream, --prune)' : 'gone upstream (kept; --prune removes)',
      r.disappeared.length,
    ],
  ];
  for (const [label, count] of rows)
    if (count > 0 || label !== 'replaced (--force)')
      console.log(`  ${String(count).padStart(5)}  ${label}`);
  const section = (title: string, lines: string[]): void => {
    if (!lines.length) return;
    console.log(`\n${title}:`);
    // Every line holds names, paths or messages from the packages: escaped so none can drive the terminal.
    for (const line of lines) console.log(`  ${safe(line)}`);
  };
  section(
    'Replaced (--force)',
    r.replaced.map((s) => `${s.slug} (was from ${s.previous}) ← ${s.path}`),
  );
  section(
    'Skipped',
    r.skipped.map((s) => `${s.path}: ${s.reason}`),
  );
  section(
    'Renamed',
    r.renamed.map((s) => `${s.path} → ${s.slug}: ${s.reason}`),
  );
  section(
    'Files not copied',
    r.notCopied.map((s) => `${s.slug}/${s.file}: ${s.reason}`),
  );
  section(
    'Warnings',
    r.warnings.map((s) => `${s.slug}: ${s.message}`),
  );
  section(
    'Not searched',
    r.ignored.map((s) => `${s.path}: ${s.reason}`),
  );
  section(
    r.pruned ? 'Removed' : 'Gone upstream',
    r.disappeared.map((s) => `${s.slug} (was ${s.path})`),
  );
}
