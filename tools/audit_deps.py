"""`make audit`: check every pinned dependency (constraints.txt) against PyPI's
vulnerability data — the same source pip-audit's default service reads.

For each pin it asks PyPI's JSON API for that release (/pypi/NAME/VERSION/json,
what pip-audit uses). Some package mirrors only serve the project document
(/pypi/NAME/json), whose `vulnerabilities` describe the newest release: there a
pin that *is* the newest release is still checked; an older pin cannot be, and
counts as a failure (strict: no verdict is not a pass). Exit 0 only when every
pin was checked and none has a known vulnerability.
"""
from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

INDEX = "https://pypi.org/pypi"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")

Fetch = Callable[[str], "dict | None"]  # URL → parsed JSON, or None when the document does not exist


@dataclass
class Verdict:
    name: str
    version: str
    status: str  # ok | vulnerable | unverified
    detail: str = ""


def read_pins(text: str) -> list[tuple[str, str]]:
    pins = []
    for line in text.splitlines():
        m = PIN.match(line.strip())
        if m:
            pins.append((m.group(1), m.group(2)))
    return pins


def _ids(vulns: list[dict]) -> str:
    out = []
    for v in vulns:
        fixed = ", ".join(v.get("fixed_in") or []) or "no fix"
        out.append(f"{v.get('id')} ({', '.join(v.get('aliases') or [])}; fixed in {fixed})")
    return "; ".join(out)


def check(name: str, version: str, fetch: Fetch) -> Verdict:
    release = fetch(f"{INDEX}/{name}/{version}/json")
    if release is not None:
        vulns = release.get("vulnerabilities") or []
        return Verdict(name, version, "vulnerable" if vulns else "ok", _ids(vulns) or "per-release data")
    project = fetch(f"{INDEX}/{name}/json")
    if project is None:
        return Verdict(name, version, "unverified", "not found on the index")
    latest = project.get("info", {}).get("version")
    if "vulnerabilities" not in project:
        return Verdict(name, version, "unverified", "the index gives no vulnerability data")
    if latest != version:
        return Verdict(name, version, "unverified",
                       f"only the newest release ({latest}) can be checked on this index; upgrade the pin or "
                       "run where PyPI's per-release API is reachable")
    vulns = project["vulnerabilities"] or []
    return Verdict(name, version, "vulnerable" if vulns else "ok", _ids(vulns) or "newest release")


def http_fetch(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            body = resp.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise
    if not body.strip():
        return None
    return json.loads(body)


def audit(pins: list[tuple[str, str]], fetch: Fetch | None = None) -> list[Verdict]:
    fetch = fetch or http_fetch
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda p: check(p[0], p[1], fetch), pins))


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "constraints.txt")
    pins = read_pins(path.read_text(encoding="utf-8"))
    if not pins:
        print(f"{path}: no pinned requirements (NAME==VERSION) found", file=sys.stderr)
        return 2
    try:
        verdicts = audit(pins)
    except (urllib.error.URLError, OSError) as exc:
        print(f"cannot reach {INDEX}: {exc}", file=sys.stderr)
        return 2
    for v in sorted(verdicts, key=lambda v: (v.status != "vulnerable", v.status != "unverified", v.name.lower())):
        print(f"{v.status:10} {v.name}=={v.version}  {v.detail}")
    bad = [v for v in verdicts if v.status != "ok"]
    counts = {s: sum(v.status == s for v in verdicts) for s in ("ok", "vulnerable", "unverified")}
    print(f"{len(verdicts)} pins: {counts['ok']} without known vulnerabilities, {counts['vulnerable']} vulnerable, "
          f"{counts['unverified']} not verifiable")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
