#!/usr/bin/env python3
"""Draft a Keep-a-Changelog section from Conventional Commits.

Examples:
  changelog_from_git.py                          # last tag .. HEAD, "Unreleased"
  changelog_from_git.py --from v1.4.0 --version 1.5.0
  changelog_from_git.py --json > release.json    # feed assets/changelog.hbs

Only the standard library and the git CLI are required.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys

HEADER_RE = re.compile(
    r"^(?P<type>[a-zA-Z]+)(?:\((?P<scope>[^)]+)\))?(?P<bang>!)?:\s*(?P<desc>.+)$"
)
# Conventional type -> Keep a Changelog section. None means "omit".
SECTION_FOR_TYPE = {
    "feat": "Added",
    "fix": "Fixed",
    "perf": "Changed",
    "revert": "Changed",
    "deprecate": "Deprecated",
    "remove": "Removed",
    "security": "Security",
    "refactor": None,
    "docs": None,
    "style": None,
    "test": None,
    "build": None,
    "ci": None,
    "chore": None,
}
SECTION_ORDER = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def latest_tag() -> str | None:
    result = subprocess.run(
        ["git", "describe", "--tags", "--abbrev=0"], capture_output=True, text=True
    )
    return result.stdout.strip() or None


def read_commits(rev_range: str) -> list[dict]:
    raw = git("log", "--no-merges", "--format=%H%x1f%s%x1f%b%x1e", rev_range)
    commits = []
    for record in raw.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        sha, subject, body = (record.split("\x1f") + ["", ""])[:3]
        commits.append({"sha": sha, "subject": subject.strip(), "body": body})
    return commits


def classify(commit: dict) -> dict | None:
    m = HEADER_RE.match(commit["subject"])
    if not m:
        return None
    ctype = m["type"].lower()
    scope = m["scope"]
    breaking = bool(m["bang"]) or "BREAKING CHANGE:" in commit["body"] \
        or "BREAKING-CHANGE:" in commit["body"]
    section = SECTION_FOR_TYPE.get(ctype, "Changed")
    if scope and scope.lower() == "security" and ctype == "fix":
        section = "Security"
    if section is None and not breaking:
        return {"skip": True}
    desc = m["desc"].strip()
    desc = desc[0].upper() + desc[1:] if desc else desc
    return {
        "skip": False,
        "section": section or "Changed",
        "scope": scope,
        "description": desc,
        "breaking": breaking,
        "hash": commit["sha"][:7],
        "sha": commit["sha"],
    }


def build(args: argparse.Namespace) -> dict:
    start = args.from_ref or latest_tag()
    rev_range = f"{start}..{args.to_ref}" if start else args.to_ref
    entries, other, skipped = [], [], 0
    for commit in read_commits(rev_range):
        item = classify(commit)
        if item is None:
            other.append(commit)
        elif item["skip"]:
            skipped += 1
        else:
            del item["skip"]
            if args.repo_url:
                item["url"] = f"{args.repo_url.rstrip('/')}/commit/{item['sha']}"
            entries.append(item)

    sections = []
    breaking = [e for e in entries if e["breaking"]]
    if breaking:
        sections.append({"title": "Breaking changes", "items": breaking})
    for title in SECTION_ORDER:
        items = [e for e in entries if e["section"] == title and not e["breaking"]]
        if items:
            sections.append({"title": title, "items": items})
    if args.include_other and other:
        sections.append({
            "title": "Other",
            "items": [{"description": c["subject"], "hash": c["sha"][:7],
                       "scope": None, "breaking": False} for c in other],
        })

    compare_url = None
    if args.repo_url and start:
        target = f"v{args.version}" if args.version else args.to_ref
        compare_url = f"{args.repo_url.rstrip('/')}/compare/{start}...{target}"

    if other and not args.include_other:
        print(f"note: {len(other)} non-conventional commit(s) left out; "
              "review them or pass --include-other", file=sys.stderr)
    if skipped:
        print(f"note: {skipped} internal commit(s) (docs, ci, chore...) omitted",
              file=sys.stderr)
    return {
        "version": args.version or "Unreleased",
        "date": args.date if args.version else None,
        "compareUrl": compare_url,
        "range": rev_range,
        "sections": sections,
    }


def render_markdown(release: dict) -> str:
    heading = f"## [{release['version']}]"
    if release["date"]:
        heading += f" - {release['date']}"
    lines = [heading, ""]
    for section in release["sections"]:
        lines.append(f"### {section['title']}")
        lines.append("")
        for item in section["items"]:
            scope = f"**{item['scope']}:** " if item.get("scope") else ""
            ref = f"([{item['hash']}]({item['url']}))" if item.get("url") else f"({item['hash']})"
            lines.append(f"- {scope}{item['description']} {ref}")
        lines.append("")
    if not release["sections"]:
        lines += ["_No user-facing changes._", ""]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--from", dest="from_ref", help="start ref (default: latest tag)")
    p.add_argument("--to", dest="to_ref", default="HEAD", help="end ref (default: HEAD)")
    p.add_argument("--version", help="release version, e.g. 1.5.0 (default: Unreleased)")
    p.add_argument("--date", default=dt.date.today().isoformat(), help="release date")
    p.add_argument("--repo-url", help="https://github.com/org/repo, for links")
    p.add_argument("--include-other", action="store_true",
                   help="list non-conventional commits under 'Other'")
    p.add_argument("--json", action="store_true", help="emit JSON instead of Markdown")
    args = p.parse_args()
    release = build(args)
    if args.json:
        print(json.dumps(release, indent=2))
    else:
        print(render_markdown(release))


if __name__ == "__main__":
    main()
