/**
 * `npm run check [-- --strict] [--json] [--client <id>]… [content-dir]`: validates every skill
 * package and prints `path:line  severity  message`, then where each skill is refused or limited
 * (src/lib/skill/clients.ts). Exits 1 on errors (and on warnings with --strict); `--client claude-ai`
 * makes that client's refusals errors.
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countFindings, sortFindings, type Finding } from '../lib/skill/findings.ts';
import { findPackageDirs } from '../lib/skill/dirs-fs.ts';
import { skillsRoot } from '../lib/site-config-fs.ts';
import { escapeForTerminal as safe, stringifyForTerminal } from '../lib/shared/terminal.ts';
import { readPackageDir } from '../lib/skill/package-fs.ts';
import { readCollectionFiles } from '../data/collections-fs.ts';
import { resolveCollection } from '../lib/publish/collection.ts';
import { publisherIdProblem } from '../lib/publish/identity.ts';
import {
  assessClients,
  CLIENT_IDS,
  CLIENTS,
  type ClientId,
  type ClientStatus,
} from '../lib/skill/clients.ts';

const { values, positionals } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    client: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
});
if (values.help) {
  console.log(
    `Usage: npm run check -- [--strict] [--json] [--client <id>]... [path/to/content/skills]\n  --client makes a client's refusals errors; ids: ${CLIENT_IDS.join(', ')}`,
  );
  process.exit(0);
}
const required = new Set<string>(values.client);
for (const id of required)
  if (!(CLIENT_IDS as readonly string[]).includes(id)) {
    console.error(`Unknown client "${safe(id)}": use one of ${CLIENT_IDS.join(', ')}.`);
    process.exit(2);
  }

const root = positionals[0] ? resolve(positionals[0]) : skillsRoot();
const dirs = findPackageDirs(root);
if (dirs.length === 0) {
  console.error(
    `No skill folders found under ${safe(root)} (expected <publisher>/<skill>/SKILL.md).`,
  );
  process.exit(2);
}

interface Row extends Finding {
  path: string;
  skill: string;
  /** Trust findings keep their own severity (danger/warning/info) and the matched text. */
  trust?: { severity: string; category: string; excerpt: string } | undefined;
}
/** Trust severities map onto check severities: danger fails like an error. */
const TRUST_TO_CHECK = { danger: 'error', warning: 'warning', info: 'info' } as const;
const rows: Row[] = [];
const skills: {
  id: string;
  listed: boolean;
  reason?: string | undefined;
  verdict?: string;
  tokens?: { metadata: number; body: number };
  clients?: Record<ClientId, ClientStatus>;
}[] = [];
for (const found of dirs) {
  const { publisher, slug, dir } = found;
  const result = readPackageDir(found);
  const id = `${publisher}/${slug}`;
  const publisherProblem = publisherIdProblem(publisher);
  const at = (file: string): string => relative(process.cwd(), resolve(dir, file));
  if (publisherProblem)
    rows.push({
      rule: 'publisher-id',
      severity: 'error',
      file: '.',
      message: `Left out of the site: ${publisherProblem}.`,
      skill: id,
      path: at('.'),
    });
  if (result.ok) {
    const clients = assessClients(result.skill);
    skills.push({
      id,
      listed: true,
      verdict: result.skill.trust.verdict,
      tokens: { metadata: result.skill.trust.cost.metadata, body: result.skill.trust.cost.body },
      clients: Object.fromEntries(clients.map((c) => [c.id, c.status])) as Record<
        ClientId,
        ClientStatus
      >,
    });
    for (const f of sortFindings(result.skill.findings))
      rows.push({ ...f, skill: id, path: at(f.file) });
    for (const f of result.skill.trust.findings) {
      rows.push({
        rule: f.rule,
        severity: TRUST_TO_CHECK[f.severity],
        file: f.file,
        line: f.line,
        message: f.message,
        skill: id,
        path: at(f.file),
        trust: { severity: f.severity, category: f.category, excerpt: f.excerpt },
      });
    }
    // Where it loads: a refusal is a note, or an error for a client named with --client.
    for (const client of clients)
      for (const reason of client.reasons)
        rows.push({
          rule: `client-${reason.status}:${client.id}`,
          severity: reason.status === 'refused' && required.has(client.id) ? 'error' : 'info',
          file: reason.file ?? result.skill.skillFile,
          line: reason.line,
          message: `${reason.status === 'refused' ? 'Refused by' : 'Caveat in'} ${CLIENTS[client.id].label}: ${reason.text}`,
          skill: id,
          path: at(reason.file ?? result.skill.skillFile),
        });
  } else {
    const { excluded } = result;
    skills.push({ id, listed: false, reason: excluded.reason });
    rows.push({
      rule: 'skill-excluded',
      severity: 'error',
      file: excluded.file,
      line: excluded.line,
      message: `Left out of the site: ${excluded.reason}`,
      skill: id,
      path: at(excluded.file),
    });
    for (const f of sortFindings(excluded.findings))
      rows.push({ ...f, skill: id, path: at(f.file) });
  }
}

// Collections (<content>/collections/ beside the skills folder): unreadable files and skills they
// name that are not listed (warnings: errors with --strict).
const collections = readCollectionFiles(join(root, '..', 'collections'));
const listedIds = new Map(skills.filter((s) => s.listed).map((s) => [s.id, s.id]));
const excludedIds = new Map(
  skills.filter((s) => !s.listed).map((s) => [s.id, s.reason ?? 'it could not be read']),
);
const collectionProblems = [
  ...collections.problems,
  ...collections.sources.flatMap(
    (source) => resolveCollection(source, listedIds, excludedIds).problems,
  ),
];
for (const p of collectionProblems)
  rows.push({
    rule: 'collection',
    severity: p.severity,
    file: p.file,
    line: p.line,
    message: p.message,
    skill: '',
    path: p.file,
  });

const counts = countFindings(rows);
const failed = counts.error > 0 || (values.strict && counts.warning > 0);
if (values.json) {
  console.log(
    stringifyForTerminal(
      { root: relative(process.cwd(), root) || '.', skills, findings: rows, counts, ok: !failed },
      2,
    ),
  );
} else {
  const colour = process.stdout.isTTY && !process.env['NO_COLOR'];
  const paint = (code: number, text: string): string =>
    colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  const tone = { error: 31, warning: 33, info: 36 } as const;
  for (const row of rows) {
    const severity = row.trust?.severity ?? row.severity;
    // Paths, messages and excerpts quote the packages: escaped so no skill can drive the terminal.
    console.log(
      `${safe(row.path)}${row.line ? `:${row.line}` : ''}  ${paint(tone[row.severity], severity)}  ${safe(row.message)}  [${row.rule}]${row.trust ? `  ${stringifyForTerminal(row.trust.excerpt)}` : ''}`,
    );
  }
  const listed = skills.filter((s) => s.listed).length;
  console.log(
    `\n${skills.length} skills checked: ${listed} listed, ${skills.length - listed} left out; ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes.`,
  );
  if (failed)
    console.log(
      values.strict && counts.error === 0
        ? 'Failed: warnings count as errors with --strict.'
        : 'Failed: fix the errors above.',
    );
}
process.exit(failed ? 1 : 0);
