/**
 * `npm test`: runs every stage in order, stops at the first failure, and prints how long each took
 * (the suite must stay under ~10 minutes on two cores; this says where the time goes).
 * Usage: node tests/support/run-stages.ts [stage …] — by default every stage.
 */
import { spawnSync } from 'node:child_process';

const STAGES: [name: string, command: string][] = [
  // Type check first: it syncs Astro's generated types, which typed lint reads.
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['unit', 'npm run test:unit'],
  ['chromium', 'bash tests/support/ensure-chromium.sh'],
  ['build content/ (smoke)', 'npm run build:preview'],
  ['build site fixture', 'npm run build:site'],
  ['build hostile fixtures', 'npm run build:fixtures'],
  ['build fixtures, other time zone', 'npm run build:fixtures:tz'],
  ['build versions fixture (a git history)', 'npm run build:versions'],
  ['dist checks', 'npm run test:dist'],
  ['base path (build under /shelf/)', 'npm run test:base'],
  ['build in parts (two parts and a merge = one build)', 'npm run test:parts'],
  ['e2e (Chromium)', 'npx playwright test -c tests/playwright.config.ts'],
];

const wanted = process.argv.slice(2);
const timings: [string, number, boolean][] = [];
const report = (): void => {
  const width = Math.max(...timings.map(([name]) => name.length));
  console.log('\nStage timings:');
  for (const [name, ms, ok] of timings)
    console.log(
      `  ${ok ? '✓' : '✗'} ${name.padEnd(width)}  ${(ms / 1000).toFixed(1).padStart(6)} s`,
    );
  console.log(
    `  total ${''.padEnd(width - 4)}  ${(timings.reduce((sum, [, ms]) => sum + ms, 0) / 1000).toFixed(1).padStart(6)} s`,
  );
};
for (const [name, command] of STAGES) {
  if (wanted.length && !wanted.some((w) => name.startsWith(w))) continue;
  console.log(`\n▶ ${name}: ${command}`);
  const started = performance.now();
  const run = spawnSync(command, { shell: true, stdio: 'inherit' });
  const ok = run.status === 0;
  timings.push([name, performance.now() - started, ok]);
  if (!ok) {
    report();
    process.exit(run.status ?? 1);
  }
}
report();
