import { remove as removeConfusables } from 'confusables';

// Characters that render as nothing (or only steer layout): ZWSP/ZWNJ/ZWJ, word joiner, BOM, soft
// hyphen, variation selectors, tag characters, bidi controls (all in Default_Ignorable_Code_Point,
// the last also as Bidi_Control for the few outside it, such as U+061C).
const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu;

// Case folding beyond toLowerCase(): the sharp s folds to "ss" (the confusables table would turn it
// into "B"), final sigma to sigma.
const FOLD: Record<string, string> = { ß: 'ss', ẞ: 'ss', ς: 'σ' };
const FOLDABLE = /[ßẞς]/gu;

// Latin lookalikes the confusables table keeps apart but a reader does not. Case is folded before
// these, so capital I and small l can only be told apart by mapping i, l and 1 together.
const LOOKALIKES: [RegExp, string][] = [
  [/[il1]/g, 'l'],
  [/0/g, 'o'],
  [/rn/g, 'm'],
  [/vv/g, 'w'],
];

/**
 * The confusable skeleton of a display name: two names with the same skeleton look alike to a
 * reader, whatever the script, width, case, accents, invisible characters, spacing or symbols.
 */
export function skeleton(text: string): string {
  let s = text.replace(IGNORABLE, '').normalize('NFKC').replace(IGNORABLE, '');
  s = s.replace(FOLDABLE, (c) => FOLD[c] ?? c);
  // Map confusables before lowering case: Greek capital Ν looks like N, its small ν like v.
  s = removeConfusables(s);
  // Accents: decompose and drop every combining mark, so é, e + U+0301 and e all meet.
  s = s.normalize('NFKD').replace(/\p{M}/gu, '');
  s = s.toLowerCase().replace(FOLDABLE, (c) => FOLD[c] ?? c);
  // Again after lowering: the table maps some characters to capitals (fullwidth ｗ → W) and some
  // small letters only appear once lowered.
  s = removeConfusables(s).toLowerCase().normalize('NFKC');
  // Separators, punctuation, symbols and emoji are dropped, not kept as spaces: "NorthwindLabs",
  // "Northwind\u200bLabs" and "Northwind-Labs" all read as "Northwind Labs".
  s = s.replace(/[^\p{L}\p{N}]+/gu, '');
  for (const [pattern, replacement] of LOOKALIKES) s = s.replace(pattern, replacement);
  return s;
}
