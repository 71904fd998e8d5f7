import { expect, test } from '@playwright/test';
import { axeSweep, VIEWS } from '../axe.ts';

/** The pages versions add: a skill's version line, its versions list, every version page (its diffs), and a comparison. */
for (const view of VIEWS)
  test(`axe finds nothing on the versions pages (${view.name})`, async ({
    browser,
    baseURL,
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/skills/ledger/release-notes/versions/');
    const versionPages = [
      ...new Set(
        await page
          .locator('main a[href*="/versions/"]')
          .evaluateAll((links) =>
            links
              .map((a) => new URL((a as HTMLAnchorElement).href).pathname)
              .filter((path) => /\/versions\/[0-9a-f]{12}\/$/.test(path)),
          ),
      ),
    ];
    expect(versionPages.length).toBeGreaterThanOrEqual(2);
    const found = await axeSweep(browser, baseURL!, view, [
      '/skills/ledger/release-notes/',
      '/skills/ledger/release-notes/versions/',
      ...versionPages,
      // The list with the reader's own version picked out, and what updating from it changes.
      `/skills/ledger/release-notes/versions/?from=${versionPages.at(-1)!.split('/').at(-2)!}`,
      '/skills/ledger/link-checker/versions/',
    ]);
    expect(found).toEqual([]);
  });
