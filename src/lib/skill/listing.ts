import type { Finding } from './findings.ts';
import { trimChars } from '../shared/text.ts';

/** Where an imported skill came from. */
export interface ListingSource {
  repository?: string | undefined;
  path?: string | undefined;
  commit?: string | undefined;
  commitDate?: string | undefined;
  /** Manifest digest of the package as imported, when it was the upstream tree at `commit` exactly. */
  manifest?: string | undefined;
  /** Imported from a local folder that is not a published repository (its path is never recorded). */
  local?: boolean | undefined;
}

/** Marketplace-only facts about a skill, kept in a sidecar beside (never inside) the package. */
export interface Listing {
  featured: boolean;
  added?: string | undefined;
  updated?: string | undefined;
  license?: string | undefined;
  importedAt?: string | undefined;
  source?: ListingSource | undefined;
}

/** The sidecar path for a package folder: `content/skills/<publisher>/<skill>.listing.json`. */
export function listingPath(packageDir: string): string {
  return `${trimChars(packageDir, '/\\', 'end')}.listing.json`;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[-+]\d{2}:\d{2})?)?$/;

/** Only web links are kept from content: anything else (javascript:, data:, file:) is dropped. */
export function safeWebUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Parses sidecar text; `file` names it in findings. Unknown or malformed fields are reported and ignored. */
export function parseListing(
  json: string | undefined,
  file: string,
): { listing: Listing; findings: Finding[] } {
  if (json === undefined) return { listing: { featured: false }, findings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return {
      listing: { featured: false },
      findings: [
        {
          rule: 'listing-invalid',
          severity: 'warning',
          file,
          message: `The listing sidecar is not valid JSON (${(error as Error).message}); it was ignored.`,
        },
      ],
    };
  }
  const data = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const findings: Finding[] = [];
  const date = (key: string, value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)))
      return value;
    findings.push({
      rule: 'listing-invalid',
      severity: 'warning',
      file,
      message: `"${key}" in the listing sidecar must be a date like 2026-05-01; it was ignored.`,
    });
    return undefined;
  };
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() ? value.trim() : undefined;
  const source =
    data['source'] && typeof data['source'] === 'object'
      ? (data['source'] as Record<string, unknown>)
      : undefined;
  return {
    listing: {
      featured: data['featured'] === true,
      added: date('added', data['added']),
      updated: date('updated', data['updated']),
      license: text(data['license']),
      importedAt: date('importedAt', data['importedAt']),
      source: source && {
        ...(isLocalSource(text(source['repository'])) ? { local: true } : {}),
        repository: isLocalSource(text(source['repository']))
          ? undefined
          : repositoryUrl(text(source['repository']), findings, file),
        path: text(source['path']),
        commit: text(source['commit']),
        commitDate: date('source.commitDate', source['commitDate']),
        ...(/^[0-9a-f]{64}$/.test(text(source['manifest']) ?? '')
          ? { manifest: text(source['manifest']) }
          : {}),
      },
    },
    findings,
  };
}

/** The importer's id for a local folder (`local:<hash of its path>`): no address to show or link. */
export const LOCAL_SOURCE_PREFIX = 'local:';
const isLocalSource = (value: string | undefined): boolean =>
  value?.startsWith(LOCAL_SOURCE_PREFIX) ?? false;

function repositoryUrl(
  value: string | undefined,
  findings: Finding[],
  file: string,
): string | undefined {
  const url = safeWebUrl(value);
  if (value && !url)
    findings.push({
      rule: 'listing-invalid',
      severity: 'warning',
      file,
      message:
        '"source.repository" in the listing sidecar must be an http(s) address; it was ignored.',
    });
  return url;
}
