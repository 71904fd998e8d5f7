import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  packageLinkRewriter,
  SVG_INLINE_BUDGET_BYTES,
  SVG_INLINE_MAX_BYTES,
} from '../../src/lib/render/package-links.ts';

const paths = new Set([
  'SKILL.md',
  'references/guide.md',
  'assets/logo.svg',
  'assets/big.svg',
  'assets/photo.png',
]);
const small = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
const big = new Uint8Array(SVG_INLINE_MAX_BYTES + 1);
const context = {
  publisher: 'acme',
  slug: 'demo',
  skillFile: 'SKILL.md',
  paths,
  svgBytes: (path: string) =>
    path === 'assets/logo.svg' ? small : path === 'assets/big.svg' ? big : undefined,
};

describe('packageLinkRewriter (the rewriter every rendered page uses)', () => {
  test('sends links to SKILL.md to the skill page and other files to their file pages, keeping fragments', () => {
    const links = packageLinkRewriter(context, 'references/guide.md');
    assert.equal(links.link('../SKILL.md#setup'), '/skills/acme/demo/#setup');
    assert.equal(links.link('guide.md#top'), '/skills/acme/demo/files/references/guide.md/#top');
    assert.equal(links.link('https://example.com/x'), 'https://example.com/x');
    assert.equal(links.link('missing.md'), undefined);
    assert.equal(links.link('javascript:alert(1)'), undefined);
  });

  test('an empty fragment goes to the linking file’s own page; a folder link to its first file', () => {
    const links = packageLinkRewriter(context, 'references/guide.md');
    assert.equal(links.link('#'), '/skills/acme/demo/files/references/guide.md/');
    assert.equal(links.link('../references/'), '/skills/acme/demo/files/references/guide.md/');
  });

  test('inlines small SVG pictures as data: images, never a raw SVG URL, and raster images as raw copies', () => {
    const links = packageLinkRewriter(context, 'SKILL.md');
    assert.match(links.image('assets/logo.svg') ?? '', /^data:image\/svg\+xml;base64,/);
    assert.equal(
      links.image('assets/big.svg'),
      undefined,
      'an SVG over the per-picture limit is not inlined',
    );
    assert.equal(links.image('assets/photo.png'), '/skills/acme/demo/raw/assets/photo.png');
  });

  test('counts every use of a picture against the page budget', () => {
    const links = packageLinkRewriter(context, 'SKILL.md');
    const uri = links.image('assets/logo.svg')!;
    let shown = 1;
    while (links.image('assets/logo.svg') !== undefined) shown += 1;
    assert.equal(shown, Math.floor(SVG_INLINE_BUDGET_BYTES / uri.length));
  });
});
