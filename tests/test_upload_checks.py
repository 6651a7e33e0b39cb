"""Upload checks across townships, units and bases: a title naming another township, locks and audit rows of each row's township, unknown units, a basis in the title."""

import pytest

from db.engine import session_factory, transaction
from db.errors import UserError
from db.locks import lock
from db.queries import audit_entries
from db.users import LOCAL_OPERATOR
from etl.upload import import_file, preview_file, rollback_batch
from tests.test_upload_flow import counts


def test_title_naming_another_township_is_refused(two_towns):
    data = "新河镇2026年第三季度统计表\n村名,集体经济收入（万元）\n大刘庄村,3\n".encode()
    plan = preview_file(two_towns, data, "x.csv", township="示范乡")
    assert any("新河镇" in str(p) and "示范乡" in str(p) for p in plan.errors)


def test_locks_and_audit_follow_each_rows_township(two_towns):
    with transaction(two_towns) as s:
        lock(s, "新河镇", "2027Q1", LOCAL_OPERATOR)
    data = "2027年第一季度\n乡镇,村名,集体经济收入（万元）\n示范乡,大刘庄村,1\n新河镇,大刘庄村,2\n".encode()
    before = counts(two_towns)
    with pytest.raises(UserError) as exc:
        import_file(two_towns, data, "two.csv")
    assert any("新河镇2027年第一季度已审核锁定" in p for p in exc.value.problems)
    assert counts(two_towns) == before
    ok = "2027年第二季度\n乡镇,村名,集体经济收入（万元）\n示范乡,大刘庄村,1\n新河镇,大刘庄村,2\n".encode()
    batch = import_file(two_towns, ok, "two.csv").batch_id
    with session_factory(two_towns)() as s:
        rows = [(e["township"], e["new"]) for e in audit_entries(s, period="2027Q2") if e["source"].startswith("two.csv")]
    assert [tuple(r) for r in rows] == [("示范乡", 10000), ("新河镇", 20000)]
    assert rollback_batch(two_towns, batch) == 2


@pytest.mark.parametrize("header,message", [("集体经济收入（千元）", "单位“千元”无法识别"),
                                            ("集体经济收入", "没有写单位")])
def test_money_column_needs_a_known_unit(demo_backend, header, message):
    data = f"示范乡2027年第一季度\n村名,{header}\n大刘庄村,12.5\n".encode()
    plan = preview_file(demo_backend.engine, data, "u.csv")
    assert any(message in str(p) and "第3行" in str(p) for p in plan.errors)
    titled = "示范乡2027年第一季度（单位：万元）\n村名,集体经济收入\n大刘庄村,12.5\n".encode()
    assert preview_file(demo_backend.engine, titled, "t.csv").cells[0].value == 125000


def test_basis_in_the_title_must_match(demo_backend):
    data = "示范乡2026年第二季度统计表（累计数）\n村名,集体经济收入（万元）\n大刘庄村,3\n".encode()
    plan = preview_file(demo_backend.engine, data, "b.csv", basis="quarter")
    assert any("累计" in str(p) and "当季" in str(p) for p in plan.errors)


def test_a_figure_entered_by_hand_is_a_cell_not_a_file(demo_backend, monkeypatch):
    """enter_figure checks and writes one cell through the same stages, without writing and reading a CSV."""
    import etl.upload as upload

    def no_file(*args, **kwargs):
        raise AssertionError("enter_figure must not read a file")

    monkeypatch.setattr(upload, "open_rows", no_file)
    result = upload.enter_figure(demo_backend.engine, township="示范乡", village="大刘庄村", indicator="collective_income",
                                 period="2027Q1", value="5.2万", confirm_warnings=True)
    assert result.committed and result.plan.cells[0].value == 52_000
    with pytest.raises(UserError, match="无法识别的数值"):
        upload.enter_figure(demo_backend.engine, township="示范乡", village="大刘庄村", indicator="new_members",
                            period="2027Q1", value="很多")
