import { expect, test } from '@playwright/test';

test('browses from the home page to a skill, one of its files, and back', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'All skills →' }).click();
  await expect(page).toHaveURL(/\/skills\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'All skills' })).toBeVisible();

  const card = page.getByRole('main').getByRole('article').first();
  const name = (await card.getByRole('heading').innerText()).trim();
  await card.getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { name: 'When to use' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Frontmatter' })).toBeVisible();

  const files = page.getByRole('region', { name: /^Files/ });
  const fileLink = files.getByRole('link').filter({ hasNotText: 'SKILL.md' }).first();
  const fileName = (await fileLink.locator('span').first().innerText())
    .replace(/^◆ /, '')
    .replace(/\*$/, '')
    .trim();
  await fileLink.click();
  await expect(page).toHaveURL(/\/files\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fileName);
  await expect(
    page.getByRole('link', { name: new RegExp(`^Download ${fileName.replace('.', '\\.')}`) }),
  ).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});

test('renders SKILL.md code blocks with Shiki in both themes', async ({ page }) => {
  await page.goto('/skills/northwind-labs/dockerfile-hardening/');
  const code = page.locator('article .shiki').first();
  await expect(code).toBeVisible();
  // Token colours are short palette classes (one per theme) that set the two CSS variables.
  const token = code.locator('code span[class]').first();
  await expect(token).toHaveAttribute('class', /^l\d+ d\d+$/);
  const light = await token.evaluate((el) => getComputedStyle(el).color);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await token.evaluate((el) => getComputedStyle(el).color);
  expect(dark).not.toBe(light);
});

test('gives SKILL.md headings anchors and a table of contents that jumps to them', async ({
  page,
}) => {
  await page.goto('/skills/northwind-labs/dockerfile-hardening/');
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const first = toc.getByRole('link').first();
  const target = (await first.getAttribute('href'))!;
  expect(target).toMatch(/^#[a-z0-9-]+$/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();
  await expect(page.locator(`${target} a.heading-anchor`)).toHaveAttribute('href', target);
});

test('flags non-spec frontmatter keys as not portable', async ({ page }) => {
  await page.goto('/skills/docsmith/readme-doctor/');
  const table = page.getByRole('table', { name: /frontmatter/i });
  const row = table.getByRole('row').filter({ hasText: 'when_to_use' });
  await expect(row.getByText('not portable')).toBeVisible();
  await expect(
    table.getByRole('row').filter({ hasText: /^name/ }).getByText('not portable'),
  ).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Spec check' }).getByText('non-spec-key').first(),
  ).toBeVisible();
});

test('resolves relative links and images in SKILL.md to package file pages', async ({ page }) => {
  await page.goto('/skills/pixelcraft/accessible-color-contrast/');
  const links = page.locator('article.prose a[href*="/files/"]');
  expect(await links.count()).toBeGreaterThan(0);
  const href = (await links.first().getAttribute('href'))!;
  const response = await page.goto(href);
  expect(response?.status()).toBe(200);
});

test('a trust report with many notes keeps them folded, named by rule, and opens them on request', async ({
  page,
}) => {
  await page.goto('/skills/securelane/http-security-headers/');
  const trust = page.locator('section[aria-labelledby="trust"]');
  await expect(trust.getByRole('heading', { name: /^Findings \(\d+\)$/ })).toBeVisible();
  const folded = trust.locator('details[data-folded-findings]');
  const summary = folded.locator('summary');
  await expect(summary).toHaveText(/^\d+ notes \(info: [a-z-]+(, [a-z-]+)*\)$/);
  const count = Number((await summary.innerText()).split(' ')[0]);
  const notes = folded.locator('li[data-rule]');
  await expect(notes).toHaveCount(count);
  await expect(notes.first()).toBeHidden();
  // Every rule the summary names is one of the folded notes' rules, and the other way round.
  const named = /\(info: (.*)\)/
    .exec(await summary.innerText())![1]!
    .split(', ')
    .sort();
  const rules = [...new Set(await notes.evaluateAll((els) => els.map((e) => e.dataset['rule']!)))];
  expect(rules.sort()).toEqual(named);
  await summary.click();
  await expect(notes.first()).toBeVisible();
  await expect(notes.first().getByRole('link', { name: /^line \d+$/ })).toBeVisible();
});
