import { expect, test, type Locator } from '@playwright/test';

/** A card's structure without its text: tag, classes and fields of every element, in order. */
async function skeleton(card: Locator): Promise<string[]> {
  return card.evaluate((root) =>
    [root, ...root.querySelectorAll('*')].map(
      (el) =>
        `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.getAttribute('data-field') ?? ''}]`,
    ),
  );
}

test('a card rendered in the browser is the server card: shield badge, warning count, chip hover styles', async ({
  page,
}) => {
  const name = 'readme-doctor';
  await page.goto('/tags/writing/');
  const server = page.getByRole('article').filter({ has: page.getByRole('link', { name }) });
  await expect(server).toHaveCount(1);
  const serverShape = await skeleton(server);
  const serverText = await server.innerText();
  const serverLinks = await server
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));

  // A filter replaces the static page with cards cloned from the template in the browser.
  await page.goto('/skills/?tag=writing');
  await expect(page.locator('skill-browser[data-rendered]')).toBeVisible();
  const client = page
    .locator('[data-results]')
    .getByRole('article')
    .filter({ has: page.getByRole('link', { name }) });
  await expect(client).toHaveCount(1);
  expect(await skeleton(client)).toEqual(serverShape);
  expect(await client.innerText()).toBe(serverText);
  expect(
    await client.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
  ).toEqual(serverLinks);

  // The card's styles (its component class) apply to the client card: it animates on hover.
  await expect(client).toHaveClass(/\bcard\b/);
  expect(await client.evaluate((el) => getComputedStyle(el).transitionProperty)).not.toBe('none');
  await expect(client.locator('[title="Trust verdict"] svg')).toHaveCount(1);
  await expect(client).toContainText('2 warnings');
  const chip = client.getByRole('list', { name: 'Tags' }).getByRole('link').first();
  await expect(chip).toHaveClass(/\bchip\b/);
  const border = (): Promise<string> => chip.evaluate((el) => getComputedStyle(el).borderColor);
  const before = await border();
  await chip.hover();
  await expect.poll(border).not.toBe(before);
});

test('search hits and header search options link to tags and the search page through the site’s URLs', async ({
  page,
}) => {
  await page.goto('/search/?q=postgres');
  const hit = page.locator('[data-results] > li').first();
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark').first()).toBeVisible();
  for (const href of await hit
    .getByRole('list', { name: 'Tags' })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
    expect(href).toMatch(/^\/tags\/[^/]+\/$/);

  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: 'Search skills' }).fill('postgres tuning & more');
  await expect(page.getByRole('link', { name: 'All results and filters →' })).toHaveAttribute(
    'href',
    '/search/?q=postgres+tuning+%26+more',
  );
});
