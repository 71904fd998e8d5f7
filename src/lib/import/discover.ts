import { readdirSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isDirectory } from '../package-dirs.ts';

/** A folder holding a skill, found in a source repository. */
export interface DiscoveredSkill {
  /** Absolute path of the folder. */
  dir: string;
  /** POSIX path relative to the source root ('' for a skill at the root). */
  path: string;
  /** `SKILL.md` or the lower-case variant found. */
  skillFile: string;
  /** Paths (relative to this skill) of nested skill folders, which are packages of their own. */
  nested: string[];
}

/** Something discovery passed over, with the reason (symlinked mirrors, dependency folders). */
export interface IgnoredPath {
  path: string;
  reason: string;
}

/** Folders never searched: VCS data and installed dependencies. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv']);

const toPosix = (path: string): string => path.split(sep).join('/');

/**
 * Finds every folder holding a SKILL.md (or skill.md) under `root`, at any depth and in hidden
 * folders. Symlinked folders are not followed (mirror trees such as `.codex/skills → ../skills`
 * would import everything twice); they are reported instead.
 */
export function discoverSkills(root: string): { skills: DiscoveredSkill[]; ignored: IgnoredPath[] } {
  const found: DiscoveredSkill[] = [];
  const ignored: IgnoredPath[] = [];
  const realRoot = realpathSync(root);
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const skillFile = entries.find((e) => e.name === 'SKILL.md')?.name ?? entries.find((e) => e.name.toLowerCase() === 'skill.md')?.name;
    if (skillFile) found.push({ dir, path: toPosix(relative(root, dir)), skillFile, nested: [] });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(path);
        } catch {
          continue; // dangling: the package reader reports it if it matters
        }
        if (isDirectory(target)) {
          const inside = target === realRoot || target.startsWith(realRoot + sep);
          ignored.push({ path: toPosix(relative(root, path)), reason: inside ? `symlinked folder (mirror of ${toPosix(relative(realRoot, target)) || '.'}); not followed, so nothing is imported twice` : 'symlinked folder pointing outside the repository; not followed' });
        }
        continue;
      }
      if (!entry.isDirectory()) continue;
      if (SKIP_DIRS.has(entry.name)) {
        if (entry.name === 'node_modules' || entry.name === '.venv' || entry.name === 'venv') ignored.push({ path: toPosix(relative(root, path)), reason: 'dependency folder; not searched' });
        continue;
      }
      walk(path);
    }
  };
  walk(root);
  // A skill inside another skill is its own package: record it so the outer one leaves it out.
  for (const outer of found) {
    const prefix = outer.path === '' ? '' : `${outer.path}/`;
    outer.nested = found.filter((inner) => inner !== outer && inner.path.startsWith(prefix) && inner.path !== outer.path).map((inner) => inner.path.slice(prefix.length));
  }
  return { skills: found, ignored };
}
