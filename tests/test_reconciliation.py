"""Reconciliation (issue 16): an accepted report total against the sum of the villages' stored figures."""
from __future__ import annotations

from sqlalchemy import func, select

from db.engine import session_factory, transaction
from db.models import Observation, OrgUnit, ReportFact
from db.queries import reconciliation
from db.store import township_by_name
from etl.reports import accept_fact, load_reports
from tests.apphelpers import app_as, make_user, texts


def villages_sum(engine, period: str, indicator: str) -> float:
    with session_factory(engine)() as s:
        town = township_by_name(s, "示范乡")
        return s.scalar(select(func.sum(Observation.value)).join(OrgUnit, OrgUnit.id == Observation.village_id)
                        .where(OrgUnit.parent_id == town.id, Observation.period == period,
                               Observation.indicator_code == indicator))


def load_and_accept(engine, tmp_path, text: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    load_reports(engine, [path], township="示范乡")
    with transaction(engine) as s:
        for fact in s.scalars(select(ReportFact).where(ReportFact.scope == "township", ReportFact.status == "pending",
                                                       ReportFact.evidence.contains("合计"))):
            accept_fact(s, fact.id)


def test_a_total_more_than_one_percent_off_is_listed(demo_backend, tmp_path):
    engine = demo_backend.engine
    actual = villages_sum(engine, "2026Q3", "collective_income")
    load_and_accept(engine, tmp_path, "示范乡2026年前三季度工作总结\n今年前三季度，全乡村集体经济收入合计150万元。\n")
    with session_factory(engine)() as s:
        found = reconciliation(s, township_by_name(s, "示范乡").id, 2026)
    assert [(m.indicator, m.period, m.reported, m.villages_sum) for m in found] == \
        [("collective_income", "2026Q3", 1_500_000, actual)]
    assert found[0].villages == 13 and "150万元" in found[0].evidence  # 石桥村 did not report 2026Q3
    assert abs(actual - 1_500_000) > 15_000


def test_a_total_within_one_percent_is_not(demo_backend, tmp_path):
    engine = demo_backend.engine
    actual = villages_sum(engine, "2026Q3", "collective_income")
    close = round(actual * 1.005 / 100) * 100  # 0.5 % above, in whole hundreds of 元
    load_and_accept(engine, tmp_path, f"示范乡2026年前三季度工作总结\n今年前三季度，全乡村集体经济收入合计{close}元。\n")
    with session_factory(engine)() as s:
        assert reconciliation(s, township_by_name(s, "示范乡").id, 2026) == []


def test_the_overview_lists_it(demo_backend, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    load_and_accept(demo_backend.engine, tmp_path, "示范乡2026年前三季度工作总结\n今年前三季度，全乡村集体经济收入合计150万元。\n")
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(viewer).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "报告数与村数合计不一致（1 项）" in shown and "报告写150万元" in shown and "全乡村集体经济收入合计150万元" in shown


def test_the_bulletin_lists_it_with_the_missing_indicators(demo_backend, tmp_path):
    import io

    import docx

    from etl.bulletin import build_bulletin, bulletin_docx

    load_and_accept(demo_backend.engine, tmp_path, "示范乡2026年前三季度工作总结\n今年前三季度，全乡村集体经济收入合计150万元。\n")
    with session_factory(demo_backend.engine)() as s:
        b = build_bulletin(s, "示范乡", "2026Q3")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(bulletin_docx(b))).paragraphs)
    assert "四、报告数与村数合计不一致" in text and "报告写150万元" in text
    assert "石桥村（四项指标）" in text and "柳树湾村（培训人次）" in text


def test_an_accepted_township_total_is_kept_and_shown(demo_backend, tmp_path, monkeypatch):
    from db.models import TownshipFigure

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    load_and_accept(demo_backend.engine, tmp_path, "示范乡2026年前三季度工作总结\n今年前三季度，全乡村集体经济收入合计150万元。\n")
    with session_factory(demo_backend.engine)() as s:
        kept = [(f.kind, f.period, f.value) for f in s.query(TownshipFigure)]
    assert kept == [("actual", "2026Q3", 1_500_000)]
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(viewer).run()
    shown = texts(at)
    assert "报告中的全乡数" in shown and "2026年第三季度全乡合计 150万元" in shown
