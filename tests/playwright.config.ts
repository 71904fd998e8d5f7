import { defineConfig, devices } from '@playwright/test';

const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const serve = (dir: string, port: number) => ({
  command: `node tests/support/serve.ts ${dir} ${port}`,
  url: `http://127.0.0.1:${port}/`,
  cwd: '..',
  reuseExistingServer: !process.env['CI'],
  timeout: 30_000,
});

/** e2e tests run against built fixture catalogues: `dist-site/` (tests/fixtures/site), `dist-fixtures/` (messy and hostile packages) and `dist-versions/` (a catalogue with a git history). */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'site', testMatch: /site\/.*\.spec\.ts/, use: { baseURL: 'http://127.0.0.1:4321' } },
    {
      name: 'fixtures',
      testMatch: /fixtures\/.*\.spec\.ts/,
      use: { baseURL: 'http://127.0.0.1:4322' },
    },
    {
      name: 'versions',
      testMatch: /versions\/.*\.spec\.ts/,
      use: { baseURL: 'http://127.0.0.1:4323' },
    },
  ],
  webServer: [serve('dist-site', 4321), serve('dist-fixtures', 4322), serve('dist-versions', 4323)],
});
