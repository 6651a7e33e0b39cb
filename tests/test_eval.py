"""`python -m etl.eval`: every corpus scored by the shared scorer into eval/results.json, per-rule
precision, and the regression floor of the seed and synthetic corpora."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl import eval as ev
from etl.extract import extract_paths
from etl.extract.registry import RULES

BASELINE = Path(ev.ROOT) / "eval" / "baseline-2026-12-03.json"
FLOOR = 0.03  # no corpus may fall more than this below its score before issue 13's rules


@pytest.fixture(scope="module")
def now():
    return ev.results()


def test_results_file_is_current(now):
    committed = json.loads(ev.RESULTS.read_text(encoding="utf-8"))
    assert committed == now, "eval/results.json is stale: run python -m etl.eval"


def test_seeds_are_perfect(now):
    seeds = now["corpora"]["seeds"]
    assert (seeds["f1"], seeds["qualifier_acc"], seeds["scope_acc"]) == (1.0, 1.0, 1.0)


def test_no_corpus_falls_more_than_the_floor_below_its_baseline(now):
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))["corpora"]
    assert len(baseline) >= 16
    fallen = {name: (b["f1"], now["corpora"][name]["f1"]) for name, b in baseline.items()
              if now["corpora"][name]["f1"] < b["f1"] - FLOOR}
    assert fallen == {}


@pytest.mark.parametrize("name", ["seeds", "synthetic/s04", "synthetic/s08"])
def test_per_prediction_matching_agrees_with_the_shared_scorer(name):
    docs, gold = ev.corpora()[name]
    pred = [f.to_dict() for f in extract_paths(docs)]
    flags = ev.match(gold, pred)
    assert sum(flags) == ev.scorer().score(gold, pred)["matched"]
    assert len(flags) == sum(1 for p in pred if p["indicator"] in {g["indicator"] for g in gold})


def test_by_rule_counts_add_up():
    docs, gold = ev.corpora()["synthetic/s13"]
    rows = ev.by_rule(docs, gold)
    result = ev.score(docs, gold)
    assert sum(r["pred"] for r in rows.values()) == result["pred"]
    assert sum(r["matched"] for r in rows.values()) == result["matched"]
    assert all(0 <= r["precision"] <= 1 for r in rows.values())


def test_rules_that_never_fire(capsys):
    fired = ev.fired_rules()
    known = {r.id for r in RULES}
    assert fired <= known and len(fired) >= len(known) // 2
    never = sorted(known - fired)
    with capsys.disabled():
        print(f"\nrules that never fire on any corpus: {', '.join(never) if never else 'none'}")
