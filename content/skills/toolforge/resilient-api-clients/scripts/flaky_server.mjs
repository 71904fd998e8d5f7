#!/usr/bin/env node
// A deliberately unreliable HTTP API for testing client retry logic locally.
//
//   node flaky_server.mjs [--port 8787] [--fail-rate 0.3] [--rate-limit 5]
//                         [--slow-rate 0.1] [--slow-ms 3000] [--reset-rate 0.05]
//                         [--seed 42]
//
// Endpoints
//   GET  /items            -> 200 JSON list (subject to injected faults)
//   POST /orders           -> 201 JSON order; honours the Idempotency-Key header
//   GET  /__stats          -> counters: requests, faults injected, duplicate orders
//   POST /__reset          -> clear counters and stored orders
//
// Faults: 503 with Retry-After, 429 when over --rate-limit requests/second,
// slow responses, and abrupt connection resets. POST /orders applies the
// fault AFTER creating the order on some failures, like a real server whose
// response gets lost, so clients without idempotency keys create duplicates.

import http from "node:http";
import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";

const { values: opt } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    "fail-rate": { type: "string", default: "0.3" },
    "rate-limit": { type: "string", default: "5" },
    "slow-rate": { type: "string", default: "0.1" },
    "slow-ms": { type: "string", default: "3000" },
    "reset-rate": { type: "string", default: "0.05" },
    seed: { type: "string" },
  },
});

// Small seeded PRNG (mulberry32) so fault sequences can be replayed.
let state = opt.seed ? Number(opt.seed) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const FAIL = Number(opt["fail-rate"]);
const SLOW = Number(opt["slow-rate"]);
const RESET = Number(opt["reset-rate"]);
const LIMIT = Number(opt["rate-limit"]);
const SLOW_MS = Number(opt["slow-ms"]);

const stats = { requests: 0, ok: 0, e503: 0, e429: 0, slow: 0, resets: 0, orders: 0, replays: 0, duplicatePayloads: 0 };
const byKey = new Map();        // Idempotency-Key -> stored response
const payloadsSeen = new Map(); // payload -> count, to detect duplicate creation
let windowStart = Date.now();
let windowCount = 0;

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

const readBody = (req) =>
  new Promise((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

function overRateLimit() {
  const now = Date.now();
  if (now - windowStart >= 1000) {
    windowStart = now;
    windowCount = 0;
  }
  windowCount += 1;
  return LIMIT > 0 && windowCount > LIMIT;
}

// Returns a fault name or null. Order matters: resets and 429s first.
function pickFault() {
  if (overRateLimit()) return "429";
  const r = rand();
  if (r < RESET) return "reset";
  if (r < RESET + FAIL) return "503";
  if (r < RESET + FAIL + SLOW) return "slow";
  return null;
}

function applyFault(fault, req, res) {
  switch (fault) {
    case "429":
      stats.e429++;
      send(res, 429, { error: { code: "rate_limited", message: `more than ${LIMIT} req/s` } },
        { "retry-after": "1" });
      return true;
    case "503":
      stats.e503++;
      send(res, 503, { error: { code: "unavailable", message: "try again" } },
        { "retry-after": String(1 + Math.floor(rand() * 2)) });
      return true;
    case "reset":
      stats.resets++;
      req.socket.destroy();
      return true;
    default:
      return false;
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname === "/__stats") return send(res, 200, stats);
  if (url.pathname === "/__reset" && req.method === "POST") {
    for (const k of Object.keys(stats)) stats[k] = 0;
    byKey.clear();
    payloadsSeen.clear();
    return send(res, 204, {});
  }

  stats.requests++;
  const fault = pickFault();
  if (fault === "slow") {
    stats.slow++;
    await new Promise((r) => setTimeout(r, SLOW_MS));
  }

  if (req.method === "GET" && url.pathname === "/items") {
    if (applyFault(fault, req, res)) return;
    stats.ok++;
    return send(res, 200, { data: [{ id: "itm_1", name: "Desk lamp" }, { id: "itm_2", name: "Chair" }] });
  }

  if (req.method === "POST" && url.pathname === "/orders") {
    const body = await readBody(req);
    const key = req.headers["idempotency-key"];
    if (key && byKey.has(key)) {
      stats.replays++;
      const stored = byKey.get(key);
      return send(res, stored.status, stored.body, { "idempotent-replayed": "true" });
    }
    // Early faults: nothing was created.
    if (fault === "429" || (fault === "503" && rand() < 0.5)) {
      applyFault(fault, req, res);
      return;
    }
    // Create the order, then maybe "lose" the response.
    const order = { id: `ord_${randomUUID().slice(0, 8)}`, payload: body, created: new Date().toISOString() };
    stats.orders++;
    const seen = (payloadsSeen.get(body) ?? 0) + 1;
    payloadsSeen.set(body, seen);
    if (seen > 1) stats.duplicatePayloads++;
    if (key) byKey.set(key, { status: 201, body: order });
    if (applyFault(fault, req, res)) return;
    stats.ok++;
    return send(res, 201, order);
  }

  send(res, 404, { error: { code: "not_found", message: `${req.method} ${url.pathname}` } });
});

server.listen(Number(opt.port), () => {
  console.error(
    `flaky API on http://localhost:${opt.port}  fail=${FAIL} slow=${SLOW}@${SLOW_MS}ms ` +
    `reset=${RESET} limit=${LIMIT}/s seed=${opt.seed ?? "random"}`,
  );
});
