import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isUnreadable, parseSkillFile } from '../skill/frontmatter.ts';
import { LOCAL_SOURCE_PREFIX, listingPath } from '../skill/listing.ts';
import { readSidecarText } from '../skill/listing-fs.ts';
import { isDirectory } from '../skill/dirs-fs.ts';
import {
  DEFAULT_LIMITS,
  formatBytes,
  listPackageFiles,
  type PackageFile,
  type PackageLimits,
} from '../skill/files-fs.ts';
import { contentRoot as configuredContentRoot, readSiteConfig } from '../site-config-fs.ts';
import { trimChars } from '../shared/text.ts';
import { foldName } from '../skill/names.ts';
import { checkSpec, NAME_PATTERN } from '../skill/spec.ts';
import { packageManifestDigest } from '../skill/manifest.ts';
import { readSnapshot } from '../skill/snapshot.ts';
import { fsSource } from '../skill/source-fs.ts';
import {
  checkRegularFile,
  discoverSkills,
  isInside,
  readCapped,
  type DiscoveredSkill,
  type IgnoredPath,
} from './discover.ts';
import {
  findLicenceFile,
  lastCommit,
  matchesHead,
  normaliseRepository,
  readRepository,
  type SourceRepository,
} from './provenance.ts';

/** What the operator asked for. */
export interface ImportOptions {
  /** The folder or checkout to import from. */
  source: string;
  /** The content folder (holding `skills/`). */
  contentRoot: string;
  /** Publisher slug; required unless the git remote is on a trusted import host, whose owner is then used. */
  publisher?: string | undefined;
  /** Repository URL to record when the source is not a git checkout. */
  repository?: string | undefined;
  dryRun?: boolean | undefined;
  prune?: boolean | undefined;
  /** Replace skills imported from another repository, or made by hand (never keeping their `featured` flag). */
  force?: boolean | undefined;
  /** Hosts whose remote owner may name the publisher; defaults to `importHosts` in `<contentRoot>/site.json`. */
  importHosts?: readonly string[] | undefined;
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
  /** The folder under `skills/` written to: an existing one equal to `publisher` ignoring case, else `publisher`. */
  publisherFolder: string;
  repository?: string | undefined;
  imported: ImportedSkill[];
  updated: ImportedSkill[];
  unchanged: ImportedSkill[];
  /** Skills that belonged to another repository (or were made by hand), replaced with `--force`. */
  replaced: (ImportedSkill & { previous: string })[];
  skipped: { path: string; reason: string }[];
  renamed: { path: string; slug: string; reason: string }[];
  notCopied: { slug: string; file: string; reason: string }[];
  warnings: { slug: string; message: string }[];
  ignored: IgnoredPath[];
  disappeared: ImportedSkill[];
  pruned: boolean;
  dryRun: boolean;
}

/** Hosts whose repository owners are trusted as publishers when site.json names none. */
export const DEFAULT_IMPORT_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'codeberg.org'];

/** Lower-case letters, digits and single hyphens, or '' when the text has none. */
function slugPart(text: string): string {
  const kebab = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return trimChars(trimChars(kebab, '-').slice(0, 64), '-', 'end');
}

/** Lower-case letters, digits and single hyphens, from any folder or publisher name. */
export function slugify(text: string): string {
  return slugPart(text) || 'skill';
}

/**
 * The trusted import hosts: `importHosts` in site.json (see readSiteConfig), else the defaults.
 * readSiteConfig reads the configured content root only; `--content` elsewhere reads that folder's site.json.
 */
export function readImportHosts(contentRoot: string): string[] {
  const clean = (hosts: readonly string[]): string[] =>
    hosts.map((h) => h.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  if (resolve(contentRoot) === configuredContentRoot())
    return clean(readSiteConfig().importHosts ?? DEFAULT_IMPORT_HOSTS);
  const file = join(contentRoot, 'site.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [...DEFAULT_IMPORT_HOSTS];
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  // Read like readSiteConfig does: a list of strings, anything else means the defaults.
  const hosts =
    data && typeof data === 'object' ? (data as Record<string, unknown>)['importHosts'] : undefined;
  return Array.isArray(hosts)
    ? clean(hosts.filter((h): h is string => typeof h === 'string'))
    : [...DEFAULT_IMPORT_HOSTS];
}

/**
 * The publisher: `--publisher` when given, else the remote's owner, but only on a trusted host —
 * anyone can run a git server and name a path `northwind-labs/skills`.
 */
export function resolvePublisher(
  repo: SourceRepository,
  explicit: string | undefined,
  hosts: () => readonly string[],
  source: string,
): string {
  if (explicit !== undefined) {
    const slug = slugPart(explicit);
    if (!slug)
      throw new Error(
        `--publisher "${explicit}" has no letter or digit to make a publisher name from.`,
      );
    return slug;
  }
  if (!repo.host) {
    return fail(
      `${source} has no git remote (origin) on a known host, so no publisher can be taken from it: pass --publisher <name>.`,
    );
  }
  const trusted = hosts();
  if (!trusted.includes(repo.host)) {
    return fail(
      `The git remote is on ${repo.host}, which is not a trusted import host (${trusted.join(', ') || 'none'}): pass --publisher <name> to choose the publisher, or add the host to "importHosts" in site.json.`,
    );
  }
  if (!repo.owner) {
    return fail(
      `The owner "${repo.invalidOwner ?? ''}" in the git remote on ${repo.host} is not a valid publisher name (lower-case letters, digits, ".", "_" and "-"): pass --publisher <name>.`,
    );
  }
  return slugify(repo.owner);
}

function fail(message: string): never {
  throw new Error(message);
}

/** The entry of `parent` equal to `name` ignoring case and compatibility forms (an exact match first), if any. */
function existingEntry(parent: string, name: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return undefined;
  }
  if (names.includes(name)) return name;
  const folded = foldName(name);
  // Dot-names are our temporary folders and other hidden files, never a publisher or a skill.
  return names.filter((n) => !n.startsWith('.') && foldName(n) === folded).sort()[0];
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
  if (!existsSync(source) || !statSync(source).isDirectory())
    throw new Error(`${options.source} is not a folder.`);
  const realSource = realpathSync(source);
  const repo = readRepository(source);
  // A folder with no published repository is known by a hash of its path: the operator's local path
  // never reaches the content repository or the site ("imported from a local folder").
  const repository =
    options.repository ??
    repo.url ??
    `${LOCAL_SOURCE_PREFIX}${createHash('sha256').update(realSource).digest('hex').slice(0, 16)}`;
  const sameRepository = normaliseRepository(repository);
  const publisher = resolvePublisher(
    repo,
    options.publisher,
    () => options.importHosts ?? readImportHosts(options.contentRoot),
    options.source,
  );
  const limits = options.limits ?? DEFAULT_LIMITS;
  const now = options.now ?? new Date();
  const skillsDir = resolve(options.contentRoot, 'skills');
  // Never a second folder differing only by case: on macOS and Windows it would be the same folder anyway.
  const publisherFolder = existingEntry(skillsDir, publisher) ?? publisher;
  const publisherDir = join(skillsDir, publisherFolder);
  assertInside(skillsDir, publisherDir);
  if (existsSync(publisherDir) && !lstatSync(publisherDir).isDirectory())
    throw new Error(
      `${publisherDir} is not a folder (a symbolic link or a file); refusing to write through it.`,
    );
  const report: ImportReport = {
    publisher,
    publisherFolder,
    repository,
    imported: [],
    updated: [],
    unchanged: [],
    replaced: [],
    skipped: [],
    renamed: [],
    notCopied: [],
    warnings: [],
    ignored: [],
    disappeared: [],
    pruned: false,
    dryRun: Boolean(options.dryRun),
  };

  const { skills, ignored } = discoverSkills(source);
  report.ignored = ignored;
  const rootLicence = findLicenceFile(source);
  const candidates: Candidate[] = [];
  const taken = new Map<string, string>();

  skills.forEach((found, index) => {
    options.onProgress?.(index + 1, skills.length, found.path || '.');
    const label = found.path || '.';
    // One hostile or broken skill must never abort the import of the others.
    try {
      const candidate = readCandidate(found, {
        source,
        realSource,
        limits,
        report,
        taken,
        rootLicence,
      });
      if (typeof candidate === 'string') report.skipped.push({ path: label, reason: candidate });
      else candidates.push(candidate);
    } catch (error) {
      report.skipped.push({
        path: label,
        reason: `could not be read: ${(error as Error).message}`,
      });
    }
  });

  const current = new Set<string>();
  for (const candidate of candidates) {
    const label = candidate.path || '.';
    const folder = existingEntry(publisherDir, candidate.slug) ?? candidate.slug;
    current.add(folder);
    const dest = join(publisherDir, folder);
    try {
      assertInside(publisherDir, dest);
      const previous = readSidecar(dest);
      const previousRepository = repositoryOf(previous);
      const same =
        previousRepository !== undefined &&
        normaliseRepository(previousRepository) === sameRepository;
      const exists = existsSync(dest) || isSymlink(dest);
      let state: 'imported' | 'updated' | 'unchanged' | 'replaced';
      if (exists && !same) {
        if (!options.force) {
          report.skipped.push({
            path: label,
            reason: previousRepository
              ? `"${publisherFolder}/${folder}" is already imported from ${previousRepository}; use --force to replace it`
              : `"${publisherFolder}/${folder}" already exists and was not imported (its listing names no source repository); use --force to replace it`,
          });
          continue;
        }
        state = 'replaced';
      } else
        state = !exists
          ? 'imported'
          : samePackage(dest, candidate.files, limits)
            ? 'unchanged'
            : 'updated';
      if (folder !== candidate.slug)
        report.renamed.push({
          path: label,
          slug: folder,
          reason: `the existing folder "${folder}" differs from "${candidate.slug}" only by case; imported into it`,
        });
      const outcome = { slug: folder, path: label };
      if (!options.dryRun && state !== 'unchanged') {
        writePackage(publisherDir, dest, candidate.files, limits);
        const commit = repo.isGit ? lastCommit(source, candidate.path) : undefined;
        // The copy is the upstream tree at HEAD only when git says the folder is as committed.
        const snapshot =
          repo.isGit && matchesHead(source, candidate.path)
            ? readSnapshot(fsSource(dest), limits)
            : undefined;
        writeListing(publisherDir, dest, {
          // Hand-set facts (featured, added) belong to the repository they were set for: never carried to another.
          previous: same ? previous : undefined,
          repository,
          path: candidate.path,
          commit: repo.commit,
          commitDate: commit?.date,
          manifest: snapshot?.ok ? packageManifestDigest(snapshot.snapshot.files) : undefined,
          licence: candidate.licence,
          now,
        });
      }
      if (state === 'replaced')
        report.replaced.push({ ...outcome, previous: previousRepository ?? 'made by hand' });
      else report[state].push(outcome);
    } catch (error) {
      report.skipped.push({
        path: label,
        reason: `could not be written: ${(error as Error).message}`,
      });
    }
  }

  // Skills imported from this source earlier that are gone upstream.
  if (existsSync(publisherDir)) {
    for (const slug of readdirSync(publisherDir).sort()) {
      const dir = join(publisherDir, slug);
      // Entries of this listing may be gone already (a pruned skill's sidecar): check before looking.
      if (slug.startsWith('.') || current.has(slug) || !isDirectory(dir) || isSymlink(dir))
        continue;
      const listing = readSidecar(dir);
      const from = repositoryOf(listing);
      if (from === undefined || normaliseRepository(from) !== sameRepository) continue;
      const origin = listing?.['source'] as { path?: unknown };
      report.disappeared.push({ slug, path: typeof origin.path === 'string' ? origin.path : '?' });
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

/** Reads one discovered skill into a candidate, or returns why it is skipped. */
function readCandidate(
  found: DiscoveredSkill,
  context: {
    source: string;
    realSource: string;
    limits: PackageLimits;
    report: ImportReport;
    taken: Map<string, string>;
    rootLicence: ReturnType<typeof findLicenceFile>;
  },
): Candidate | string {
  const { source, realSource, limits, report, taken } = context;
  const label = found.path || '.';
  if (found.problem) return found.problem;
  const realDir = realpathSync(found.dir);
  // Decide what SKILL.md is before opening it: a FIFO would block forever, a device never ends.
  const file = checkRegularFile(join(found.dir, found.skillFile), realSource);
  if (!file.ok) return `${found.skillFile} ${file.reason}`;
  if (!isInside(realDir, file.real))
    return `${found.skillFile} is a symbolic link to a file outside the skill folder, which would not be part of the package`;
  if (file.size > limits.maxFileBytes)
    return `${found.skillFile} is ${formatBytes(file.size)}, over the ${formatBytes(limits.maxFileBytes)} limit per file`;
  let text: string;
  try {
    text = readCapped(file.real, limits.maxFileBytes).toString('utf8');
  } catch (error) {
    return `${found.skillFile} cannot be read: ${(error as Error).message}`;
  }
  let parsed: ReturnType<typeof parseSkillFile>;
  try {
    parsed = parseSkillFile(text, found.skillFile);
  } catch (error) {
    // yaml throws on alias bombs (too many aliases) and other resource attacks.
    return `${found.skillFile}: the frontmatter cannot be read (${(error as Error).message})`;
  }
  if (isUnreadable(parsed)) {
    return `${parsed.error}${parsed.line ? ` (${found.skillFile} line ${parsed.line}${parsed.column ? `, column ${parsed.column}` : ''})` : ''}`;
  }
  const folder = found.path ? basename(found.dir) : basename(source);
  const checked = checkSpec(parsed, folder, found.skillFile);
  if (!checked.ok) return checked.reason;
  const name = checked.frontmatter.name;
  let slug = NAME_PATTERN.test(name) && name.length <= 64 ? name : slugify(folder);
  let reason =
    slug !== folder
      ? slug === name
        ? `folder "${folder}" renamed to its spec name`
        : `name "${name}" is not a valid slug; used the folder name`
      : '';
  const owner = taken.get(slug);
  if (owner !== undefined) {
    const base = slug;
    slug = `${base}-${slugify(basename(dirname(found.dir)))}`.slice(0, 64);
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    reason = `"${base}" is already used by ${owner || '.'}`;
  }

  // The same rules as the site build: a name that cannot be published refuses the whole package, with the file named.
  const { files, findings, problem } = listPackageFiles(found.dir, limits, found.nested);
  if (problem)
    return problem.file === '.' || problem.reason.includes(problem.file)
      ? problem.reason
      : `${problem.reason.replace(/\.$/, '')} (${problem.file})`;
  const tooBig = findings.find(
    (f) => f.rule === 'package-too-large' || f.rule === 'package-too-many-files',
  );
  if (tooBig)
    return `${tooBig.message.replace(/; the rest are left out\.|; it is left out\./, '')} (limits: ${limits.maxFiles} files, ${formatBytes(limits.maxPackageBytes)})`;
  if (!files.some((f) => f.path === found.skillFile))
    return `${found.skillFile} would not be part of the package`;

  taken.set(slug, label);
  if (reason) report.renamed.push({ path: label, slug, reason });
  for (const f of findings) report.notCopied.push({ slug, file: f.file, reason: f.message });
  for (const f of parsed.findings.filter((x) => x.severity === 'warning'))
    report.warnings.push({ slug, message: `${f.file}${f.line ? `:${f.line}` : ''} ${f.message}` });
  const ownLicence = findLicenceFile(found.dir, realSource);
  const licence = checked.frontmatter.license
    ? undefined
    : (ownLicence?.licence ??
      (ownLicence ? `See ${ownLicence.file}` : context.rootLicence?.licence));
  return {
    path: found.path,
    dir: found.dir,
    skillFile: found.skillFile,
    nested: found.nested,
    slug,
    files,
    licence,
  };
}

/** Refuses any write outside the publisher's folder. */
function assertInside(root: string, path: string): void {
  const resolved = resolve(path);
  if (!resolved.startsWith(resolve(root) + sep))
    throw new Error(`Refusing to write outside ${root}: ${path}`);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The repository a sidecar says its skill was imported from. */
function repositoryOf(listing: Record<string, unknown> | undefined): string | undefined {
  const source = listing?.['source'];
  const repository =
    source && typeof source === 'object'
      ? (source as Record<string, unknown>)['repository']
      : undefined;
  return typeof repository === 'string' && repository.trim() ? repository.trim() : undefined;
}

/** True when `dest` already holds exactly these files with the same bytes and exec bits. */
function samePackage(dest: string, files: readonly PackageFile[], limits: PackageLimits): boolean {
  if (!isDirectory(dest) || isSymlink(dest)) return false;
  const existing = listPackageFiles(dest, {
    maxFiles: Number.MAX_SAFE_INTEGER,
    maxFileBytes: Number.MAX_SAFE_INTEGER,
    maxPackageBytes: Number.MAX_SAFE_INTEGER,
  }).files;
  if (existing.length !== files.length) return false;
  return existing.every((file, i) => {
    const incoming = files[i]!;
    return (
      file.path === incoming.path &&
      file.size === incoming.size &&
      file.executable === incoming.executable &&
      readCapped(file.source, Number.MAX_SAFE_INTEGER).equals(
        readCapped(incoming.source, limits.maxFileBytes),
      )
    );
  });
}

/** A hidden temporary name beside `dest`: the site skips dot-folders, so a crash never leaves a phantom skill. */
function tempPath(publisherDir: string, dest: string, suffix = ''): string {
  const temp = join(publisherDir, `.${basename(dest)}${suffix}.importing-${process.pid}`);
  assertInside(publisherDir, temp);
  return temp;
}

/** Writes a package into a temporary folder, then swaps it in, so a failed copy never leaves half a skill. */
function writePackage(
  publisherDir: string,
  dest: string,
  files: readonly PackageFile[],
  limits: PackageLimits,
): void {
  const temp = tempPath(publisherDir, dest);
  rmSync(temp, { recursive: true, force: true });
  try {
    for (const file of files) {
      const target = join(temp, ...file.path.split('/'));
      assertInside(publisherDir, target);
      mkdirSync(dirname(target), { recursive: true });
      // Re-checked at read time: only a regular file within the size limit is copied.
      writeFileSync(target, readCapped(file.source, limits.maxFileBytes));
      chmodSync(target, file.executable ? 0o755 : 0o644);
    }
    mkdirSync(temp, { recursive: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  rmSync(dest, { recursive: true, force: true });
  renameSync(temp, dest);
}

/** A package's sidecar as raw JSON (read with the size cap and no-follow rules of readSidecarText). */
function readSidecar(packageDir: string): Record<string, unknown> | undefined {
  const text = readSidecarText(packageDir);
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the sidecar with provenance, keeping what operators set by hand (featured, added) when
 * `previous` is given (the same repository). Written to a temporary file, then renamed into place.
 */
function writeListing(
  publisherDir: string,
  dest: string,
  input: {
    previous: Record<string, unknown> | undefined;
    repository: string;
    path: string;
    commit?: string | undefined;
    commitDate?: string | undefined;
    /** Manifest digest of the copy, recorded only when it equals the upstream tree at `commit`. */
    manifest?: string | undefined;
    licence?: string | undefined;
    now: Date;
  },
): void {
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
      ...(input.manifest ? { manifest: input.manifest } : {}),
    },
  };
  const target = listingPath(dest);
  assertInside(publisherDir, target);
  const temp = tempPath(publisherDir, dest, '.listing.json');
  writeFileSync(temp, `${JSON.stringify(listing, null, 2)}\n`);
  renameSync(temp, target);
}
