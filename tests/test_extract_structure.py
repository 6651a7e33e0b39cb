"""The extractor's shape (issue 13): a package of stages with no module over 600 lines and no
function over 60, every rule a named record with a unique id, every fact naming its rule."""
from __future__ import annotations

import ast
from pathlib import Path

from etl.extract import extract_text
from etl.extract.registry import RULES, by_id, rules_for

PACKAGE = Path(__file__).resolve().parents[1] / "etl" / "extract"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60


def long_functions(path: Path, limit: int) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > limit]


def test_no_module_over_600_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")}
    assert len(sizes) >= 10
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_no_function_over_60_lines():
    found = [f for p in sorted(PACKAGE.glob("*.py")) for f in long_functions(p, MAX_FUNCTION_LINES)]
    assert found == []


def test_the_size_check_can_fail(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    path = tmp_path / "long.py"
    path.write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert long_functions(path, MAX_FUNCTION_LINES) == ["long.py:f (62 lines)"]


def test_rules_are_named_records_with_unique_ids():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) and len(ids) >= 20
    for r in RULES:
        assert r.id.count(".") == 1 and r.note, r.id
        assert r.level in ("figure", "document")
        assert r.level == "document" or r.units, r.id
    assert rules_for("money")[0].priority >= rules_for("money")[-1].priority


def test_every_fact_names_the_rule_that_produced_it():
    text = ("全镇村集体经济收入达到462万元，其中大刘庄村达到80万元。集体经济收入同比增长12.5%。全年发展党员6名，"
            "划分网格78个，培训党员438人次。\n村名 集体经济收入（万元） 发展党员\n东岗村 12.5 2\n")
    facts = extract_text(text, "t.txt")
    known = by_id()
    assert facts and all(f.rule in known for f in facts)
    assert {f.rule for f in facts} >= {"income.keyword_before", "growth.keyword", "income.named_village_after_total",
                                       "members.keyword_before", "grid.keyword_before", "training.keyword_before",
                                       "table.cells"}
