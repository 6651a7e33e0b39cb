"""The quarterly upload against the files clerks really send (tests/fixtures/uploads/).

Each test states, from the rules of the upload feature, what must happen with one
fixture file: which figures are stored (in base units: 元, 人, 个, 人次), which
problems are reported (with the row as the spreadsheet shows it and the column
header), and that a refused file writes nothing.  The fixtures are made by
tests/fixtures/uploads/make_fixtures.py.

All tests use the demo township 示范乡 (year-to-date figures 2025Q1–2026Q3 stored).
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import transaction
from db.errors import UserError
from db.models import AuditLog, ImportBatch, Observation, OrgUnit
from etl.upload import import_file, prepare_import

UPLOADS = Path(__file__).resolve().parent / "fixtures" / "uploads"

INCOME, MEMBERS, GRIDS, TRAINING = "collective_income", "new_members", "grid_count", "training_attendance"
INCOME_WAN = "集体经济收入（万元）"


def data(name: str) -> bytes:
    return (UPLOADS / name).read_bytes()


def snapshot(engine) -> dict[str, int]:
    """What a write would change: figures, audit rows, import batches."""
    with transaction(engine) as s:
        return {
            "observations": s.scalar(select(func.count()).select_from(Observation)),
            "audit": s.scalar(select(func.count()).select_from(AuditLog)),
            "batches": s.scalar(select(func.count()).select_from(ImportBatch)),
        }


def stored(engine, period: str) -> dict[tuple[str, str], float]:
    """Stored figures of one quarter: (village name, indicator code) → value."""
    with transaction(engine) as s:
        rows = s.execute(
            select(OrgUnit.name, Observation.indicator_code, Observation.value)
            .join(OrgUnit, OrgUnit.id == Observation.village_id)
            .where(Observation.period == period)
        ).all()
    return {(v, code): value for v, code, value in rows}


def plan_for(engine, name: str, **kwargs):
    with transaction(engine) as s:
        return prepare_import(s, data(name), name, **kwargs)


def refused(engine, name: str, **kwargs) -> UserError:
    """Import must be refused with a UserError and must write nothing at all."""
    before = snapshot(engine)
    with pytest.raises(UserError) as info:
        import_file(engine, data(name), name, **kwargs)
    assert snapshot(engine) == before, f"{name}: a refused file must write nothing"
    return info.value


def wide(**villages: tuple) -> dict[tuple[str, str], float]:
    """Expected figures from (income 元, members, grids, training) per village; None = not stored."""
    out = {}
    for village, figures in villages.items():
        for code, value in zip((INCOME, MEMBERS, GRIDS, TRAINING), figures):
            if value is not None:
                out[(village, code)] = float(value)
    return out


# ------------------------------------------------------------------ the generator
def test_committed_fixtures_match_the_generator():
    spec = importlib.util.spec_from_file_location("make_upload_fixtures", UPLOADS / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rendered = module.render_all()
    committed = {p.name for p in UPLOADS.iterdir() if p.is_file() and p.name != "make_fixtures.py"}
    assert committed == set(rendered)
    for name, content in rendered.items():
        assert data(name) == content, f"{name} differs from make_fixtures.py output; rerun the generator"
    assert module.render_all() == rendered, "the generator must be deterministic"


# ------------------------------------------------------------------ accepted files
def test_gbk_wide_title_period_aliases_and_matching_total(demo_backend):
    engine = demo_backend.engine
    raw = data("gbk_wide.csv")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really a GB18030 file
    before = snapshot(engine)
    plan = plan_for(engine, "gbk_wide.csv")
    assert snapshot(engine) == before, "prepare_import only reads"
    assert [str(p) for p in plan.errors] == []
    assert [str(p) for p in plan.warnings] == [], "the 合计 row matches the villages' sum"
    assert plan.period == "2027Q1"  # from the title 示范乡2027年第一季度…
    assert plan.counts() == {"new": 12, "changed": 0, "unchanged": 0}  # 3 villages × 4, 合计 not imported

    result = import_file(engine, raw, "gbk_wide.csv")
    assert result.committed is True
    assert stored(engine, "2027Q1") == wide(
        大刘庄村=(11000, 0, 5, 18),
        胜利村=(21500, 1, 6, 32),     # written 胜利
        李家寨村=(18000, 0, 6, 25),   # written as the alias 李寨
    )
    after = snapshot(engine)
    assert after["observations"] == before["observations"] + 12
    assert after["batches"] == before["batches"] + 1


def test_bom_wide_header_aliases_yuan_and_thousands_separators(demo_backend):
    engine = demo_backend.engine
    assert data("bom_wide.csv").startswith(b"\xef\xbb\xbf")
    # The file itself has no period: without period= nothing can be stored.
    no_period = plan_for(engine, "bom_wide.csv")
    assert no_period.errors, "a file without a period needs period="
    refused(engine, "bom_wide.csv")

    plan = plan_for(engine, "bom_wide.csv", period="2027Q1")
    assert [str(p) for p in plan.problems] == []
    result = import_file(engine, data("bom_wide.csv"), "bom_wide.csv", period="2027Q1")
    assert result.committed is True
    assert stored(engine, "2027Q1") == wide(
        王家营村=(52000, 1, 6, 30),     # "52,000" in a （元） column
        东坡村=(61800, 0, 6, 28),
        南岗村=(48500.5, 1, 6, 26),     # "48,500.50"
    )


def test_title_total_xlsx_merged_title_blank_rows_and_disagreeing_total(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "title_total.xlsx")
    assert [str(p) for p in plan.errors] == []
    assert plan.period == "2027Q1"  # from the merged title cell
    # rows numbered as Excel shows them, blank rows (第2行, 第6行) skipped
    assert {c.village: c.row for c in plan.cells} == {"胜利村": 4, "红旗村": 5, "青龙村": 7}
    assert len(plan.cells) == 12
    warnings = [str(p) for p in plan.warnings]
    assert len(warnings) == 1, warnings  # only income disagrees (9.75万 vs 合计 10.75万)
    assert "第8行" in warnings[0] and f"「{INCOME_WAN}」" in warnings[0]

    err = refused(engine, "title_total.xlsx")  # warnings need confirmation
    assert any("第8行" in p for p in err.problems), err.problems

    result = import_file(engine, data("title_total.xlsx"), "title_total.xlsx", confirm_warnings=True)
    assert result.committed is True
    assert stored(engine, "2027Q1") == wide(
        胜利村=(25000, 1, 6, 30),
        红旗村=(30000, 1, 6, 40),
        青龙村=(42500, 0, 6, 28),
    )


def test_fullwidth_digits_wan_in_cells_and_spaces(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "fullwidth_wan.csv")
    assert [str(p) for p in plan.problems] == []
    assert plan.period == "2027Q1"  # title says 2027Q1
    result = import_file(engine, data("fullwidth_wan.csv"), "fullwidth_wan.csv")
    assert result.committed is True
    assert stored(engine, "2027Q1") == wide(
        胜利村=(52000, 1, 6, 30),      # ５.２万, １, " 6 ", ３０
        红旗村=(52000, 1, 6, 42),      # 5.2万元
        东坡村=(48000, 0, 6, 28),      # " 4.8 万元 ", village " 东坡村"
        王家营村=(46000, 1, 6, 35),    # ４．６ in a （万元） column
    )


def test_blank_dash_slash_are_not_reported_never_zero(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "blanks.csv")
    assert [str(p) for p in plan.problems] == []
    assert plan.counts() == {"new": 4, "changed": 0, "unchanged": 0}
    result = import_file(engine, data("blanks.csv"), "blanks.csv")
    assert result.committed is True
    q1 = stored(engine, "2027Q1")
    assert q1 == {
        ("胜利村", TRAINING): 30.0,
        ("红旗村", INCOME): 31000.0,
        ("红旗村", GRIDS): 6.0,
        ("南岗村", MEMBERS): 0.0,   # a written 0 is a real zero
    }
    assert not any(v == "北山村" for v, _ in q1), "a row of — is not reported: no cells"
    for key in [("胜利村", INCOME), ("胜利村", MEMBERS), ("胜利村", GRIDS), ("红旗村", MEMBERS),
                ("红旗村", TRAINING), ("南岗村", INCOME), ("南岗村", GRIDS), ("南岗村", TRAINING)]:
        assert key not in q1, f"{key}: blank/—// must not be stored (never 0)"


def test_quarter_only_amounts_add_to_previous_year_to_date(demo_backend):
    engine = demo_backend.engine
    # 2027Q2 as quarter amounts needs 2027Q1 year-to-date figures, which do not exist.
    err = refused(engine, "quarter_only.csv", period="2027Q2", basis="quarter")
    assert err.problems
    assert all(re.search(r"2027年第一季度|2027Q1", p) for p in err.problems), err.problems
    assert {int(m) for p in err.problems for m in re.findall(r"^第(\d+)行", p)} == {2, 3, 4}

    prev = stored(engine, "2026Q3")
    amounts = {  # village: (income 元, members, grids, training) for the fourth quarter alone
        "胜利村": (32000, 1, 6, 40),
        "红旗村": (26000, 0, 6, 35),
        "青龙村": (31000, 1, 6, 30),
    }
    for village in amounts:
        for code in (INCOME, MEMBERS, TRAINING):
            assert (village, code) in prev, "fixture assumes these villages reported 2026Q3"

    result = import_file(engine, data("quarter_only.csv"), "quarter_only.csv", period="2026Q4", basis="quarter")
    assert result.committed is True
    q4 = stored(engine, "2026Q4")
    expected = {}
    for village, (income, members, grids, training) in amounts.items():
        expected[(village, INCOME)] = prev[(village, INCOME)] + income
        expected[(village, MEMBERS)] = prev[(village, MEMBERS)] + members
        expected[(village, GRIDS)] = float(grids)  # a stock: the level as written, not added
        expected[(village, TRAINING)] = prev[(village, TRAINING)] + training
    assert q4 == expected
    assert stored(engine, "2026Q3") == prev, "the earlier quarter is not touched"


def test_long_layout_base_unit_unless_indicator_says_wan(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "long_layout.csv")
    assert [str(p) for p in plan.problems] == []
    result = import_file(engine, data("long_layout.csv"), "long_layout.csv")
    assert result.committed is True
    assert stored(engine, "2027Q1") == {
        ("胜利村", INCOME): 21500.0,      # 数值 in 元
        ("胜利村", MEMBERS): 1.0,
        ("胜利村", GRIDS): 6.0,          # 期间 written 2027年第一季度
        ("胜利村", TRAINING): 30.0,
        ("红旗村", INCOME): 34000.0,      # 指标 集体经济收入（万元）, 数值 3.4
        ("红旗村", MEMBERS): 1.0,
    }


def test_ytd_below_previous_quarter_needs_confirmation(demo_backend):
    engine = demo_backend.engine
    prev = stored(engine, "2026Q3")
    assert prev[("胜利村", INCOME)] > 90000, "fixture assumes 胜利村 had more than 9.0万 by 2026Q3"
    plan = plan_for(engine, "ytd_drop.csv")
    assert [str(p) for p in plan.errors] == []
    assert plan.period == "2026Q4"
    warnings = [str(p) for p in plan.warnings]
    assert len(warnings) == 1, warnings
    assert "第3行" in warnings[0] and f"「{INCOME_WAN}」" in warnings[0]

    refused(engine, "ytd_drop.csv")
    result = import_file(engine, data("ytd_drop.csv"), "ytd_drop.csv", confirm_warnings=True)
    assert result.committed is True
    assert stored(engine, "2026Q4") == wide(胜利村=(90000, 2, 6, 110), 红旗村=(158000, 3, 6, 170))


# ------------------------------------------------------------------ validation errors
def test_unknown_village_suggests_closest_name(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "unknown_village.csv")
    assert {p.row for p in plan.errors} == {4, 5}
    err = refused(engine, "unknown_village.csv")
    da = [p for p in err.problems if "大刘村" in p]
    assert len(da) == 1 and "第4行" in da[0] and "「村名」" in da[0] and "“大刘庄村”" in da[0], err.problems
    sq = [p for p in err.problems if "石桥子村" in p]
    assert len(sq) == 1 and "第5行" in sq[0] and "「村名」" in sq[0] and "“石桥村”" in sq[0], err.problems


def test_negative_values_all_reported_with_row_and_column(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "negative.csv")
    assert {(p.row, p.column) for p in plan.errors} == {(3, INCOME_WAN), (4, "培训人次（人次）")}
    err = refused(engine, "negative.csv")
    assert any(p.startswith(f"第3行「{INCOME_WAN}」") for p in err.problems), err.problems
    assert any(p.startswith("第4行「培训人次（人次）」") for p in err.problems), err.problems


def test_duplicate_village_rows(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "duplicate.csv")
    rows = {p.row for p in plan.errors}
    assert 5 in rows and 4 not in rows, [str(p) for p in plan.errors]
    err = refused(engine, "duplicate.csv")
    assert any("第5行" in p and "胜利村" in p for p in err.problems), err.problems


def test_text_that_is_not_a_number(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "text_value.csv")
    assert [(p.row, p.column) for p in plan.errors] == [(4, INCOME_WAN)]
    err = refused(engine, "text_value.csv")
    assert len(err.problems) == 1
    msg = err.problems[0]
    assert "第4行" in msg and f"「{INCOME_WAN}」" in msg and "约五万" in msg


def test_period_in_title_disagrees_with_given_period(demo_backend):
    engine = demo_backend.engine
    err = refused(engine, "period_conflict.csv", period="2026Q4")
    text = str(err)
    assert re.search(r"2027年第一季度|2027Q1", text) and re.search(r"2026年第四季度|2026Q4", text), text
    # agreeing period, or none: accepted as 2027Q1
    assert plan_for(engine, "period_conflict.csv", period="2027Q1").errors == []
    result = import_file(engine, data("period_conflict.csv"), "period_conflict.csv")
    assert result.committed is True
    assert stored(engine, "2026Q4") == {}
    assert stored(engine, "2027Q1") == wide(胜利村=(21000, 1, 6, 30), 红旗村=(32000, 1, 6, 40))


def test_cells_outside_the_header_columns_are_refused(demo_backend):
    engine = demo_backend.engine
    plan = plan_for(engine, "outside_columns.csv")
    assert {p.row for p in plan.errors} == {4}, [str(p) for p in plan.errors]  # 第3行's empty trailing cell is fine
    err = refused(engine, "outside_columns.csv")
    assert len(err.problems) == 1
    assert "第4行" in err.problems[0] and re.search(r"F列|「F」|\bF\b", err.problems[0]), err.problems


def test_no_data_rows(demo_backend):
    err = refused(demo_backend.engine, "no_data.csv")
    assert "没有数据" in str(err), str(err)


# ------------------------------------------------------------------ files that are not spreadsheets
def test_html_saved_as_xls(demo_backend):
    err = refused(demo_backend.engine, "html_as_xls.xls")
    msg = str(err)
    assert "HTML" in msg.upper() and ".xlsx" in msg, msg


def test_text_with_nul_bytes(demo_backend):
    err = refused(demo_backend.engine, "nul_bytes.csv")
    msg = str(err)
    assert "NUL" in msg or "空字节" in msg, msg


@pytest.mark.parametrize("name", ["png_as_xlsx.xlsx", "random_bytes.xlsx"])
def test_not_a_spreadsheet(demo_backend, name):
    err = refused(demo_backend.engine, name)
    msg = str(err)
    assert "Excel" in msg or "xlsx" in msg, msg
    assert "Traceback" not in msg


# ------------------------------------------------------------------ re-import
def test_reimporting_the_same_file_changes_nothing(demo_backend):
    engine = demo_backend.engine
    first = import_file(engine, data("gbk_wide.csv"), "gbk_wide.csv")
    assert first.committed is True
    before = snapshot(engine)
    figures = stored(engine, "2027Q1")
    again = import_file(engine, data("gbk_wide.csv"), "gbk_wide.csv")
    assert again.committed is False
    assert "已经导入过" in again.message
    assert snapshot(engine) == before
    assert stored(engine, "2027Q1") == figures
