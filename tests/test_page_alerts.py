"""Page 落后预警 (AppTest): red then yellow with one sentence each, 未报送 on its own, the change
since last quarter, filters by indicator and status, ranking; village names are escaped."""
import pytest
from sqlalchemy import text

from db.engine import transaction
from db.errors import PermissionDenied
from db.store import township_by_name
from pages.common import md_escape
from tests.apphelpers import app_as, make_user, texts
from tests.test_page_overview import status
from tests.test_page_progress import demo_facts


def open_alerts(principal):
    at = app_as(principal).run()
    at.switch_page("pages/alerts.py").run()
    assert not at.exception, at.exception
    return at


def section(at, heading: str) -> str:
    """The markdown shown after the subheader that starts with `heading`, up to the next subheader."""
    out, inside = [], False
    for node in at._tree:
        if getattr(node, "type", "") == "subheader":
            inside = str(node.value).startswith(heading)
            continue
        if inside and type(node).__name__ == "Markdown":
            out.append(str(node.value))
    return "\n".join(out)


def flagged_lines(at) -> list[str]:
    return [line for line in section(at, "进度落后").splitlines() if line.startswith("- ")]


def expected_sentence(engine, village: str, period: str = "2026Q3") -> str:
    villages, targets, actuals = demo_facts(engine, period)
    vid = {n: v for v, n in villages.items()}[village]
    q = int(period[-1])
    expected = targets[vid] * q / 4
    pct = round(actuals[vid] / expected * 100)
    s = status(actuals[vid], targets[vid], q, "collective_income")
    name = {"red": "红", "yellow": "黄", "green": "绿"}[s]
    fmt = lambda v: f"{v / 10000:.2f}".rstrip("0").rstrip(".")
    return (f"{village}：第三季度应完成{fmt(expected)}万元（年度目标{fmt(targets[vid])}万元的{round(q / 4 * 100)}%），"
            f"实际{fmt(actuals[vid])}万元，完成率{pct}%（{name}）")


def test_red_then_yellow_with_sentences_and_missing_on_its_own(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_alerts(viewer)
    assert "示范乡 · 落后预警" in texts(at)
    sentence = expected_sentence(demo_backend.engine, "大刘庄村")
    assert "完成率54%（红）" in sentence  # the demo's story, computed from the data above
    lines = flagged_lines(at)
    dlz = [line for line in lines if md_escape(sentence) in line]
    assert len(dlz) == 1 and dlz[0].startswith("- :red-badge[红] **村集体经济收入**")
    assert md_escape(expected_sentence(demo_backend.engine, "北山村")) in "\n".join(lines)
    # Red first, then yellow; never a village that did not report.
    kinds = ["red" if ":red-badge" in line else "yellow" for line in lines]
    assert kinds == sorted(kinds, key=["red", "yellow"].index) and "red" in kinds and "yellow" in kinds
    assert not any("石桥村" in line for line in lines)
    missing = section(at, "未报送")
    assert "**石桥村**：第三季度四项指标均未报送" in missing
    assert "**柳树湾村**：第三季度培训人次未报送" in missing and "大刘庄村" not in missing
    m = {x.label: x.value for x in at.metric}
    assert m["未报送的村"] == "3"
    # Counts against our own arithmetic over the four indicators.
    from tests.test_page_overview import expected_numbers

    exp = expected_numbers(demo_backend.engine, "2026Q3")["counts"]
    assert m["红（项）"] == str(sum(c["red"] for c in exp.values()))
    assert m["黄（项）"] == str(sum(c["yellow"] for c in exp.values()))
    assert len(lines) == sum(c["red"] + c["yellow"] for c in exp.values())


def test_change_since_last_quarter(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_alerts(admin)
    # 北山村's new members: computed for Q2 and Q3 here; the page must say how it moved.
    names = {}
    for period in ("2026Q2", "2026Q3"):
        villages, targets, actuals = demo_facts(demo_backend.engine, period, "new_members")
        vid = {n: v for v, n in villages.items()}["北山村"]
        names[period] = status(actuals.get(vid), targets[vid], int(period[-1]), "new_members")
    assert (names["2026Q2"], names["2026Q3"]) == ("green", "red")
    line = [x for x in flagged_lines(at) if "北山村" in x and "**发展党员数**" in x][0]
    assert line.endswith("较上季度:red[恶化]（上季度绿）")
    # 胜利村's income moved up from red to yellow.
    line = [x for x in flagged_lines(at) if "胜利村" in x and "**村集体经济收入**" in x][0]
    assert "较上季度:green[转好]（上季度红）" in line
    # First quarter: nothing to compare with.
    [s for s in at.selectbox if s.label == "季度"][0].set_value("2026年第一季度").run()
    assert not at.exception
    assert "第一季度没有上季度可比" in texts(at)
    assert {x.label: x.value for x in at.metric}["较上季度恶化（项）"] == "—"
    assert not any("较上季度" in x for x in flagged_lines(at))


def test_indicator_filter_changes_the_sentences(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_alerts(admin)
    before = flagged_lines(at)
    [m for m in at.multiselect if m.label == "指标"][0].set_value(["new_members"]).run()
    assert not at.exception
    lines = flagged_lines(at)
    assert lines != before
    villages, targets, actuals = demo_facts(demo_backend.engine, "2026Q3", "new_members")
    flagged = sorted(villages[v] for v in villages
                     if status(actuals.get(v), targets[v], 3, "new_members") in ("red", "yellow"))
    assert sorted(line.split("** · ")[1].split("：")[0] for line in lines) == flagged
    assert all("**发展党员数**" in line and "人（年度目标2人的75%）" in line and "万元" not in line for line in lines)
    # 石桥村 still listed as not reporting its new members.
    assert "**石桥村**：第三季度发展党员数未报送" in section(at, "未报送")
    # Ranking table follows the filter.
    ranking = at.dataframe[0].value
    assert set(ranking["指标"]) == {"发展党员数"}
    assert list(ranking["完成率"]) == sorted(ranking["完成率"])


def test_status_filter(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_alerts(admin)
    [m for m in at.multiselect if m.label == "状态"][0].set_value(["red"]).run()
    assert not at.exception
    lines = flagged_lines(at)
    assert lines and all(line.startswith("- :red-badge[红]") for line in lines)
    assert not [s for s in at.subheader if str(s.value).startswith("未报送")]
    ranking = at.dataframe[-1].value
    assert set(ranking["状态"].map(lambda v: v[0])) == {"红"}  # the filter applies to the ranking too
    [m for m in at.multiselect if m.label == "状态"][0].set_value(["missing"]).run()
    assert flagged_lines(at) == []
    assert "石桥村" in section(at, "未报送")


def test_worse_counts_only_reported_quarters(demo_backend, monkeypatch):
    """石桥村 stopped reporting in 2026Q3: that is 未报送, not 恶化."""
    from db.engine import session_factory
    from db.pacing import trend
    from db.progress import with_previous
    from db.store import township_by_name

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    with session_factory(demo_backend.engine)() as s:
        changes = with_previous(s, township_by_name(s, "示范乡").id, "2026Q3")
    expected = sum(1 for c in changes if trend(c.now, c.before) == "恶化"
                   and c.now.status != "missing" and c.before.status != "missing")
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_alerts(admin)
    metric = [m for m in at.metric if m.label.startswith("较上季度恶化")][0]
    assert str(metric.value) == str(expected) and expected < 7


def test_village_names_are_escaped(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    evil = "大刘庄村[点我](http://evil.example)*粗*<b>x</b>"
    with transaction(demo_backend.engine) as s:
        s.execute(text("UPDATE org_unit SET name = :n WHERE name = '大刘庄村'"), {"n": evil})
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_alerts(admin)
    body = "\n".join(str(m.value) for m in at.markdown)
    assert md_escape(evil) in body
    assert "[点我](http" not in body and "<b>" not in body
    for page in ("pages/progress.py", "pages/overview.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        body = "\n".join(str(m.value) for m in at.markdown) + "\n".join(str(c.value) for c in at.caption)
        assert "[点我](http" not in body and "<b>" not in body


def test_both_expectations_side_by_side_and_the_rule_the_colours_follow(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_alerts(viewer)
    table = at.dataframe[0].value
    assert {"进度要求（时间均匀）", "进度要求（季节规律）"} <= set(table.columns)
    assert "颜色按“时间过半、任务过半（按时间均匀）”判断" in texts(at)


def test_a_township_on_seasonal_pacing_colours_by_its_seasons(demo_backend):
    from db.progress import lagging
    from db.targets import set_pacing
    from db.users import LOCAL_OPERATOR, Principal

    with transaction(demo_backend.engine) as s:
        town = township_by_name(s, "示范乡")
        with pytest.raises(PermissionDenied):
            set_pacing(s, township_id=town.id, pacing="seasonal", principal=Principal("文书", "clerk"))
        assert set_pacing(s, township_id=town.id, pacing="seasonal", principal=LOCAL_OPERATOR)
        assert not set_pacing(s, township_id=town.id, pacing="seasonal", principal=LOCAL_OPERATOR)
    with transaction(demo_backend.engine) as s:
        own = {(a.village, a.indicator): a.expected for a in lagging(s, "示范乡", "2026Q2")}
        seasonal = {(a.village, a.indicator): a.expected for a in lagging(s, "示范乡", "2026Q2", pacing="seasonal")}
        linear = {(a.village, a.indicator): a.expected for a in lagging(s, "示范乡", "2026Q2", pacing="linear")}
        trail = s.execute(text("select old, new from audit_log where action = 'pacing'")).all()
    assert own == seasonal and own != linear  # the demo's 2025 incomes do not arrive evenly
    assert trail == [("时间过半、任务过半（按时间均匀）", "按往年季节规律")]


def test_the_reminder_for_every_village_that_did_not_report(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = open_alerts(viewer)
    message = at.text_area(key="alerts_reminder_text").value
    assert message.splitlines()[1:4] == ["1. 石桥村：四项指标", "2. 柳树湾村：培训人次", "3. 西河村：培训人次"]
    assert at.date_input(key="alerts_deadline").disabled  # the admin sets the deadline
