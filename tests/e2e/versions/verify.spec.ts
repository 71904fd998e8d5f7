import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';

interface Version {
  id: string;
  label?: string;
  zips?: Record<'folder' | 'flat' | 'plugin', { url: string }>;
}

async function versions(request: APIRequestContext): Promise<Version[]> {
  const api = (await (
    await request.get('/api/skills/ledger/release-notes/versions.json')
  ).json()) as { versions: Version[] };
  return api.versions;
}

/** Unpacks a version's folder archive into a new folder, changing SKILL.md with `edit`; returns the skill folder. */
async function copyOf(
  request: APIRequestContext,
  label: string,
  edit: (text: string) => string = (text) => text,
): Promise<string> {
  const version = (await versions(request)).find((v) => v.label === label)!;
  const zip = await (await request.get(new URL(version.zips!.folder.url).pathname)).body();
  const root = mkdtempSync(join(tmpdir(), 'skillshelf-copy-'));
  for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    if (path.endsWith('/')) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(
      join(root, path),
      path.endsWith('SKILL.md') ? edit(new TextDecoder().decode(bytes)) : bytes,
    );
  }
  return join(root, 'release-notes');
}

async function checkFolder(page: Page, folder: string): Promise<ReturnType<Page['locator']>> {
  await page.goto('/verify/');
  await page.locator('[data-folder]').setInputFiles(folder);
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toHaveAttribute('aria-busy', 'false');
  return result;
}

test('an untouched old copy: which version, how far behind, and what updating it would change', async ({
  page,
  request,
}) => {
  const result = await checkFolder(page, await copyOf(request, '1.0.0'));
  await expect(result.getByRole('heading', { level: 2 })).toContainText(
    'This is ledger/release-notes 1.0.0',
  );
  await expect(result).toContainText('2 versions behind the latest, 1.2.0');
  await expect(result).toContainText('Unmodified: every file is the published one.');
  await expect(result).toContainText('Updating to 1.2.0');
  await expect(result).toContainText('now: running downloaded code');
  await expect(result).toContainText('new scripts scripts/fetch-template.sh');
  await expect(result).toContainText('Pipes a download straight into a shell');
});

test('a copy with one edited file says which; a copy sharing no file with any version is not claimed', async ({
  page,
  request,
}) => {
  const result = await checkFolder(
    page,
    await copyOf(request, '1.2.0', (text) => `${text}\nMy own note.\n`),
  );
  // Its script is the published one: the copy is matched by it, and SKILL.md is reported.
  await expect(result).toContainText('This is ledger/release-notes 1.2.0');
  await expect(result).toContainText('Modified: SKILL.md');
  await expect(result).not.toContainText('Unmodified');
  const alone = await checkFolder(
    page,
    await copyOf(request, '1.0.0', (text) => `${text}\nMy own note.\n`),
  );
  await expect(alone).toContainText('No skill in this catalogue shipped any of these files.');
});

test('a Windows checkout (CRLF) and a copy installed by gh skill count as unmodified', async ({
  page,
  request,
}) => {
  const crlf = await checkFolder(
    page,
    await copyOf(request, '1.2.0', (text) => text.replace(/\n/g, '\r\n')),
  );
  await expect(crlf).toContainText('It is the latest version.');
  await expect(crlf).toContainText('Unmodified, apart from line endings.');
  await expect(crlf).toContainText('Line endings differ only (CRLF): SKILL.md');
  const gh = await checkFolder(
    page,
    await copyOf(request, '1.2.0', (text) =>
      text.replace(
        'metadata:\n',
        'metadata:\n  github-repo: ledger/skills\n  github-path: skills/release-notes\n  github-ref: v1.2.0\n  github-tree-sha: 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n',
      ),
    ),
  );
  await expect(gh).toContainText('This is ledger/release-notes 1.2.0');
  await expect(gh).toContainText('Unmodified: every file is the published one.');
  await expect(gh).toContainText('gh skill install');
});

test('a ZIP in the plugin layout is recognised too', async ({ page, request }) => {
  const latest = (await versions(request))[0]!;
  const zip = await (await request.get(new URL(latest.zips!.plugin.url).pathname)).body();
  const file = join(mkdtempSync(join(tmpdir(), 'skillshelf-zip-')), 'release-notes-plugin.zip');
  writeFileSync(file, zip);
  await page.goto('/verify/');
  await page.locator('[data-zip]').setInputFiles(file);
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toContainText('This is ledger/release-notes 1.2.0');
  await expect(result).toContainText('It is the latest version.');
});
