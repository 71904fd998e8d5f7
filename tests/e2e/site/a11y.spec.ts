import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/** Every page type of the site fixture, each checked by axe in light and dark, wide and narrow. */
const PAGES = [
  '/',
  '/skills/',
  '/tags/',
  '/tags/testing/',
  '/publishers/',
  '/publishers/docsmith/',
  '/skills/docsmith/adr-writer/',
  '/skills/docsmith/adr-writer/files/scripts/new_adr.sh/',
  '/skills/docsmith/adr-writer/files/references/adr-examples.md/',
  '/skills/pixelcraft/accessible-color-contrast/files/assets/contrast-pass-fail.png/',
  '/skills/docsmith/adr-writer/versions/',
  '/search/?q=readme',
  '/report/',
  '/no-such-page/',
  '/guides/installing/',
  '/about/',
  '/verify/',
  '/collections/',
  '/collections/docs-day/',
  '/trust/rules/',
];

const VIEWS = [
  { name: 'light, 1280 px', width: 1280, scheme: 'light' as const },
  { name: 'dark, 390 px', width: 390, scheme: 'dark' as const },
];

for (const view of VIEWS)
  test(`axe finds nothing on any page type (${view.name})`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({
      baseURL: baseURL!,
      viewport: { width: view.width, height: 900 },
      colorScheme: view.scheme,
    });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      // Search results are part of what a visitor sees: check them once painted.
      if (path.includes('?q=')) await page.locator('[data-results] > li').first().waitFor();
      // Legacy mode runs axe in the page itself (no extra blank page per run): a third faster.
      const result = await new AxeBuilder({ page })
        .setLegacyMode(true)
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      for (const v of result.violations)
        found.push(
          `${path}: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
        );
    }
    await context.close();
    expect(found).toEqual([]);
  });
