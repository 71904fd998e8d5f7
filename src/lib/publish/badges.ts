import type { TrustCoverage, TrustVerdict } from '../trust/report.ts';
import { escapeHtml } from '../shared/html-entities.ts';

/**
 * README badges as static SVG: two coloured halves (label, message), white text on solid fills so a
 * badge reads the same on light and dark READMEs; no script, no external reference, valid XML. Text
 * widths are estimated from Verdana 11px advance widths (what shields.io badges use), so a badge
 * never clips its text.
 */

/** A badge's content and colour. */
export interface Badge {
  label: string;
  message: string;
  /** Message background, a hex colour with enough contrast for white text (≥ 4.5:1). */
  color: string;
}

/** Colours per verdict: white text on each has a contrast ratio over 4.5:1. */
export const BADGE_COLORS = {
  'no-concerns': '#1b7a3a',
  review: '#8a5300',
  danger: '#b3261e',
  neutral: '#445566',
  label: '#3f3f46',
  brand: '#0f6b5c',
} as const;

const VERDICT_WORDS: Record<TrustVerdict, string> = {
  'no-concerns': 'no concerns',
  review: 'review',
  danger: 'danger',
};

/** The trust badge of a skill: its name, and the verdict (with "partial scan" when it is). */
export function trustBadge(name: string, verdict: TrustVerdict, coverage: TrustCoverage): Badge {
  return {
    label: shorten(name, 40),
    message: `${VERDICT_WORDS[verdict]}${coverage === 'partial' ? ' (partial scan)' : ''}`,
    color: BADGE_COLORS[verdict],
  };
}

/** The "loads in" badge: how many of the known clients load the skill. */
export function loadsBadge(loads: number, total: number): Badge {
  return {
    label: 'loads in',
    message: `${loads} of ${total} clients`,
    color:
      loads === total
        ? BADGE_COLORS['no-concerns']
        : loads === 0
          ? BADGE_COLORS.danger
          : BADGE_COLORS.neutral,
  };
}

/** A publisher's badge: the publisher's name and how many skills the site lists. */
export function publisherBadge(name: string, skills: number, siteName: string): Badge {
  return {
    label: shorten(name, 40),
    message: `${skills.toLocaleString('en-US')} ${skills === 1 ? 'skill' : 'skills'} on ${shorten(siteName, 30)}`,
    color: BADGE_COLORS.brand,
  };
}

/** shields.io's endpoint format (`https://img.shields.io/endpoint?url=…`). */
export function shieldsEndpoint(badge: Badge): object {
  return {
    schemaVersion: 1,
    label: badge.label,
    message: badge.message,
    color: badge.color.slice(1),
  };
}

// Verdana 11px advance widths (px, ×10) for printable ASCII from space (32) to tilde (126).
const WIDTHS = [
  38, 39, 46, 82, 64, 109, 73, 27, 45, 45, 64, 82, 37, 45, 37, 45, 64, 64, 64, 64, 64, 64, 64, 64,
  64, 64, 45, 45, 82, 82, 82, 55, 100, 68, 69, 70, 77, 63, 58, 78, 75, 42, 45, 69, 56, 84, 75, 79,
  60, 79, 70, 68, 62, 73, 68, 99, 69, 62, 69, 45, 45, 45, 82, 64, 64, 60, 62, 52, 62, 60, 35, 62,
  63, 27, 34, 59, 27, 97, 63, 61, 62, 62, 43, 52, 39, 63, 59, 82, 59, 59, 53, 64, 45, 64, 82,
];

/** Estimated width of text in Verdana 11px; characters outside ASCII count as wide. */
export function textWidth(text: string): number {
  let tenths = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    tenths += code >= 32 && code <= 126 ? WIDTHS[code - 32]! : 110;
  }
  return Math.ceil(tenths / 10);
}

/** The badge as a standalone SVG document. */
export function badgeSvg(badge: Badge): string {
  const pad = 6;
  const left = textWidth(badge.label) + pad * 2;
  const right = textWidth(badge.message) + pad * 2;
  const width = left + right;
  const label = escapeHtml(badge.label);
  const message = escapeHtml(badge.message);
  const title = `${label}: ${message}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="${BADGE_COLORS.label}"/><rect x="${left}" width="${right}" height="20" fill="${badge.color}"/></g>`,
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">`,
    `<text x="${left / 2}" y="14">${label}</text>`,
    `<text x="${left + right / 2}" y="14">${message}</text>`,
    `</g></svg>`,
    '',
  ].join('\n');
}

/** A Markdown image linking to `href`, for a README. */
export function badgeMarkdown(alt: string, image: string, href: string): string {
  const text = alt.replace(/[[\]\\]/g, (c) => `\\${c}`);
  return `[![${text}](${encodeURI(decodeURI(image))})](${encodeURI(decodeURI(href))})`;
}

function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
