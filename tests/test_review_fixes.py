"""Problems found in review, each pinned by a test: wrong township, locks of other townships,
unknown units, basis conflicts, invalid corrections and targets, template formulas, provenance."""
import io
import math

import openpyxl
import pytest
from sqlalchemy import select

from db.engine import session_factory, transaction
from db.errors import UserError
from db.locks import lock
from db.models import AuditLog, Observation, ReportFact
from db.queries import village_sources
from db.store import set_target, township_by_name, village_index
from db.users import LOCAL_OPERATOR
from etl.exports import template_xlsx
from etl.orgfile import import_org
from etl.reports import accept_fact, load_reports
from etl.upload import import_file, preview_file, rollback_batch
from tests.test_upload_flow import counts, value_of


@pytest.fixture
def two_towns(demo_backend):
    with transaction(demo_backend.engine) as s:
        import_org(s, '乡镇,村\n新河镇,大刘庄村\n新河镇,"=HYPERLINK(""http://x"",""点此"")"\n'.encode(), "b.csv")
    return demo_backend.engine


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
        rows = s.execute(select(AuditLog.township, AuditLog.new).where(AuditLog.batch_id == batch)
                         .order_by(AuditLog.id)).all()
    assert [tuple(r) for r in rows] == [("示范乡", "10000"), ("新河镇", "20000")]
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


@pytest.fixture
def report_fact(demo_backend, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("2026年上半年，大刘庄村集体经济收入达到4.2万元。", encoding="utf-8")
    load_reports(demo_backend.engine, [p], township="示范乡")
    with session_factory(demo_backend.engine)() as s:
        return s.scalar(select(ReportFact.id).where(ReportFact.value == 42000))


@pytest.mark.parametrize("changes,message", [({"value": -5}, "不小于0"), ({"value": math.inf}, "不小于0"),
                                             ({"period": "2026Q9"}, "格式不对"), ({"period": "上半年"}, "格式不对")])
def test_corrections_are_validated(demo_backend, report_fact, changes, message):
    before = counts(demo_backend.engine)
    with pytest.raises(UserError, match=message):
        with transaction(demo_backend.engine) as s:
            accept_fact(s, report_fact, **changes)
    assert counts(demo_backend.engine) == before


def test_a_typed_period_is_made_canonical(demo_backend, report_fact):
    with transaction(demo_backend.engine) as s:
        accept_fact(s, report_fact, period=" 2026 q3 ")
    assert value_of(demo_backend.engine, "大刘庄村", "collective_income", "2026Q3") == 42000


@pytest.mark.parametrize("indicator,value", [("collective_income", math.inf), ("collective_income", math.nan),
                                             ("collective_income_growth_pct", 10), ("new_members", 2.5)])
def test_invalid_targets_are_refused(demo_backend, indicator, value):
    with pytest.raises(UserError):
        with transaction(demo_backend.engine) as s:
            set_target(s, org=township_by_name(s, "示范乡"), indicator=indicator, year=2027, value=value, user="t")


def test_template_never_carries_a_formula(two_towns):
    with session_factory(two_towns)() as s:
        data = template_xlsx(s, "新河镇", "2027Q1")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    names = [ws.cell(r, 1).value for r in range(4, 6)]
    assert "'=HYPERLINK(\"http://x\",\"点此\")" in names
    assert all(ws.cell(r, 1).data_type != "f" for r in range(1, ws.max_row + 1))


def test_restored_value_does_not_claim_the_undone_batch(demo_backend):
    engine = demo_backend.engine
    q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n大刘庄村,{}\n"
    import_file(engine, q.format(1).encode(), "a.csv")
    second = import_file(engine, q.format(2).encode(), "b.csv")
    rollback_batch(engine, second.batch_id)
    with session_factory(engine)() as s:
        vid = village_index(s, township_by_name(s, "示范乡")).resolve("大刘庄村").id
        src = [r for r in village_sources(s, vid, 2027) if r["indicator"] == "collective_income"][0]
        obs = s.scalar(select(Observation).where(Observation.village_id == vid, Observation.period == "2027Q1",
                                                 Observation.indicator_code == "collective_income"))
    assert obs.batch_id is None and "b.csv" not in src["source"] and src["value"] == 10000
