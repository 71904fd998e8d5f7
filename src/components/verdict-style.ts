import type { TrustVerdict } from '../lib/trust/report.ts';

/** Label and badge colour class (global.css) per verdict: one table for the server badge and client-rendered cards. */
export const VERDICT_STYLES: Record<TrustVerdict, { label: string; tone: string }> = {
  'no-concerns': {
    label: 'No concerns',
    tone: 'badge-ok',
  },
  review: {
    label: 'Review',
    tone: 'badge-review',
  },
  danger: {
    label: 'Danger',
    tone: 'badge-danger',
  },
};
