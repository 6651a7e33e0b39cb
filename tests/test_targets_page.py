"""Page 目标设置 (AppTest): every-village target, a village's own target wins, a report's proposed
target accepted, the history shows old → new, and clerks cannot reach the page.

Demo 示范乡: 2025/2026 targets of 10万元 income per village, 胜利村 15万元 of its own in 2026."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from db.engine import session_factory
from db.models import ReportFact, Target
from db.queries import effective_targets, villages
from db.store import township_by_name
from tests.apphelpers import app_as, make_user
from tests.apphelpers import texts as _texts


def texts(at) -> str:
    """The page's texts with markdown escapes removed (messages are escaped before display)."""
    return _texts(at).replace("\\", "")


@pytest.fixture
def env(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    return demo_backend


def open_page(principal, year: int | None = None, indicator: str | None = None):
    at = app_as(principal).run()
    at.switch_page("pages/targets.py").run()
    assert not at.exception, at.exception
    if year is not None:
        at.selectbox(key="targets_year").set_value(year).run()
    if indicator is not None:
        at.radio(key="targets_indicator").set_value(indicator).run()
    assert not at.exception, at.exception
    return at


def income_by_village(engine, year: int) -> dict[str, float]:
    with session_factory(engine)() as s:
        town = township_by_name(s, "示范乡")
        names = {vid: name for vid, name, _ in villages(s, town.id)}
        eff = effective_targets(s, town.id, year)
    return {names[vid]: value for (vid, code), value in eff.items() if code == "collective_income"}


def number_input(at, label_start: str):
    return [n for n in at.number_input if n.label.startswith(label_start)][0]


def submit(at, label: str):
    [b for b in at.button if b.label == label][0].click().run()
    assert not at.exception, at.exception


def test_township_target_applies_to_every_village(env):
    admin, _ = make_user(env.engine, "admin")
    at = open_page(admin, year=2027)
    assert income_by_village(env.engine, 2027) == {}
    assert "示范乡还没有设2027年每村村集体经济收入目标" in texts(at)
    number_input(at, "2027年村集体经济收入目标（每村，万元）").set_value(12.5)
    submit(at, "保存")
    assert "已保存：示范乡每村2027年村集体经济收入目标为 12.5万元" in texts(at)
    got = income_by_village(env.engine, 2027)
    assert len(got) == 14 and set(got.values()) == {125_000.0}  # 12.5万元 stored in 元
    table = at.dataframe[0].value
    assert set(table["2027年目标"]) == {"12.5万元"} and set(table["目标来源"]) == {"全乡每村目标"}


def test_a_village_override_wins_over_the_township_target(env):
    admin, _ = make_user(env.engine, "admin")
    at = open_page(admin, year=2026)
    at.selectbox(key="targets_village_" + str(_town_id(env))).set_value("红旗村")
    number_input(at, "本村目标（万元）").set_value(13)
    submit(at, "保存本村目标")
    assert "已保存：红旗村2026年村集体经济收入目标为 13万元" in texts(at)
    got = income_by_village(env.engine, 2026)
    assert got["红旗村"] == 130_000.0
    assert got["胜利村"] == 150_000.0
    assert all(v == 100_000.0 for k, v in got.items() if k not in ("红旗村", "胜利村"))
    # Raising the township target later does not touch the villages with their own.
    number_input(at, "2026年村集体经济收入目标（每村，万元）").set_value(11)
    submit(at, "保存")
    got = income_by_village(env.engine, 2026)
    assert (got["红旗村"], got["胜利村"], got["大刘庄村"]) == (130_000.0, 150_000.0, 110_000.0)
    table = at.dataframe[0].value.set_index("村")
    assert table.loc["红旗村", "目标来源"] == "本村目标" and table.loc["红旗村", "2026年目标"] == "13万元"
    assert table.loc["大刘庄村", "目标来源"] == "全乡每村目标" and table.loc["大刘庄村", "2026年目标"] == "11万元"


def test_counts_are_whole_numbers(env):
    admin, _ = make_user(env.engine, "admin")
    at = open_page(admin, year=2026, indicator="new_members")
    number_input(at, "2026年发展党员数目标（每村，人）").set_value(3)
    submit(at, "保存")
    with session_factory(env.engine)() as s:
        town = township_by_name(s, "示范乡")
        value = s.scalar(select(Target.value).where(Target.org_id == town.id, Target.year == 2026,
                                                    Target.indicator_code == "new_members"))
    assert value == 3.0


def test_accepting_the_reports_proposed_target_sets_the_2024_targets(env):
    admin, _ = make_user(env.engine, "admin")
    with session_factory(env.engine)() as s:
        fact_id = s.scalar(select(ReportFact.id).where(ReportFact.kind == "target", ReportFact.period == "2024",
                                                       ReportFact.indicator_code == "collective_income"))
    assert income_by_village(env.engine, 2024) == {}
    at = open_page(admin)
    page = texts(at)
    assert "原文：「村级集体经济达到10万元以上」" in page
    assert "接受后：示范乡每村2024年村集体经济收入目标设为 10万元（目前未设）" in page
    at.button(key=f"targets_accept_{fact_id}").click().run()
    assert not at.exception, at.exception
    assert "已设为示范乡2024年村集体经济收入目标" in texts(at)
    got = income_by_village(env.engine, 2024)
    assert len(got) == 14 and set(got.values()) == {100_000.0}
    with session_factory(env.engine)() as s:
        assert s.get(ReportFact, fact_id).status == "accepted"
        rows = s.scalars(select(Target).where(Target.year == 2024)).all()
    assert [(r.indicator_code, r.value) for r in rows] == [("collective_income", 100_000.0)]
    assert rows[0].source.startswith("报告:000_febdc8b53386a303.txt#")
    # Accepted: no longer offered.
    assert not [b for b in at.button if b.key == f"targets_accept_{fact_id}"]


def test_rejecting_a_proposed_target_writes_nothing(env):
    admin, _ = make_user(env.engine, "admin")
    with session_factory(env.engine)() as s:
        fact_id = s.scalar(select(ReportFact.id).where(ReportFact.kind == "target", ReportFact.period == "2024"))
    at = open_page(admin)
    at.button(key=f"targets_reject_{fact_id}").click().run()
    assert not at.exception
    assert "已驳回" in texts(at)
    assert income_by_village(env.engine, 2024) == {}
    with session_factory(env.engine)() as s:
        assert s.get(ReportFact, fact_id).status == "rejected"


def test_history_shows_old_and_new(env):
    admin, _ = make_user(env.engine, "admin")
    at = open_page(admin, year=2026)
    number_input(at, "2026年村集体经济收入目标（每村，万元）").set_value(12)
    submit(at, "保存")
    history = [d.value for d in at.dataframe if "原目标" in d.value.columns][0]
    newest = history.iloc[0]
    assert (newest["范围"], newest["原目标"], newest["新目标"], newest["操作人"], newest["来源"]) == (
        "示范乡每村", "10万元", "12万元", admin.name, "手工设置")
    # The demo's two 2026 income targets are older rows.
    assert list(history["范围"]) == ["示范乡每村", "胜利村", "示范乡每村"]
    assert list(history["新目标"]) == ["12万元", "15万元", "10万元"]
    assert set(history.iloc[1:]["原目标"]) == {"—"}


def test_clerk_cannot_reach_the_page(env):
    clerk, _ = make_user(env.engine, "clerk", villages=["大刘庄村"])
    at = app_as(clerk).run()
    with pytest.raises(ValueError):
        at.switch_page("pages/targets.py").run()


def _town_id(env) -> int:
    with session_factory(env.engine)() as s:
        return township_by_name(s, "示范乡").id


def test_a_hostile_village_name_is_escaped(env):
    from db.engine import transaction
    from etl.orgfile import import_org
    from pages.common import md_escape

    name = "[点我](http://evil.example)<script>x</script>村"
    with transaction(env.engine) as s:
        import_org(s, f"乡镇,村\n示范乡,\"{name}\"\n".encode(), "hostile.csv")
    admin, _ = make_user(env.engine, "admin")
    at = open_page(admin, year=2026)
    at.selectbox(key="targets_village_" + str(_town_id(env))).set_value(name)
    number_input(at, "本村目标（万元）").set_value(3)
    submit(at, "保存本村目标")
    raw = [str(e.value) for e in at.success]
    assert raw == [md_escape(f"已保存：{name}2026年村集体经济收入目标为 3万元")]
    assert income_by_village(env.engine, 2026)[name] == 30_000.0


def test_a_village_s_own_target_is_cleared_back_to_the_township_s(demo_backend, monkeypatch):
    from db.engine import transaction
    from db.progress import lagging

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = app_as(admin).run()
    at.switch_page("pages/targets.py").run()
    key = [sb.key for sb in at.selectbox if sb.key and sb.key.startswith("targets_clear_village_")][0]
    at.selectbox(key=key).set_value("胜利村").run()  # the demo's village with its own 15万元
    at.button(key=key.replace("targets_clear_village_", "targets_clear_")).click().run()
    assert not at.exception, at.exception
    with transaction(demo_backend.engine) as s:
        target = {a.village: a.target for a in lagging(s, "示范乡", "2026Q3", "collective_income")}["胜利村"]
    assert target == 100_000  # the township's every-village target again
