/**
 * Builds a benchmark catalogue of REAL skill packages from a folder of repositories (such as
 * ../shared/corpus: `<owner>__<repo>/…/<skill>/SKILL.md`): every folder holding a SKILL.md is one
 * package, copied K times to `<outDir>/skills/<owner>/<skill>-<k>/`. Every copy differs from the
 * others, so no cache can share work between copies: each text file gets one unique line (a comment
 * in the file's own syntax, a trailing line for Markdown and plain text, a key for JSON objects),
 * and the `name:` in the SKILL.md frontmatter is renamed to the new folder name. Binary files are
 * copied as they are. Nothing is written outside `outDir`.
 * Usage: node tests/bench/corpus-catalogue.ts <corpus dir> [outDir] [--copies K]
 */
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';

/** About this many skills when no number of copies is given. */
const DEFAULT_SKILLS = 1000;
/** Longest base slug, so that `-<k>` and a de-duplicating suffix stay within the spec's 64 characters. */
const MAX_BASE = 52;

/** One package found in the corpus. */
interface CorpusPackage {
  dir: string;
  publisher: string;
  /** A valid, per-publisher unique slug the copies are named after (`<slug>-<k>`). */
  slug: string;
}

/** Lower-case letters, digits and single inner hyphens: a valid skill or publisher name. */
function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** True for a folder holding a SKILL.md (any case) as a regular file. */
function holdsSkill(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some(
    (entry) => entry.isFile() && entry.name.toLowerCase() === 'skill.md',
  );
}

/** Every folder under `root` holding a SKILL.md, nested ones and hidden folders included; links are not followed. */
export function findSkillFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (holdsSkill(dir)) found.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    ))
      if (entry.isDirectory() && entry.name !== '.git') walk(join(dir, entry.name));
  };
  walk(root);
  return found;
}

/** The corpus's packages, each with its publisher (the `<owner>` of `<owner>__<repo>`) and a unique slug. */
export function findCorpusPackages(corpus: string): CorpusPackage[] {
  const used = new Set<string>();
  return findSkillFolders(corpus).map((dir) => {
    const top = relative(corpus, dir).split(sep)[0]!;
    const publisher = slugify(top.split('__')[0]!, 'corpus');
    const base = slugify(basename(dir), 'skill');
    let slug = base;
    for (let n = 2; used.has(`${publisher}/${slug}`); n += 1) slug = `${base}-${n}`;
    used.add(`${publisher}/${slug}`);
    return { dir, publisher, slug };
  });
}

const HASH = new Set(
  'py sh bash zsh fish rb pl r yaml yml toml cfg conf properties tf hcl nix ps1 psm1 mk cmake dockerfile gitignore dockerignore gitattributes editorconfig env'.split(
    ' ',
  ),
);
const SLASHES = new Set(
  'js mjs cjs ts mts cts tsx jsx go rs java kt kts swift c h cc cpp hpp cs scala dart php jsonc groovy'.split(
    ' ',
  ),
);
const BLOCK = new Set('css scss less'.split(' '));
const ANGLE = new Set('html htm xml svg vue xsd xsl xslt plist xhtml'.split(' '));
const DASHES = new Set('sql lua hs'.split(' '));
const PERCENT = new Set('tex sty cls bib m'.split(' '));
const SEMICOLON = new Set('ini clj lisp el asm'.split(' '));

/** The file's extension (or, for `.gitignore`, `Makefile` and the like, its name) in lower case. */
function kindOf(path: string): string {
  const name = basename(path).toLowerCase();
  if (name === 'makefile') return 'mk';
  if (name === 'dockerfile') return 'dockerfile';
  return extname(name).slice(1) || (name.startsWith('.') ? name.slice(1) : '');
}

/** `text` with one line holding `mark` appended, in a form the file type allows. */
export function markText(text: string, path: string, mark: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const end = text === '' || text.endsWith('\n') ? '' : eol;
  const kind = kindOf(path);
  if (kind === 'json' || kind === 'ipynb') return markJson(text, mark);
  const line = HASH.has(kind)
    ? `# ${mark}`
    : SLASHES.has(kind)
      ? `// ${mark}`
      : BLOCK.has(kind)
        ? `/* ${mark} */`
        : ANGLE.has(kind)
          ? `<!-- ${mark} -->`
          : DASHES.has(kind)
            ? `-- ${mark}`
            : PERCENT.has(kind)
              ? `% ${mark}`
              : SEMICOLON.has(kind)
                ? `; ${mark}`
                : kind === 'bat' || kind === 'cmd'
                  ? `REM ${mark}`
                  : // Markdown, plain text and anything else: a trailing line (a paragraph in Markdown).
                    `${kind === 'md' || kind === 'markdown' || kind === 'mdx' ? eol : ''}${mark}`;
  return `${text}${end}${line}${eol}`;
}

/** A JSON object gets one more key; other JSON (or broken JSON) gets trailing whitespace only, which keeps it valid. */
function markJson(text: string, mark: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const close = text.lastIndexOf('}');
      const empty = Object.keys(value).length === 0;
      const marked = `${text.slice(0, close).trimEnd()}${empty ? '' : ','}\n  "x-skillshelf-bench": ${JSON.stringify(mark)}\n}${text.slice(close + 1)}`;
      JSON.parse(marked);
      return marked;
    }
  } catch {
    // not an object we can extend: fall through
  }
  // A unique run of trailing spaces per copy still makes the bytes (and every content hash) differ.
  return `${text.trimEnd()}\n${' '.repeat(1 + (hashOf(mark) % 997))}\n`;
}

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h;
}

/** SKILL.md text with its frontmatter `name:` set to `name` (added when the frontmatter has none). */
export function renameSkill(text: string, name: string): string {
  const open = /^(\uFEFF?---[ \t]*\r?\n)/.exec(text);
  if (!open) return text; // no frontmatter: nothing to rename, the site reads it as it is
  const eol = open[1]!.endsWith('\r\n') ? '\r\n' : '\n';
  const rest = text.slice(open[1]!.length);
  const close = /^---[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) return text;
  const lines = rest.slice(0, close.index).split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const at = lines.findIndex((line) => /^name[ \t]*:/.test(line));
  if (at === -1) lines.unshift(`name: ${name}`);
  else {
    // A folded or quoted value may continue on indented lines: they are part of the old name.
    let next = at + 1;
    while (next < lines.length && /^[ \t]+\S/.test(lines[next]!)) next += 1;
    lines.splice(at, next - at, `name: ${name}`);
  }
  return `${open[1]!}${lines.join(eol)}${eol}${rest.slice(close.index)}`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file as UTF-8 text, or `undefined` for a binary file. */
function asText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Copies one package folder to `target`, marking every text file with `mark`; its SKILL.md gets `name`. */
function copyPackage(source: string, target: string, name: string, mark: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) copyPackage(from, to, '', mark);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (entry.isFile()) {
      const bytes = readFileSync(from);
      const text = asText(bytes);
      if (text === undefined) copyFileSync(from, to);
      else {
        let marked = markText(text, entry.name, mark);
        // Only the package's own SKILL.md is renamed, not the one of a package nested in it.
        if (name && entry.name.toLowerCase() === 'skill.md') marked = renameSkill(marked, name);
        writeFileSync(to, marked, { mode: lstatSync(from).mode & 0o777 });
      }
    }
  }
}

/**
 * Writes `copies` copies of every package in `corpus` under `<outDir>/skills/` (replacing `outDir`).
 * Returns how many packages were found and how many skills were written.
 */
export function writeCorpusCatalogue(
  corpus: string,
  outDir: string,
  copies?: number,
): { packages: number; copies: number; skills: number } {
  const packages = findCorpusPackages(corpus);
  const k = copies ?? Math.max(1, Math.round(DEFAULT_SKILLS / Math.max(1, packages.length)));
  rmSync(outDir, { recursive: true, force: true });
  let skills = 0;
  for (const pkg of packages) {
    for (let copy = 1; copy <= k; copy += 1) {
      const name = `${pkg.slug}-${copy}`;
      const publisherDir = join(outDir, 'skills', pkg.publisher);
      copyPackage(
        pkg.dir,
        join(publisherDir, name),
        name,
        `skillshelf bench copy ${pkg.publisher}/${name}`,
      );
      // The same marketplace sidecar as the synthetic catalogue, so the two build alike.
      writeFileSync(
        join(publisherDir, `${name}.listing.json`),
        JSON.stringify({ updated: `2026-${String(1 + (skills % 12)).padStart(2, '0')}-01` }),
      );
      skills += 1;
    }
  }
  return { packages: packages.length, copies: k, skills };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { copies: { type: 'string' } },
  });
  const [corpus, out = '.cache/bench/corpus'] = positionals;
  if (!corpus) {
    console.error('Usage: node tests/bench/corpus-catalogue.ts <corpus dir> [outDir] [--copies K]');
    process.exit(2);
  }
  const result = writeCorpusCatalogue(
    corpus,
    out,
    values.copies === undefined ? undefined : Number(values.copies),
  );
  console.log(
    `Wrote ${result.skills} skills (${result.packages} packages × ${result.copies}) to ${out}`,
  );
}
