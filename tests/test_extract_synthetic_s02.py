"""The extractor against a second, independently written synthetic corpus (written to a brief; a regression check, not a measure of real reports).

tests/fixtures/synthetic/s02/*.txt are twelve documents in genres the first held-out set
and the seeds do not cover: a 组织部 quarterly 通报 with a ranked list of villages, a
驻村第一书记 述职报告, a 党委书记 抓基层党建述职, a county 消薄 news item full of
non-facts (buckets, 村均, 增收, 分红, 百分点, ranks), a 公众号 village profile, a
前三季度 summary with 1-6月/1-9月/7-9月 periods, a three-year plan, a survey with
vague amounts (几十万元, 数十万元, 上百万元), a tab-flattened table, a partly
traditional GB18030 news item, a masked report and a full-width BOM item with a
paywall.  gold.jsonl was annotated by hand from the annotation rules before the
extractor ran on them; the blind score before any change was P 0.988, R 0.904,
F1 0.944, qualifier 1.0, scope 0.918.  Quality bar: F1 >= 0.9, qualifier and scope
accuracy >= 0.9.
"""
from __future__ import annotations

from pathlib import Path


from etl.extract import extract_paths

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "fixtures" / "synthetic" / "s02"


def test_vague_amounts_are_no_facts():
    facts = extract_paths([HELDOUT / "d08_vague.txt"])
    values = {f.value for f in facts if f.indicator == "collective_income"}
    assert values == {3_280_000, 200_000}
