"""The extractor against the hand-annotated seed reports, scored by the shared scorer.

Quality bar: F1 >= 0.95, qualifier and scope accuracy >= 0.95 (../shared/eval/score.py,
matching on doc, indicator, kind and value).  Without the scorer or the gold file
this test fails: it never falls back to checks without gold.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.extract import extract_paths
from tests.scoring import shared_scorer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval/score.py"
GOLD = SHARED / "eval/seeds-gold.jsonl"
SEEDS = ROOT / "seeds"


def _scorer():
    if not GOLD.is_file():
        pytest.fail(f"the shared gold file is missing: expected {GOLD} (shared/ must sit beside the repository)")
    return shared_scorer()


@pytest.fixture(scope="module")
def scored():
    scorer = _scorer()
    if not sorted(SEEDS.glob("*.txt")):
        pytest.fail(f"no seed reports in {SEEDS}")
    gold = scorer.load(GOLD)
    facts = extract_paths([SEEDS])
    return scorer.score(gold, [f.to_dict() for f in facts]), facts


def test_seed_scores_meet_the_bar(scored):
    result, _ = scored
    detail = json.dumps({k: result[k] for k in ("precision", "recall", "f1", "qualifier_acc", "scope_acc",
                                                  "missed", "spurious")}, ensure_ascii=False, indent=1)
    assert result["f1"] >= 0.95, detail
    assert result["qualifier_acc"] >= 0.95, detail
    assert result["scope_acc"] >= 0.95, detail


def test_seed_facts_keep_the_offset_contract(scored):
    _, facts = scored
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert facts
    for f in facts:
        assert texts[f.doc][f.start:f.end] == f.evidence
        assert 10 <= len(f.evidence) <= 60


def test_cli_output_scores_the_same(scored):
    result, _ = scored
    proc = subprocess.run([sys.executable, "-m", "etl.extract", str(SEEDS)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    pred = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    scorer = _scorer()
    again = scorer.score(scorer.load(GOLD), pred)
    assert (again["f1"], again["qualifier_acc"], again["scope_acc"]) == \
        (result["f1"], result["qualifier_acc"], result["scope_acc"])
