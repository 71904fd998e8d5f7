/**
 * Writes a synthetic catalogue of N skills for benchmarks: SKILL.md of 100–600 lines with code in
 * several languages, 2–5 tags from a pool of 40, and some references, scripts and assets.
 * Deterministic for a given N and seed. Usage: node tests/bench/generate.ts <N> <outDir>
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

const CODE: Record<string, (r: () => number, n: number) => string> = {
  python: (_r, n) =>
    `def step_${n}(items):\n    """Process a batch of items."""\n    seen = set()\n    for item in items:\n        if item.key in seen:\n            continue\n        seen.add(item.key)\n        yield transform(item)\n`,
  bash: (_r, n) =>
    `#!/usr/bin/env bash\nset -euo pipefail\nfor f in build/*.log; do\n  grep -c "ERROR" "$f" || true\ndone\necho "step ${n} done"\n`,
  typescript: (_r, n) =>
    `export async function fetchWithRetry${n}(url: string, tries = 3): Promise<Response> {\n  for (let i = 0; i < tries; i++) {\n    const res = await fetch(url);\n    if (res.ok) return res;\n    await new Promise((r) => setTimeout(r, 2 ** i * 100));\n  }\n  throw new Error(\`failed: \${url}\`);\n}\n`,
  json: (_r, n) =>
    `{\n  "name": "example-${n}",\n  "version": "1.${n}.0",\n  "scripts": { "test": "node --test" },\n  "private": true\n}\n`,
  yaml: (_r, n) =>
    `name: ci-${n}\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n`,
  sql: (_r, n) =>
    `SELECT u.id, count(o.id) AS orders_${n}\nFROM users u\nLEFT JOIN orders o ON o.user_id = u.id\nWHERE u.created_at > now() - interval '30 days'\nGROUP BY u.id\nORDER BY orders_${n} DESC\nLIMIT 20;\n`,
  go: (_r, n) =>
    `package main\n\nimport "fmt"\n\nfunc main() {\n\tfor i := 0; i < ${(n % 9) + 1}; i++ {\n\t\tfmt.Println("tick", i)\n\t}\n}\n`,
  rust: (_r, n) =>
    `fn checksum_${n}(data: &[u8]) -> u32 {\n    data.iter().fold(0u32, |acc, b| acc.wrapping_mul(31).wrapping_add(*b as u32))\n}\n`,
};
const LANGS = Object.keys(CODE);

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const SYLLABLES =
  'ka lo mi ne ru sa ti vo ze ba de fi go hu ja ke li mo nu pa qui re so tu ve wi xa yo zu'.split(
    ' ',
  );
/** A larger vocabulary of invented words, so that, as in real catalogues, most words occur in few skills. */
export const RARE_WORDS: readonly string[] = (() => {
  const r = prng(7);
  return Array.from({ length: 6000 }, () =>
    Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, SYLLABLES)).join(''),
  );
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
function word(r: () => number): string {
  const x = r();
  if (x < 0.4) return pick(r, FILLER);
  if (x < 0.8) return pick(r, topic);
  return RARE_WORDS[Math.floor(RARE_WORDS.length * r() ** 2)]!;
}

function sentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 14);
  const words = Array.from({ length: n }, () => word(r));
  return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
}

function body(r: () => number, targetLines: number, id: number): string {
  const lines: string[] = [`# Synthetic skill ${id}`, '', sentence(r) + ' ' + sentence(r), ''];
  let section = 0;
  while (lines.length < targetLines) {
    section += 1;
    lines.push(`## ${pick(r, topic)} ${pick(r, topic)} ${section}`, '');
    const kind = r();
    if (kind < 0.35) {
      const lang = pick(r, LANGS);
      lines.push(`\`\`\`${lang}`, ...CODE[lang]!(r, section).trimEnd().split('\n'), '```', '');
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

/** Writes N synthetic skills under `<outDir>/skills/pub-<k>/skill-<i>/`. */
export function generateCatalogue(n: number, outDir: string, seed = 42): void {
  rmSync(outDir, { recursive: true, force: true });
  const r = prng(seed);
  for (let i = 0; i < n; i += 1) {
    const publisher = `pub-${String(i % 50).padStart(2, '0')}`;
    const name = `skill-${String(i).padStart(6, '0')}`;
    const dir = join(outDir, 'skills', publisher, name);
    mkdirSync(dir, { recursive: true });
    topic = Array.from({ length: 12 }, () => pick(r, WORDS));
    const tags = [
      ...new Set(Array.from({ length: 2 + Math.floor(r() * 4) }, () => pick(r, TAG_POOL))),
    ];
    const description = `${sentence(r)} Use when ${pick(r, WORDS)} ${pick(r, WORDS)} needs attention.`;
    const lines = 100 + Math.floor(r() * 500);
    const files: string[] = [];
    if (r() < 0.5) {
      mkdirSync(join(dir, 'references'), { recursive: true });
      writeFileSync(join(dir, 'references', 'guide.md'), body(r, 40 + Math.floor(r() * 60), i));
      files.push('[the guide](references/guide.md)');
    }
    if (r() < 0.4) {
      mkdirSync(join(dir, 'scripts'), { recursive: true });
      writeFileSync(join(dir, 'scripts', 'run.sh'), CODE['bash']!(r, i));
      chmodSync(join(dir, 'scripts', 'run.sh'), 0o755);
      files.push('[scripts/run.sh](scripts/run.sh)');
    }
    if (r() < 0.2) {
      mkdirSync(join(dir, 'assets'), { recursive: true });
      writeFileSync(join(dir, 'assets', 'config.json'), CODE['json']!(r, i));
    }
    const frontmatter = `---\nname: ${name}\ndescription: "${description}"\nlicense: ${pick(r, ['MIT', 'Apache-2.0', 'CC-BY-4.0'])}\nmetadata:\n  tags: "${tags.join(', ')}"\n  version: "1.0.${i % 10}"\n---\n`;
    const links = files.length ? `\nSee ${files.join(' and ')}.\n` : '';
    writeFileSync(join(dir, 'SKILL.md'), frontmatter + body(r, lines, i) + links);
    writeFileSync(
      join(outDir, 'skills', publisher, `${name}.listing.json`),
      JSON.stringify({
        updated: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }),
    );
  }
}

if (import.meta.main) {
  const n = Number(process.argv[2] ?? 100);
  const out = process.argv[3] ?? `.cache/bench/catalogue-${n}`;
  generateCatalogue(n, out);
  console.log(`Wrote ${n} synthetic skills to ${out}`);
}
