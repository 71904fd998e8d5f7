/** One tag of the controlled vocabulary: its slug, label and the words that suggest it. */
export interface TagDefinition {
  slug: string;
  label: string;
  /** Lower-case words or phrases; whole-word matches in a skill's text count towards the tag. */
  keywords: readonly string[];
}

/** The controlled vocabulary: the one list of tags the site assigns when a skill carries none. */
export const TAG_VOCABULARY: readonly TagDefinition[] = [
  {
    slug: 'testing',
    label: 'Testing',
    keywords: [
      'test',
      'tests',
      'testing',
      'unit test',
      'e2e',
      'playwright',
      'pytest',
      'jest',
      'vitest',
      'tdd',
      'coverage',
      'flaky',
      'assertion',
    ],
  },
  {
    slug: 'security',
    label: 'Security',
    keywords: [
      'security',
      'secure',
      'vulnerability',
      'cve',
      'secret',
      'secrets',
      'auth',
      'authentication',
      'xss',
      'injection',
      'owasp',
      'threat',
      'encryption',
      'audit',
    ],
  },
  {
    slug: 'api',
    label: 'APIs',
    keywords: [
      'api',
      'apis',
      'rest',
      'graphql',
      'openapi',
      'endpoint',
      'endpoints',
      'http',
      'webhook',
      'sdk',
      'mcp',
    ],
  },
  {
    slug: 'frontend',
    label: 'Frontend',
    keywords: [
      'frontend',
      'front-end',
      'react',
      'vue',
      'svelte',
      'css',
      'html',
      'component',
      'components',
      'ui',
      'browser',
      'tailwind',
      'astro',
    ],
  },
  {
    slug: 'backend',
    label: 'Backend',
    keywords: [
      'backend',
      'server',
      'service',
      'microservice',
      'express',
      'django',
      'flask',
      'fastapi',
      'rails',
    ],
  },
  {
    slug: 'data',
    label: 'Data',
    keywords: [
      'data',
      'dataset',
      'csv',
      'pandas',
      'etl',
      'analytics',
      'spreadsheet',
      'excel',
      'xlsx',
      'statistics',
      'visualization',
      'chart',
      'plot',
    ],
  },
  {
    slug: 'databases',
    label: 'Databases',
    keywords: [
      'database',
      'databases',
      'sql',
      'postgres',
      'postgresql',
      'mysql',
      'sqlite',
      'migration',
      'migrations',
      'query',
      'schema',
      'index',
    ],
  },
  {
    slug: 'devops',
    label: 'DevOps',
    keywords: [
      'devops',
      'ci',
      'cd',
      'pipeline',
      'deploy',
      'deployment',
      'docker',
      'kubernetes',
      'k8s',
      'terraform',
      'ansible',
      'github actions',
      'container',
    ],
  },
  {
    slug: 'cloud',
    label: 'Cloud',
    keywords: [
      'cloud',
      'aws',
      'azure',
      'gcp',
      'lambda',
      's3',
      'serverless',
      'cloudflare',
      'vercel',
    ],
  },
  {
    slug: 'docs',
    label: 'Documentation',
    keywords: [
      'docs',
      'documentation',
      'readme',
      'docstring',
      'changelog',
      'reference',
      'guide',
      'tutorial',
      'adr',
    ],
  },
  {
    slug: 'writing',
    label: 'Writing',
    keywords: [
      'writing',
      'write',
      'prose',
      'copy',
      'blog',
      'article',
      'editing',
      'tone',
      'grammar',
      'communication',
      'email',
    ],
  },
  {
    slug: 'git',
    label: 'Git',
    keywords: [
      'git',
      'commit',
      'commits',
      'branch',
      'rebase',
      'merge',
      'pull request',
      'pr',
      'bisect',
      'github',
    ],
  },
  {
    slug: 'performance',
    label: 'Performance',
    keywords: [
      'performance',
      'profiling',
      'profile',
      'benchmark',
      'latency',
      'optimize',
      'optimise',
      'speed',
      'memory',
      'cache',
    ],
  },
  {
    slug: 'accessibility',
    label: 'Accessibility',
    keywords: ['accessibility', 'a11y', 'aria', 'screen reader', 'wcag', 'contrast', 'keyboard'],
  },
  {
    slug: 'design',
    label: 'Design',
    keywords: [
      'design',
      'typography',
      'color',
      'colour',
      'layout',
      'figma',
      'brand',
      'visual',
      'art',
      'canvas',
      'theme',
    ],
  },
  {
    slug: 'python',
    label: 'Python',
    keywords: ['python', 'pip', 'pytest', 'pandas', 'numpy', 'django', 'flask', 'venv', 'uv'],
  },
  {
    slug: 'javascript',
    label: 'JavaScript',
    keywords: ['javascript', 'js', 'node', 'nodejs', 'npm', 'react', 'browser'],
  },
  {
    slug: 'typescript',
    label: 'TypeScript',
    keywords: ['typescript', 'ts', 'tsc', 'types', 'tsconfig'],
  },
  {
    slug: 'shell',
    label: 'Shell',
    keywords: ['shell', 'bash', 'zsh', 'script', 'scripts', 'terminal', 'posix'],
  },
  {
    slug: 'debugging',
    label: 'Debugging',
    keywords: [
      'debug',
      'debugging',
      'bug',
      'bugs',
      'error',
      'errors',
      'stack trace',
      'crash',
      'root cause',
      'troubleshoot',
    ],
  },
  {
    slug: 'observability',
    label: 'Observability',
    keywords: [
      'observability',
      'logging',
      'logs',
      'metrics',
      'tracing',
      'monitoring',
      'alert',
      'alerts',
      'opentelemetry',
    ],
  },
  {
    slug: 'ai',
    label: 'AI',
    keywords: [
      'ai',
      'llm',
      'model',
      'prompt',
      'prompts',
      'agent',
      'agents',
      'claude',
      'openai',
      'embedding',
      'machine learning',
      'ml',
    ],
  },
  {
    slug: 'cli',
    label: 'CLI',
    keywords: ['cli', 'command line', 'command-line', 'terminal', 'flags'],
  },
  {
    slug: 'productivity',
    label: 'Productivity',
    keywords: [
      'productivity',
      'workflow',
      'automation',
      'automate',
      'checklist',
      'planning',
      'plan',
      'review',
    ],
  },
  {
    slug: 'science',
    label: 'Science',
    keywords: [
      'science',
      'scientific',
      'research',
      'biology',
      'chemistry',
      'physics',
      'genomics',
      'protein',
      'molecule',
      'paper',
      'papers',
    ],
  },
  {
    slug: 'documents',
    label: 'Documents',
    keywords: [
      'pdf',
      'docx',
      'pptx',
      'word',
      'powerpoint',
      'slides',
      'document',
      'documents',
      'office',
    ],
  },
];

/** Tag used when nothing in a skill's text matches the vocabulary. */
export const FALLBACK_TAG = 'general';

const SYNONYMS: Record<string, string> = {
  js: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  ts: 'typescript',
  py: 'python',
  doc: 'docs',
  documentation: 'docs',
  test: 'testing',
  tests: 'testing',
  qa: 'testing',
  db: 'databases',
  database: 'databases',
  sql: 'databases',
  'ci-cd': 'devops',
  cicd: 'devops',
  a11y: 'accessibility',
  ux: 'design',
  ui: 'frontend',
  web: 'frontend',
  bash: 'shell',
  'machine-learning': 'ai',
  ml: 'ai',
  llm: 'ai',
  apis: 'api',
  logging: 'observability',
  monitoring: 'observability',
  perf: 'performance',
  sec: 'security',
};

/** Normalises a tag: lower-case, spaces and underscores to hyphens, known synonyms folded. */
export function normaliseTag(raw: string): string {
  const slug = raw
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\s_/]+/g, '-')
    .replace(/[^a-z0-9+#.-]/g, '')
    .replace(/[+#.]/g, (c) => (c === '+' ? 'p' : c === '#' ? 'sharp' : '-'))
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return SYNONYMS[slug] ?? slug;
}

/** Reads tags a skill declares itself (`tags`, `metadata.tags`, `keywords`, `category`) as normalised slugs. */
export function declaredTags(
  data: Record<string, unknown>,
  metadata: Record<string, string>,
): string[] {
  const sources: unknown[] = [
    data['tags'],
    metadata['tags'],
    data['keywords'],
    metadata['keywords'],
    data['category'],
    metadata['category'],
  ];
  const tags: string[] = [];
  for (const source of sources) {
    const list = Array.isArray(source)
      ? source
      : typeof source === 'string'
        ? source.split(/[,;]/)
        : [];
    for (const item of list) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      const tag = normaliseTag(String(item));
      if (tag && tag.length <= 40 && !tags.includes(tag)) tags.push(tag);
    }
  }
  return tags.slice(0, 8);
}

/** Picks up to `max` vocabulary tags from a skill's text: name and description weigh three times the body. */
export function inferTags(name: string, description: string, body: string, max = 3): string[] {
  const head = tokenise(`${name.replace(/-/g, ' ')} ${description}`);
  const rest = tokenise(body.slice(0, 20_000));
  const scored = TAG_VOCABULARY.map((tag, order) => {
    let score = 0;
    for (const keyword of tag.keywords)
      score += 3 * countPhrase(head, keyword) + Math.min(countPhrase(rest, keyword), 5);
    return { slug: tag.slug, score, order };
  })
    .filter((t) => t.score >= 3)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.length ? scored.slice(0, max).map((t) => t.slug) : [FALLBACK_TAG];
}

/** A skill's tags: what it declares, otherwise inferred from its text. */
export function resolveTags(
  data: Record<string, unknown>,
  metadata: Record<string, string>,
  name: string,
  description: string,
  body: string,
): { tags: string[]; inferred: boolean } {
  const declared = declaredTags(data, metadata);
  return declared.length
    ? { tags: declared, inferred: false }
    : { tags: inferTags(name, description, body), inferred: true };
}

/** Human label for a tag slug: the vocabulary's label, or the slug in title case. */
export function tagLabel(slug: string): string {
  const known = TAG_VOCABULARY.find((t) => t.slug === slug);
  if (known) return known.label;
  return slug.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

function tokenise(text: string): string {
  return ` ${text.toLowerCase().replace(/[^a-z0-9+#-]+/g, ' ')} `;
}

function countPhrase(haystack: string, phrase: string): number {
  const needle = ` ${phrase} `;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1))
    count += 1;
  return count;
}
