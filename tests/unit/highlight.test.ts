import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { escapeHtml } from '../../src/lib/shared/html-entities.ts';
import {
  getHighlighter,
  highlightSync,
  HIGHLIGHT_MAX_CHARS,
  languageForFile,
  loadLanguages,
  normaliseLanguage,
  tokenClassesCss,
} from '../../src/lib/render/highlight.ts';

describe('highlight helpers', () => {
  test('picks a language from a file name or a fence info string, else text', () => {
    assert.equal(languageForFile('scripts/tool.py'), 'python');
    assert.equal(languageForFile('scripts/run.sh'), 'bash');
    assert.equal(languageForFile('assets/logo.svg'), 'xml');
    assert.equal(languageForFile('build/Dockerfile'), 'dockerfile');
    assert.equal(languageForFile('app.dockerfile'), 'dockerfile');
    assert.equal(languageForFile('Makefile'), 'makefile');
    assert.equal(languageForFile('README'), 'text');
    assert.equal(languageForFile('data.bin'), 'text');
    assert.equal(languageForFile('NOTES.MD'), 'markdown');
    // Fence info strings become Shiki ids, aliases or text.
    assert.equal(normaliseLanguage('Python {1,3}'), 'python');
    assert.equal(normaliseLanguage('  ts title="x.ts"'), 'ts');
    assert.equal(normaliseLanguage('py'), 'py');
    assert.equal(normaliseLanguage('zsh'), 'zsh');
    assert.equal(normaliseLanguage('j2'), 'jinja');
    assert.equal(normaliseLanguage(''), 'text');
    assert.equal(normaliseLanguage('no-such-language'), 'text');
  });

  test('escapes &, <, >, " and \' as numeric entities', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});

describe('highlightSync', () => {
  test('highlights with both themes and can give each line an L<n> id', async () => {
    const hl = await getHighlighter();
    await loadLanguages(hl, ['python', 'text']);
    const html = highlightSync(hl, 'a = 1\nb = 2', 'python', true);
    assert.match(html, /^<pre class="shiki" tabindex="0"><code><span id="L1">/);
    assert.match(html, /\n<span id="L2">/);
    assert.doesNotMatch(highlightSync(hl, 'a = 1', 'python'), /id="L1"/);
  });

  test('leaves huge inputs as escaped plain text, still with line ids', async () => {
    const hl = await getHighlighter();
    const code = `<script>x</script>\n${'a'.repeat(HIGHLIGHT_MAX_CHARS)}`;
    const html = highlightSync(hl, code, 'html', true);
    assert.ok(
      html.startsWith(
        '<pre class="shiki plain" tabindex="0"><code><span id="L1">&#60;script&#62;x&#60;/script&#62;</span>\n<span id="L2">',
      ),
    );
    assert.doesNotMatch(html, /<script/);
  });
});

describe('token classes', () => {
  test('tokens carry short colour classes, not style attributes, and the stylesheet defines every class', async () => {
    const hl = await getHighlighter();
    await loadLanguages(hl, ['typescript']);
    const html = highlightSync(hl, 'export const answer: number = 42; // why\n', 'typescript');
    assert.doesNotMatch(html, /<span style="--shiki-light:/);
    const used = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(' ')));
    const tokens = [...used].filter((c) => /^[ld]\d+$/.test(c));
    assert.ok(tokens.length >= 4, `expected several token colours, got ${tokens.join(' ')}`);
    const css = readFileSync(new URL('../../src/styles/code-tokens.css', import.meta.url), 'utf8');
    assert.equal(
      css,
      tokenClassesCss(hl),
      'src/styles/code-tokens.css is stale: run node src/cli/code-tokens-css.ts > src/styles/code-tokens.css',
    );
    for (const token of tokens) assert.match(css, new RegExp(`^\\.${token}\\{`, 'm'));
  });

  test('the default colour is bare text, one colour is one span, and the text reads back unchanged', async () => {
    const hl = await getHighlighter();
    await loadLanguages(hl, ['bash']);
    const code = 'if [[ -d "x" ]]; then\n  echo "a b" "c"\nfi';
    const html = highlightSync(hl, code, 'bash');
    // `[[ ` is in the default colour: no span around it.
    assert.match(html, /<\/span> \[\[ <span/);
    // No two neighbouring spans share a class.
    for (const [, a, b] of html.matchAll(
      /<span class="([^"]*)">[^<]*<\/span><span class="([^"]*)">/g,
    ))
      assert.notEqual(a, b);
    assert.doesNotMatch(html, /class="line"|style=/);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replaceAll('&#34;', '"')
      .replaceAll('&#39;', "'");
    assert.equal(text, code);
  });
});
