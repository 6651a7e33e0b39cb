"""Page 村级画像 (AppTest) and the 催报 notice: one village's quarters across years, its projection,
its figures' sources and history, reached from 落后预警 and 村级进度."""
from __future__ import annotations

import io
from datetime import date

import docx

from etl.reminders import default_deadline, reminder_docx, reminder_text
from tests.apphelpers import app_as, make_user, texts


def open_profile(principal, village: str):
    at = app_as(principal).run()
    at.session_state["profile_village"] = village
    at.switch_page("pages/village.py").run()
    assert not at.exception, at.exception
    return at


def test_a_village_that_did_not_report_gets_a_reminder(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_profile(viewer, "石桥村")
    shown = texts(at)
    assert "石桥村 · 村级画像" in shown
    assert "本村第三季度村集体经济收入、发展党员数、网格数、培训人次还未报送" in shown
    assert [b.label for b in at.get("download_button")] == ["下载催报通知（.docx）"]
    message = at.text_area[0].value
    assert message.startswith("【催报】示范乡2026年第三季度数据尚未报齐") and "石桥村：四项指标" in message
    assert "10月10日前" in message


def test_a_village_s_charts_projection_sources_and_history(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_profile(viewer, "大刘庄村")
    assert len(at.get("plotly_chart")) == 4  # one chart per indicator
    shown = texts(at)
    assert "推算年末：" in shown and "网格数是存量，不做年末推算。" in shown
    sources = at.dataframe[0].value
    assert set(sources["指标"]) >= {"村集体经济收入", "培训人次"} and sources["来源"].str.contains("上传批次").any()
    history = at.dataframe[1].value
    assert (history["操作"] == "上传").any() and not at.get("download_button")  # 大刘庄村 reported everything


def test_from_alerts_to_a_village(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(viewer).run()
    at.switch_page("pages/alerts.py").run()
    at.selectbox(key="alerts_profile_village").set_value("北山村").run()
    at.button(key="alerts_open_profile").click().run()
    assert not at.exception, at.exception
    assert "北山村 · 村级画像" in texts(at)


def test_the_reminder_text_and_notice_by_hand():
    missing = {"石桥村": ["村集体经济收入", "发展党员数", "网格数", "培训人次"], "柳树湾村": ["培训人次"]}
    text = reminder_text("示范乡", "2026Q3", missing, date(2026, 10, 15))
    assert text.splitlines() == ["【催报】示范乡2026年第三季度数据尚未报齐，请以下村于10月15日前报送（年初至本季度末累计数）：",
                                 "1. 石桥村：四项指标", "2. 柳树湾村：培训人次", "已报送的请忽略。如有困难请联系乡镇党建办。"]
    document = docx.Document(io.BytesIO(reminder_docx("示范乡", "2026Q3", missing, date(2026, 10, 15),
                                                      issued=date(2026, 10, 8))))
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert rows == [["序号", "村", "未报送的指标"], ["1", "石桥村", "四项指标"], ["2", "柳树湾村", "培训人次"]]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "2026年10月15日前" in body and body.endswith("示范乡\n2026年10月8日")
    assert document.core_properties.author == "示范乡"
    assert (default_deadline("2026Q3"), default_deadline("2026Q4")) == (date(2026, 10, 10), date(2027, 1, 10))


def test_a_figure_from_a_report_shows_its_sentence_marked_and_escaped(demo_backend, monkeypatch, tmp_path):
    from sqlalchemy import select

    from db.engine import transaction
    from db.models import ReportFact
    from etl.reports import accept_fact, load_reports

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    report = tmp_path / "dlz.txt"
    report.write_text("大刘庄村2026年前三季度工作总结\n截至9月底，大刘庄村集体经济收入达到4.5万元<script>x</script>。\n",
                      encoding="utf-8")
    load_reports(demo_backend.engine, [report], township="示范乡")
    with transaction(demo_backend.engine) as s:
        fact = s.scalar(select(ReportFact).where(ReportFact.value == 45_000, ReportFact.status == "pending"))
        accept_fact(s, fact.id)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_profile(viewer, "大刘庄村")
    marked = [m.value for m in at.markdown if "zb-evidence" in str(m.value)]
    assert len(marked) == 1 and "<mark>" in marked[0] and "dlz.txt" in marked[0] and "<script>" not in marked[0]
    assert (at.dataframe[0].value["来源"].str.contains("报告《dlz.txt》")).any()


def test_a_clerk_lands_on_their_village_and_sees_its_reminders(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    clerk, _ = make_user(demo_backend.engine, "clerk", name="柳树湾文书", villages=["柳树湾村"])
    at = app_as(clerk).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "柳树湾村 · 村级画像" in shown and "本村第三季度培训人次还未报送" in shown


def test_a_clerk_sees_only_the_reports_they_saved(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    clerk, _ = make_user(demo_backend.engine, "clerk", name="柳树湾文书", villages=["柳树湾村"])
    at = app_as(clerk).run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "还没有报告" in shown and "审核" not in [s.value for s in at.subheader]  # the demo's reports are the admin's
