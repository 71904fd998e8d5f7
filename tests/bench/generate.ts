/**
 * Writes a synthetic catalogue of N skills for benchmarks: SKILL.md of 100–600 lines with code in
 * several languages, 2–5 tags, and some references, scripts and assets. Every code block and every
 * text is made from the PRNG (invented identifiers, literals, numbers, comments, line counts), so
 * no two blocks repeat and no cache or memo can share rendering work between skills.
 * Default: 50 publishers and a pool of 40 tags drawn evenly. Long-tail mode: ≈ max(50, N/20)
 * publishers and ≈ max(40, N/10) tags, both Zipf-distributed (a few very common, most rare).
 * Deterministic for a given N, seed and mode.
 * Usage: node tests/bench/generate.ts <N> [outDir] [--long-tail]
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TAG_POOL = [
  'testing',
  'security',
  'api',
  'frontend',
  'backend',
  'data',
  'databases',
  'devops',
  'cloud',
  'docs',
  'writing',
  'git',
  'performance',
  'accessibility',
  'design',
  'python',
  'javascript',
  'typescript',
  'shell',
  'debugging',
  'observability',
  'ai',
  'cli',
  'productivity',
  'science',
  'documents',
  'mobile',
  'kubernetes',
  'terraform',
  'react',
  'rust',
  'go',
  'java',
  'ruby',
  'php',
  'graphql',
  'caching',
  'compliance',
  'localization',
  'analytics',
];

const WORDS = (
  'agent skill request response cache index query schema migration deploy rollback metric trace log error retry timeout budget ' +
  'review release branch commit token parser render layout contrast focus keyboard screen reader bundle chunk worker queue stream batch ' +
  'validate sanitize escape encode decode checksum digest archive package manifest version semver lockfile dependency audit policy ' +
  'threshold baseline benchmark profile flame graph latency throughput memory leak snapshot fixture mock stub assertion coverage ' +
  'mutation property generator shrink seed replay incident postmortem runbook alert dashboard service endpoint client server'
).split(' ');

type Rng = () => number;

function pick<T>(r: Rng, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** An integer in [min, max]. */
function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

const SYLLABLES =
  'ka lo mi ne ru sa ti vo ze ba de fi go hu ja ke li mo nu pa qui re so tu ve wi xa yo zu'.split(
    ' ',
  );

function invented(r: Rng, min: number, max: number): string {
  return Array.from({ length: int(r, min, max) }, () => pick(r, SYLLABLES)).join('');
}

/** A larger vocabulary of invented words, so that, as in real catalogues, most words occur in few skills. */
export const RARE_WORDS: readonly string[] = (() => {
  const r = prng(7);
  return Array.from({ length: 6000 }, () => invented(r, 2, 4));
})();

const FILLER =
  'the a an of to and in for with on when then this that it is are be by as from at or not use run check each'.split(
    ' ',
  );

/**
 * A word as skill text has them: filler words, the skill's own topic words, and now and then a rarer
 * word (Zipf-like). Topic words make a query like "schema migration" match some skills, not all.
 */
let topic: readonly string[] = WORDS;
function word(r: Rng): string {
  const x = r();
  if (x < 0.4) return pick(r, FILLER);
  if (x < 0.8) return pick(r, topic);
  return RARE_WORDS[Math.floor(RARE_WORDS.length * r() ** 2)]!;
}

/** A content word (never a filler word, so never a keyword of a programming language). */
function term(r: Rng): string {
  return r() < 0.5 ? pick(r, topic) : RARE_WORDS[Math.floor(RARE_WORDS.length * r() ** 2)]!;
}

function sentence(r: Rng): string {
  const n = 8 + Math.floor(r() * 14);
  const words = Array.from({ length: n }, () => word(r));
  return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
}

// ---------------------------------------------------------------------------------------------
// Code: each block is built from a random number of random statements over invented identifiers.

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
/** snake_case identifier of two (now and then three) content words. */
const snake = (r: Rng): string =>
  Array.from({ length: r() < 0.2 ? 3 : 2 }, () => term(r)).join('_');
/** camelCase identifier of two (now and then three) content words. */
const camel = (r: Rng): string => {
  const [first, ...rest] = Array.from({ length: r() < 0.2 ? 3 : 2 }, () => term(r));
  return first! + rest.map(cap).join('');
};
/** A short phrase for string literals and comments. */
const phrase = (r: Rng, min = 2, max = 6): string =>
  Array.from({ length: int(r, min, max) }, () => word(r)).join(' ');
const num = (r: Rng): number => int(r, 0, r() < 0.5 ? 100 : 100_000);
/** Repeats `statement` between min and max times. */
const some = (r: Rng, min: number, max: number, statement: (r: Rng) => string): string[] =>
  Array.from({ length: int(r, min, max) }, () => statement(r));

/** A code generator: `id` makes the block's main identifier unique per skill and block. */
type CodeGenerator = (r: Rng, id: string) => string;

function python(r: Rng, id: string): string {
  const [a, b] = [snake(r), snake(r)];
  const statements = [
    (): string => `    ${snake(r)} = ${a}.get("${phrase(r)}", ${num(r)})`,
    (): string => `    # ${phrase(r, 4, 10)}`,
    (): string =>
      `    if len(${a}) > ${num(r)}:\n        return ${b} * ${num(r)}\n    ${b} += ${num(r)}`,
    (): string =>
      `    for ${term(r)}_item in ${a}:\n        log.info("${phrase(r)} %s", ${term(r)}_item)`,
    (): string => `    ${snake(r)} = [x for x in ${a} if x.${snake(r)} != "${term(r)}"]`,
    (): string => `    ${b} = max(${b}, ${num(r)}) - ${term(r)}_${num(r)}`,
  ];
  return [
    `def ${snake(r)}_${id}(${a}, ${b}=${num(r)}):`,
    `    """${cap(phrase(r, 4, 10))}."""`,
    ...some(r, 1, 5, () => pick(r, statements)()),
    `    return ${b}`,
  ].join('\n');
}

function bash(r: Rng, id: string): string {
  const variable = snake(r).toUpperCase();
  const statements = [
    (): string => `${snake(r).toUpperCase()}="${phrase(r)}"`,
    (): string => `# ${phrase(r, 4, 10)}`,
    (): string =>
      `for f in ${term(r)}/*.${pick(r, ['log', 'txt', 'json', 'md'])}; do\n  grep -c "${term(r).toUpperCase()}" "$f" || true\ndone`,
    (): string => `if [[ -d "${term(r)}-${num(r)}" ]]; then\n  echo "${phrase(r)}"\nfi`,
    (): string =>
      `${pick(r, ['npm run', 'make', 'python3 -m', 'cargo run --bin'])} ${term(r)} --${snake(r).replace(/_/g, '-')} ${num(r)}`,
    (): string => `${variable}="\${${variable}:-${num(r)}}"`,
  ];
  return [
    '#!/usr/bin/env bash',
    `# ${phrase(r, 3, 8)} (${id})`,
    'set -euo pipefail',
    `${variable}=${num(r)}`,
    ...some(r, 1, 4, () => pick(r, statements)()),
    `echo "${phrase(r)} $${variable} done"`,
  ].join('\n');
}

function typescript(r: Rng, id: string): string {
  const [a, b, result] = [camel(r), camel(r), camel(r)];
  const statements = [
    (): string => `  const ${camel(r)} = await ${camel(r)}(${a}, '${phrase(r)}');`,
    (): string => `  // ${phrase(r, 4, 10)}`,
    (): string => `  if (${a}.length > ${num(r)}) return ${result};`,
    (): string =>
      `  for (let i = 0; i < ${b}; i++) ${result}.push(\`${phrase(r)} \${i * ${num(r)}}\`);`,
    (): string => `  ${result}.push(${a}.slice(${num(r)}).trim());`,
    (): string =>
      `  await new Promise((resolve) => setTimeout(resolve, ${num(r)} * ${b})); // ${phrase(r)}`,
  ];
  return [
    `export async function ${camel(r)}${id}(${a}: string, ${b} = ${num(r)}): Promise<string[]> {`,
    `  const ${result}: string[] = ['${term(r)}'];`,
    ...some(r, 1, 4, () => pick(r, statements)()),
    `  if (!${result}.length) throw new Error(\`${phrase(r)}: \${${a}}\`);`,
    `  return ${result};`,
    '}',
  ].join('\n');
}

function json(r: Rng, id: string): string {
  const value = (): unknown => {
    const x = r();
    if (x < 0.3) return phrase(r);
    if (x < 0.55) return num(r);
    if (x < 0.7) return r() < 0.5;
    if (x < 0.85) return some(r, 1, 3, term);
    return { [camel(r)]: num(r), [camel(r)]: phrase(r, 1, 3) };
  };
  const record: Record<string, unknown> = {
    name: `${term(r)}-${term(r)}-${id}`,
    version: `${int(r, 0, 9)}.${int(r, 0, 99)}.${int(r, 0, 999)}`,
  };
  for (let i = int(r, 1, 4); i > 0; i -= 1) record[camel(r)] = value();
  return JSON.stringify(record, null, 2);
}

function yaml(r: Rng, id: string): string {
  const step = (): string =>
    r() < 0.3
      ? `      - uses: ${term(r)}/${term(r)}@v${int(r, 1, 9)}`
      : `      - run: ${pick(r, ['npm run', 'make', 'pytest -k', 'go test -run'])} ${snake(r)}\n        name: ${phrase(r)}`;
  return [
    `name: ${term(r)}-${id}`,
    `# ${phrase(r, 4, 10)}`,
    `on: [${pick(r, ['push', 'pull_request', 'workflow_dispatch'])}]`,
    'jobs:',
    `  ${snake(r)}:`,
    `    runs-on: ${pick(r, ['ubuntu-latest', 'macos-latest', 'windows-latest'])}`,
    `    timeout-minutes: ${int(r, 5, 90)}`,
    '    steps:',
    '      - uses: actions/checkout@v4',
    ...some(r, 1, 3, step),
  ].join('\n');
}

function sql(r: Rng, id: string): string {
  const [table, other] = [snake(r), snake(r)];
  const column = `${snake(r)}_${id}`;
  return [
    `-- ${phrase(r, 4, 10)}`,
    `SELECT t.${snake(r)}, count(o.${term(r)}) AS ${column}${some(r, 0, 3, (q) => `, t.${snake(q)}`).join('')}`,
    `FROM ${table} t`,
    ...some(r, 0, 2, (q) => `LEFT JOIN ${other} o ON o.${snake(q)} = t.${term(q)}_id`),
    `WHERE t.${snake(r)} > ${num(r)} AND t.${term(r)} <> '${phrase(r, 1, 3)}'`,
    ...(r() < 0.6 ? [`GROUP BY t.${snake(r)}`, `ORDER BY ${column} DESC`] : []),
    `LIMIT ${int(r, 1, 500)};`,
  ].join('\n');
}

function go(r: Rng, id: string): string {
  const [a, total] = [camel(r), camel(r)];
  const statements = [
    (): string => `\t${total} += ${a} * ${num(r)}`,
    (): string => `\t// ${phrase(r, 4, 10)}`,
    (): string => `\tfmt.Println("${phrase(r)}", ${total})`,
    (): string =>
      `\tfor i := 0; i < ${int(r, 1, 50)}; i++ {\n\t\t${total} -= i % ${int(r, 2, 9)}\n\t}`,
    (): string => `\tif ${total} > ${num(r)} {\n\t\treturn ${total}\n\t}`,
  ];
  return [
    `package ${pick(r, RARE_WORDS)}`,
    '',
    'import "fmt"',
    '',
    `// ${cap(camel(r))}${id} ${phrase(r, 3, 8)}.`,
    `func ${cap(camel(r))}${id}(${a} int) int {`,
    `\t${total} := ${num(r)}`,
    ...some(r, 1, 4, () => pick(r, statements)()),
    `\treturn ${total}`,
    '}',
  ].join('\n');
}

function rust(r: Rng, id: string): string {
  const [data, acc] = [snake(r), snake(r)];
  const statements = [
    (): string => `    // ${phrase(r, 4, 10)}`,
    (): string => `    let ${snake(r)} = ${data}.len() as u32 * ${num(r)};`,
    (): string => `    println!("${phrase(r)} {}", ${acc});`,
    (): string =>
      `    ${acc} = ${acc}.wrapping_mul(${int(r, 3, 97)}).rotate_left(${int(r, 1, 31)});`,
  ];
  return [
    `/// ${cap(phrase(r, 3, 8))}.`,
    `fn ${snake(r)}_${id}(${data}: &[u8]) -> u32 {`,
    `    let mut ${acc} = ${data}.iter().fold(${num(r)}u32, |acc, b| acc.wrapping_mul(31).wrapping_add(*b as u32));`,
    ...some(r, 0, 3, () => pick(r, statements)()),
    `    ${acc}`,
    '}',
  ].join('\n');
}

const CODE: Record<string, CodeGenerator> = {
  python,
  bash,
  typescript,
  json,
  yaml,
  sql,
  go,
  rust,
};
const LANGS = Object.keys(CODE);

function body(r: Rng, targetLines: number, id: number, file: string): string {
  const lines: string[] = [`# Synthetic skill ${id}`, '', sentence(r) + ' ' + sentence(r), ''];
  let section = 0;
  while (lines.length < targetLines) {
    section += 1;
    lines.push(`## ${pick(r, topic)} ${pick(r, topic)} ${section}`, '');
    const kind = r();
    if (kind < 0.35) {
      const lang = pick(r, LANGS);
      const code = CODE[lang]!(r, `${id}${file}${section}`);
      lines.push(`\`\`\`${lang}`, ...code.split('\n'), '```', '');
    } else if (kind < 0.6) {
      for (let i = 0; i < 3 + Math.floor(r() * 5); i += 1) lines.push(`${i + 1}. ${sentence(r)}`);
      lines.push('');
    } else if (kind < 0.7) {
      lines.push('| option | default | meaning |', '|---|---|---|');
      for (let i = 0; i < 4; i += 1)
        lines.push(`| \`${pick(r, topic)}\` | ${Math.floor(r() * 100)} | ${sentence(r)} |`);
      lines.push('');
    } else {
      lines.push(sentence(r) + ' ' + sentence(r) + ' ' + sentence(r), '');
    }
  }
  return lines.slice(0, targetLines).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Publishers and tags.

/** Options of `generateCatalogue`. */
export interface CatalogueOptions {
  /** Thousands of publishers and tags, Zipf-distributed, instead of 50 publishers and 40 even tags. */
  longTail?: boolean;
}

/** Draws ranks 0…n-1 with Zipf weights 1/(k+1)^s. */
function zipf(n: number, s: number): (r: Rng) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k += 1) cumulative.push((total += 1 / k ** s));
  return (r) => {
    const x = r() * total;
    let [lo, hi] = [0, n - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** `count` valid tag slugs: the 40 usual ones first (the most common), then invented ones. */
function longTailTags(count: number, seed: number): string[] {
  const r = prng(seed ^ 0x5eed);
  const tags = new Set(TAG_POOL);
  while (tags.size < count)
    tags.add(r() < 0.5 ? invented(r, 2, 4) : `${invented(r, 2, 3)}-${invented(r, 1, 3)}`);
  return [...tags];
}

/** Picks a skill's publisher and tags, in the catalogue's mode. */
function catalogueShape(
  n: number,
  seed: number,
  longTail: boolean,
): { publisher: (r: Rng, i: number) => string; tags: (r: Rng) => string[] } {
  if (!longTail)
    return {
      publisher: (_r, i) => `pub-${String(i % 50).padStart(2, '0')}`,
      tags: (r) => [
        ...new Set(Array.from({ length: 2 + Math.floor(r() * 4) }, () => pick(r, TAG_POOL))),
      ],
    };
  const publishers = Math.max(50, Math.round(n / 20));
  const width = String(publishers - 1).length;
  const publisherRank = zipf(publishers, 1.1);
  const pool = longTailTags(Math.max(40, Math.round(n / 10)), seed);
  const tagRank = zipf(pool.length, 1.1);
  return {
    // The first skills give every publisher one skill; the rest follow the Zipf weights.
    publisher: (r, i) =>
      `pub-${String(i < publishers ? i : publisherRank(r)).padStart(width, '0')}`,
    tags: (r) => {
      const tags = new Set<string>();
      for (const wanted = 2 + Math.floor(r() * 4); tags.size < wanted;) tags.add(pool[tagRank(r)]!);
      return [...tags];
    },
  };
}

/** Writes N synthetic skills under `<outDir>/skills/pub-<k>/skill-<i>/`. */
export function generateCatalogue(
  n: number,
  outDir: string,
  seed = 42,
  options: CatalogueOptions = {},
): void {
  rmSync(outDir, { recursive: true, force: true });
  const r = prng(seed);
  const shape = catalogueShape(n, seed, options.longTail ?? false);
  for (let i = 0; i < n; i += 1) {
    const publisher = shape.publisher(r, i);
    const name = `skill-${String(i).padStart(6, '0')}`;
    const dir = join(outDir, 'skills', publisher, name);
    mkdirSync(dir, { recursive: true });
    topic = Array.from({ length: 12 }, () => pick(r, WORDS));
    const tags = shape.tags(r);
    const description = `${sentence(r)} Use when ${pick(r, WORDS)} ${pick(r, WORDS)} needs attention.`;
    const lines = 100 + Math.floor(r() * 500);
    const files: string[] = [];
    if (r() < 0.5) {
      mkdirSync(join(dir, 'references'), { recursive: true });
      writeFileSync(
        join(dir, 'references', 'guide.md'),
        body(r, 40 + Math.floor(r() * 60), i, 'g'),
      );
      files.push('[the guide](references/guide.md)');
    }
    if (r() < 0.4) {
      mkdirSync(join(dir, 'scripts'), { recursive: true });
      writeFileSync(join(dir, 'scripts', 'run.sh'), `${CODE['bash']!(r, `${i}s`)}\n`);
      chmodSync(join(dir, 'scripts', 'run.sh'), 0o755);
      files.push('[scripts/run.sh](scripts/run.sh)');
    }
    if (r() < 0.2) {
      mkdirSync(join(dir, 'assets'), { recursive: true });
      writeFileSync(join(dir, 'assets', 'config.json'), `${CODE['json']!(r, `${i}a`)}\n`);
    }
    const frontmatter = `---\nname: ${name}\ndescription: "${description}"\nlicense: ${pick(r, ['MIT', 'Apache-2.0', 'CC-BY-4.0'])}\nmetadata:\n  tags: "${tags.join(', ')}"\n  version: "1.0.${i % 10}"\n---\n`;
    const links = files.length ? `\nSee ${files.join(' and ')}.\n` : '';
    writeFileSync(join(dir, 'SKILL.md'), frontmatter + body(r, lines, i, 'm') + links);
    writeFileSync(
      join(outDir, 'skills', publisher, `${name}.listing.json`),
      JSON.stringify({
        updated: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }),
    );
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const longTail = process.argv.includes('--long-tail');
  const n = Number(args[0] ?? 100);
  const out = args[1] ?? `.cache/bench/catalogue-${n}${longTail ? '-long-tail' : ''}`;
  generateCatalogue(n, out, 42, { longTail });
  console.log(`Wrote ${n} synthetic skills to ${out}${longTail ? ' (long tail)' : ''}`);
}
