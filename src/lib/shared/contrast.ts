/** WCAG 2 contrast of colours written as `#rgb` or `#rrggbb`. Browser-safe. */

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex2 = (n: number): string => Math.round(n).toString(16).padStart(2, '0').toUpperCase();

/**
 * `fg`, moved towards black on a light background or white on a dark one by the smallest step that
 * reaches `min` contrast against `bg` (4.5:1, WCAG AA for text); unchanged when it already does.
 */
export function readableOn(fg: string, bg: string, min = 4.5): string {
  if (contrastRatio(fg, bg) >= min) return fg.toUpperCase();
  const target = luminance(bg) > 0.18 ? 0 : 255;
  const from = channels(fg);
  for (let step = 1; step <= 100; step += 1) {
    const t = step / 100;
    const mixed = `#${from.map((c) => hex2(c + (target - c) * t)).join('')}`;
    if (contrastRatio(mixed, bg) >= min) return mixed;
  }
  return target === 0 ? '#000000' : '#FFFFFF';
}
