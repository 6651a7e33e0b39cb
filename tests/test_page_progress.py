"""Page 村级进度 (AppTest): bars per village with own target and pacing marks, missing shown as
未报送 (never a 0 bar), the indicator switch, one village's year and sources; paging and payload
for a township of 200 villages (the payload check covers all four dashboard pages)."""
import json

import pytest

from db import queries
from db.engine import make_engine, session_factory, transaction, upgrade
from db.store import ensure_reference, set_target, township_by_name
from tests.apphelpers import app_as, make_user, texts

INCOME = "collective_income"


def open_page(principal, page: str):
    at = app_as(principal).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def widget(items, label):
    found = [w for w in items if w.label == label]
    assert found, f"no widget {label!r}: {[w.label for w in items]}"
    return found[0]


def demo_facts(engine, period: str, code: str = INCOME):
    """Independent of the pages: villages, targets and figures straight from the queries."""
    year = int(period[:4])
    with session_factory(engine)() as s:
        town = township_by_name(s, "示范乡")
        villages = {vid: name for vid, name, _ in queries.villages(s, town.id)}
        targets = {vid: t for (vid, c), t in queries.effective_targets(s, town.id, year).items() if c == code}
        actuals = {vid: v for (vid, c), v in queries.actuals_at(s, town.id, period, [code]).items()}
    return villages, targets, actuals


def bar_points(spec):
    """village label → x of every bar trace."""
    out = {}
    for t in spec["data"]:
        if t["type"] == "bar":
            out.update(dict(zip(t["y"], t["x"])))
    return out


def test_bars_targets_pacing_and_missing(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin, "pages/progress.py")
    assert "示范乡 · 村级进度" in texts(at)
    villages, targets, actuals = demo_facts(demo_backend.engine, "2026Q3")
    spec = charts(at)[0]
    assert "村集体经济收入" in spec["layout"]["title"]["text"] and "万元" in spec["layout"]["title"]["text"]
    assert "万元" in spec["layout"]["xaxis"]["title"]["text"]
    bars = bar_points(spec)
    # Every reporting village has a bar of its year-to-date figure in 万元; 石桥村 did not report.
    assert len(bars) == len(actuals) == len(villages) - 1
    by_village = {label.split(" · ")[0]: x for label, x in bars.items()}
    for vid, value in actuals.items():
        assert by_village[villages[vid]] == pytest.approx(value / 10000)
    assert "石桥村" not in by_village  # no 0 bar for a village that did not report
    missing = [t for t in spec["data"] if t.get("name") == "未报送"][0]
    assert missing["y"] == ["石桥村 · 未报送"] and missing["text"] == ["未报送"]
    # Its own target marker and pacing marker: 胜利村 has 15万, the others the township's 10万.
    target = [t for t in spec["data"] if t.get("name") == "全年目标"][0]
    pace = [t for t in spec["data"] if t.get("name", "").startswith("进度要求")][0]
    tx = {label.split(" · ")[0]: x for label, x in zip(target["y"], target["x"])}
    px = {label.split(" · ")[0]: x for label, x in zip(pace["y"], pace["x"])}
    ids = {name: vid for vid, name in villages.items()}
    assert tx["胜利村"] == pytest.approx(targets[ids["胜利村"]] / 10000) == pytest.approx(15)
    assert px["胜利村"] == pytest.approx(targets[ids["胜利村"]] / 10000 * 3 / 4)
    assert tx["大刘庄村"] == pytest.approx(10) and px["大刘庄村"] == pytest.approx(7.5)
    # Sorted by completion, lowest first; labels carry the completion.
    order = spec["layout"]["yaxis"]["categoryarray"]
    completion = {villages[v]: actuals[v] / (targets[v] * 3 / 4) for v in actuals}
    ranked = sorted(completion, key=completion.get)
    assert [label.split(" · ")[0] for label in order[:len(ranked)]] == ranked
    assert order[0] == f"大刘庄村 · {round(completion['大刘庄村'] * 100)}%"
    assert order[-1] == "石桥村 · 未报送"
    # Bars coloured by status: 大刘庄村 and 北山村 in the red trace.
    red = [t for t in spec["data"] if t.get("name") == "红"][0]
    assert {label.split(" · ")[0] for label in red["y"]} == {v for v, c in completion.items() if c < 0.8}


def test_indicator_switch_changes_the_bars(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin, "pages/progress.py")
    widget(at.selectbox, "指标").set_value("training_attendance").run()
    assert not at.exception
    spec = charts(at)[0]
    assert spec["layout"]["title"]["text"].startswith("培训人次") and "人次" in spec["layout"]["xaxis"]["title"]["text"]
    villages, _targets, actuals = demo_facts(demo_backend.engine, "2026Q3", "training_attendance")
    bars = {label.split(" · ")[0]: x for label, x in bar_points(spec).items()}
    assert bars == {villages[v]: pytest.approx(x) for v, x in actuals.items()}
    # 柳树湾村 and 西河村 left training blank in 2026Q3: shown as 未报送, not as 0.
    missing = [t for t in spec["data"] if t.get("name") == "未报送"][0]
    assert {label.split(" · ")[0] for label in missing["y"]} == {"石桥村", "柳树湾村", "西河村"}


def test_village_view_year_line_and_sources(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin, "pages/progress.py")
    villages, targets, _ = demo_facts(demo_backend.engine, "2026Q3")
    ids = {name: vid for vid, name in villages.items()}
    # Default: the lowest completion first, 大刘庄村, with its four sentences.
    assert widget(at.selectbox, "村").value == ids["大刘庄村"]
    assert "完成率54%（红）" in texts(at)
    widget(at.selectbox, "村").set_value(ids["石桥村"]).run()
    assert not at.exception
    line = charts(at)[1]
    assert line["layout"]["title"]["text"] == "石桥村：2026年村集体经济收入逐季累计（万元）"
    actual = [t for t in line["data"] if t["name"] == "实际累计"][0]
    _, _, q1 = demo_facts(demo_backend.engine, "2026Q1")
    _, _, q2 = demo_facts(demo_backend.engine, "2026Q2")
    vid = ids["石桥村"]
    assert actual["y"][:2] == [pytest.approx(q1[vid] / 10000), pytest.approx(q2[vid] / 10000)]
    assert actual["y"][2] is None and actual["text"][2] == "未报送"  # a gap, never 0
    pace = [t for t in line["data"] if t["name"].startswith("进度要求")][0]
    assert pace["y"] == [pytest.approx(targets[vid] / 10000 * k / 4) for k in (1, 2, 3, 4)]
    target = [t for t in line["data"] if t["name"] == "全年目标"][0]
    assert target["y"] == [pytest.approx(10)] * 4
    sources = at.dataframe[0].value
    assert list(sources["季度"]) == ["2026年第一季度", "2026年第二季度"]
    assert all(s.startswith("上传批次") and "示范乡_2026Q" in s for s in sources["来源"])
    widget(at.toggle, "显示四项指标").set_value(True).run()
    assert len(at.dataframe[0].value) == 8


def test_earlier_quarter(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_page(admin, "pages/progress.py")
    widget(at.selectbox, "季度").set_value("2026年第二季度").run()
    assert not at.exception
    spec = charts(at)[0]
    assert "2026年第二季度" in spec["layout"]["title"]["text"]
    villages, targets, actuals = demo_facts(demo_backend.engine, "2026Q2")
    bars = {label.split(" · ")[0]: x for label, x in bar_points(spec).items()}
    assert bars == {villages[v]: pytest.approx(x / 10000) for v, x in actuals.items()}
    assert len(bars) == 14  # everybody reported in Q2
    pace = [t for t in spec["data"] if t.get("name", "").startswith("进度要求")][0]
    assert pace["name"] == "进度要求（第二季度末应完成）"


# --- A township of 200 villages: paging and what goes to the browser ------------------------------------

BIG = "大乡"
N_BIG = 200


def build_big_township(url: str) -> None:
    """200 villages with long names, targets, three quarters of figures (a few villages silent)."""
    from etl.orgfile import import_org
    from etl.upload import import_file

    engine = make_engine(url)
    upgrade(engine)
    with transaction(engine) as s:
        ensure_reference(s)
    names = [f"第{i:03d}号幸福美丽示范村" for i in range(N_BIG)]
    org = "乡镇,村\n" + "".join(f"{BIG},{n}\n" for n in names)
    with transaction(engine) as s:
        import_org(s, org.encode(), "org.csv")
        town = township_by_name(s, BIG)
        for code, value in {"collective_income": 100_000, "new_members": 2, "grid_count": 6,
                            "training_attendance": 120}.items():
            set_target(s, org=town, indicator=code, year=2026, value=value, user="test")
    labels = {"collective_income": "村集体经济收入", "new_members": "发展党员数", "grid_count": "网格数",
              "training_attendance": "培训人次"}
    for q in (1, 2, 3):
        lines = [f"{BIG}2026年第{q}季度统计表", "村名,指标,期间,数值"]
        for i, n in enumerate(names):
            if q == 3 and i % 17 == 0:
                continue  # did not report
            pace = 0.5 + (i % 11) / 10
            lines += [f"{n},{labels['collective_income']},2026Q{q},{round(25_000 * q * pace, 2)}",
                      f"{n},{labels['new_members']},2026Q{q},{(i + q) % 3}",
                      f"{n},{labels['grid_count']},2026Q{q},{5 + i % 2}",
                      f"{n},{labels['training_attendance']},2026Q{q},{round(30 * q * pace)}"]
        r = import_file(engine, ("\n".join(lines) + "\n").encode(), f"big-{q}.csv", confirm_warnings=True)
        assert r.committed
    engine.dispose()


def payload_bytes(at) -> int:
    """Bytes of every element the page sends (markdown, metrics, dataframes, chart specs)."""
    return sum(n.proto.ByteSize() for n in at._tree if not hasattr(n, "children") and getattr(n, "proto", None) is not None)


@pytest.fixture(scope="module")
def big_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'big.db'}"
    build_big_township(url)
    return url


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/progress.py", "pages/alerts.py", "pages/compare.py"])
def test_two_hundred_villages_stay_small(big_url, monkeypatch, page):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", big_url)
    admin, _ = make_user(make_engine(big_url), "admin")
    at = open_page(admin, page)
    assert BIG in texts(at)
    size = payload_bytes(at)
    assert size < 1_000_000, f"{page} sends {size} bytes"
    if page == "pages/progress.py":
        bars = sum(len(t["y"]) for t in charts(at)[0]["data"] if t["type"] == "bar")
        assert bars == 30  # one page of bars, not 200
        pager = [s for s in at.selectbox if s.label.startswith("分页")][0]
        assert len(pager.options) == 7  # 200 villages / 30 per page
        pager.set_value(6).run()
        spec = charts(at)[0]
        assert len(spec["layout"]["yaxis"]["categoryarray"]) == N_BIG - 180
        assert "第 181–200 个，共 200 个村" in spec["layout"]["title"]["text"]
    if page == "pages/compare.py":
        heat = charts(at)[0]["data"]
        assert len(heat) == 4 and all(len(t["y"]) == 40 for t in heat)
