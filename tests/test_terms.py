"""terms/: the one home of periods, indicators, value formatting and traditional → simplified."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from terms.chinese import to_simplified
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import Period, find_quarter, period_label, previous_in_year, previous_period, quarter_for
from terms.values import format_fact_value, format_value, to_display

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text,code", [
    ("2025Q3", "2025Q3"), ("2025 q3", "2025Q3"), ("2025年第三季度", "2025Q3"), ("2025年三季度", "2025Q3"),
    ("2025年3季度", "2025Q3"), ("2025年1-9月", "2025Q3"), ("2025年1—9月", "2025Q3"), ("2025年前三季度", "2025Q3"),
    ("２０２５年第三季度", "2025Q3"), ("2025年9月底", "2025Q3"), ("2025年十二月", "2025Q4"),
    ("2025H1", "2025H1"), ("2025年上半年", "2025H1"), ("2025年1-6月", "2025Q2"), ("2025年下半年", "2025H2"),
    ("2025", "2025"), ("2025年", "2025"), ("2025年度", "2025"), ("2025年全年", "2025"),
])
def test_every_spelling_people_write(text, code):
    assert Period.parse(text).code == code


@pytest.mark.parametrize("text", ["2026Q9", "上半年", "三季度", "2025年5月", "明年", ""])
def test_what_is_no_period_is_refused_in_chinese(text):
    with pytest.raises(ValueError, match="格式不对"):
        Period.parse(text)


def test_a_year_given_apart_completes_a_quarter():
    assert Period.parse("三季度", default_year=2026).code == "2026Q3"


@pytest.mark.parametrize("code,label", [("2025Q3", "2025年第三季度"), ("2025H1", "2025年上半年"),
                                        ("2025H2", "2025年下半年"), ("2025", "2025年"), (None, "未注明")])
def test_labels(code, label):
    assert period_label(code) == label


def test_previous_quarters_and_the_quarter_a_period_states():
    assert previous_period("2025Q1") == "2024Q4" and previous_period("2025Q3") == "2025Q2"
    assert previous_in_year("2025Q1") is None and previous_in_year("2025Q4") == "2025Q3"
    assert (quarter_for("2023"), quarter_for("2023H1"), quarter_for("2023H2"), quarter_for("2023Q3"), quarter_for(None)) \
        == ("2023Q4", "2023Q2", "2023Q4", "2023Q3", None)


def test_a_file_name_or_title_names_its_quarter():
    assert find_quarter("示范乡2026年第三季度报表.csv") == "2026Q3"
    assert find_quarter("2026年上半年各村数据") == "2026Q2"
    assert find_quarter("2026年度") is None and find_quarter("村名") is None


def test_one_formatter_for_figures():
    assert format_value("collective_income", 125_000) == "12.5万元"
    assert format_value("collective_income", 123_456_789) == "12,345.68万元"
    assert format_value("collective_income", 123_456_789, grouping=False) == "12345.68万元"
    assert format_value("collective_income", 125_000, unit=False, fixed=True) == "12.50"
    assert format_value("training_attendance", 1200) == "1,200人次"
    assert format_value("new_members", 1.5) == "2人" and format_value("training_attendance", 90.1) == "91人次"
    assert format_value("new_members", 3.0000000001) == "3人"  # float noise is no extra person
    assert format_value("new_members", None) == "未报送" and format_value("new_members", None, missing="—") == "—"
    assert to_display("collective_income", 52_000) == 5.2 and to_display("grid_count", None) is None
    assert format_fact_value("collective_income", 100_000, "at_least") == "10万元以上"
    assert format_fact_value("collective_income", None, "redacted") == "已遮挡"


def test_indicators_carry_their_headers_and_labels():
    assert [i.code for i in TRACKED] == ["collective_income", "new_members", "grid_count", "training_attendance"]
    assert INDICATOR_BY_CODE["new_members"].label == "发展党员数（人）"
    assert all(i.header_aliases and i.template_header and i.table_header for i in TRACKED)


def test_traditional_to_simplified_keeps_the_length():
    assert to_simplified("鎮東村集體經濟") == "镇东村集体经济"


# Every shared term has one definition: no other module defines a function or table of these names.
TERMS = {"parse_period", "format_period", "period_label", "previous_period", "quarter_for", "format_value",
         "to_display", "display_unit", "format_fact_value", "QUARTER_NAMES", "CHINESE_QUARTERS", "INDICATORS",
         "INDICATOR_BY_CODE", "t2s_table", "parse_amount"}


def test_each_term_is_defined_once_in_terms():
    found: dict[str, list[str]] = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv", "tests/")):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [node.name] if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else \
                [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else \
                [node.target.id] if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) else []
            for name in names:
                if name in TERMS:
                    found.setdefault(name, []).append(rel)
    assert {name: where for name, where in found.items() if where != [w for w in where if w.startswith("terms/")]
            or len(where) != 1} == {}
    assert set(found) == TERMS
