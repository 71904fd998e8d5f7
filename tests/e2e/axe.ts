import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';

/** The two views every page is checked in: wide and light, narrow and dark. */
export const VIEWS = [
  { name: 'light, 1280 px', width: 1280, scheme: 'light' as const },
  { name: 'dark, 390 px', width: 390, scheme: 'dark' as const },
];

/**
 * Runs axe (WCAG 2.2 A/AA and best practices) on each page in one view; returns one line per
 * violation, naming the page, the rule and the first elements. `ready` waits for what a visitor sees.
 */
export async function axeSweep(
  browser: Browser,
  baseURL: string,
  view: (typeof VIEWS)[number],
  paths: string[],
  ready?: (page: Page, path: string) => Promise<void>,
): Promise<string[]> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: view.width, height: 900 },
    colorScheme: view.scheme,
  });
  const page = await context.newPage();
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await ready?.(page, path);
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
  return found;
}
