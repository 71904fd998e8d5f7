import type { ListingSource } from './listing.ts';
import { trimChars } from '../shared/text.ts';

/** A browsable link to a skill's source folder, for GitHub-style hosts; else the repository URL. */
export function sourceUrl(source: ListingSource | undefined): string | undefined {
  if (!source?.repository) return undefined;
  const repo = trimChars(source.repository.replace(/\.git$/, ''), '/', 'end');
  if (!/^https:\/\/(?:github\.com|gitlab\.com|codeberg\.org)\//.test(repo) || !source.path)
    return repo;
  return `${repo}/tree/${source.commit ?? 'HEAD'}/${source.path.split('/').map(encodeURIComponent).join('/')}`;
}

/** "owner/repo" for a repository URL, for compact display. */
export function repositoryLabel(repository: string): string {
  return trimChars(repository.replace(/^https?:\/\/[^/]+\//, '').replace(/\.git$/, ''), '/', 'end');
}
