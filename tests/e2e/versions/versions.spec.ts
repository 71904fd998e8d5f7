import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';

/** dist-versions/ is built from a git repository made at test time (tests/support/make-versions-repo.ts). */

interface VersionsJson {
  skill: string;
  versions: {
    id: string;
    label?: string;
    date: string | null;
    current: boolean;
    withdrawn?: boolean;
    verdict?: string;
    files?: { path: string; mode: string; sha256: string; size: number }[];
    zips?: Record<'folder' | 'flat' | 'plugin', { url: string; sha256: string; size: number }>;
  }[];
}

test('a skill page names its version, how many there are, and what the last update changed', async ({
  page,
}) => {
  await page.goto('/skills/ledger/release-notes/');
  const line = page.getByRole('region', { name: 'Version' });
  await expect(line).toContainText('Version 1.2.0');
  await expect(line).toContainText('committed 15 Mar 2026');
  await expect(line).toContainText('What changed since 1.1.0 (8 Mar 2026): Files: 1 changed.');
  await expect(line).toContainText('What it may do: no change.');
  await line.getByRole('link', { name: '3 versions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Versions of release-notes');
});

test('the versions page lists each first-parent state once, newest first, and says what an update may newly do', async ({
  page,
}) => {
  await page.goto('/skills/ledger/release-notes/versions/');
  const list = page.getByRole('list', { name: 'Versions, newest first' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0).getByRole('heading')).toContainText('1.2.0');
  await expect(items.nth(0)).toContainText('served now');
  const v2 = items.nth(1);
  await expect(v2.getByRole('heading')).toContainText('1.1.0');
  await expect(v2).toContainText('Files: 1 changed, 1 added.');
  await expect(v2).toContainText('verdict no concerns → review');
  await expect(v2).toContainText('now: running downloaded code');
  await expect(v2).toContainText('new scripts scripts/fetch-template.sh');
  await expect(items.nth(2).getByRole('heading')).toContainText('1.0.0');
});

test("an old version's archive downloads, and its digest is the one versions.json pins", async ({
  page,
  request,
}) => {
  const api = (await (
    await request.get('/api/skills/ledger/release-notes/versions.json')
  ).json()) as VersionsJson;
  const v1 = api.versions.find((v) => v.label === '1.0.0')!;
  expect(v1.current).toBe(false);
  expect(v1.files!.map((f) => f.path)).toEqual(['SKILL.md']);
  await page.goto('/skills/ledger/release-notes/versions/');
  const item = page.getByRole('listitem').filter({ hasText: v1.id });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: 'Download ZIP' }).click(),
  ]);
  const bytes = await (await request.get(download.url())).body();
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(v1.zips!.folder.sha256);
  expect(bytes.length).toBe(v1.zips!.folder.size);
  expect(new URL(download.url()).pathname).toBe(
    `/skills/ledger/release-notes/versions/${v1.id}/release-notes.zip`,
  );
});

test('a pull request merged with two commits is one version; a file it removed before the merge is in none', async ({
  request,
}) => {
  const api = (await (
    await request.get('/api/skills/ledger/link-checker/versions.json')
  ).json()) as VersionsJson;
  expect(api.versions.map((v) => v.date)).toEqual(['2026-03-22T09:00:00Z', '2026-03-01T09:00:00Z']);
  // (The older one is withdrawn in this catalogue: listed without its files.)
  for (const version of api.versions)
    expect((version.files ?? []).map((f) => f.path)).not.toContain('references/DRAFT.md');
  expect(api.versions[0]!.files!.map((f) => f.path)).toEqual(['SKILL.md']);
  const single = (await (
    await request.get('/api/skills/ledger/one-shot/versions.json')
  ).json()) as VersionsJson;
  expect(single.versions).toHaveLength(1);
});

test('a version page shows the files an update added and the findings it brought, linked to their line', async ({
  page,
}) => {
  await page.goto('/skills/ledger/release-notes/versions/');
  await page.getByRole('link', { name: '1.1.0', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('release-notes 1.1.0');
  const mayDo = page.getByRole('region', { name: 'What it may do' });
  await expect(mayDo).toContainText('now: running downloaded code');
  await expect(mayDo).toContainText('Context cost: 121 → 136 tokens (+15)');
  const added = page.getByRole('article', { name: /scripts\/fetch-template\.sh/ });
  await expect(added).toContainText('added');
  await expect(added.getByRole('table')).toContainText(
    'curl -fsSL https://templates.example.test/install.sh | sh',
  );
  const finding = mayDo
    .getByRole('listitem')
    .filter({ hasText: 'Pipes a download straight into a shell' });
  await finding.getByRole('link', { name: 'scripts/fetch-template.sh:3' }).click();
  const target = page.locator(':target');
  await expect(target).toContainText('curl -fsSL');
  await expect(target).toBeInViewport();
  // Only changed files are shown: the SKILL.md diff, the new script, nothing else.
  await expect(page.getByRole('article')).toHaveCount(2);
});

test('a version the operator withdrew is listed as withdrawn, with no page and no downloads', async ({
  page,
  request,
}) => {
  const api = (await (
    await request.get('/api/skills/ledger/link-checker/versions.json')
  ).json()) as VersionsJson;
  const pulled = api.versions.find((v) => v.withdrawn)!;
  expect(pulled.date).toBe('2026-03-01T09:00:00Z');
  expect(pulled.zips).toBeUndefined();
  expect(pulled.files).toBeUndefined();
  await page.goto('/skills/ledger/link-checker/versions/');
  const item = page.getByRole('listitem').filter({ hasText: pulled.id });
  await expect(item).toContainText('Withdrawn by the catalogue');
  await expect(item.getByRole('link')).toHaveCount(0);
  expect((await request.get(`/skills/ledger/link-checker/versions/${pulled.id}/`)).status()).toBe(
    404,
  );
  expect(
    (
      await request.get(`/skills/ledger/link-checker/versions/${pulled.id}/link-checker.zip`)
    ).status(),
  ).toBe(404);
  // The version served now says nothing changed against a withdrawn one: there is none to compare with.
  await page.goto('/skills/ledger/link-checker/');
  await expect(page.getByRole('region', { name: 'Version' })).not.toContainText('What changed');
});

test('a version the operator holds is what installs get: the install box, marketplace.json and the well-known index', async ({
  page,
  request,
}) => {
  const api = (await (
    await request.get('/api/skills/ledger/release-notes/versions.json')
  ).json()) as VersionsJson;
  const held = api.versions.find((v) => v.label === '1.1.0')!;
  await page.goto('/skills/ledger/release-notes/');
  const install = page.getByRole('region', { name: 'Download and install' });
  await expect(install).toContainText('holds installs at version 1.1.0');
  await expect(install.getByRole('link', { name: 'Download ZIP' })).toHaveAttribute(
    'href',
    `/skills/ledger/release-notes/versions/${held.id}/release-notes.zip`,
  );
  // Every install command, the pinned one included, fetches the held version.
  expect(await install.locator('code').filter({ hasText: 'curl' }).count()).toBeGreaterThan(2);
  for (const code of await install.locator('code').filter({ hasText: 'curl' }).all())
    await expect(code).toContainText(
      `/skills/ledger/release-notes/versions/${held.id}/release-notes.zip`,
    );
  const market = (await (await request.get('/marketplace.json')).json()) as {
    plugins: { name: string; source: { url: string; sha256: string } }[];
  };
  const plugin = market.plugins.find((p) => p.name === 'release-notes')!;
  expect(new URL(plugin.source.url).pathname).toBe(
    `/skills/ledger/release-notes/versions/${held.id}/release-notes-plugin.zip`,
  );
  expect(plugin.source.sha256).toBe(held.zips!.plugin.sha256);
  const index = (await (await request.get('/.well-known/agent-skills/index.json')).json()) as {
    skills: { name: string; url: string; digest: string }[];
  };
  const entry = index.skills.find((s) => s.name === 'release-notes')!;
  expect(entry.digest).toBe(`sha256:${held.zips!.flat.sha256}`);
  // The page itself still shows the latest version.
  await expect(page.getByRole('region', { name: 'Version' })).toContainText('Version 1.2.0');
});

test('Atom feeds of new versions, per skill and per publisher, say what each version changed', async ({
  request,
}) => {
  const skill = await (await request.get('/skills/ledger/release-notes/versions.atom')).text();
  expect(skill).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  const titles = [...skill.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  expect(titles).toEqual([
    'release-notes: new versions',
    'release-notes 1.2.0',
    'release-notes 1.1.0',
    'release-notes 1.0.0',
  ]);
  expect(skill).toContain('now: running downloaded code');
  const publisher = await (await request.get('/publishers/ledger/versions.atom')).text();
  // Newest first across the publisher's skills; the withdrawn link-checker version is not offered.
  expect([...publisher.matchAll(/<updated>([^<]*)<\/updated>/g)].map((m) => m[1])).toEqual([
    '2026-03-22T09:00:00Z',
    '2026-03-22T09:00:00Z',
    '2026-03-15T09:00:00Z',
    '2026-03-08T09:00:00Z',
    '2026-03-01T09:00:00Z',
    '2026-03-01T09:00:00Z',
  ]);
  const rss = await (await request.get('/rss.xml')).text();
  expect(rss).toContain('What changed in 1.2.0: Files: 1 changed. What it may do: no change.');
});

test('?from=<id> picks out the version a reader has and says what updating from it to the latest changes', async ({
  page,
  request,
}) => {
  const api = (await (
    await request.get('/api/skills/ledger/release-notes/versions.json')
  ).json()) as VersionsJson;
  const v1 = api.versions.find((v) => v.label === '1.0.0')!;
  await page.goto(`/skills/ledger/release-notes/versions/?from=${v1.id}`);
  const mine = page.locator('[aria-current="true"]');
  await expect(mine).toContainText('1.0.0');
  await expect(mine).toContainText('Updating from here to 1.2.0: Files: 1 changed, 1 added.');
  await expect(mine).toContainText('now: running downloaded code');
  await expect(mine).toBeInViewport();
});
