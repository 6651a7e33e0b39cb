"""Page 总览 (AppTest): the headline numbers, per-indicator red/yellow counts and the income trend,
each checked against figures computed here from the queries with our own arithmetic."""
import json

import pytest

from db import queries
from db.engine import session_factory
from db.store import township_by_name
from tests.apphelpers import app_as, make_user, texts

CODES = ("collective_income", "new_members", "grid_count", "training_attendance")
STOCK = {"grid_count"}


def open_page(principal, page="pages/overview.py"):
    at = app_as(principal).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def status(actual, target, quarter, code):
    """The pacing rule written out again: flow targets × q/4, stock the target; red < 80 %, yellow < 100 %."""
    if target is None:
        return "no_target"
    if actual is None:
        return "missing"
    expected = target if code in STOCK else target * quarter / 4
    completion = actual / expected
    return "red" if completion < 0.8 - 1e-9 else "yellow" if completion < 1 - 1e-9 else "green"


def expected_numbers(engine, period: str) -> dict:
    year, quarter = int(period[:4]), int(period[-1])
    with session_factory(engine)() as s:
        town = township_by_name(s, "示范乡")
        villages = [vid for vid, _name, _since in queries.villages(s, town.id)]
        targets = queries.effective_targets(s, town.id, year)
        actuals = queries.actuals_at(s, town.id, period)
    income = {v: actuals.get((v, "collective_income")) for v in villages}
    income_target = {v: targets.get((v, "collective_income")) for v in villages}
    statuses = {code: [status(actuals.get((v, code)), targets.get((v, code)), quarter, code) for v in villages]
                for code in CODES}
    return {
        "villages": len(villages),
        "reached": sum(1 for v in villages if income[v] is not None and income[v] >= income_target[v]),
        "income": sum(x for x in income.values() if x is not None) / 10000,
        "target": sum(income_target.values()) / 10000,
        "reporting": len({v for (v, _c) in actuals}),
        "counts": {code: {s: statuses[code].count(s) for s in ("red", "yellow")} for code in CODES},
    }


def check_headline(at, exp):
    m = metrics(at)
    n = exp["villages"]
    assert m["达到全年收入目标的村"] == f"{exp['reached']} / {n}"
    assert m["收入累计 / 全年目标（万元）"] == f"{exp['income']:,.1f} / {exp['target']:,.1f}"
    assert m["本季度报送"] == f"{exp['reporting']} / {n} 个村"
    income = exp["counts"]["collective_income"]
    assert m["收入进度落后的村"] == f"红 {income['red']} · 黄 {income['yellow']}"
    for code, name in zip(CODES, ("村集体经济收入", "发展党员数", "网格数", "培训人次")):
        c = exp["counts"][code]
        assert m[name] == f"红 {c['red']} · 黄 {c['yellow']}"


def test_headline_numbers_latest_quarter(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_page(viewer)
    assert "示范乡 · 总览" in texts(at) and "2026年第三季度" in texts(at)
    exp = expected_numbers(demo_backend.engine, "2026Q3")
    check_headline(at, exp)
    # The demo story: only 红旗村 has reached its annual income target; 石桥村 did not report.
    assert exp["reached"] == 1 and exp["reporting"] == 13 and exp["villages"] == 14
    assert exp["counts"]["collective_income"]["red"] == 2  # 大刘庄村, 北山村
    assert "未报送村不计入实际累计：石桥村" in texts(at)
    # Every headline points to the page that explains it.
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert {"progress", "alerts", "compare"} <= set(links.values())
    assert links["落后预警 →"] == "alerts" and links["未报送名单 →"] == "alerts"
    assert links["各村四项指标逐季完成率 →"] == "compare"
    # And following one works.
    at.switch_page("pages/alerts.py").run()
    assert not at.exception and "示范乡 · 落后预警" in texts(at)


def test_earlier_quarter_changes_the_counts(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin)
    before = metrics(at)
    [s for s in at.selectbox if s.label == "季度"][0].set_value("2026年第二季度").run()
    assert not at.exception
    exp = expected_numbers(demo_backend.engine, "2026Q2")
    check_headline(at, exp)
    assert exp["reporting"] == 14
    assert metrics(at) != before
    # 2025: another year, another total target (胜利村's own 15万 target is only set for 2026).
    [s for s in at.selectbox if s.label == "季度"][0].set_value("2025年第四季度").run()
    exp = expected_numbers(demo_backend.engine, "2025Q4")
    check_headline(at, exp)
    assert exp["target"] == pytest.approx(140)


def test_income_trend_chart(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    layout = spec["layout"]
    assert "2026年村集体经济收入" in layout["title"]["text"] and "万元" in layout["title"]["text"]
    assert "万元" in layout["yaxis"]["title"]["text"] and "季度" in layout["xaxis"]["title"]["text"]
    bars = [t for t in spec["data"] if t["type"] == "bar"][0]
    assert bars["x"] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    totals = [expected_numbers(demo_backend.engine, f"2026Q{q}")["income"] for q in (1, 2, 3)]
    assert bars["y"][:3] == [pytest.approx(t) for t in totals] and bars["y"][3] is None
    pace = [t for t in spec["data"] if t["name"].startswith("进度要求")][0]
    assert pace["y"] == [pytest.approx(145 * q / 4) for q in (1, 2, 3, 4)]  # 13 × 10万 + 胜利村 15万
    target = [t for t in spec["data"] if t["name"] == "全年目标"][0]
    assert target["y"] == [pytest.approx(145)] * 4


def test_quarter_choice_follows_the_user_across_pages(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    clerk, _ = make_user(demo_backend.engine, "clerk", villages=["大刘庄村"])
    at = open_page(clerk)
    [s for s in at.selectbox if s.label == "季度"][0].set_value("2026年第一季度").run()
    for page in ("pages/alerts.py", "pages/progress.py", "pages/compare.py", "pages/overview.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert [s for s in at.selectbox if s.label == "季度"][0].value == "2026年第一季度"
    check_headline(at, expected_numbers(demo_backend.engine, "2026Q1"))


def test_without_targets_every_page_says_so(demo_backend, monkeypatch):
    from sqlalchemy import text

    from db.engine import transaction

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    with transaction(demo_backend.engine) as s:
        s.execute(text("DELETE FROM target WHERE year = 2026"))
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin)
    assert "示范乡2026年还没有设年度目标" in texts(at)
    assert metrics(at)["收入累计 / 全年目标（万元）"].endswith("/ 未设目标")
    for page in ("pages/progress.py", "pages/alerts.py", "pages/compare.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert "示范乡2026年还没有设年度目标" in texts(at)
