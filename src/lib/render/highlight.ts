import {
  bundledLanguages,
  bundledLanguagesAlias,
  createHighlighter,
  createJavaScriptRegexEngine,
  type Highlighter,
} from 'shiki';
import { escapeHtml } from '../shared/html-entities.ts';

/** The two code themes; CSS switches between them with the site theme (see global.css). */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** Past this many characters a file is shown as plain text: highlighting it would cost more than it helps. */
export const HIGHLIGHT_MAX_CHARS = 200_000;

let highlighter: Promise<Highlighter> | undefined;

/** One shared highlighter for the whole build; grammars load on first use. */
export function getHighlighter(): Promise<Highlighter> {
  // The JavaScript regex engine measured ~40% faster than the WASM one on skill bodies; `forgiving` skips the rare unsupported pattern.
  highlighter ??= createHighlighter({
    themes: [CODE_THEMES.light, CODE_THEMES.dark],
    langs: [],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  return highlighter;
}

const EXTENSION_LANGS: Record<string, string> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'mdx',
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  tsx: 'tsx',
  jsx: 'jsx',
  json: 'json',
  jsonc: 'jsonc',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  fish: 'fish',
  ps1: 'powershell',
  psm1: 'powershell',
  bat: 'bat',
  cmd: 'bat',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  swift: 'swift',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  lua: 'lua',
  r: 'r',
  sql: 'sql',
  html: 'html',
  htm: 'html',
  xml: 'xml',
  svg: 'xml',
  css: 'css',
  scss: 'scss',
  less: 'less',
  vue: 'vue',
  svelte: 'svelte',
  astro: 'astro',
  graphql: 'graphql',
  gql: 'graphql',
  tf: 'hcl',
  hcl: 'hcl',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  dockerfile: 'dockerfile',
  makefile: 'makefile',
  tex: 'latex',
  diff: 'diff',
  patch: 'diff',
  csv: 'csv',
  hbs: 'handlebars',
  j2: 'jinja',
  jinja: 'jinja',
  proto: 'proto',
};

/** Picks a Shiki language for a file name (`Dockerfile`, `x.py`), or `text`. */
export function languageForFile(fileName: string): string {
  const base = fileName.split('/').pop()?.toLowerCase() ?? '';
  if (base === 'dockerfile' || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === 'makefile') return 'makefile';
  const ext = base.includes('.') ? base.split('.').pop()! : '';
  return EXTENSION_LANGS[ext] ?? 'text';
}

/** Normalises a fence info string (`Python {1,3}`) to a bundled Shiki language id, or `text`. */
export function normaliseLanguage(info: string): string {
  const lang = info.trim().split(/[\s{]/)[0]?.toLowerCase() ?? '';
  if (!lang) return 'text';
  if (lang in bundledLanguages || lang in bundledLanguagesAlias) return lang;
  return EXTENSION_LANGS[lang] ?? 'text';
}

/** Loads the grammars a render needs, once each, before synchronous highlighting. */
export async function loadLanguages(hl: Highlighter, langs: Iterable<string>): Promise<void> {
  const loaded = new Set(hl.getLoadedLanguages());
  const missing = [...new Set(langs)].filter((l) => l !== 'text' && !loaded.has(l));
  if (missing.length)
    await hl.loadLanguage(...(missing as Parameters<Highlighter['loadLanguage']>));
}

/** Highlights code with both themes as CSS variables; `lineIds` gives each line an `L<n>` anchor. Huge inputs stay plain. */
export function highlightSync(
  hl: Highlighter,
  code: string,
  lang: string,
  lineIds = false,
): string {
  if (code.length > HIGHLIGHT_MAX_CHARS || lang === 'text') {
    const lines = code
      .split('\n')
      .map(
        (line, i) =>
          `<span class="line"${lineIds ? ` id="L${i + 1}"` : ''}>${escapeHtml(line)}</span>`,
      );
    return `<pre class="shiki plain"><code>${lines.join('\n')}</code></pre>`;
  }
  return hl.codeToHtml(code, {
    lang,
    themes: CODE_THEMES,
    defaultColor: false,
    transformers: lineIds
      ? [{ line: (node, line) => void (node.properties['id'] = `L${line}`) }]
      : [],
  });
}
