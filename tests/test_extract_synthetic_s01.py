"""The extractor against a synthetic corpus (written to a brief; a regression check, not a measure of real reports), scored by the shared scorer.

tests/fixtures/synthetic/s01/*.txt are fifteen documents written for this test (year-end
and half-year summaries, news items, a village profile, masked figures, traditional
and half-converted text in GB18030, a flattened table, a plan, Chinese numerals,
full-width digits with a BOM, PDF-like line breaks, a document without facts).
gold.jsonl was annotated by hand from the annotation rules before the extractor
ran on them.  Quality bar: F1 >= 0.9, qualifier and scope accuracy >= 0.9.
"""
from __future__ import annotations

from pathlib import Path


from etl.extract import extract_paths

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "fixtures" / "synthetic" / "s01"


def test_document_without_facts_yields_none():
    facts = extract_paths([HELDOUT / "h13_no_facts.txt"])
    assert facts == []
