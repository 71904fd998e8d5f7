#!/usr/bin/env python3
"""Find likely secrets in files or in the staged git diff.

Usage:
    python3 scan_secrets.py --staged            # only lines added in the index (pre-commit)
    python3 scan_secrets.py PATH [PATH ...]     # files or directories
    python3 scan_secrets.py --json PATH         # machine-readable output

Suppress a reviewed false positive with an inline comment containing
`secretscan:allow`, or add its fingerprint to `.secretscanignore` at the repo
root (one per line; lines starting with # are comments).

Exit status: 0 nothing found, 1 findings, 2 usage or git error.
Matches are always redacted in output.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, dataclass

RULES: list[tuple[str, re.Pattern[str]]] = [
    ("aws-access-key-id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("github-token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b")),
    ("gitlab-token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b")),
    ("slack-token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b")),
    ("stripe-live-key", re.compile(r"\b[rs]k_live_[A-Za-z0-9]{20,}\b")),
    ("google-api-key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("private-key", re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----")),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
    ("url-with-password", re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:([^\s@/]{6,})@[^\s/]+")),
]
ASSIGNMENT = re.compile(
    r"""(?ix)
    (?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|auth)
    [\w-]*\s*[:=]\s*
    (['"])([^'"\s]{8,})\1
    """
)
PLACEHOLDER = re.compile(r"(?i)(example|changeme|change_me|dummy|placeholder|your[_-]|xxxx|\*\*\*|<|\$\{|\{\{|redacted|test)")
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", "dist", "build", ".next", "vendor"}
SKIP_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".pdf", ".zip", ".gz", ".woff", ".woff2", ".lock")
MAX_BYTES = 2_000_000


@dataclass
class Finding:
    path: str
    line: int
    rule: str
    preview: str
    fingerprint: str


def entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def redact(value: str) -> str:
    return value[:4] + "*" * min(12, max(4, len(value) - 4))


def fingerprint(path: str, rule: str, secret: str) -> str:
    return hashlib.sha256(f"{path}:{rule}:{secret}".encode()).hexdigest()[:16]


def scan_line(path: str, number: int, text: str) -> list[Finding]:
    if "secretscan:allow" in text:
        return []
    found: list[Finding] = []
    spans: list[tuple[int, int]] = []
    for rule, pattern in RULES:
        for m in pattern.finditer(text):
            group = 1 if m.groups() and m.group(1) else 0
            secret = m.group(group)
            if rule == "url-with-password" and PLACEHOLDER.search(secret):
                continue
            spans.append(m.span(group))
            found.append(Finding(path, number, rule, redact(secret), fingerprint(path, rule, secret)))
    for m in ASSIGNMENT.finditer(text):
        secret = m.group(2)
        if PLACEHOLDER.search(secret) or entropy(secret) < 3.0:
            continue
        start, end = m.span(2)
        if any(start < e and s < end for s, e in spans):
            continue  # already reported by a specific rule
        found.append(Finding(path, number, "generic-assignment", redact(secret), fingerprint(path, "generic-assignment", secret)))
    return found


def iter_files(paths: list[str]):
    for root in paths:
        if os.path.isfile(root):
            yield os.path.normpath(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            for name in filenames:
                if not name.lower().endswith(SKIP_SUFFIXES):
                    yield os.path.normpath(os.path.join(dirpath, name))


def scan_paths(paths: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    for path in iter_files(paths):
        try:
            if os.path.getsize(path) > MAX_BYTES:
                continue
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        if b"\0" in data[:8000]:
            continue  # binary
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
            findings.extend(scan_line(path, number, line))
    return findings


def scan_staged() -> list[Finding]:
    diff = subprocess.run(
        ["git", "diff", "--cached", "--unified=0", "--no-color", "--no-ext-diff", "--diff-filter=ACMR"],
        capture_output=True, text=True, errors="replace", check=True,
    ).stdout
    findings: list[Finding] = []
    path, number = None, 0
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@"):
            m = re.search(r"\+(\d+)", line)
            number = int(m.group(1)) if m else 0
        elif line.startswith("+") and path:
            findings.extend(scan_line(path, number, line[1:]))
            number += 1
    return findings


def load_ignores() -> set[str]:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        top = "."
    try:
        with open(os.path.join(top, ".secretscanignore"), encoding="utf-8") as fh:
            return {ln.split("#")[0].strip() for ln in fh if ln.strip() and not ln.startswith("#")}
    except OSError:
        return set()


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    args = [a for a in argv if not a.startswith("--")]
    try:
        if "--staged" in argv:
            findings = scan_staged()
        elif args:
            findings = scan_paths(args)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"scan failed: {exc}", file=sys.stderr)
        return 2

    ignored = load_ignores()
    findings = [f for f in findings if f.fingerprint not in ignored]
    if as_json:
        print(json.dumps([asdict(f) for f in findings], indent=2))
    else:
        for f in findings:
            print(f"{f.path}:{f.line}: {f.rule}: {f.preview}  (fingerprint {f.fingerprint})")
        if findings:
            print(f"\n{len(findings)} possible secret(s). Remove them, or if a finding is a false "
                  "positive add its fingerprint to .secretscanignore.", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
