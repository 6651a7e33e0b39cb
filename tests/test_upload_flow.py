"""Quarterly upload beyond the fixtures: template round trip, formulas, guards, rollback,
one figure by hand, permissions, locks, export, CLI exit codes."""
import csv
import io
import json
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from cli.main import run
from db.engine import session_factory, transaction
from db.errors import PermissionDenied, UserError
from db.models import AuditLog, ImportBatch, Observation, ObservationHistory, OrgUnit, PeriodLock
from db.queries import audit_entries
import db.store
from db.store import township_by_name
from etl.exports import export_observations, neutralise, template_xlsx
from etl.tabular import MAX_UNZIPPED_BYTES, read_grid
from etl.upload import enter_figure, import_file, preview_file, rollback_batch
from tests.apphelpers import make_user


def counts(engine):
    with session_factory(engine)() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Observation, ObservationHistory, AuditLog, ImportBatch))


def value_of(engine, village, indicator, period):
    with session_factory(engine)() as s:
        from db.store import village_index

        v = village_index(s, township_by_name(s, "示范乡")).resolve(village)
        return s.scalar(select(Observation.value).where(Observation.village_id == v.id,
                                                        Observation.indicator_code == indicator,
                                                        Observation.period == period))


def xlsx(rows, merged_title=None) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    start = 0
    if merged_title:
        ws.merge_range(0, 0, 0, 4, merged_title)
        start = 2
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if isinstance(v, tuple):  # (formula, cached value)
                ws.write_formula(start + i, j, v[0], None, v[1])
            elif v is not None:
                ws.write(start + i, j, v)
    wb.close()
    return buf.getvalue()


def test_template_round_trip(demo_backend):
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        data = template_xlsx(s, "示范乡", "2027Q1")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0][0] == "示范乡2027年第一季度村级重点指标统计表（累计数）"
    assert sheet[2] == ["村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"]
    assert [r[0] for r in sheet[3:17]][:2] == ["大刘庄村", "胜利村"] and len([r for r in sheet[3:] if r[0]]) == 14
    assert b"dataValidation" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    # A clerk fills two cells with openpyxl and uploads the file unchanged otherwise.
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    ws["B4"], ws["E4"] = 2.5, 30
    out = io.BytesIO()
    wb.save(out)
    result = import_file(engine, out.getvalue(), "填好的模板.xlsx")
    assert result.committed and result.plan.period == "2027Q1"
    assert result.plan.counts() == {"new": 2, "changed": 0, "unchanged": 0}
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 25000


def test_formula_cells(demo_backend):
    engine = demo_backend.engine
    good = xlsx([["村名", "集体经济收入（万元）"], ["大刘庄村", ("=2+0.5", 2.5)]], "示范乡2027年第一季度")
    assert import_file(engine, good, "f.xlsx").committed
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 25000
    before = counts(engine)
    bad = xlsx([["村名", "集体经济收入（万元）"], ["胜利村", ("=B9*2", "")]], "示范乡2027年第一季度")
    with pytest.raises(UserError) as exc:
        import_file(engine, bad, "g.xlsx")
    assert any("第4行「集体经济收入（万元）」" in p and "公式" in p and "=B9*2" in p for p in exc.value.problems)
    assert counts(engine) == before


def test_zip_bomb_and_oversized_are_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_UNZIPPED_BYTES + 1))
    with pytest.raises(UserError, match="解压后超过"):
        read_grid(buf.getvalue(), "bomb.xlsx")
    with pytest.raises(UserError, match="超过上限"):
        read_grid(b"a" * (20 * 1024 * 1024 + 1), "big.csv")
    rows = "村名,培训人次\n" + "大刘庄村,1\n" * 200_001
    with pytest.raises(UserError, match="超过 200000 行"):
        read_grid(rows.encode(), "million.csv")


@pytest.mark.parametrize("payload", [b"\xef\xbb\xbf<html><table><tr><td>1</td></tr></table></html>",
                                     "<meta charset='utf-16'><table></table>".encode("utf-16"),
                                     b"<?xml version='1.0'?><Workbook></Workbook>"])
def test_web_page_saved_as_xls_is_named(payload):
    with pytest.raises(UserError, match="网页（HTML）.*另存为” .xlsx"):
        read_grid(payload, "导出.xls")


def test_rollback_restores_previous_values_and_is_audited(demo_backend):
    engine = demo_backend.engine
    base = "村名,集体经济收入（万元）\n大刘庄村,{}\n胜利村,{}\n"
    title = "示范乡2027年第一季度统计表\n"
    import_file(engine, (title + base.format(1, 2)).encode(), "a.csv")
    second = import_file(engine, (title + base.format(1.5, 2)).encode(), "b.csv")
    third = import_file(engine, (title + base.format(3, 4)).encode(), "c.csv")
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 30000
    assert rollback_batch(engine, third.batch_id) == 2
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 15000
    assert value_of(engine, "胜利村", "collective_income", "2027Q1") == 20000
    with pytest.raises(UserError, match="已经撤销过"):
        rollback_batch(engine, third.batch_id)
    # rolling back the second batch restores the first batch's value; rolling back the first removes the figure
    rollback_batch(engine, second.batch_id)
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 10000
    with session_factory(engine)() as s:
        first_id = s.scalar(select(ImportBatch.id).where(ImportBatch.file_name == "a.csv"))
    rollback_batch(engine, first_id)
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") is None
    with session_factory(engine)() as s:
        history = [(e["action"], e["old"], e["new"]) for e in audit_entries(s, village="大刘庄村", period="2027Q1")]
    assert history == [
        ("upload", None, 10000), ("upload", 10000, 15000), ("upload", 15000, 30000),
        ("rollback", 30000, 15000), ("rollback", 15000, 10000), ("rollback", 10000, None)]


def test_rollback_refused_when_changed_since(demo_backend):
    engine = demo_backend.engine
    title = "示范乡2027年第一季度统计表\n村名,集体经济收入（万元）\n"
    first = import_file(engine, (title + "大刘庄村,1\n").encode(), "a.csv")
    import_file(engine, (title + "大刘庄村,2\n").encode(), "b.csv")
    before = counts(engine)
    with pytest.raises(UserError, match="数据已被他人修改"):
        rollback_batch(engine, first.batch_id)
    assert counts(engine) == before


def test_one_figure_by_hand(demo_backend):
    engine = demo_backend.engine
    r = enter_figure(engine, township="示范乡", village="大刘庄", indicator="collective_income", period="2026Q4",
                     value="5.3")
    assert r.committed and value_of(engine, "大刘庄村", "collective_income", "2026Q4") == 53000
    with pytest.raises(UserError, match="无法识别的数值"):
        enter_figure(engine, township="示范乡", village="大刘庄村", indicator="new_members", period="2026Q4", value="几个")
    # below the previous quarter's year-to-date: needs a confirmation, like a file
    with pytest.raises(UserError, match="请先确认：.*小于上季度"):
        enter_figure(engine, township="示范乡", village="大刘庄村", indicator="collective_income", period="2026Q4",
                     value="1")
    ok = enter_figure(engine, township="示范乡", village="大刘庄村", indicator="collective_income", period="2026Q4",
                      value="4.5", confirm_warnings=True)
    assert ok.committed
    with session_factory(engine)() as s:
        last = audit_entries(s, action="manual")[-1]
        assert (last["old"], last["new"], last["village"]) == (53000, 45000, "大刘庄村")


def test_clerk_file_touching_another_village_is_refused_whole(demo_backend):
    engine = demo_backend.engine
    clerk, _ = make_user(engine, "clerk", villages=["大刘庄村"])
    data = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘庄村,1\n胜利村,2\n红旗村,3\n".encode()
    before = counts(engine)
    with pytest.raises(UserError) as exc:
        import_file(engine, data, "x.csv", principal=clerk)
    assert [p[:4] for p in exc.value.problems] == ["第4行「", "第5行「"]
    assert "胜利村" in exc.value.problems[0] and "红旗村" in exc.value.problems[1]
    assert counts(engine) == before
    viewer, _ = make_user(engine, "viewer")
    with pytest.raises(PermissionDenied):
        import_file(engine, data, "x.csv", principal=viewer)
    assert import_file(engine, "示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘庄村,1\n".encode(), "own.csv",
                       principal=clerk).committed


def test_locked_quarter_is_refused(demo_backend):
    engine = demo_backend.engine
    with transaction(engine) as s:
        s.add(PeriodLock(township_id=township_by_name(s, "示范乡").id, period="2026Q3", locked_by="admin"))
    before = counts(engine)
    with pytest.raises(UserError, match="已审核锁定"):
        import_file(engine, "示范乡2026年第三季度\n村名,网格数（个）\n大刘庄村,7\n".encode(), "x.csv")
    assert counts(engine) == before


def test_export_formats(demo_backend):
    engine = demo_backend.engine
    import_file(engine, "示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘庄村,5.2万\n".encode(), "=cmd|'/c calc'!A1.csv")
    with session_factory(engine)() as s:
        rows = json.loads(export_observations(s, "json"))
        raw_csv = export_observations(s, "csv")
        raw_xlsx = export_observations(s, "xlsx")
    assert set(rows[0]) == {"township", "village", "indicator", "period", "value", "source"}
    mine = [r for r in rows if r["period"] == "2027Q1"]
    assert mine == [{"township": "示范乡", "village": "大刘庄村", "indicator": "collective_income", "period": "2027Q1",
                     "value": 52000.0, "source": "上传:=cmd|'/c calc'!A1.csv"}]
    assert raw_csv.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"))))
    assert len(parsed) == len(rows) + 1
    assert [r for r in parsed if r[3] == "2027Q1"][0][5] == "'上传:=cmd|'/c calc'!A1.csv" or \
        all(not c.startswith(("=", "+", "-", "@")) for r in parsed for c in r)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(raw_xlsx)).get_sheet_by_index(0).to_python()
    assert len(sheet) == len(rows) + 1
    assert all(not str(c).startswith(("=", "+", "-", "@")) for r in sheet for c in r)
    assert neutralise("=1+1") == "'=1+1" and neutralise("-5") == "'-5" and neutralise("正常") == "正常"


def test_preview_writes_nothing_and_reimport_is_idempotent(demo_backend):
    engine = demo_backend.engine
    data = "示范乡2027年第一季度\n村名,集体经济收入（万元）,培训人次（人次）\n大刘庄村,5,20\n".encode()
    before = counts(engine)
    plan = preview_file(engine, data, "p.csv")
    assert plan.counts() == {"new": 2, "changed": 0, "unchanged": 0} and counts(engine) == before
    seen = []
    first = import_file(engine, data, "p.csv", progress=lambda f, t: seen.append(f))
    assert first.committed and seen[-1] == 1.0
    after = counts(engine)
    again = import_file(engine, data, "p.csv")
    assert not again.committed and "已经导入过" in again.message and counts(engine) == after


def test_cli_import_exit_codes(db_env, capsys, tmp_path):
    assert run(["demo", "--no-admin"]) == 0
    capsys.readouterr()
    ok = tmp_path / "q.csv"
    ok.write_bytes("示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘庄村,5\n".encode("gb18030"))
    assert run(["import", str(ok), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "预览" in out and "第3行 大刘庄村" in out
    assert run(["import", str(ok)]) == 0
    assert "已导入" in capsys.readouterr().out
    assert run(["import", str(ok)]) == 0
    assert "已经导入过" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes("示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘村,五点二万\n".encode())
    assert run(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "第3行「村名」" in err and "大刘庄村" in err and "Traceback" not in err
    drop = tmp_path / "drop.csv"  # 2027Q2 year-to-date below 2027Q1's 5万: a warning
    drop.write_bytes("示范乡2027年第二季度\n村名,集体经济收入（万元）\n大刘庄村,4\n".encode())
    assert run(["import", str(drop)]) == 1
    err = capsys.readouterr().err
    assert "提醒" in err and "--yes" in err and "第3行「集体经济收入（万元）」" in err
    assert run(["import", str(drop), "--yes"]) == 0
    assert "已导入" in capsys.readouterr().out


def test_clerk_fills_only_their_row_of_the_full_template(demo_backend):
    import openpyxl

    engine = demo_backend.engine
    clerk, _ = make_user(engine, "clerk", villages=["大刘庄村"])
    with session_factory(engine)() as s:
        full = template_xlsx(s, "示范乡", "2027Q1")
        own = template_xlsx(s, "示范乡", "2027Q1", only=clerk.village_ids)
    wb = openpyxl.load_workbook(io.BytesIO(own))
    assert [c.value for c in wb.active["A"][3:] if c.value] == ["大刘庄村"]  # a clerk's template lists their village only
    wb = openpyxl.load_workbook(io.BytesIO(full))
    wb.active["B4"] = 3.5  # 大刘庄村; the other 13 rows stay empty
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file(engine, buf.getvalue(), "模板.xlsx", principal=clerk)
    assert result.committed and result.plan.counts()["new"] == 1 and result.plan.data_rows == 1
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 35000


def test_bulk_write_in_chunks_keeps_every_figure_and_audit_row(demo_backend, monkeypatch):
    """The writer sends rows to the driver in chunks: with a chunk of 3 rows, a file of
    12 figures (then 4 of them changed) must still land whole, each with its audit row."""
    import db.store

    monkeypatch.setattr(db.store, "_CHUNK", 3)
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        villages = [v.name for v in db.store.village_index(s, township_by_name(s, "示范乡")).villages[:3]]
    header = ["村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"]
    first = {v: [1.5 + i, 1 + i, 4 + i, 30 + i] for i, v in enumerate(villages)}
    result = import_file(engine, xlsx([header] + [[v, *vals] for v, vals in first.items()],
                                      merged_title="示范乡2027年第一季度村级指标"), "q1.xlsx")
    assert result.committed and result.plan.counts() == {"new": 12, "changed": 0, "unchanged": 0}
    codes = ["collective_income", "new_members", "grid_count", "training_attendance"]
    for v, vals in first.items():
        assert [value_of(engine, v, c, "2027Q1") for c in codes] == [vals[0] * 10_000, *vals[1:]]

    second = {villages[0]: [9.25, 1, 4, 30], villages[1]: [2.5, 2, 5, 99]}  # 2 changed cells, 6 unchanged
    result2 = import_file(engine, xlsx([header] + [[v, *vals] for v, vals in second.items()],
                                       merged_title="示范乡2027年第一季度村级指标（更正）"), "q1b.xlsx",
                          confirm_warnings=True)
    assert result2.plan.counts() == {"new": 0, "changed": 2, "unchanged": 6}
    with session_factory(engine)() as s:
        entries = audit_entries(s, period="2027Q1")
        changed = {(a["village"], a["indicator"]): (a["old"], a["new"]) for a in entries
                   if a["source"].startswith("q1b.xlsx")}
        obs = s.scalars(select(Observation).where(Observation.batch_id == result2.batch_id)).all()
        first_rows = sum(1 for a in entries if a["source"].startswith("q1.xlsx"))
        written_names = {s.get(OrgUnit, o.village_id).name for o in obs}
    assert first_rows == 12
    assert changed == {
        (villages[0], "collective_income"): (15000, 92500),
        (villages[1], "training_attendance"): (31, 99),
    }
    assert {v for v, _ in changed} == written_names and len(obs) == 2
    assert sorted(o.version for o in obs) == [2, 2]
    assert value_of(engine, villages[0], "collective_income", "2027Q1") == 92_500


def test_xlsx_row_of_spaces_is_a_blank_row(demo_backend):
    """A spreadsheet keeps a cell holding only spaces as text: that row is blank, not a row
    with an empty village name (which would refuse the whole file)."""
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        village = db_village_names(s)[0]
    data = xlsx([["村名", "集体经济收入（万元）"], [village, 3], [" ", None], ["\u3000", "  "]],
                merged_title="示范乡2027年第一季度村级指标")
    result = import_file(engine, data, "spaces.xlsx", dry_run=True)
    assert not result.plan.errors
    assert result.plan.counts() == {"new": 1, "changed": 0, "unchanged": 0} and result.plan.data_rows == 1


def db_village_names(session):
    from db.store import village_index

    return [v.name for v in village_index(session, township_by_name(session, "示范乡")).villages]


def test_a_failure_in_a_later_chunk_leaves_nothing_written(demo_backend, monkeypatch):
    """All or nothing across chunks: the writer fails on its second chunk, and the first
    chunk's figures are rolled back with it."""
    import db.store
    import etl.upload

    engine = demo_backend.engine
    monkeypatch.setattr(etl.upload, "CHUNK_CELLS", 2)
    real = db.store._FigureWriter.insert
    calls = {"figures": 0}

    def failing_insert(self, rows):
        calls["figures"] += 1
        if calls["figures"] == 2:
            raise RuntimeError("disk full")
        return real(self, rows)

    monkeypatch.setattr(db.store._FigureWriter, "insert", failing_insert)
    before = counts(engine)
    with session_factory(engine)() as s:
        villages = db_village_names(s)[:2]
    data = xlsx([["村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"]]
                + [[v, 2, 1, 3, 40] for v in villages], merged_title="示范乡2027年第一季度村级指标")
    with pytest.raises(RuntimeError):
        import_file(engine, data, "chunks.xlsx", confirm_warnings=True)
    assert calls["figures"] == 2
    assert counts(engine) == before


def test_stored_cells_for_more_villages_than_one_in_list(backend):
    """More than 900 villages: the quarter is read whole and filtered by village."""
    from db.engine import transaction as txn
    from db.store import Cell, ensure_reference, stored_cells, write_observations
    from etl.orgfile import import_org

    engine = backend.engine
    with txn(engine) as s:
        ensure_reference(s)
    org = "乡镇,村\n" + "".join(f"大乡,第{i}村\n" for i in range(950)) + "小乡,外村\n"
    with txn(engine) as s:
        import_org(s, org.encode(), "org.csv")
    with txn(engine) as s:
        big = db.store.village_index(s, township_by_name(s, "大乡")).villages
        other = db.store.village_index(s, township_by_name(s, "小乡")).villages[0]
        cells = [Cell(v.id, "grid_count", "2026Q1", float(i % 7 + 1)) for i, v in enumerate(big)]
        cells += [Cell(other.id, "grid_count", "2026Q1", 99.0), Cell(big[0].id, "grid_count", "2025Q4", 5.0)]
        write_observations(s, cells, user="t", source_type="upload")
    with session_factory(engine)() as s:
        wanted = {v.id for v in big[:901]}
        found = stored_cells(s, wanted, {"2026Q1"})
    assert len(found) == 901
    assert {k[0] for k in found} == wanted and {k[2] for k in found} == {"2026Q1"}
    assert all(found[(big[i].id, "grid_count", "2026Q1")].value == i % 7 + 1 for i in range(901))



def test_periods_stored_names_only_quarters_holding_a_figure(demo_backend):
    """The upload asks once per file which quarters hold any figure, and looks up only those."""
    from db.store import periods_stored

    engine = demo_backend.engine
    assert import_file(engine, "示范乡2031年第二季度\n村名,网格数（个）\n大刘庄村,5\n".encode(), "g.csv").committed
    with session_factory(engine)() as s:
        assert periods_stored(s, {"2031Q1", "2031Q2", "2030Q2"}) == {"2031Q2"}
        assert periods_stored(s, []) == set()
    # a later quarter's file still meets a stored figure as the quarter before it
    assert import_file(engine, "示范乡2031年第二季度\n村名,培训人次（人次）\n大刘庄村,40\n".encode(), "t.csv").committed
    plan = preview_file(engine, "示范乡2031年第三季度\n村名,培训人次（人次）\n大刘庄村,25\n".encode(), "h.csv")
    assert [p.message for p in plan.warnings] == ["“大刘庄村”培训人次累计数25人次小于上季度的40人次，累计数一般不会减少，请确认"]
    again = preview_file(engine, "示范乡2031年第二季度\n村名,网格数（个）\n大刘庄村,6\n".encode(), "i.csv")
    assert again.counts() == {"new": 0, "changed": 1, "unchanged": 0}
