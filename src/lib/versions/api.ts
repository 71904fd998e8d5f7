import { versionArchiveUrl } from '../shared/urls.ts';
import type { VersionSummary } from './version.ts';

/** A version as the pages and the API know it: its summary, when and where it was committed, and whether it is served today. */
export interface ListedVersion extends VersionSummary {
  seen: { commit: string; date: string }[];
  current: boolean;
  /** Pulled by the operator (site.json `withdrawn`): listed, never offered. */
  withdrawn?: boolean | undefined;
}

/** True for a version the site offers: neither withheld by the rules nor withdrawn by the operator. */
export function isOffered(version: Pick<ListedVersion, 'withheld' | 'withdrawn'>): boolean {
  return !version.withheld && !version.withdrawn;
}

/** The date a version was last reached (ISO), or undefined when it is not committed yet. */
export function versionDate(version: Pick<ListedVersion, 'seen'>): string | undefined {
  return version.seen.at(-1)?.date;
}

/**
 * `/api/skills/<publisher>/<skill>/versions.json`: every kept version, newest first, with its files
 * and digests, what it may do, its context cost and its immutable archives.
 */
export function versionsDocument(
  skill: { id: string; publisher: string; slug: string },
  versions: readonly ListedVersion[],
  origin: string,
): object {
  return {
    skill: skill.id,
    versions: versions.map((version) => {
      const zip = (layout: 'folder' | 'root' | 'plugin'): object => ({
        url: new URL(
          versionArchiveUrl(skill.publisher, skill.slug, version.id, version.archiveName, layout),
          origin,
        ).href,
        sha256: version.archives[layout].sha256,
        size: version.archives[layout].size,
      });
      const latest = version.seen.at(-1);
      return {
        id: version.id,
        ...(version.label ? { label: version.label } : {}),
        date: latest?.date ?? null,
        commit: latest?.commit ?? null,
        ...(version.seen.length > 1 ? { alsoAt: version.seen.slice(0, -1) } : {}),
        current: version.current,
        ...(version.withdrawn
          ? { withdrawn: true }
          : version.withheld
            ? { withheld: version.withheld }
            : {
                manifest: version.manifest,
                verdict: version.trust.verdict,
                coverage: version.trust.coverage,
                tokens: version.trust.tokens,
                allowedTools: version.trust.allowedTools,
                scripts: version.trust.scripts,
                findings: version.trust.findings,
                files: version.files,
                zips: { folder: zip('folder'), flat: zip('root'), plugin: zip('plugin') },
              }),
      };
    }),
  };
}
