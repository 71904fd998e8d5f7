/**
 * Claude Code's own validator (`claude plugin validate`, the npm package @anthropic-ai/claude-code,
 * offline and without login) over the fixture build's marketplace.json and every plugin download.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { requireBuild } from '../support/require-build.ts';

const root = requireBuild('dist-fixtures');
const CLAUDE = join(process.cwd(), 'node_modules', '.bin', 'claude');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'skillshelf-claude-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Report {
  success: boolean;
  manifest?: { type: string; errors: { path: string; message: string }[] };
}

/** Runs the validator with a throwaway home and no network traffic; returns its JSON report. */
async function validate(path: string): Promise<Report> {
  const home = mkdtempSync(join(work, 'home-'));
  const result = await run(CLAUDE, ['plugin', 'validate', '--json', path], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      TERM: 'dumb',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_TELEMETRY: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    },
    timeout: 60_000,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(result.stdout) as Report;
}

const fileFor = (url: string): string => join(root, decodeURIComponent(new URL(url).pathname));

describe('Claude Code accepts what the site publishes', () => {
  test('marketplace.json, as deployed (the local preview origin swapped for an https one)', async () => {
    // Claude Code refuses archive URLs that are not https or point at loopback: a local preview's
    // http://localhost addresses. The deployed file differs only in that origin.
    const text = readFileSync(join(root, 'marketplace.json'), 'utf8').replaceAll(
      'http://localhost:4321/',
      'https://skills.example.com/',
    );
    const file = join(work, 'market', '.claude-plugin', 'marketplace.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const report = await validate(file);
    assert.equal(report.manifest?.type, 'marketplace');
    assert.deepEqual(report.manifest?.errors, []);
    assert.equal(report.success, true);
  });

  test('plugin downloads, unpacked, are valid plugins (Agent Plugins manifest beside them)', async () => {
    const market = JSON.parse(readFileSync(join(root, 'marketplace.json'), 'utf8')) as {
      plugins: { name: string; source: { url: string } }[];
    };
    assert.ok(market.plugins.length > 10);
    // Every third plugin (about a second each): the edge and hostile packages are spread through the list.
    const queue = market.plugins.filter((_, index) => index % 3 === 0);
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      for (let plugin = queue.shift(); plugin; plugin = queue.shift()) {
        const dir = join(work, 'plugins', plugin.name);
        for (const [path, bytes] of Object.entries(unzipSync(readFileSync(fileFor(plugin.source.url))))) {
          if (path.endsWith('/')) continue;
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), bytes);
        }
        const report = await validate(dir);
        if (!report.success || report.manifest?.errors.length)
          failures.push(`${plugin.name}: ${JSON.stringify(report.manifest?.errors)}`);
      }
    };
    await Promise.all([worker(), worker()]);
    assert.deepEqual(failures, []);
  });
});
