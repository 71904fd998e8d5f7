import { expect, test } from '@playwright/test';

test('copies the exact install command and confirms it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await page.goto('/skills/docsmith/adr-writer/');
  const install = page.getByRole('region', { name: 'Download and install' });
  const copy = install.getByRole('button', { name: 'Copy the personal install command' });
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await expect(
    install.getByRole('status').filter({ hasText: 'Copied to the clipboard' }),
  ).toHaveCount(1);
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toMatch(
    /^curl -fsSL https?:\/\/[^ ]+\/skills\/docsmith\/adr-writer\/download\/adr-writer\.zip -o adr-writer\.zip && mkdir -p ~\/\.claude\/skills && unzip -o adr-writer\.zip -d ~\/\.claude\/skills && rm adr-writer\.zip$/,
  );
  await expect(install.getByText(clipboard, { exact: true })).toBeVisible();
});

test('switches install tabs with the keyboard', async ({ page }) => {
  await page.goto('/skills/docsmith/adr-writer/');
  const tabs = page.getByRole('tablist', { name: 'Install with' });
  await tabs.getByRole('tab', { name: 'Claude Code' }).focus();
  await page.keyboard.press('ArrowRight');
  const agents = tabs.getByRole('tab', { name: 'Codex, Cursor & others' });
  await expect(agents).toBeFocused();
  await expect(agents).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').filter({ hasText: '.agents/skills' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tabpanel')).toContainText('npx skills add');
  await expect(page.getByRole('tabpanel')).toContainText('--skill adr-writer');
});

test('shows every install command as text without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto('/skills/docsmith/adr-writer/');
  const install = page.getByRole('region', { name: 'Download and install' });
  await expect(install.getByText(/unzip -o adr-writer\.zip -d \.agents\/skills/)).toBeVisible();
  await expect(install.getByText('/plugin install adr-writer@skillshelf')).toBeVisible();
  await context.close();
});

test('offers an install command for exactly this version, at an address that serves it', async ({
  page,
  request,
}) => {
  await page.goto('/skills/docsmith/adr-writer/');
  const install = page.getByRole('region', { name: 'Download and install' });
  const command = await install
    .locator('code')
    .filter({ hasText: '/versions/' })
    .first()
    .innerText();
  const url = /curl -fsSL (\S+) /.exec(command)?.[1];
  expect(url).toMatch(/\/skills\/docsmith\/adr-writer\/versions\/[0-9a-f]{12}\/adr-writer\.zip$/);
  const response = await request.get(new URL(url!).pathname);
  expect(response.status()).toBe(200);
  const latest = await request.get('/skills/docsmith/adr-writer/download/adr-writer.zip');
  expect(Buffer.compare(await response.body(), await latest.body())).toBe(0);
});

test('offers gh skill install only for a skill that is exactly its GitHub folder at the recorded commit', async ({
  page,
}) => {
  await page.goto('/skills/docsmith/readme-doctor/');
  const tabs = page.getByRole('tablist', { name: 'Install with' });
  await tabs.getByRole('tab', { name: 'GitHub CLI' }).click();
  const panel = page.getByRole('tabpanel').filter({ hasText: 'Installs from GitHub' });
  await expect(panel.locator('.cmd code')).toHaveText(
    'gh skill install docsmith/skills readme-doctor --pin 4f1c2e9a7b3d5f60812a9c4e6b0d2f8a1c3e5b79',
  );
  // The same publisher's other skills name a repository but recorded no manifest: no gh line.
  await page.goto('/skills/docsmith/adr-writer/');
  await expect(tabs.getByRole('tab', { name: 'GitHub CLI' })).toHaveCount(0);
});

test('lists the VS Code / Copilot, Codex and Cursor folders from the one list of agent folders', async ({
  page,
}) => {
  await page.goto('/skills/docsmith/adr-writer/');
  await page.getByRole('tab', { name: 'Codex, Cursor & others' }).click();
  const panel = page.getByRole('tabpanel').filter({ hasText: '.agents/skills' });
  for (const dir of ['.github/skills', '.codex/skills', '.cursor/skills'])
    await expect(panel.locator('.cmd code').filter({ hasText: `-d ${dir} ` })).toHaveCount(1);
});
