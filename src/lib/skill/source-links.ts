import type { ListingSource } from './listing.ts';
import { trimChars } from '../shared/text.ts';

/** A browsable link to a skill's source folder, for GitHub-style hosts; else the repository URL. */
export function sourceUrl(source: ListingSource | undefined): string | undefined {
  if (!source?.repository) return undefined;
  const repo = bareRepository(source.repository);
  if (!/^https:\/\/(?:github\.com|gitlab\.com|codeberg\.org)\//.test(repo) || !source.path)
    return repo;
  return `${repo}/tree/${source.commit ?? 'HEAD'}/${source.path.split('/').map(encodeURIComponent).join('/')}`;
}

/** "owner/repo" for a repository URL, for compact display. */
export function repositoryLabel(repository: string): string {
  return bareRepository(repository).replace(/^https?:\/\/[^/]+\//, '');
}

/** A repository URL without trailing slashes and `.git` (`…/skills.git/` → `…/skills`). */
function bareRepository(repository: string): string {
  return trimChars(trimChars(repository, '/', 'end').replace(/\.git$/, ''), '/', 'end');
}
