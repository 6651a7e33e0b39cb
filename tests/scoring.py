"""The shared scorer (../shared/eval/score.py) for the extraction tests. Without it the tests
fail: they never fall back to checks without gold."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from etl.extract import extract_paths

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def shared_scorer():
    if not SCORER.is_file():
        pytest.fail(f"the shared scorer is missing: expected {SCORER} (shared/ must sit beside the repository)")
    spec = importlib.util.spec_from_file_location("shared_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(folder: Path, gold_path: Path):
    """Extract every .txt of `folder` and score it against `gold_path`: (result, gold, docs)."""
    scorer = shared_scorer()
    docs = sorted(folder.glob("*.txt"))
    if not docs or not gold_path.is_file():
        pytest.fail(f"no documents or gold in {folder}")
    gold = scorer.load(gold_path)
    facts = extract_paths(docs)
    return scorer.score(gold, [f.to_dict() for f in facts]), gold, docs


def assert_meets(result: dict, bar: float) -> None:
    detail = json.dumps({k: result[k] for k in ("precision", "recall", "f1", "qualifier_acc", "scope_acc",
                                                  "missed", "spurious")}, ensure_ascii=False, indent=1)
    assert result["f1"] >= bar, detail
    assert result["qualifier_acc"] >= bar, detail
    assert result["scope_acc"] >= bar, detail


def document_facts(corpus: str, name: str, *fields: str) -> set[tuple]:
    """The facts extracted from one document of a held-out corpus, as tuples of `fields`
    (for the corpus modules' checks of particular figures)."""
    path = ROOT / "tests" / "fixtures" / corpus / name
    return {tuple(getattr(f, field) for field in fields) for f in extract_paths([path])}
