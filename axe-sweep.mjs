import { chromium } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
const base = process.argv[2];
const pages = process.argv.slice(3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const summary = {};
for (const [width, scheme] of [[1280, 'light'], [390, 'dark']]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  for (const path of pages) {
    const page = await context.newPage();
    await page.goto(base + path);
    await page.waitForTimeout(300);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    for (const v of result.violations) {
      const key = `${v.id} (${v.impact})`;
      (summary[key] ??= []).push(`${scheme}/${width} ${path}: ${v.nodes.length} ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
    }
    await page.close();
  }
  await context.close();
}
await browser.close();
for (const [k, v] of Object.entries(summary)) { console.log(k); for (const l of v.slice(0, 8)) console.log('   ', l); }
