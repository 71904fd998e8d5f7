#!/usr/bin/env python3
"""Summarise the risk of a Terraform/OpenTofu JSON plan.

Usage:
    terraform show -json tfplan > plan.json
    python3 plan_risk.py [--markdown] plan.json

Prints only resource addresses and attribute names, never values.
Exit status: 1 if any high-risk change is present, 0 otherwise, 2 on bad input.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter

STATEFUL = re.compile(
    r"(_db_instance|_rds_cluster|_sql_database|_sql_database_instance|_s3_bucket$|"
    r"_storage_bucket$|_storage_account$|_ebs_volume|_compute_disk|_managed_disk|"
    r"_efs_file_system|_dynamodb_table|_kms_key|_key_ring|_route53_zone|_dns_zone|"
    r"_elasticache|_redis|_cosmosdb|_bigquery_dataset|_bigquery_table)"
)
IAM = re.compile(r"(_iam_|_role_assignment|_policy$|_policy_attachment|_project_iam)")
NETWORK_RULE = re.compile(r"(_security_group|_firewall|_network_security_rule|_network_acl)")
OPEN_CIDR = re.compile(r"^(0\.0\.0\.0/0|::/0)$")
RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}


def walk_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)


def classify(rc: dict) -> tuple[str, str, list[str]]:
    change = rc.get("change", {})
    actions = change.get("actions", [])
    rtype = rc.get("type", "")
    notes: list[str] = []

    if actions == ["no-op"] or actions == ["read"]:
        return "info", actions[0], notes
    if "delete" in actions and "create" in actions:
        action = "replace"
        paths = change.get("replace_paths") or []
        if paths:
            notes.append("forced by " + ", ".join(".".join(map(str, p)) for p in paths))
    else:
        action = actions[0] if actions else "unknown"

    after = change.get("after") or {}
    level = {"create": "info", "update": "low", "delete": "medium", "replace": "medium"}.get(action, "low")

    if action in ("delete", "replace") and STATEFUL.search(rtype):
        level = "high"
        notes.append("stateful resource; data loss possible")
    if IAM.search(rtype) and action != "delete":
        strings = list(walk_strings(after))
        if any(s == "*" or re.search(r'"(Action|Principal)"\s*:\s*"\*"', s) or ':*"' in s for s in strings):
            level = "high"
            notes.append("wildcard in IAM action or principal")
        elif level in ("info", "low"):
            level = "medium"
            notes.append("IAM change; check least privilege")
    if NETWORK_RULE.search(rtype) and action != "delete":
        if any(OPEN_CIDR.match(s) for s in walk_strings(after)):
            level = "high"
            notes.append("opens a rule to the whole internet")
    return level, action, notes


def analyse(plan: dict):
    rows = []
    for rc in plan.get("resource_changes", []):
        level, action, notes = classify(rc)
        if action == "no-op":
            continue
        rows.append({"address": rc.get("address", "?"), "action": action, "level": level, "notes": notes})
    rows.sort(key=lambda r: (RANK[r["level"]], r["address"]))
    drift = [d.get("address", "?") for d in plan.get("resource_drift", [])
             if d.get("change", {}).get("actions") not in (["no-op"], None)]
    return rows, drift


def render_text(rows, drift) -> str:
    counts = Counter(r["action"] for r in rows)
    out = ["Plan summary: " + (", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "no changes")]
    for r in rows:
        note = f"  ({'; '.join(r['notes'])})" if r["notes"] else ""
        out.append(f"[{r['level']:>6}] {r['action']:<8} {r['address']}{note}")
    if drift:
        out.append(f"Drift detected outside Terraform on {len(drift)} resource(s):")
        out.extend(f"  - {a}" for a in drift)
    return "\n".join(out)


def render_markdown(rows, drift) -> str:
    out = ["| Risk | Action | Address | Notes |", "|------|--------|---------|-------|"]
    for r in rows:
        out.append(f"| {r['level']} | {r['action']} | `{r['address']}` | {'; '.join(r['notes'])} |")
    if drift:
        out += ["", "**Drift:** " + ", ".join(f"`{a}`" for a in drift)]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    markdown = "--markdown" in argv
    files = [a for a in argv if not a.startswith("--")]
    if len(files) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(files[0], encoding="utf-8") as fh:
            plan = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read plan: {exc}", file=sys.stderr)
        return 2
    if "resource_changes" not in plan and "planned_values" not in plan:
        print("this does not look like `terraform show -json` output", file=sys.stderr)
        return 2
    rows, drift = analyse(plan)
    print(render_markdown(rows, drift) if markdown else render_text(rows, drift))
    return 1 if any(r["level"] == "high" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
