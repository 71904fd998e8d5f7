#!/usr/bin/env python3
"""Profile a CSV file column by column using only the standard library.

Usage:
    python3 profile_csv.py data.csv [--limit 200000] [--delimiter ';'] [--json]

For each column reports: inferred type, null count, distinct count (capped),
min/max for numbers and dates, longest value and the most common values.
Use the output to draft validation rules before writing any pandas code.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from datetime import date, datetime

NULLS = {"", "na", "n/a", "nan", "null", "none", "-"}
DISTINCT_CAP = 10_000
INT_RE = re.compile(r"[+-]?\d+")
FLOAT_RE = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%m/%d/%Y")


def parse_date(value: str) -> date | None:
    v = value.strip().rstrip("Z")
    try:
        return datetime.fromisoformat(v)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(v, fmt)
        except ValueError:
            continue
    return None


def classify(value: str) -> tuple[str, object]:
    v = value.strip()
    if v.lower() in ("true", "false", "yes", "no"):
        return "bool", v.lower()
    if INT_RE.fullmatch(v):
        return "int", int(v)
    if FLOAT_RE.fullmatch(v):
        return "float", float(v)
    d = parse_date(v) if any(ch.isdigit() for ch in v) else None
    if d is not None:
        return "date", d
    return "string", v


class Column:
    def __init__(self, name: str):
        self.name = name
        self.nulls = 0
        self.types: Counter[str] = Counter()
        self.values: Counter[str] = Counter()
        self.distinct_capped = False
        self.min = None
        self.max = None
        self.max_len = 0

    def add(self, raw: str) -> None:
        if raw is None or raw.strip().lower() in NULLS:
            self.nulls += 1
            return
        kind, parsed = classify(raw)
        self.types[kind] += 1
        self.max_len = max(self.max_len, len(raw))
        if raw in self.values or len(self.values) < DISTINCT_CAP:
            self.values[raw] += 1
        else:
            self.distinct_capped = True
        if kind in ("int", "float", "date"):
            key = (kind == "date", parsed)
            if self.min is None or (key[0] == self.min[0] and key[1] < self.min[1]):
                self.min = key
            if self.max is None or (key[0] == self.max[0] and key[1] > self.max[1]):
                self.max = key

    def inferred(self) -> str:
        if not self.types:
            return "empty"
        kinds = set(self.types)
        if kinds <= {"int"}:
            return "int"
        if kinds <= {"int", "float"}:
            return "float"
        top, count = self.types.most_common(1)[0]
        share = count / sum(self.types.values())
        return top if share == 1 else f"mixed ({top} {share:.0%})"

    def summary(self, rows: int) -> dict:
        fmt = lambda m: None if m is None else (m[1].isoformat() if m[0] else m[1])
        return {
            "column": self.name,
            "type": self.inferred(),
            "nulls": self.nulls,
            "null_pct": round(100 * self.nulls / rows, 2) if rows else 0.0,
            "distinct": f"{len(self.values)}+" if self.distinct_capped else len(self.values),
            "min": fmt(self.min),
            "max": fmt(self.max),
            "max_len": self.max_len,
            "top": [f"{v} ({n})" for v, n in self.values.most_common(3)],
        }


def profile(path: str, limit: int | None, delimiter: str | None) -> tuple[int, list[dict]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        sample = fh.read(64_000)
        fh.seek(0)
        dialect = csv.Sniffer().sniff(sample) if delimiter is None else None
        reader = csv.reader(fh, dialect) if dialect else csv.reader(fh, delimiter=delimiter)
        header = next(reader)
        columns = [Column(name.strip() or f"column_{i}") for i, name in enumerate(header)]
        rows = ragged = 0
        for row in reader:
            if limit and rows >= limit:
                break
            rows += 1
            if len(row) != len(columns):
                ragged += 1
            for col, value in zip(columns, row):
                col.add(value)
            for col in columns[len(row):]:
                col.add("")
    if ragged:
        print(f"warning: {ragged} row(s) have a different number of fields than the header", file=sys.stderr)
    return rows, [c.summary(rows) for c in columns]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=None, help="profile only the first N rows")
    ap.add_argument("--delimiter", default=None, help="skip sniffing and use this delimiter")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args()

    rows, cols = profile(args.path, args.limit, args.delimiter)
    if args.json:
        print(json.dumps({"rows": rows, "columns": cols}, indent=2, default=str))
        return 0
    print(f"# Profile of {args.path}\n\nRows profiled: {rows}\n")
    print("| Column | Type | Nulls | Distinct | Min | Max | Max len | Top values |")
    print("|--------|------|-------|----------|-----|-----|---------|------------|")
    for c in cols:
        top = ", ".join(c["top"]).replace("|", "\\|")
        print(f"| {c['column']} | {c['type']} | {c['nulls']} ({c['null_pct']}%) | {c['distinct']} | "
              f"{c['min'] if c['min'] is not None else ''} | {c['max'] if c['max'] is not None else ''} | "
              f"{c['max_len']} | {top} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
