import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isUnreadable, parseSkillFile } from '../frontmatter.ts';
import { listingPath } from '../listing.ts';
import { DEFAULT_LIMITS, formatBytes, listPackageFiles, type PackageFile, type PackageLimits } from '../package-files.ts';
import { checkSpec, NAME_PATTERN } from '../spec.ts';
import { discoverSkills, type IgnoredPath } from './discover.ts';
import { findLicenceFile, lastCommit, readRepository } from './provenance.ts';

/** What the operator asked for. */
export interface ImportOptions {
  /** The folder or checkout to import from. */
  source: string;
  /** The content folder (holding `skills/`). */
  contentRoot: string;
  /** Publisher slug; defaults to the git remote's owner, then the source folder's name. */
  publisher?: string | undefined;
  /** Repository URL to record when the source is not a git checkout. */
  repository?: string | undefined;
  dryRun?: boolean | undefined;
  prune?: boolean | undefined;
  limits?: PackageLimits | undefined;
  /** Import time (injectable for tests). */
  now?: Date | undefined;
  onProgress?: ((done: number, total: number, path: string) => void) | undefined;
}

/** One skill's outcome. */
export interface ImportedSkill {
  slug: string;
  path: string;
}

/** Everything an import did or would do, for the summary table. */
export interface ImportReport {
  publisher: string;
  repository?: string | undefined;
  imported: ImportedSkill[];
  updated: ImportedSkill[];
  unchanged: ImportedSkill[];
  skipped: { path: string; reason: string }[];
  renamed: { path: string; slug: string; reason: string }[];
  notCopied: { slug: string; file: string; reason: string }[];
  warnings: { slug: string; message: string }[];
  ignored: IgnoredPath[];
  disappeared: ImportedSkill[];
  pruned: boolean;
  dryRun: boolean;
}

/** Lower-case letters, digits and single hyphens, from any folder or publisher name. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64)
      .replace(/-+$/, '') || 'skill'
  );
}

interface Candidate {
  path: string;
  dir: string;
  skillFile: string;
  nested: string[];
  slug: string;
  files: PackageFile[];
  licence?: string | undefined;
}

/** Imports every skill found in `options.source` into `content/skills/<publisher>/`. */
export function importSkills(options: ImportOptions): ImportReport {
  const source = resolve(options.source);
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`${options.source} is not a folder.`);
  const repo = readRepository(source);
  const repository = options.repository ?? repo.url ?? `file://${source}`;
  const publisher = slugify(options.publisher ?? repo.owner ?? basename(source));
  const limits = options.limits ?? DEFAULT_LIMITS;
  const now = options.now ?? new Date();
  const publisherDir = resolve(options.contentRoot, 'skills', publisher);
  const report: ImportReport = { publisher, repository, imported: [], updated: [], unchanged: [], skipped: [], renamed: [], notCopied: [], warnings: [], ignored: [], disappeared: [], pruned: false, dryRun: Boolean(options.dryRun) };

  const { skills, ignored } = discoverSkills(source);
  report.ignored = ignored;
  const rootLicence = findLicenceFile(source);
  const candidates: Candidate[] = [];
  const taken = new Map<string, string>();

  skills.forEach((found, index) => {
    options.onProgress?.(index + 1, skills.length, found.path || '.');
    const label = found.path || '.';
    const skillPath = join(found.dir, found.skillFile);
    if (!existsSync(skillPath)) {
      report.skipped.push({ path: label, reason: `${found.skillFile} is a dangling symbolic link` });
      return;
    }
    const parsed = parseSkillFile(readFileSync(skillPath, 'utf8'), found.skillFile);
    if (isUnreadable(parsed)) {
      report.skipped.push({ path: label, reason: `${parsed.error}${parsed.line ? ` (${found.skillFile} line ${parsed.line}${parsed.column ? `, column ${parsed.column}` : ''})` : ''}` });
      return;
    }
    const folder = found.path ? basename(found.dir) : basename(source);
    const checked = checkSpec(parsed, folder, found.skillFile);
    if (!checked.ok) {
      report.skipped.push({ path: label, reason: checked.reason });
      return;
    }
    const name = checked.frontmatter.name;
    let slug = NAME_PATTERN.test(name) && name.length <= 64 ? name : slugify(folder);
    let reason = slug !== folder ? (slug === name ? `folder "${folder}" renamed to its spec name` : `name "${name}" is not a valid slug; used the folder name`) : '';
    const owner = taken.get(slug);
    if (owner !== undefined) {
      const base = slug;
      slug = `${base}-${slugify(basename(dirname(found.dir)))}`.slice(0, 64);
      for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
      reason = `"${base}" is already used by ${owner || '.'}`;
    }
    taken.set(slug, label);
    if (reason) report.renamed.push({ path: label, slug, reason });

    const { files, findings } = listPackageFiles(found.dir, limits, found.nested);
    const tooBig = findings.find((f) => f.rule === 'package-too-large' || f.rule === 'package-too-many-files');
    if (tooBig) {
      report.skipped.push({ path: label, reason: `${tooBig.message.replace(/; the rest are left out\.|; it is left out\./, '')} (limits: ${limits.maxFiles} files, ${formatBytes(limits.maxPackageBytes)})` });
      taken.delete(slug);
      return;
    }
    for (const f of findings) report.notCopied.push({ slug, file: f.file, reason: f.message });
    for (const f of parsed.findings.filter((x) => x.severity === 'warning')) report.warnings.push({ slug, message: `${f.file}${f.line ? `:${f.line}` : ''} ${f.message}` });
    const ownLicence = findLicenceFile(found.dir);
    const licence = checked.frontmatter.license ? undefined : (ownLicence?.licence ?? (ownLicence ? `See ${ownLicence.file}` : rootLicence?.licence));
    candidates.push({ path: found.path, dir: found.dir, skillFile: found.skillFile, nested: found.nested, slug, files, licence });
  });

  for (const candidate of candidates) {
    const dest = join(publisherDir, candidate.slug);
    assertInside(publisherDir, dest);
    const state = !existsSync(dest) ? 'imported' : samePackage(dest, candidate.files) ? 'unchanged' : 'updated';
    report[state].push({ slug: candidate.slug, path: candidate.path || '.' });
    if (options.dryRun || state === 'unchanged') continue;
    writePackage(publisherDir, dest, candidate.files);
    const commit = repo.isGit ? lastCommit(source, candidate.path) : undefined;
    writeListing(dest, {
      previous: readJson(listingPath(dest)),
      repository,
      path: candidate.path,
      commit: repo.commit,
      commitDate: commit?.date,
      licence: candidate.licence,
      now,
    });
  }

  // Skills imported from this source earlier that are gone upstream.
  const current = new Set(candidates.map((c) => c.slug));
  if (existsSync(publisherDir)) {
    for (const slug of readdirSync(publisherDir).sort()) {
      const dir = join(publisherDir, slug);
      // Entries of this listing may be gone already (a pruned skill's sidecar): check before looking.
      if (current.has(slug) || !existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const listing = readJson(listingPath(dir)) as { source?: { repository?: string; path?: string } } | undefined;
      if (listing?.source?.repository !== repository) continue;
      report.disappeared.push({ slug, path: listing.source.path ?? '?' });
      if (options.prune && !options.dryRun) {
        assertInside(publisherDir, dir);
        rmSync(dir, { recursive: true, force: true });
        rmSync(listingPath(dir), { force: true });
      }
    }
  }
  report.pruned = Boolean(options.prune) && !options.dryRun && report.disappeared.length > 0;
  return report;
}

/** Refuses any write outside the publisher's folder. */
function assertInside(root: string, path: string): void {
  const resolved = resolve(path);
  if (!resolved.startsWith(resolve(root) + sep)) throw new Error(`Refusing to write outside ${root}: ${path}`);
}

/** True when `dest` already holds exactly these files with the same bytes and exec bits. */
function samePackage(dest: string, files: readonly PackageFile[]): boolean {
  const existing = listPackageFiles(dest, { maxFiles: Number.MAX_SAFE_INTEGER, maxFileBytes: Number.MAX_SAFE_INTEGER, maxPackageBytes: Number.MAX_SAFE_INTEGER }).files;
  if (existing.length !== files.length) return false;
  return existing.every((file, i) => {
    const incoming = files[i]!;
    return file.path === incoming.path && file.size === incoming.size && file.executable === incoming.executable && readFileSync(file.source).equals(readFileSync(incoming.source));
  });
}

/** Writes a package into a temporary folder, then swaps it in, so a failed copy never leaves half a skill. */
function writePackage(publisherDir: string, dest: string, files: readonly PackageFile[]): void {
  const temp = `${dest}.importing-${process.pid}`;
  assertInside(publisherDir, temp);
  rmSync(temp, { recursive: true, force: true });
  for (const file of files) {
    const target = join(temp, ...file.path.split('/'));
    assertInside(publisherDir, target);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(file.source));
    chmodSync(target, file.executable ? 0o755 : 0o644);
  }
  mkdirSync(temp, { recursive: true });
  rmSync(dest, { recursive: true, force: true });
  renameSync(temp, dest);
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Writes the sidecar with provenance, keeping what operators set by hand (featured, added). */
function writeListing(dest: string, input: { previous: Record<string, unknown> | undefined; repository: string; path: string; commit?: string | undefined; commitDate?: string | undefined; licence?: string | undefined; now: Date }): void {
  const today = input.now.toISOString().slice(0, 10);
  const listing = {
    ...input.previous,
    featured: input.previous?.['featured'] === true,
    added: typeof input.previous?.['added'] === 'string' ? input.previous['added'] : today,
    updated: input.commitDate?.slice(0, 10) ?? today,
    ...(input.licence ? { license: input.licence } : {}),
    importedAt: input.now.toISOString(),
    source: {
      repository: input.repository,
      path: input.path || '.',
      ...(input.commit ? { commit: input.commit } : {}),
      ...(input.commitDate ? { commitDate: input.commitDate } : {}),
    },
  };
  writeFileSync(listingPath(dest), `${JSON.stringify(listing, null, 2)}\n`);
}
