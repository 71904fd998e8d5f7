import { expect, test } from '@playwright/test';

test('lists tags with counts and a tag page shows only skills with that tag', async ({ page }) => {
  await page.goto('/tags/');
  const link = page.getByRole('main').getByRole('link', { name: /^Testing/ });
  const count = Number((await link.innerText()).match(/(\d+) skills?/)![1]);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tagged “Testing”');
  const cards = page.getByRole('main').getByRole('article');
  await expect(cards).toHaveCount(Math.min(count, 24));
  for (const card of await cards.all())
    await expect(card.getByRole('link', { name: 'Testing', exact: true })).toBeVisible();
});

test('a publisher page shows the profile and that publisher’s skills only', async ({ page }) => {
  await page.goto('/publishers/');
  await page.getByRole('link', { name: /Northwind Labs/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Northwind Labs');
  const bylines = page.getByRole('main').getByRole('article').getByText(/^by /);
  expect(await bylines.count()).toBeGreaterThan(1);
  for (const byline of await bylines.all()) await expect(byline).toHaveText('by Northwind Labs');
});

test('pages the catalogue without JavaScript-only navigation', async ({ page }) => {
  await page.goto('/skills/');
  const status = page.getByText(/^Showing 1–\d+ of \d+ skills$/);
  await expect(status).toBeVisible();
  const total = Number((await status.innerText()).match(/of (\d+)/)![1]);
  // The site fixture holds 26 skills: more than one page of 24.
  expect(total).toBeGreaterThan(24);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/\/skills\/2\/$/);
  await expect(
    page.getByText(new RegExp(`^Showing 25–${total} of ${total} skills$`)),
  ).toBeVisible();
});

test('shows a helpful 404 page for unknown addresses', async ({ page }) => {
  const response = await page.goto('/skills/nobody/nothing-here/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This page is not on the shelf' })).toBeVisible();
  await page.getByRole('link', { name: 'Browse skills' }).click();
  await expect(page).toHaveURL(/\/skills\/$/);
});

test('editorial MDX pages render the site’s own components', async ({ page }) => {
  await page.goto('/about/');
  await expect(page.getByRole('heading', { level: 1, name: 'About Skillshelf' })).toBeVisible();
  await expect(page.getByText(/\d+ skills from \d+ publishers, in \d+ tags/)).toBeVisible();
  await page.goto('/guides/installing/');
  const table = page.getByRole('table', { name: 'Skills folders per agent' });
  await expect(table.getByRole('row', { name: /Claude Code/ })).toContainText(
    '~/.claude/skills/<name>/',
  );
  await page.goto('/guides/publishing/');
  await expect(page.getByText('Only these keys are portable')).toBeVisible();
});

test('a publisher page offers its README badge and its llms.txt list', async ({
  page,
  request,
}) => {
  await page.goto('/publishers/docsmith/');
  await page.getByText('Badge for a README, and this list for agents').click();
  const badge = page.getByRole('img', { name: /badge$/ });
  await expect(badge).toBeVisible();
  expect(await badge.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(60);
  await expect(page.locator('details .cmd code')).toContainText('/publishers/docsmith/badge.svg)');
  const list = await (await request.get('/publishers/docsmith/llms.txt')).text();
  expect(list).toMatch(/^# Docsmith on /);
  expect(list).toContain('/skills/docsmith/readme-doctor/index.md');
});

test('a skill URL trimmed to its publisher leads to the publisher page', async ({ page }) => {
  await page.goto('/skills/docsmith/');
  await expect(page).toHaveURL(/\/publishers\/docsmith\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Docsmith' })).toBeVisible();
});
