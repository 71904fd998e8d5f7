import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'node_modules', 'skills', 'bin', 'cli.mjs');

/** Runs the real skills CLI (npm `skills`) in a fresh project with its own home; returns the project. */
async function skillsAdd(
  source: string,
  ...args: string[]
): Promise<{ project: string; output: string }> {
  const home = mkdtempSync(join(tmpdir(), 'skillshelf-home-'));
  const project = mkdtempSync(join(tmpdir(), 'skillshelf-project-'));
  const { stdout, stderr } = await run(
    process.execPath,
    [CLI, 'add', source, ...args, '--agent', 'claude-code', '--yes'],
    {
      cwd: project,
      env: {
        ...process.env,
        HOME: home,
        DISABLE_TELEMETRY: '1',
        DO_NOT_TRACK: '1',
        NO_COLOR: '1',
        CI: '1',
      },
      timeout: 60_000,
    },
  );
  rmSync(home, { recursive: true, force: true });
  return { project, output: stdout + stderr };
}

const installed = (project: string): string[] =>
  readdirSync(join(project, '.claude', 'skills')).sort();

test('the collections page lists each collection; a collection page shows its skills and what is unavailable', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Collections' }).first().click();
  await expect(page).toHaveURL(/\/collections\/$/);
  await page.getByRole('link', { name: /Docs day/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Docs day' })).toBeVisible();
  const members = page.getByRole('region', { name: 'Skills in this collection' });
  await expect(members.getByRole('article')).toHaveCount(3);
  await expect(members.locator('[data-unavailable]')).toContainText('ghost/not-a-skill');
  // The body's site link goes through the base path to the guide.
  await expect(
    page.locator('article').getByRole('link', { name: 'install guide' }),
  ).toHaveAttribute('href', /\/guides\/installing\/$/);
  const box = page.getByRole('region', { name: 'Install the whole collection' });
  await expect(box.locator('.cmd code').first()).toHaveText(
    /^npx skills add http:\/\/localhost:4321\/collections\/docs-day\/$/,
  );
  await expect(box.locator('.cmd code').nth(1)).toContainText(
    '--skill readme-doctor --skill adr-writer --skill changelog-curator',
  );
});

test('the collection ZIP holds each skill in a folder named as it installs, and its indexes leave out the missing skill', async ({
  page,
  request,
}) => {
  await page.goto('/collections/docs-day/');
  const link = page.getByRole('link', { name: 'Download docs-day.zip' });
  const response = await request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  await expect(
    page.getByText(`SHA-256 ${createHash('sha256').update(bytes).digest('hex')}`),
  ).toBeVisible();
  const folders = [
    ...new Set(Object.keys(unzipSync(new Uint8Array(bytes))).map((p) => p.split('/')[0])),
  ].sort();
  expect(folders).toEqual(['adr-writer', 'changelog-curator', 'readme-doctor']);

  const index = (await (
    await request.get('/collections/docs-day/.well-known/agent-skills/index.json')
  ).json()) as { skills: { name: string }[] };
  expect(index.skills.map((s) => s.name).sort()).toEqual(folders);
  const market = (await (await request.get('/collections/docs-day/marketplace.json')).json()) as {
    name: string;
    plugins: { name: string }[];
  };
  expect(market.name).toBe('skillshelf-docs-day');
  expect(market.plugins.map((p) => p.name).sort()).toEqual(folders);
});

test('the real skills CLI installs one skill from the site, byte for byte', async ({ request }) => {
  const { project } = await skillsAdd('http://127.0.0.1:4321', '--skill', 'readme-doctor');
  try {
    expect(installed(project)).toEqual(['readme-doctor']);
    const shipped = await (await request.get('/skills/docsmith/readme-doctor/raw/SKILL.md')).body();
    expect(
      readFileSync(join(project, '.claude', 'skills', 'readme-doctor', 'SKILL.md')).equals(shipped),
    ).toBe(true);
    const lock = JSON.parse(readFileSync(join(project, 'skills-lock.json'), 'utf8')) as {
      skills: Record<string, { sourceType: string }>;
    };
    expect(lock.skills['readme-doctor']?.sourceType).toBe('well-known');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('the real skills CLI installs a whole collection from its address, and nothing else', async () => {
  const { project, output } = await skillsAdd(
    'http://127.0.0.1:4321/collections/docs-day',
    '--skill',
    '*',
  );
  try {
    expect(installed(project), output).toEqual([
      'adr-writer',
      'changelog-curator',
      'readme-doctor',
    ]);
    expect(existsSync(join(project, '.claude', 'skills', 'not-a-skill'))).toBe(false);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
