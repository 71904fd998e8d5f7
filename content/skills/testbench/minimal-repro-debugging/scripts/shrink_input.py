#!/usr/bin/env python3
"""Shrink a failure-inducing input file with delta debugging (ddmin).

The command is run once per candidate; `{}` in it is replaced by the path of a
temporary file holding the candidate. A candidate is "interesting" when it
still reproduces the failure:

  shrink_input.py crash.json --cmd "node parse.js {}" --expect-output "RangeError"
  shrink_input.py big.sql --cmd "sqlite3 :memory: < {}" --expect-code 139
  shrink_input.py page.html --cmd "python render.py {}" --unit chars

By default any non-zero exit code counts as reproducing. Always pin the
failure with --expect-output when possible, or the shrinker may wander off to
a different, easier failure (a syntax error, for instance).
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

calls = 0


def make_oracle(args):
    pattern = re.compile(args.expect_output) if args.expect_output else None
    cache: dict[tuple, bool] = {}
    suffix = os.path.splitext(args.input)[1]

    def interesting(units: list[str]) -> bool:
        global calls
        key = tuple(units)
        if key in cache:
            return cache[key]
        calls += 1
        with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as tmp:
            tmp.write("".join(units))
            path = tmp.name
        try:
            cmd = args.cmd.replace("{}", shlex.quote(path))
            proc = subprocess.run(cmd, shell=True, capture_output=True, text=True,
                                  timeout=args.timeout, errors="replace")
            code_ok = (proc.returncode != 0 if args.expect_code is None
                       else proc.returncode == args.expect_code)
            out_ok = pattern is None or bool(pattern.search(proc.stdout + proc.stderr))
            result = code_ok and out_ok
        except subprocess.TimeoutExpired:
            result = args.timeout_is_failure
        finally:
            os.unlink(path)
        cache[key] = result
        return result

    return interesting


def split(units: list[str], n: int) -> list[list[str]]:
    size, rem = divmod(len(units), n)
    chunks, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < rem else 0)
        chunks.append(units[start:end])
        start = end
    return [c for c in chunks if c]


def ddmin(units: list[str], interesting) -> list[str]:
    n = 2
    while len(units) >= 2:
        chunks = split(units, n)
        reduced = False
        # Try each chunk alone, then each complement.
        for chunk in chunks:
            if interesting(chunk):
                units, n, reduced = chunk, 2, True
                break
        if not reduced:
            for i in range(len(chunks)):
                complement = [u for j, c in enumerate(chunks) if j != i for u in c]
                if interesting(complement):
                    units, n, reduced = complement, max(n - 1, 2), True
                    break
        if not reduced:
            if n >= len(units):
                break
            n = min(len(units), n * 2)
        print(f"  {len(units):>7} units after {calls} runs", file=sys.stderr)
    return units


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="file that triggers the failure")
    ap.add_argument("--cmd", required=True, help="command to run; {} is the candidate file")
    ap.add_argument("--unit", choices=["lines", "chars"], default="lines")
    ap.add_argument("--expect-code", type=int, help="exit code that means 'still fails'")
    ap.add_argument("--expect-output", help="regex that must appear in stdout or stderr")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per run")
    ap.add_argument("--timeout-is-failure", action="store_true",
                    help="treat a timeout as reproducing (for hangs)")
    ap.add_argument("-o", "--output", help="where to write the result (default INPUT.min)")
    args = ap.parse_args()

    with open(args.input, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    units = text.splitlines(keepends=True) if args.unit == "lines" else list(text)
    interesting = make_oracle(args)

    if not interesting(units):
        print("error: the original input does not reproduce the failure with this "
              "command and these expectations", file=sys.stderr)
        return 2

    print(f"shrinking {len(units)} {args.unit}...", file=sys.stderr)
    result = ddmin(units, interesting)
    out = args.output or args.input + ".min"
    with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("".join(result))
    print(f"{len(units)} -> {len(result)} {args.unit} in {calls} runs; wrote {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
