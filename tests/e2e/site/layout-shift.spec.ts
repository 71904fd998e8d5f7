import { expect, test } from '@playwright/test';

/**
 * Nothing moves under a reader's eyes while a page finishes: results painting in, filters and
 * scripts waking up. The layout-shift entries (what Lighthouse's CLS adds up) are collected from
 * the first paint until the results are on screen, wide and narrow.
 */
const PAGES: [path: string, ready: string][] = [
  ['/search/?q=readme', '[data-results] > li'],
  ['/search/?q=zzzzqx', '[data-status]:has-text("No skills match")'],
  // More hits than one batch: "Show more" waits below the whole batch, not pushed down by it.
  ['/search/?q=use', 'main [data-results] > li:nth-child(8)'],
  ['/skills/?tag=testing', '[data-results] > li'],
  ['/', 'main h1'],
  ['/skills/docsmith/adr-writer/', 'main h1'],
  // A Markdown file: its Rendered/Source tabs wake up without moving the text.
  [
    '/skills/docsmith/adr-writer/files/references/adr-examples.md/',
    '[role=tab][aria-selected=true]',
  ],
];

for (const width of [1280, 390])
  test(`no layout shift while pages and their results paint (${width} px)`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({
      baseURL: baseURL!,
      viewport: { width, height: 800 },
    });
    await context.addInitScript(() => {
      const shifts: string[] = [];
      (window as unknown as { shifts: string[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          sources?: { node?: Node | null }[];
        })[])
          shifts.push(
            `${entry.value.toFixed(4)} ${(entry.sources ?? []).map((s) => (s.node as Element | null)?.outerHTML.slice(0, 80) ?? '?').join(' | ')}`,
          );
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    const moved: string[] = [];
    for (const [path, ready] of PAGES) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      // Let late work (counts, more cards, fonts) land before reading what moved.
      await page.waitForLoadState('networkidle');
      const shifts = await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts);
      moved.push(...shifts.map((s) => `${path}: ${s}`));
    }
    await context.close();
    expect(moved).toEqual([]);
  });
