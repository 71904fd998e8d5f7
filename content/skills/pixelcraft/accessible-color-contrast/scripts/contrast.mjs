#!/usr/bin/env node
// WCAG 2.x contrast checker with a "nearest passing colour" suggestion.
//
// Usage:
//   node contrast.mjs <foreground> <background> [--large] [--ui] [--aaa]
//   node contrast.mjs --pairs pairs.json            # [{ "name", "fg", "bg", "large"?, "ui"? }]
//
// Colours: #rgb, #rrggbb, rgb(r, g, b). Exit code 1 if any pair fails.

import { readFileSync } from "node:fs";

const NAMED = { white: "#ffffff", black: "#000000" };

export function parseColor(input) {
  const raw = String(input).trim().toLowerCase();
  const s = NAMED[raw] ?? raw;
  let m = s.match(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/);
  if (m) {
    let hex = m[1];
    if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  m = s.match(/^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})/);
  if (m) return m.slice(1, 4).map((v) => Math.min(255, Number(v)));
  throw new Error(`Unsupported colour: ${input}`);
}

const toHex = (rgb) => "#" + rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

// Relative luminance as defined by WCAG 2.x (sRGB).
export function luminance([r, g, b]) {
  const lin = (c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(fg, bg) {
  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

export function requiredRatio({ large = false, ui = false, aaa = false } = {}) {
  if (ui) return 3; // non-text contrast (1.4.11) has no AAA level
  if (aaa) return large ? 4.5 : 7;
  return large ? 3 : 4.5;
}

// Move the foreground towards black or white until it passes, keeping hue.
export function suggest(fg, bg, target) {
  const candidates = [];
  for (const end of [[0, 0, 0], [255, 255, 255]]) {
    for (let t = 0; t <= 1.0001; t += 0.01) {
      const mixed = fg.map((c, i) => c + (end[i] - c) * t).map(Math.round);
      if (contrastRatio(mixed, bg) >= target) {
        candidates.push({ color: mixed, distance: t });
        break;
      }
    }
  }
  candidates.sort((a, b) => a.distance - b.distance);
  return candidates[0]?.color ?? null;
}

function check({ name, fg, bg, large, ui, aaa }) {
  const f = parseColor(fg);
  const b = parseColor(bg);
  const ratio = contrastRatio(f, b);
  const need = requiredRatio({ large, ui, aaa });
  const pass = ratio + 1e-9 >= need;
  const fix = pass ? null : suggest(f, b, need);
  return { name: name ?? `${fg} on ${bg}`, fg: toHex(f), bg: toHex(b), ratio: Math.floor(ratio * 100) / 100, need, pass, suggestion: fix && toHex(fix) };
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const args = argv.filter((a) => !a.startsWith("--"));
  let pairs;
  if (flags.has("--pairs")) {
    pairs = JSON.parse(readFileSync(args[0], "utf8"));
  } else if (args.length === 2) {
    pairs = [{ fg: args[0], bg: args[1], large: flags.has("--large"), ui: flags.has("--ui"), aaa: flags.has("--aaa") }];
  } else {
    console.error("usage: node contrast.mjs <fg> <bg> [--large] [--ui] [--aaa] | --pairs file.json");
    return 2;
  }
  let failures = 0;
  for (const pair of pairs) {
    let r;
    try {
      r = check(pair);
    } catch (err) {
      console.error(`ERROR ${pair.name ?? ""} ${err.message}`);
      return 2;
    }
    if (!r.pass) failures++;
    const hint = r.suggestion ? `  try ${r.suggestion}` : "";
    console.log(`${r.pass ? "PASS" : "FAIL"}  ${r.ratio.toFixed(2)}:1 (needs ${r.need}:1)  ${r.name}${hint}`);
  }
  return failures ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
