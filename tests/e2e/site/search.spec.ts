import { expect, test, type Page } from '@playwright/test';

async function openSearch(page: Page): Promise<void> {
  await page.goto('/');
  // The button is painted before its script runs: wait for the element to be upgraded, not just shown.
  await expect(page.locator('site-search:defined [data-open]')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog', { name: 'Search skills' })).toBeVisible();
}

test('finds a skill by text that appears only deep in its SKILL.md body', async ({ page }) => {
  await openSearch(page);
  await page.getByRole('combobox').fill('vacuum freeze horizon');
  const options = page.getByRole('listbox', { name: 'Matching skills' }).getByRole('option');
  await expect(options.first()).toContainText('postgres-query-tuning');
  await expect(options.first().locator('mark').first()).toBeVisible();
});

test('finds a skill by text that appears only in one of its reference files', async ({ page }) => {
  await page.goto('/search/?q=contrast%20ratio%20ledger');
  const results = page.locator('[data-results] > li');
  await expect(results.first()).toContainText('accessible-color-contrast');
  // The list says when it is final: aria-busy goes back to false once every result is in.
  await expect(page.locator('[data-results]')).toHaveAttribute('aria-busy', 'false');
  await page.goto('/search/?q=mutation%20survivor%20census');
  await expect(page.locator('[data-results] > li').first()).toContainText('mutation-testing-guide');
});

test('searches with the keyboard only: / opens, arrows choose, Enter opens the skill, Escape closes', async ({
  page,
}) => {
  await openSearch(page);
  const input = page.getByRole('combobox');
  await expect(input).toBeFocused();
  await page.keyboard.type('dockerfile');
  // Under load a pause between keys can render a prefix first: wait for the results of the whole word.
  await expect(page.locator('site-search')).toHaveAttribute('data-rendered-query', 'dockerfile');
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  expect(active).toBe('site-search-option-0');
  await expect(page.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
  const name = (await page.locator(`#${active} .font-semibold`).innerText()).trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('site-search:defined [data-open]')).toBeVisible();

  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Search skills' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search skills' })).toBeHidden();
  await expect(page.getByRole('button', { name: /Search/ }).first()).toBeFocused();
});

test('does not open search when / is typed into another field', async ({ page }) => {
  await page.goto('/');
  const field = page.getByRole('searchbox', { name: 'Search skills' }).last();
  await field.click();
  await page.keyboard.type('a/b');
  await expect(field).toHaveValue('a/b');
  await expect(page.getByRole('dialog', { name: 'Search skills' })).toBeHidden();
});

test('narrows by two tags with AND, keeps them in the URL, and restores them on reload and back/forward', async ({
  page,
}) => {
  await page.goto('/search/');
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByRole('button', { name: /^testing \d+$/ }).click();
  await expect(page).toHaveURL(/\?tag=testing$/);
  const status = page.getByRole('status').filter({ hasText: /skills?$/ });
  const oneTag = Number((await status.innerText()).match(/^(\d+)/)![1]);
  await filters.getByRole('button', { name: /^python \d+$/ }).click();
  await expect(page).toHaveURL(/\?tag=testing&tag=python$/);
  await expect(status).not.toHaveText(new RegExp(`^${oneTag} `));
  const twoTags = Number((await status.innerText()).match(/^(\d+)/)![1]);
  expect(twoTags).toBeLessThan(oneTag);
  expect(twoTags).toBeGreaterThan(0);
  // Wait for the whole list before checking every card: results are painted in chunks.
  await expect(page.locator('[data-results] > li')).toHaveCount(twoTags);
  for (const item of await page.locator('[data-results] > li').all()) {
    await expect(item.getByRole('link', { name: 'Testing', exact: true })).toBeVisible();
    await expect(item.getByRole('link', { name: 'Python', exact: true })).toBeVisible();
  }

  await page.reload();
  await expect(filters.getByRole('button', { name: /^python \d+$/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(status).toHaveText(new RegExp(`^${twoTags} `));
  await page.goBack();
  await expect(page).toHaveURL(/\?tag=testing$/);
  await expect(status).toHaveText(new RegExp(`^${oneTag} `));
  await page.goForward();
  await expect(status).toHaveText(new RegExp(`^${twoTags} `));
});

test('catalogue filters show counts that match the cards, and offer to clear an empty result', async ({
  page,
}) => {
  await page.goto('/tags/');
  const tagCount = Number(
    (
      await page
        .getByRole('main')
        .getByRole('link', { name: /^DevOps/ })
        .innerText()
    ).match(/(\d+) skills?/)![1],
  );
  await page.goto('/skills/');
  const filters = page.getByRole('group', { name: 'Filters' });
  const devops = filters.getByRole('button', { name: /^devops \d+$/ });
  await expect(devops).toHaveText(`devops ${tagCount}`);
  await devops.click();
  await expect(page).toHaveURL(/\/skills\/\?tag=devops$/);
  await expect(page.locator('[data-results] > li')).toHaveCount(tagCount);
  await expect(page.locator('[data-results]')).toHaveAttribute('aria-busy', 'false');
  // Cards come first; the panel's counts for the new selection follow, and it says so while they load.
  await expect(filters).toHaveAttribute('aria-busy', 'false');
  const scripts = filters.getByRole('button', { name: /^yes \d+$/ });
  const withScripts = Number((await scripts.innerText()).match(/(\d+)$/)![1]);
  await scripts.click();
  await expect(page.locator('[data-results] > li')).toHaveCount(withScripts);

  await page.goto('/skills/?tag=devops&tag=accessibility');
  await expect(page.getByText('No skills match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page).toHaveURL(/\/skills\/$/);
  await expect(page.getByText(/^Showing 1–24 of \d+ skills$/)).toBeVisible();
});

test('sorts the catalogue by recent updates', async ({ page }) => {
  await page.goto('/skills/?sort=updated');
  // The first cards paint before the rest of the batch: wait for the whole first page of 24.
  await expect(page.locator('[data-results] > li')).toHaveCount(24);
  const dates = await page
    .locator('[data-results] time')
    .evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
  expect(dates.length).toBeGreaterThan(10);
  expect([...dates].sort().reverse()).toEqual(dates);
});

test('says so when the search index is missing instead of failing', async ({ page }) => {
  await page.route('**/pagefind/**', (route) => route.abort());
  await page.goto('/search/?q=docker');
  await expect(page.getByText('The search index is not available')).toBeVisible();
  // Names still answer from the name index, and the list is not left busy.
  await expect(page.locator('[data-results] > li').first()).toContainText('dockerfile-hardening');
  await expect(page.locator('[data-results]')).toHaveAttribute('aria-busy', 'false');
});

test('explains that search needs JavaScript and links to tags without it', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto('/search/');
  await expect(
    page.getByText('Full-text search runs in your browser and needs JavaScript'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Testing' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tagged “Testing”');
  await context.close();
});

test('answers a name typed with a typo, or half typed, first; full-text hits are appended below it', async ({
  page,
}) => {
  await page.goto('/search/?q=postgrs%20tunin');
  const results = page.locator('[data-results] > li');
  await expect(results.first()).toContainText('postgres-query-tuning');
  await expect(page.locator('[data-results]')).toHaveAttribute('aria-busy', 'false');
  await expect(results.first()).toContainText('postgres-query-tuning');

  // A name match that is also a full-text hit is listed once, and stays first.
  await page.goto('/search/?q=postgres');
  await expect(page.locator('[data-results]')).toHaveAttribute('aria-busy', 'false');
  await expect(results.first()).toContainText('postgres-query-tuning');
  const names = await results.locator('[data-field~="name"]').allInnerTexts();
  expect(new Set(names).size).toBe(names.length);
});
