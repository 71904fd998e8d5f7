#!/usr/bin/env python3
"""Check a URL's HTTP response security headers and grade each one.

Usage:
    python3 check_headers.py https://example.com [more URLs] [--json] [--insecure]

Uses only the standard library. Does not follow redirects automatically:
it reports the redirect and then checks the final target, so you see the
headers of each hop that matters (the HTTP to HTTPS redirect included).
Exit status: 0 no FAIL, 1 at least one FAIL, 2 network or usage error.
"""
from __future__ import annotations

import json
import re
import ssl
import sys
import urllib.error
import urllib.request
from urllib.parse import urljoin

MAX_HOPS = 5


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: D401 - stdlib signature
        return None


def fetch(url: str, insecure: bool):
    ctx = ssl.create_default_context()
    if insecure:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=ctx))
    req = urllib.request.Request(url, method="GET", headers={"User-Agent": "check-headers/1.0"})
    try:
        with opener.open(req, timeout=15) as resp:
            return resp.status, resp.headers
    except urllib.error.HTTPError as err:  # 3xx/4xx/5xx still carry headers
        return err.code, err.headers


def grade(url: str, h) -> list[tuple[str, str, str]]:
    """Return (status, header, message) tuples. status is PASS, WARN or FAIL."""
    out = []
    https = url.startswith("https://")
    get = lambda name: (h.get(name) or "").strip()

    hsts = get("Strict-Transport-Security")
    if not https:
        out.append(("INFO", "Strict-Transport-Security", "not applicable over plain HTTP; redirect to HTTPS"))
    elif not hsts:
        out.append(("FAIL", "Strict-Transport-Security", "missing"))
    else:
        m = re.search(r"max-age=(\d+)", hsts)
        age = int(m.group(1)) if m else 0
        if age < 15552000:
            out.append(("WARN", "Strict-Transport-Security", f"max-age={age} is below 180 days"))
        else:
            out.append(("PASS", "Strict-Transport-Security", hsts))

    csp = get("Content-Security-Policy")
    if not csp:
        ro = get("Content-Security-Policy-Report-Only")
        out.append(("WARN" if ro else "FAIL", "Content-Security-Policy", "report-only" if ro else "missing"))
    else:
        problems = []
        if re.search(r"script-src[^;]*'unsafe-inline'", csp) and "nonce-" not in csp and "strict-dynamic" not in csp:
            problems.append("script-src allows 'unsafe-inline'")
        if re.search(r"(script-src|default-src)[^;]*'unsafe-eval'", csp):
            problems.append("allows 'unsafe-eval'")
        if "strict-dynamic" not in csp and re.search(r"(script-src|default-src)[^;]*\s(\*|https:|http:)(\s|;|$)", csp):
            problems.append("script sources include a wildcard scheme or *")
        if "object-src" not in csp and "default-src 'none'" not in csp:
            problems.append("no object-src")
        if "frame-ancestors" not in csp:
            problems.append("no frame-ancestors")
        out.append(("WARN" if problems else "PASS", "Content-Security-Policy", "; ".join(problems) or "ok"))

    xcto = get("X-Content-Type-Options")
    out.append(("PASS" if xcto.lower() == "nosniff" else "FAIL", "X-Content-Type-Options", xcto or "missing"))

    xfo = get("X-Frame-Options")
    if "frame-ancestors" in csp:
        out.append(("PASS", "X-Frame-Options", "covered by CSP frame-ancestors" + (f" (also {xfo})" if xfo else "")))
    else:
        out.append(("PASS" if xfo.upper() in ("DENY", "SAMEORIGIN") else "FAIL", "X-Frame-Options", xfo or "missing"))

    rp = get("Referrer-Policy").lower()
    strong = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    out.append(("PASS" if rp.split(",")[-1].strip() in strong else "WARN", "Referrer-Policy", rp or "missing (browser default applies)"))

    pp = get("Permissions-Policy")
    out.append(("PASS" if pp else "WARN", "Permissions-Policy", pp[:80] if pp else "missing"))

    for leaky in ("Server", "X-Powered-By", "X-AspNet-Version"):
        value = get(leaky)
        if value and re.search(r"\d", value):
            out.append(("WARN", leaky, f"discloses version: {value}"))

    for cookie in h.get_all("Set-Cookie") or []:
        name = cookie.split("=", 1)[0]
        attrs = cookie.lower()
        missing = [a for a in ("secure", "httponly", "samesite") if a not in attrs]
        if https and missing:
            out.append(("WARN", f"Set-Cookie {name}", "missing " + ", ".join(missing)))
    return out


def check(url: str, insecure: bool) -> dict:
    hops = []
    for _ in range(MAX_HOPS):
        status, headers = fetch(url, insecure)
        hops.append({"url": url, "status": status})
        location = headers.get("Location")
        if 300 <= status < 400 and location:
            url = urljoin(url, location)
            continue
        return {"hops": hops, "final": url, "status": status, "results": grade(url, headers)}
    raise RuntimeError(f"more than {MAX_HOPS} redirects")


def main(argv: list[str]) -> int:
    urls = [a for a in argv if not a.startswith("--")]
    if not urls:
        print(__doc__, file=sys.stderr)
        return 2
    reports, worst = [], 0
    for url in urls:
        if not re.match(r"^https?://", url):
            url = "https://" + url
        try:
            report = check(url, "--insecure" in argv)
        except (urllib.error.URLError, OSError, RuntimeError) as exc:
            print(f"{url}: request failed: {exc}", file=sys.stderr)
            worst = 2
            continue
        reports.append(report)
        if any(r[0] == "FAIL" for r in report["results"]):
            worst = max(worst, 1)
    if "--json" in argv:
        print(json.dumps(reports, indent=2))
    else:
        for rep in reports:
            chain = " -> ".join(f"{hop['url']} [{hop['status']}]" for hop in rep["hops"])
            print(f"\n{chain}")
            if rep["hops"][0]["url"].startswith("http://") and not rep["final"].startswith("https://"):
                print("  FAIL  HTTPS redirect: plain HTTP is served without redirecting to HTTPS")
                worst = max(worst, 1)
            for status, header, message in rep["results"]:
                print(f"  {status:<5} {header}: {message}")
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
