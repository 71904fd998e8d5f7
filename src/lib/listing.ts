import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Finding } from './findings.ts';

/** Where an imported skill came from. */
export interface ListingSource {
  repository?: string | undefined;
  path?: string | undefined;
  commit?: string | undefined;
  commitDate?: string | undefined;
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
  return `${packageDir.replace(/[\\/]+$/, '')}.listing.json`;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[-+]\d{2}:\d{2})?)?$/;

/** Reads a package's sidecar; a missing sidecar is fine, a broken one is reported and ignored. */
export function readListing(packageDir: string): { listing: Listing; findings: Finding[] } {
  const path = listingPath(packageDir);
  const file = `../${basename(path)}`;
  if (!existsSync(path)) return { listing: { featured: false }, findings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { listing: { featured: false }, findings: [{ rule: 'listing-invalid', severity: 'warning', file, message: `The listing sidecar is not valid JSON (${(error as Error).message}); it was ignored.` }] };
  }
  const data = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const findings: Finding[] = [];
  const date = (key: string, value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))) return value;
    findings.push({ rule: 'listing-invalid', severity: 'warning', file, message: `"${key}" in the listing sidecar must be a date like 2026-05-01; it was ignored.` });
    return undefined;
  };
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const source = data['source'] && typeof data['source'] === 'object' ? (data['source'] as Record<string, unknown>) : undefined;
  return {
    listing: {
      featured: data['featured'] === true,
      added: date('added', data['added']),
      updated: date('updated', data['updated']),
      license: text(data['license']),
      importedAt: date('importedAt', data['importedAt']),
      source: source && {
        repository: text(source['repository']),
        path: text(source['path']),
        commit: text(source['commit']),
        commitDate: date('source.commitDate', source['commitDate']),
      },
    },
    findings,
  };
}
