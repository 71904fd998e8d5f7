import {
  type ShikiTransformer,
  bundledLanguages,
  bundledLanguagesAlias,
  createHighlighter,
  createJavaScriptRegexEngine,
  type Highlighter,
} from 'shiki';
import { readableOn } from '../shared/contrast.ts';
import { escapeHtml } from '../shared/html-entities.ts';
import { sourcePageTexts } from '../shared/source-pages.ts';

/** The two code themes; CSS switches between them with the site theme (see global.css). */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** Past this many characters a file is shown as plain text: highlighting it would cost more than it helps. */
export const HIGHLIGHT_MAX_CHARS = 200_000;

/**
 * How long one line may take to tokenize before the rest of it is left uncoloured. Shiki's default,
 * 500 ms, is reached on a busy machine by a grammar's first line (its patterns are compiled then),
 * so the same file came out in other colours from one build to the next. Only a pathological line
 * takes this long; the worker pool's watchdog still stops a package that never finishes.
 */
export const TOKENIZE_TIME_LIMIT_MS = 20_000;

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

/** The foreground colours of a theme (upper case `#RRGGBB`), sorted: what token classes exist for. */
export function themeColours(hl: Highlighter, theme: string): string[] {
  const resolved = hl.getTheme(theme);
  const colours = new Set<string>([resolved.fg.toUpperCase()]);
  for (const rule of resolved.settings)
    if (rule.settings?.foreground) colours.add(rule.settings.foreground.toUpperCase());
  return [...colours].sort();
}

const MODES = ['light', 'dark'] as const;

/** Shiki's HAST node types, taken from its transformer hooks (hast itself is not a dependency). */
type Element = Parameters<NonNullable<ShikiTransformer['code']>>[0];
type ElementContent = Element['children'][number];

/** Each theme's colours by index: a token's class is `l` or `d` and that index (`l3 d7`). */
interface Palette {
  /** `--shiki-light:#D73A49` → `l7`. */
  classes: Map<string, string>;
  /** The declarations of a token in the code's default colour in both themes, which needs no span. */
  plain: string;
}

let palette: Palette | undefined;

function paletteOf(hl: Highlighter): Palette {
  palette ??= {
    classes: new Map(
      MODES.flatMap((mode) =>
        themeColours(hl, CODE_THEMES[mode]).map(
          (colour, i) => [`--shiki-${mode}:${colour}`, `${mode.charAt(0)}${i}`] as const,
        ),
      ),
    ),
    plain: MODES.map(
      (mode) => `--shiki-${mode}:${hl.getTheme(CODE_THEMES[mode]).fg.toUpperCase()}`,
    ).join(';'),
  };
  return palette;
}

/** The stylesheet of the code blocks' default colours and every token class (src/styles/code-tokens.css is this, generated). */
export function tokenClassesCss(hl: Highlighter): string {
  const defaults = MODES.flatMap((mode) => {
    const theme = hl.getTheme(CODE_THEMES[mode]);
    return [`--shiki-${mode}:${theme.fg}`, `--shiki-${mode}-bg:${theme.bg}`];
  });
  // Every token colour reaches 4.5:1 against its theme's background (WCAG AA): the themes' comment
  // grey and light orange do not, so they are darkened (light) or lightened (dark) just enough.
  const rules = MODES.flatMap((mode) => {
    const bg = hl.getTheme(CODE_THEMES[mode]).bg;
    return themeColours(hl, CODE_THEMES[mode]).map(
      (colour, i) => `.${mode.charAt(0)}${i}{--shiki-${mode}:${readableOn(colour, bg)}}`,
    );
  });
  return `/* Generated by src/cli/code-tokens-css.ts from the code themes: do not edit. */\n.shiki{${defaults.join(';')}}\n${rules.join('\n')}\n`;
}

/** A token's colour declarations, upper-cased and in a fixed order, so equal colours compare equal. */
function normalStyle(style: string): string[] {
  return style
    .split(';')
    .map((declaration) => {
      const [name = '', value = ''] = declaration.split(':');
      return `${name.trim()}:${value.trim().toUpperCase()}`;
    })
    .filter((declaration) => declaration !== ':');
}

/**
 * Compact token markup, the bulk of a highlighted page's bytes: a token in the code's default
 * colour is bare text, the others carry short classes (`class="l7 d5"`) instead of a style of two
 * CSS variables, neighbours of one colour are one span, and the `<pre>` keeps only `class="shiki"`
 * (its colours are in code-tokens.css). Lines are bare text joined by newlines, or, with `lineIds`,
 * `<span id="L12">` for links to a line. Colours outside the palettes (none today) keep their style.
 */
function compactTokens(hl: Highlighter, lineIds: boolean): ShikiTransformer {
  const { classes, plain } = paletteOf(hl);
  const compactLine = (tokens: ElementContent[]): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const token of tokens) {
      let node: ElementContent = token;
      if (token.type === 'element' && typeof token.properties['style'] === 'string') {
        const declarations = normalStyle(token.properties['style']);
        if (declarations.join(';') === plain) node = { type: 'text', value: textOf(token) };
        else {
          const found = declarations.map((d) => classes.get(d));
          const rest = declarations.filter((_, i) => !found[i]);
          token.properties = {};
          const names = found.filter(Boolean).join(' ');
          if (names) token.properties['class'] = names;
          if (rest.length) token.properties['style'] = rest.join(';');
        }
      }
      const last = out.at(-1);
      if (last?.type === 'text' && node.type === 'text') last.value += node.value;
      else if (
        last?.type === 'element' &&
        node.type === 'element' &&
        last.properties['class'] === node.properties['class'] &&
        last.properties['style'] === node.properties['style']
      )
        last.children.push(...node.children);
      else out.push(node);
    }
    return out;
  };
  return {
    pre(node) {
      node.properties = { class: 'shiki', tabindex: '0' };
    },
    code(node) {
      let number = 0;
      node.children = node.children.flatMap((line): ElementContent[] => {
        if (line.type !== 'element') return [line];
        const tokens = compactLine(line.children);
        number += 1;
        if (!lineIds) return tokens;
        line.properties = { id: `L${number}` };
        line.children = tokens;
        return [line];
      });
    },
  };
}

/** The text of a token span (Shiki puts one text node in each). */
function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

/**
 * A file's numbered source in pages (see source-pages.ts): each page a `<pre>` whose lines keep
 * their file-wide `L<n>` anchors and numbers. Highlighted when the whole text could be (its grammar
 * state runs across page ends) and no line is cut; plain text otherwise.
 */
export function highlightPages(hl: Highlighter, code: string, lang: string): string[] {
  const pages = sourcePageTexts(code);
  const open = (line: number): string =>
    line > 1 ? `<code style="counter-reset:line ${line - 1}">` : '<code>';
  if (pages.length === 1) return [highlightSync(hl, code, lang, true)];
  if (code.length <= HIGHLIGHT_MAX_CHARS && lang !== 'text' && !pages.some((p) => p.continued)) {
    const html = highlightSync(hl, code, lang, true);
    const head = /^<pre[^>]*>/.exec(html)?.[0] ?? '<pre class="shiki" tabindex="0">';
    const body = html.slice(html.indexOf('<code>') + '<code>'.length, html.lastIndexOf('</code>'));
    const lines = body.split('\n');
    return pages.map((p) => {
      const first = p.line - 1;
      return `${head}${open(p.line)}${lines.slice(first, first + p.lines.length).join('\n')}</code></pre>`;
    });
  }
  return pages.map((p) => {
    const numbered = p.lines.map((text, i) =>
      p.continued && i === 0
        ? `<span class="cont">${escapeHtml(text)}</span>`
        : `<span id="L${p.line + i}">${escapeHtml(text)}</span>`,
    );
    const first = p.continued ? p.line + 1 : p.line;
    return `<pre class="shiki plain" tabindex="0">${open(first)}${numbered.join('\n')}</code></pre>`;
  });
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
      .map((line, i) =>
        lineIds ? `<span id="L${i + 1}">${escapeHtml(line)}</span>` : escapeHtml(line),
      );
    return `<pre class="shiki plain" tabindex="0"><code>${lines.join('\n')}</code></pre>`;
  }
  return hl.codeToHtml(code, {
    lang,
    themes: CODE_THEMES,
    defaultColor: false,
    tokenizeTimeLimit: TOKENIZE_TIME_LIMIT_MS,
    transformers: [compactTokens(hl, lineIds)],
  });
}
