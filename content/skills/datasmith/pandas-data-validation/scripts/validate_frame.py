#!/usr/bin/env python3
"""Validate a CSV or Parquet file against rules written in TOML.

Usage:
    python3 validate_frame.py expectations.toml data.csv [--json]

Importable: `from validate_frame import load_rules, validate`.
Exit status: 0 all checks pass, 1 a check failed, 2 bad input.
Requires Python 3.11+ (tomllib) and pandas 2.x or 3.x.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import asdict, dataclass, field

import pandas as pd


@dataclass
class Result:
    check: str
    column: str | None
    passed: bool
    failing: int = 0
    examples: list = field(default_factory=list)


def load_rules(path: str) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _result(check: str, column: str | None, bad: pd.Series, frame: pd.DataFrame) -> Result:
    failing = int(bad.sum())
    examples = frame.index[bad].tolist()[:5]
    return Result(check, column, failing == 0, failing, [int(i) if isinstance(i, int) else str(i) for i in examples])


def _coerce(series: pd.Series, dtype: str, fmt: str = "ISO8601") -> pd.Series:
    if dtype in ("int", "float"):
        return pd.to_numeric(series, errors="coerce")
    if dtype == "datetime":
        # Default to strict ISO 8601; set `format = "%d/%m/%Y"` (or "mixed") per column if needed.
        return pd.to_datetime(series, errors="coerce", utc=True, format=fmt)
    if dtype == "bool":
        mapping = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
        return series.map(lambda v: v if isinstance(v, bool) else mapping.get(str(v).strip().lower()))
    return series


def validate(df: pd.DataFrame, rules: dict) -> list[Result]:
    results: list[Result] = []
    dataset = rules.get("dataset", {})

    if "min_rows" in dataset:
        ok = len(df) >= dataset["min_rows"]
        results.append(Result(f"min_rows >= {dataset['min_rows']}", None, ok, 0 if ok else 1))
    if "primary_key" in dataset:
        key = dataset["primary_key"]
        missing = [c for c in key if c not in df.columns]
        if missing:
            results.append(Result("primary_key columns exist", ",".join(missing), False, len(missing)))
        else:
            results.append(_result("primary_key unique", ",".join(key), df.duplicated(subset=key, keep=False), df))

    for name, spec in rules.get("columns", {}).items():
        if name not in df.columns:
            results.append(Result("column exists", name, not spec.get("required", False), 0 if not spec.get("required") else 1))
            continue
        raw = df[name]
        present = raw.notna() & (raw.astype(str).str.strip() != "")
        values = _coerce(raw, spec.get("dtype", "string"), spec.get("format", "ISO8601"))

        if spec.get("required"):
            results.append(_result("not null", name, ~present, df))
        if "max_null_fraction" in spec:
            frac = float((~present).mean()) if len(df) else 0.0
            ok = frac <= spec["max_null_fraction"]
            results.append(Result(f"null fraction {frac:.3f} <= {spec['max_null_fraction']}", name, ok, int((~present).sum()) if not ok else 0))
        if "dtype" in spec and spec["dtype"] != "string":
            bad = present & values.isna()
            if spec["dtype"] == "int":
                bad |= present & values.notna() & (values % 1 != 0)
            results.append(_result(f"parses as {spec['dtype']}", name, bad, df))
        if spec.get("unique"):
            results.append(_result("unique", name, present & raw.duplicated(keep=False), df))
        if "allowed" in spec:
            results.append(_result("allowed values", name, present & ~raw.isin(spec["allowed"]), df))
        if "min" in spec:
            results.append(_result(f">= {spec['min']}", name, values.notna() & (values < spec["min"]), df))
        if "max" in spec:
            results.append(_result(f"<= {spec['max']}", name, values.notna() & (values > spec["max"]), df))
        if "pattern" in spec:
            rx = re.compile(spec["pattern"])
            matches = raw.map(lambda v: isinstance(v, str) and bool(rx.fullmatch(v)))
            results.append(_result("matches pattern", name, present & ~matches, df))
        if spec.get("not_in_future") and spec.get("dtype") == "datetime":
            results.append(_result("not in future", name, values.notna() & (values > pd.Timestamp.now(tz="UTC")), df))

    for check in rules.get("row_checks", []):
        try:
            violating = df.eval(check["violation"], engine="python")
        except Exception as exc:  # a broken rule must fail loudly, not pass
            results.append(Result(f"{check['name']} (rule error: {exc})", None, False, 1))
            continue
        results.append(_result(check["name"], None, violating.fillna(False).astype(bool), df))
    return results


def read_any(path: str) -> pd.DataFrame:
    if path.endswith((".parquet", ".pq")):
        return pd.read_parquet(path)
    # Read everything as text so validation, not the parser, decides what is valid.
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        rules, df = load_rules(args[0]), read_any(args[1])
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        print(f"cannot load input: {exc}", file=sys.stderr)
        return 2
    results = validate(df, rules)
    if "--json" in argv:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        for r in results:
            mark = "PASS" if r.passed else "FAIL"
            where = f"[{r.column}] " if r.column else ""
            extra = f"  {r.failing} row(s), e.g. index {r.examples}" if not r.passed and r.examples else ""
            print(f"{mark}  {where}{r.check}{extra}")
        failed = sum(not r.passed for r in results)
        print(f"\n{len(results) - failed}/{len(results)} checks passed on {len(df)} rows")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
