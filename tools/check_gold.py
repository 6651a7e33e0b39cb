#!/usr/bin/env python3
"""Check a real-corpus batch's gold.jsonl against its documents (standard library only).

Usage: python3 tools/check_gold.py tests/fixtures/real/b01 [more batch folders]

Every line must be a JSON object with the annotation fields of tests/fixtures/real/ANNOTATION.md,
name a document of its folder, and carry evidence that is a verbatim substring of that document.
Exit status 1 when any problem is found.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from terms.indicators import INDICATOR_CODES  # noqa: E402  (standard library only, like this tool)

QUALIFIERS = {"exact", "at_least", "at_most", "about", "redacted"}
KINDS = {"actual", "target"}
FIELDS = {"doc", "indicator", "value", "qualifier", "kind", "scope", "period", "evidence"}


def problems(folder: Path) -> list[str]:
    out: list[str] = []
    docs = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    for name, text in docs.items():
        if not text.startswith("# source: "):
            out.append(f"{name}: the first line is not '# source: URL'")
    gold = folder / "gold.jsonl"
    if not gold.is_file():
        return out + [f"{folder}: no gold.jsonl"]
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{gold}:{n}"
        try:
            g = json.loads(line)
        except json.JSONDecodeError as e:
            out.append(f"{where}: not JSON ({e})")
            continue
        if set(g) != FIELDS:
            out.append(f"{where}: fields {sorted(set(g) ^ FIELDS)} missing or extra")
            continue
        if g["doc"] not in docs:
            out.append(f"{where}: no document {g['doc']}")
        elif g["evidence"] not in docs[g["doc"]]:
            out.append(f"{where}: evidence not found verbatim in {g['doc']}: {g['evidence']}")
        if g["indicator"] not in INDICATOR_CODES:
            out.append(f"{where}: unknown indicator {g['indicator']}")
        if g["qualifier"] not in QUALIFIERS:
            out.append(f"{where}: unknown qualifier {g['qualifier']}")
        if g["kind"] not in KINDS:
            out.append(f"{where}: unknown kind {g['kind']}")
        if (g["value"] is None) != (g["qualifier"] == "redacted"):
            out.append(f"{where}: a null value goes with qualifier redacted, and only then")
        scope = g["scope"]
        if not (scope in ("township", "per_village") or (isinstance(scope, str) and scope.startswith("village:"))):
            out.append(f"{where}: bad scope {scope}")
        if not 4 <= len(g["evidence"]) <= 80:
            out.append(f"{where}: evidence of {len(g['evidence'])} characters")
    return out


def main(argv: list[str]) -> int:
    if not argv:
        sys.exit(__doc__)
    found = [p for a in argv for p in problems(Path(a))]
    for p in found:
        print(p)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
