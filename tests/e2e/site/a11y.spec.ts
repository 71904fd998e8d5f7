import { expect, test } from '@playwright/test';
import { axeSweep, VIEWS } from '../axe.ts';

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

for (const view of VIEWS)
  test(`axe finds nothing on any page type (${view.name})`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const found = await axeSweep(browser, baseURL!, view, PAGES, async (page, path) => {
      // Search results are part of what a visitor sees: check them once painted.
      if (path.includes('?q=')) await page.locator('[data-results] > li').first().waitFor();
      // Filters are dimmed for the moment their counts are being made: check them as they settle.
      if (path.startsWith('/search/') || path.startsWith('/skills/?'))
        await page
          .locator('[data-facets-panel]:not([aria-busy="true"]) fieldset')
          .first()
          .waitFor({ state: 'attached' });
    });
    expect(found).toEqual([]);
  });
