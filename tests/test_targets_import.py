"""Targets from a spreadsheet (etl.targets_import): 全乡 row for every village, village rows for their
own targets, blanks skipped, every problem with row and column, all or nothing, admins only.

Demo township 示范乡 (14 villages): 2025 and 2026 targets 10万元 / 2 / 6 / 120 per village, 胜利村 has
its own 2026 income target of 15万元. Expected values below follow from those rules, not from the code."""
from __future__ import annotations

import csv
import io

import pytest
import xlsxwriter

from db.engine import session_factory, transaction
from db.errors import PermissionDenied, UserError
from db.queries import audit_entries, effective_targets, villages
from db.store import township_by_name
from db.users import Principal
from etl.targets_import import commit_targets, prepare_targets, template_xlsx

ADMIN = Principal("管理员甲", "admin")
HEADER = ["序号", "村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"]
CODES = ("collective_income", "new_members", "grid_count", "training_attendance")


def write_xlsx(path, rows) -> bytes:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("目标")
    for i, row in enumerate(rows):
        for j, c in enumerate(row):
            if c is not None:
                ws.write(i, j, c)
    wb.close()
    return path.read_bytes()


def write_csv(path, rows, encoding: str) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        w.writerow(["" if c is None else c for c in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path.read_bytes()


def town_and_names(engine):
    with session_factory(engine)() as s:
        town = township_by_name(s, "示范乡")
        return town.id, {name: vid for vid, name, _ in villages(s, town.id)}


def targets_of(engine, year):
    town_id, _ = town_and_names(engine)
    with session_factory(engine)() as s:
        return effective_targets(s, town_id, year)


def by_name(engine, year):
    """{(village name, indicator): value} of the effective targets."""
    _, ids = town_and_names(engine)
    names = {v: k for k, v in ids.items()}
    return {(names[vid], code): value for (vid, code), value in targets_of(engine, year).items()}


def target_audits(engine, year):
    with session_factory(engine)() as s:
        return audit_entries(s, township="示范乡", period=str(year), action="target_set")


def import_(engine, data, name, principal=ADMIN, **kw):
    with transaction(engine) as s:
        plan = prepare_targets(s, data, name, township="示范乡", **kw)
        n = commit_targets(s, plan, principal)
    return plan, n


def test_xlsx_with_township_row_and_two_village_overrides(demo_backend, tmp_path):
    engine = demo_backend.engine
    data = write_xlsx(tmp_path / "目标.xlsx", [
        ["示范乡2027年村级指标目标"],
        [],
        HEADER,
        [None, "全乡", 12, 3, 6, 150],
        [1, "胜利村", 18.5, None, None, None],
        [2, "红旗", None, 4, None, None],      # alias without 村; only 发展党员
        [3, "大刘庄村", None, None, None, None],  # nothing filled: no own target, never 0
    ])
    assert targets_of(engine, 2027) == {}
    plan, n = import_(engine, data, "目标.xlsx")
    assert plan.year == 2027 and not plan.problems
    assert plan.counts() == {"new": 6, "changed": 0, "unchanged": 0}
    assert n == 6

    got = by_name(engine, 2027)
    _, ids = town_and_names(engine)
    expected = {}
    for name in ids:
        expected[(name, "collective_income")] = 120_000.0
        expected[(name, "new_members")] = 3.0
        expected[(name, "grid_count")] = 6.0
        expected[(name, "training_attendance")] = 150.0
    expected[("胜利村", "collective_income")] = 185_000.0
    expected[("红旗村", "new_members")] = 4.0
    assert len(expected) == 14 * 4
    assert got == expected
    # Audited: 4 township targets + 2 village targets, each with the file as source.
    rows = target_audits(engine, 2027)
    assert len(rows) == 6
    assert {(r["village"], r["indicator"], r["new"]) for r in rows} == {
        (None, "collective_income", 120000), (None, "new_members", 3), (None, "grid_count", 6),
        (None, "training_attendance", 150), ("胜利村", "collective_income", 185000), ("红旗村", "new_members", 4)}
    assert {r["source"] for r in rows} == {"表格导入:目标.xlsx"}
    assert {r["user"] for r in rows} == {"管理员甲"}


def test_gbk_csv_year_from_the_page_updates_existing_targets(demo_backend, tmp_path):
    engine = demo_backend.engine
    data = write_csv(tmp_path / "mubiao.csv", [
        ["示范乡村级指标目标表"],  # no year in the title: the page's choice decides
        HEADER,
        ["", "每村", "11", "2", "", ""],
        ["1", "胜利村", "16", "", "", ""],
        ["2", "东坡村", "", "", "7", ""],
    ], "gbk")
    plan, n = import_(engine, data, "mubiao.csv", year=2026)
    assert plan.year == 2026 and not plan.problems
    # 全乡 income 10→11 and 胜利村 15→16 change, 全乡 发展党员 2 stays, 东坡村 网格 7 is new.
    assert plan.counts() == {"new": 1, "changed": 2, "unchanged": 1}
    assert n == 3
    got = by_name(engine, 2026)
    _, ids = town_and_names(engine)
    for name in ids:
        assert got[(name, "collective_income")] == (160_000.0 if name == "胜利村" else 110_000.0), name
        assert got[(name, "new_members")] == 2.0
        assert got[(name, "grid_count")] == (7.0 if name == "东坡村" else 6.0), name
        assert got[(name, "training_attendance")] == 120.0  # blank cell: the stored target stays
    changes = [r for r in target_audits(engine, 2026) if r["source"] == "表格导入:mubiao.csv"]
    assert {(r["village"], r["indicator"], r["old"], r["new"]) for r in changes} == {
        (None, "collective_income", 100000, 110000), ("胜利村", "collective_income", 150000, 160000),
        ("东坡村", "grid_count", None, 7)}


def test_errors_have_row_and_column_and_nothing_is_written(demo_backend, tmp_path):
    engine = demo_backend.engine
    data = write_xlsx(tmp_path / "有错.xlsx", [
        ["示范乡2027年村级指标目标"],
        [],
        HEADER,
        [None, "全乡", 12, 3, 6, 150],   # row 4: fine, but the file has errors, so not written either
        [1, "东坡村", "十万左右", None, None, None],  # row 5
        [2, "胜例村", 11, None, None, None],     # row 6: typo of 胜利村
        [3, "红旗村", None, -2, 2.5, None],      # row 7
    ])
    with session_factory(engine)() as s:
        plan = prepare_targets(s, data, "有错.xlsx", township="示范乡")
    messages = [str(p) for p in plan.errors]
    assert messages == [
        "第5行「集体经济收入（万元）」：无法识别的数值“十万左右”",
        "第6行「村名」：示范乡没有“胜例村”这个村，是不是“胜利村”？",
        "第7行「发展党员（人）」：目标不能为负数（-2）",
        "第7行「网格数（个）」：网格数目标应为整数，收到“2.5”",
    ]
    with pytest.raises(UserError) as err:
        import_(engine, data, "有错.xlsx")
    assert "4 处错误，未导入任何目标" in err.value.message
    assert targets_of(engine, 2027) == {}
    assert target_audits(engine, 2027) == []


def test_year_in_title_conflicts_with_the_chosen_year(demo_backend, tmp_path):
    engine = demo_backend.engine
    data = write_xlsx(tmp_path / "y.xlsx", [["示范乡2027年村级指标目标"], HEADER, [None, "全乡", 12, 3, 6, 150]])
    with session_factory(engine)() as s:
        plan = prepare_targets(s, data, "y.xlsx", township="示范乡", year=2026)
    assert [str(p) for p in plan.errors] == ["文件标题写的是2027年，但页面上选的是2026年，两者不一致，请核对"]
    with pytest.raises(UserError):
        import_(engine, data, "y.xlsx", year=2026)
    assert by_name(engine, 2026)[("大刘庄村", "collective_income")] == 100_000.0
    assert targets_of(engine, 2027) == {}


def test_no_year_anywhere_is_an_error(demo_backend, tmp_path):
    data = write_csv(tmp_path / "t.csv", [["村名", "发展党员（人）"], ["全乡", "3"]], "utf-8-sig")
    with session_factory(demo_backend.engine)() as s:
        plan = prepare_targets(s, data, "t.csv", township="示范乡")
    assert plan.year is None
    assert [p.message for p in plan.errors] == [
        "无法确定年份：标题里没有写年份（如“示范乡2027年村级指标目标”），请在页面上选择年份"]


def test_clerk_cannot_import_and_nothing_is_written(demo_backend, tmp_path):
    engine = demo_backend.engine
    data = write_xlsx(tmp_path / "c.xlsx", [["示范乡2027年村级指标目标"], HEADER, [None, "全乡", 12, 3, 6, 150]])
    clerk = Principal("村文书乙", "clerk")
    with pytest.raises(PermissionDenied):
        import_(engine, data, "c.xlsx", principal=clerk)
    assert targets_of(engine, 2027) == {}
    assert target_audits(engine, 2027) == []


def test_total_row_duplicates_and_missing_unit(demo_backend, tmp_path):
    data = write_csv(tmp_path / "t.csv", [
        ["示范乡2027年目标"],
        ["村名", "集体经济收入", "发展党员（人）"],   # row 2: income without a unit
        ["全乡", "12万元", "3"],                     # a unit in the cell is fine
        ["东坡村", "15", ""],                        # row 4: 15 what? 元 or 万元
        ["东坡村", "", "4"],                         # row 5: the same village twice
        ["全乡合计", "170万元", "42"],               # row 6: a total, not a target
    ], "utf-8")
    with session_factory(demo_backend.engine)() as s:
        plan = prepare_targets(s, data, "t.csv", township="示范乡")
    assert [str(p) for p in plan.errors] == [
        "第4行「集体经济收入」：表头没有写单位，无法确定“15”是元还是万元；请把表头写成“集体经济收入（万元）”",
        "第5行「村名」：“东坡村”在第4行已经填过，重复了",
    ]
    assert [str(p) for p in plan.warnings] == [
        "第6行「村名」：“全乡合计”是合计行，不是每村目标，不导入；全乡每村统一的目标请在村名处写“全乡”"]
    assert {(t.village, t.indicator, t.value) for t in plan.targets} == {
        (None, "collective_income", 120_000.0), (None, "new_members", 3.0)}


def test_a_target_changed_after_the_preview_stops_the_whole_import(demo_backend, tmp_path):
    from db.targets import set_target_for

    engine = demo_backend.engine
    data = write_xlsx(tmp_path / "p.xlsx", [["示范乡2026年村级指标目标"], HEADER,
                                            [None, "全乡", 12, None, None, None], [1, "胜利村", 20, None, None, None]])
    with session_factory(engine)() as s:
        seen = prepare_targets(s, data, "p.xlsx", township="示范乡").olds()
    with transaction(engine) as s:  # someone else, between preview and commit
        set_target_for(s, township="示范乡", year=2026, indicator="collective_income", value=170_000.0,
                       principal=ADMIN, village="胜利村")
    with pytest.raises(UserError) as err:
        with transaction(engine) as s:
            plan = prepare_targets(s, data, "p.xlsx", township="示范乡")
            commit_targets(s, plan, ADMIN, expect_old=seen)
    assert "目标已被他人修改" in err.value.message and "胜利村" in err.value.message
    got = by_name(engine, 2026)
    assert got[("大刘庄村", "collective_income")] == 100_000.0  # the 全乡 row was not written either
    assert got[("胜利村", "collective_income")] == 170_000.0


def test_template_round_trips_without_changes(demo_backend):
    with session_factory(demo_backend.engine)() as s:
        data = template_xlsx(s, "示范乡", 2026)
        plan = prepare_targets(s, data, "示范乡2026年目标模板.xlsx", township="示范乡")
    assert plan.year == 2026 and not plan.problems
    # 4 township targets and 胜利村's own income target, all as stored.
    assert plan.counts() == {"new": 0, "changed": 0, "unchanged": 5}
    assert {(t.village, t.indicator, t.value) for t in plan.targets} == {
        (None, "collective_income", 100_000.0), (None, "new_members", 2.0), (None, "grid_count", 6.0),
        (None, "training_attendance", 120.0), ("胜利村", "collective_income", 150_000.0)}
