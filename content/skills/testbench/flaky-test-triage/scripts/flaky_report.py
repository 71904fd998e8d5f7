#!/usr/bin/env python3
"""Find flaky tests by comparing JUnit XML reports from repeated runs.

Each XML file counts as one run. Point it at files or directories:

  flaky_report.py reports/run-*/junit.xml
  flaky_report.py ci-artifacts/ --min-runs 5 --json > flaky.json

A test is "flaky" when it both passed and failed (or errored) across runs.
Exit code: 0 if no flaky tests were found, 1 if some were, 2 on bad input.
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path


def iter_report_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.xml")))
        elif p.is_file():
            files.append(p)
        else:
            print(f"warning: {raw} not found", file=sys.stderr)
    return files


def outcome_of(case: ET.Element) -> tuple[str, str]:
    """Return (outcome, message) for a <testcase> element."""
    for tag in ("failure", "error"):
        node = case.find(tag)
        if node is not None:
            text_lines = (node.text or "").strip().splitlines()
            msg = node.get("message") or (text_lines[0] if text_lines else "")
            return ("failed" if tag == "failure" else "error", msg[:200])
    if case.find("skipped") is not None:
        return ("skipped", "")
    return ("passed", "")


def collect(files: list[Path]):
    results: dict[str, Counter] = defaultdict(Counter)
    messages: dict[str, Counter] = defaultdict(Counter)
    durations: dict[str, list[float]] = defaultdict(list)
    runs = 0
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as exc:
            print(f"warning: skipping {f}: {exc}", file=sys.stderr)
            continue
        runs += 1
        for case in root.iter("testcase"):
            test_id = f"{case.get('classname', '')}::{case.get('name', '')}".lstrip(":")
            outcome, msg = outcome_of(case)
            results[test_id][outcome] += 1
            if msg:
                messages[test_id][msg] += 1
            try:
                durations[test_id].append(float(case.get("time", "0") or 0))
            except ValueError:
                pass
    return runs, results, messages, durations


def analyse(runs, results, messages, durations, min_runs):
    rows = []
    for test_id, counts in results.items():
        executed = counts["passed"] + counts["failed"] + counts["error"]
        bad = counts["failed"] + counts["error"]
        if executed < min_runs or bad == 0 or counts["passed"] == 0:
            continue
        times = sorted(durations.get(test_id, [])) or [0.0]
        rows.append({
            "test": test_id,
            "executed": executed,
            "passed": counts["passed"],
            "failed": counts["failed"],
            "errors": counts["error"],
            "flake_rate": round(bad / executed, 3),
            "median_s": times[len(times) // 2],
            "max_s": times[-1],
            "top_messages": [m for m, _ in messages[test_id].most_common(3)],
        })
    rows.sort(key=lambda r: (-r["flake_rate"], -r["executed"], r["test"]))
    always_failing = sorted(
        t for t, c in results.items()
        if c["passed"] == 0 and (c["failed"] + c["error"]) > 0
    )
    return {"runs": runs, "flaky": rows, "always_failing": always_failing}


def print_table(report) -> None:
    print(f"Analysed {report['runs']} run(s).")
    if not report["flaky"]:
        print("No flaky tests found.")
    else:
        print(f"\n{len(report['flaky'])} flaky test(s):\n")
        print(f"{'rate':>6}  {'fail/run':>9}  {'median':>8}  {'max':>8}  test")
        for r in report["flaky"]:
            bad = r["failed"] + r["errors"]
            print(f"{r['flake_rate']:>6.1%}  {bad:>4}/{r['executed']:<4}  "
                  f"{r['median_s']:>7.2f}s  {r['max_s']:>7.2f}s  {r['test']}")
            for msg in r["top_messages"]:
                print(f"{'':>33}  ↳ {msg}")
    if report["always_failing"]:
        print(f"\n{len(report['always_failing'])} test(s) failed in every run "
              "(broken, not flaky):")
        for t in report["always_failing"]:
            print(f"  {t}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="JUnit XML files or directories")
    ap.add_argument("--min-runs", type=int, default=2,
                    help="ignore tests executed fewer times than this (default 2)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()

    files = iter_report_files(args.paths)
    if not files:
        print("error: no JUnit XML files found", file=sys.stderr)
        return 2
    report = analyse(*collect(files), min_runs=args.min_runs)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print_table(report)
    return 1 if report["flaky"] else 0


if __name__ == "__main__":
    sys.exit(main())
