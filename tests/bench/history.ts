/**
 * The bench's history mode: turns a written catalogue into a git repository whose three first-parent
 * commits give every skill three versions, the last equal to the catalogue as written (so the same
 * site is built with and without history): v1 has a shorter SKILL.md and no extra files, v2 adds the
 * extra files back, v3 restores the whole SKILL.md.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.test',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.test',
};

function git(dir: string, args: string[], date: string): void {
  execFileSync('git', args, {
    cwd: dir,
    env: { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 1 << 30,
  });
}

function commitAll(dir: string, message: string, date: string): void {
  git(dir, ['add', '-A'], date);
  git(dir, ['commit', '-q', '-m', message], date);
}

/** Writes the three commits in `dir` (the catalogue root holding skills/); returns the skills changed. */
export function writeHistory(dir: string): number {
  rmSync(join(dir, '.git'), { recursive: true, force: true });
  writeFileSync(join(dir, '.gitignore'), '/dist*/\n/floor-out/\n');
  const skills: { folder: string; text: string; extras: string[] }[] = [];
  const root = join(dir, 'skills');
  for (const publisher of readdirSync(root))
    for (const slug of readdirSync(join(root, publisher))) {
      const folder = join(root, publisher, slug);
      if (!existsSync(join(folder, 'SKILL.md'))) continue;
      const extras = readdirSync(folder).filter((name) => name !== 'SKILL.md');
      skills.push({ folder, text: readFileSync(join(folder, 'SKILL.md'), 'utf8'), extras });
    }
  const aside = join(dir, '..', `${join(dir).split('/').pop()!}-history-aside`);
  rmSync(aside, { recursive: true, force: true });
  // v1: the first two thirds of each SKILL.md body, no extra files.
  for (const skill of skills) {
    const lines = skill.text.split('\n');
    writeFileSync(
      join(skill.folder, 'SKILL.md'),
      `${lines.slice(0, Math.ceil((lines.length * 2) / 3)).join('\n')}\n`,
    );
    for (const extra of skill.extras) {
      const target = join(aside, skill.folder.slice(root.length), extra);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(skill.folder, extra), target);
    }
  }
  git(dir, ['init', '-q', '-b', 'main'], '2026-01-01T00:00:00Z');
  // No automatic gc mid-history: it would run (and warn) on a repository of 100,000s of new objects.
  git(dir, ['config', 'gc.auto', '0'], '2026-01-01T00:00:00Z');
  commitAll(dir, 'v1', '2026-01-01T00:00:00Z');
  // v2: the extra files come back.
  for (const skill of skills)
    for (const extra of skill.extras)
      renameSync(join(aside, skill.folder.slice(root.length), extra), join(skill.folder, extra));
  commitAll(dir, 'v2', '2026-02-01T00:00:00Z');
  // v3: the whole SKILL.md, as the catalogue was written.
  for (const skill of skills) writeFileSync(join(skill.folder, 'SKILL.md'), skill.text);
  commitAll(dir, 'v3', '2026-03-01T00:00:00Z');
  rmSync(aside, { recursive: true, force: true });
  return skills.length;
}
