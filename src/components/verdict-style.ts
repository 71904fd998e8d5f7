import type { TrustVerdict } from '../lib/trust/report.ts';

/** Label and badge colours per verdict: one table for the server badge and client-rendered cards. */
export const VERDICT_STYLES: Record<TrustVerdict, { label: string; tone: string }> = {
  'no-concerns': {
    label: 'No concerns',
    tone: 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200',
  },
  review: {
    label: 'Review',
    tone: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200',
  },
  danger: {
    label: 'Danger',
    tone: 'border-red-300 bg-red-50 text-red-800 dark:border-red-700 dark:bg-red-950 dark:text-red-200',
  },
};
