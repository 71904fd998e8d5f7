import type { TrustCoverage, TrustVerdict } from '../lib/trust/report.ts';

/** What a skill card shows: built from a skill record on the server and from a Pagefind card record in the browser. */
export interface CardView {
  url: string;
  name: string;
  publisher: { name: string; url: string };
  description: string;
  tags: readonly { slug: string; label: string }[];
  updated: string;
  fileCount: number;
  verdict: TrustVerdict;
  coverage: TrustCoverage;
  errors: number;
  warnings: number;
}

/** The spec-check note a card shows: its errors, else its warnings, else none. */
export function cardNote(
  view: Pick<CardView, 'errors' | 'warnings'>,
): 'errors' | 'warnings' | null {
  return view.errors > 0 ? 'errors' : view.warnings > 0 ? 'warnings' : null;
}

/** The id of the `<template>` of a trust badge (one per verdict and coverage, see TrustBadge.astro). */
export function trustBadgeTemplateId(verdict: TrustVerdict, coverage: TrustCoverage): string {
  return `trust-badge-template-${verdict}-${coverage}`;
}
