"""Page 指标对比 (AppTest): village × quarter completion heatmaps for the four indicators, missing
cells blank and labelled 未报送, colour bands at 80 % and 100 %, quarter and sort widgets."""
import json

from tests.apphelpers import app_as, make_user, texts
from tests.test_page_overview import status
from tests.test_page_progress import demo_facts

CODES = ("collective_income", "new_members", "grid_count", "training_attendance")
NAMES = ("村集体经济收入", "发展党员数", "网格数", "培训人次")


def open_compare(principal):
    at = app_as(principal).run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    return at


def figure(at):
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_heatmaps_match_the_data(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_compare(admin)
    assert "示范乡 · 指标对比" in texts(at)
    spec = figure(at)
    heat = spec["data"]
    assert [t["type"] for t in heat] == ["heatmap"] * 4
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert titles[:4] == list(NAMES)
    assert "完成率" in spec["layout"]["title"]["text"]
    assert spec["layout"]["xaxis"]["title"]["text"] == "季度" and spec["layout"]["yaxis"]["title"]["text"] == "村"
    # Colour scale: red below 80 %, yellow to 100 %, green above; the colour bar marks 80 % and 100 %.
    axis = spec["layout"]["coloraxis"]
    assert axis["colorbar"]["tickvals"][2:4] == [80, 100]
    for t, code in zip(heat, CODES):
        assert t["x"] == ["第一季度", "第二季度", "第三季度"]
        villages = None
        for j, period in enumerate(("2026Q1", "2026Q2", "2026Q3")):
            villages, targets, actuals = demo_facts(demo_backend.engine, period, code)
            assert t["y"] == [villages[v] for v in villages]  # the village list order
            for i, vid in enumerate(villages):
                z, label = t["z"][i][j], t["text"][i][j]
                s = status(actuals.get(vid), targets.get(vid), j + 1, code)
                if s == "missing":
                    assert z is None and label == "未报送"
                    continue
                expected = targets[vid] if code == "grid_count" else targets[vid] * (j + 1) / 4
                pct = actuals[vid] / expected * 100
                assert label == f"{int(label[:-1])}%" and abs(int(label[:-1]) - pct) <= 1
                band = "red" if z < 79.5 else "yellow" if z < 99.5 else "green"
                assert band == s, (villages[vid], code, period, z, s)
    income = heat[0]
    row = income["y"].index("大刘庄村")
    assert income["text"][row][2] == "54%"
    assert heat[3]["text"][income["y"].index("石桥村")][2] == "未报送"


def test_earlier_quarter_and_sorting(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_compare(admin)
    [s for s in at.selectbox if s.label == "季度"][0].set_value("2026年第二季度").run()
    assert not at.exception
    assert all(t["x"] == ["第一季度", "第二季度"] for t in figure(at)["data"])
    [s for s in at.selectbox if s.label == "排序"][0].set_value("collective_income").run()
    assert not at.exception
    villages, targets, actuals = demo_facts(demo_backend.engine, "2026Q2")
    ranked = sorted(actuals, key=lambda v: actuals[v] / (targets[v] / 2))
    assert figure(at)["data"][0]["y"] == [villages[v] for v in ranked]
    # Back on the latest quarter the village that did not report goes last, not first.
    [s for s in at.selectbox if s.label == "季度"][0].set_value("2026年第三季度").run()
    y = figure(at)["data"][0]["y"]
    assert y[0] == "大刘庄村" and y[-1] == "石桥村"


def test_the_same_quarter_last_year_beside_this_year(demo_backend, monkeypatch):
    from sqlalchemy import func, select

    from db.engine import session_factory
    from db.models import Observation

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    viewer, _ = make_user(demo_backend.engine, "viewer")
    with session_factory(demo_backend.engine)() as s:
        def total(period):
            return s.scalar(select(func.sum(Observation.value)).where(
                Observation.period == period, Observation.indicator_code == "collective_income"))
        now, then = total("2026Q3"), total("2025Q3")
    for page in ("pages/compare.py", "pages/overview.py"):
        at = app_as(viewer).run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        shown = texts(at) + "\n".join(str(t.value) for t in at.dataframe)
        assert f"{now / 10000:,.2f}".rstrip("0").rstrip(".") + "万元" in shown
        assert f"{then / 10000:,.2f}".rstrip("0").rstrip(".") + "万元" in shown
