#!/usr/bin/env node
// Tiny, dependency-free micro-benchmark runner for Node 20+.
//
// Usage:
//   node bench.mjs ./cases.mjs                 # run all cases, print a table
//   node bench.mjs ./cases.mjs --json > a.json # save results
//   node bench.mjs ./cases.mjs --baseline a.json  # compare with saved results
//
// The cases module must export an object of functions:
//   export const cases = { "JSON.parse": () => JSON.parse(s), ... };
// A case may return a value; it is kept in a sink so the JIT cannot drop it.
// Options: --samples N (default 15), --sample-ms N (default 100), --filter TEXT

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    samples: { type: "string", default: "15" },
    "sample-ms": { type: "string", default: "100" },
    filter: { type: "string" },
    json: { type: "boolean", default: false },
    baseline: { type: "string" },
  },
});

if (positionals.length !== 1) {
  console.error("usage: node bench.mjs <cases.mjs> [--samples N] [--sample-ms N] [--filter TEXT] [--json] [--baseline file.json]");
  process.exit(2);
}

const mod = await import(pathToFileURL(resolve(positionals[0])).href);
const cases = mod.cases ?? mod.default;
if (!cases || typeof cases !== "object") {
  console.error("cases module must export `cases` (or a default object) of functions");
  process.exit(2);
}

const SAMPLES = Number(values.samples);
const SAMPLE_NS = BigInt(Number(values["sample-ms"]) * 1e6);
let sink; // results are stored here so the optimiser cannot eliminate work

function timeLoop(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = fn();
  return process.hrtime.bigint() - start;
}

function calibrate(fn) {
  // Double the iteration count until one batch takes at least the sample time.
  let n = 1;
  for (;;) {
    const elapsed = timeLoop(fn, n);
    if (elapsed >= SAMPLE_NS || n >= 2 ** 30) return n;
    n *= elapsed < SAMPLE_NS / 10n ? 10 : 2;
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function run(name, fn) {
  for (let i = 0; i < 3; i++) timeLoop(fn, 1000); // warm up the JIT
  const iterations = calibrate(fn);
  const perOp = [];
  for (let s = 0; s < SAMPLES; s++) {
    perOp.push(Number(timeLoop(fn, iterations)) / iterations);
  }
  perOp.sort((a, b) => a - b);
  const median = quantile(perOp, 0.5);
  const deviations = perOp.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  return {
    name,
    iterations,
    medianNs: median,
    p95Ns: quantile(perOp, 0.95),
    madPct: (quantile(deviations, 0.5) / median) * 100,
    opsPerSec: 1e9 / median,
  };
}

const fmtNs = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`;

const results = [];
for (const [name, fn] of Object.entries(cases)) {
  if (values.filter && !name.includes(values.filter)) continue;
  if (typeof fn !== "function") continue;
  results.push(run(name, fn));
  if (!values.json) process.stderr.write(".");
}
if (!values.json) process.stderr.write("\n");

if (values.json) {
  console.log(JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2));
  process.exit(0);
}

const baseline = values.baseline
  ? new Map(JSON.parse(readFileSync(values.baseline, "utf8")).results.map((r) => [r.name, r]))
  : null;
const fastest = Math.min(...results.map((r) => r.medianNs));
const rows = results.map((r) => {
  const row = {
    case: r.name,
    median: fmtNs(r.medianNs),
    p95: fmtNs(r.p95Ns),
    "±mad": `${r.madPct.toFixed(1)}%`,
    "ops/s": Math.round(r.opsPerSec).toLocaleString("en-US"),
    relative: `${(r.medianNs / fastest).toFixed(2)}x`,
  };
  const base = baseline?.get(r.name);
  if (base) {
    const change = ((r.medianNs - base.medianNs) / base.medianNs) * 100;
    const noise = Math.max(r.madPct, base.madPct) * 2;
    row["vs baseline"] = `${change >= 0 ? "+" : ""}${change.toFixed(1)}%` +
      (Math.abs(change) <= noise ? " (noise)" : change > 0 ? " SLOWER" : " faster");
  }
  return row;
});
console.log(`node ${process.version}, ${SAMPLES} samples of ~${values["sample-ms"]} ms each`);
console.table(rows);
void sink;
