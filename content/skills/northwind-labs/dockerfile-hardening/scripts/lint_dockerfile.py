#!/usr/bin/env python3
"""Small, dependency-free Dockerfile linter focused on hardening rules.

Usage:
    python3 lint_dockerfile.py [--json] Dockerfile [Dockerfile.prod ...]

Exit status is 1 if any finding has severity "error", else 0.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass

SECRET_NAME = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)", re.I)


@dataclass
class Finding:
    file: str
    line: int
    severity: str  # error | warning | info
    rule: str
    message: str


def logical_lines(text: str):
    """Yield (line_number, instruction, arguments) joining backslash continuations."""
    buf, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not buf and (not stripped or stripped.startswith("#")):
            continue
        if not buf:
            start = number
        if stripped.endswith("\\"):
            buf += stripped[:-1] + " "
            continue
        buf += stripped
        parts = buf.split(None, 1)
        yield start, parts[0].upper(), parts[1] if len(parts) > 1 else ""
        buf = ""
    if buf:
        parts = buf.split(None, 1)
        yield start, parts[0].upper(), parts[1] if len(parts) > 1 else ""


def lint(path: str) -> list[Finding]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()

    findings: list[Finding] = []
    stage_aliases: set[str] = set()
    last_user: tuple[int, str] | None = None
    stage_count = 0
    saw_healthcheck = False
    copied_everything_at: int | None = None

    def add(line: int, severity: str, rule: str, message: str) -> None:
        findings.append(Finding(path, line, severity, rule, message))

    for line, instr, args in logical_lines(text):
        if instr == "FROM":
            stage_count += 1
            last_user = None  # USER resets per stage
            copied_everything_at = None
            tokens = [t for t in args.split() if not t.startswith("--")]
            image = tokens[0] if tokens else ""
            if len(tokens) >= 3 and tokens[1].lower() == "as":
                stage_aliases.add(tokens[2].lower())
            if image.lower() in stage_aliases or image == "scratch" or "$" in image:
                continue
            name_part = image.split("@")[0]
            tag = name_part.rsplit(":", 1)[1] if ":" in name_part.rsplit("/", 1)[-1] else None
            if tag is None or tag == "latest":
                add(line, "error", "DH001", f"base image '{image}' uses the latest tag; pin a version")
            elif "@sha256:" not in image:
                add(line, "info", "DH001", f"base image '{image}' is not pinned by digest")
        elif instr == "USER":
            last_user = (line, args.strip())
        elif instr == "ADD" and re.search(r"https?://", args):
            add(line, "error", "DH003", "ADD with a remote URL; download and verify a checksum instead")
        elif instr == "RUN":
            if re.search(r"apt-get\s+(-\S+\s+)*install", args):
                if "--no-install-recommends" not in args:
                    add(line, "warning", "DH004", "apt-get install without --no-install-recommends")
                if "/var/lib/apt/lists" not in args:
                    add(line, "warning", "DH004", "apt lists not removed in the same RUN layer")
            if re.search(r"(curl|wget)[^|;&]*\|\s*(ba|z)?sh\b", args):
                add(line, "error", "DH005", "pipes a remote script into a shell")
            if re.search(r"\b(apt-get|apk|yum|dnf)\b[^;&]*\binstall\b[^;&]*\bsudo\b", args):
                add(line, "warning", "DH009", "installs sudo")
            if copied_everything_at and re.search(r"\b(npm (ci|install)|pip install|poetry install|bundle install|go mod download)\b", args):
                add(line, "warning", "DH007",
                    f"dependency install runs after 'COPY . .' on line {copied_everything_at}; copy manifests first")
        elif instr in ("ENV", "ARG"):
            for key in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*=", args) or args.split()[:1]:
                if SECRET_NAME.search(key):
                    add(line, "error", "DH006", f"{instr} '{key}' looks like a secret; use a BuildKit secret mount")
        elif instr == "COPY":
            tokens = [t for t in args.split() if not t.startswith("--")]
            if len(tokens) >= 2 and tokens[0] in (".", "./"):
                copied_everything_at = line
        elif instr == "HEALTHCHECK":
            saw_healthcheck = True

    if stage_count == 0:
        add(1, "error", "DH000", "no FROM instruction found")
    elif last_user is None or last_user[1].split(":")[0] in ("root", "0"):
        where = last_user[0] if last_user else 1
        add(where, "error", "DH002", "final stage runs as root; add a non-root USER")
    if stage_count and not saw_healthcheck:
        add(1, "info", "DH008", "no HEALTHCHECK; make sure the orchestrator defines a probe")
    return findings


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    paths = [a for a in argv if a != "--json"] or ["Dockerfile"]
    findings: list[Finding] = []
    for path in paths:
        try:
            findings.extend(lint(path))
        except OSError as exc:
            print(f"{path}: cannot read ({exc.strerror})", file=sys.stderr)
            return 2
    if as_json:
        print(json.dumps([asdict(f) for f in findings], indent=2))
    else:
        for f in sorted(findings, key=lambda f: (f.file, f.line)):
            print(f"{f.file}:{f.line}: {f.severity} {f.rule} {f.message}")
        if not findings:
            print("no findings")
    return 1 if any(f.severity == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
