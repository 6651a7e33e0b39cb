"""Year-end projection and seasonal pacing (issue 16), computed by hand on small fixtures."""
from __future__ import annotations

import json

import pytest

from cli.main import run
from db.engine import transaction
from db.forecast import LINEAR_SHAPE, project, seasonal_expected, township_shape
from db.store import set_target, township_by_name
from etl.orgfile import import_org
from etl.upload import import_file

# cumulative year-to-date figures of a year whose quarters bring 10 %, 20 %, 30 % and 40 %
SHAPED_YEAR = {1: 10.0, 2: 30.0, 3: 60.0, 4: 100.0}


def test_a_shaped_year_gives_its_shares():
    shape = township_shape({(1, 2025): SHAPED_YEAR}, 2026)
    assert shape.method == "seasonal" and shape.years == (2025,) and shape.samples == 1
    assert shape.share == {1: 0.1, 2: 0.3, 3: 0.6, 4: 1.0}
    assert seasonal_expected(200_000, 3, shape) == pytest.approx(120_000)


def test_projection_and_what_is_still_needed():
    shape = township_shape({(1, 2025): SHAPED_YEAR}, 2026)
    p = project("东岗村", "collective_income", "2026Q2", 15_000, 60_000, shape)
    # 15,000 is 30 % of the year: 50,000 at year end; 45,000 still to add over two quarters
    assert (p.projected, p.low, p.high, p.needed_per_quarter, p.method) == (50_000, 50_000, 50_000, 22_500, "seasonal")


def test_the_range_comes_from_the_spread_of_villages():
    # two village-years: by Q1 one had 10 % of its year, the other 30 % (median 20 %)
    history = {(1, 2025): SHAPED_YEAR, (2, 2025): {1: 30.0, 2: 50.0, 3: 70.0, 4: 100.0}}
    shape = township_shape(history, 2026)
    assert shape.share[1] == pytest.approx(0.2) and (shape.low[1], shape.high[1]) == pytest.approx((0.15, 0.25))
    p = project("东岗村", "training_attendance", "2026Q1", 30, 200, shape)
    assert (p.projected, p.low, p.high) == (150, 120, 200)  # 30/0.2, 30/0.25, 30/0.15
    assert p.needed_per_quarter == pytest.approx(170 / 3, abs=0.01)


def test_only_complete_past_years_count_and_at_most_three():
    history = {(1, y): {1: 10.0 * (y - 2019), 2: 50.0, 3: 60.0, 4: 100.0} for y in range(2020, 2026)}
    history[(2, 2025)] = {1: 5.0, 2: 6.0, 3: 7.0}        # no Q4: not a complete year
    history[(3, 2026)] = {1: 90.0, 2: 95.0, 3: 99.0, 4: 100.0}  # the current year is never its own shape
    shape = township_shape(history, 2026)
    assert shape.years == (2023, 2024, 2025) and shape.samples == 3
    assert shape.share[1] == pytest.approx(0.5)  # median of 0.4, 0.5, 0.6


def test_a_village_with_no_past_year_is_projected_linearly_and_says_so():
    shape = township_shape({}, 2026)
    assert shape is LINEAR_SHAPE
    p = project("新村", "new_members", "2026Q3", 3, 4, shape)
    assert (p.projected, p.low, p.high, p.method) == (4, 4, 4, "linear")
    assert p.needed_per_quarter == 1 and "按时间均匀" in p.note


def test_a_village_that_stopped_reporting_has_no_projection():
    p = project("石桥村", "collective_income", "2026Q3", None, 100_000, LINEAR_SHAPE)
    assert (p.actual, p.projected, p.low, p.high, p.needed_per_quarter) == (None, None, None, None, None)
    assert p.note == "本季度未报送，无法推算"


def test_levels_are_not_projected():
    with pytest.raises(ValueError):
        project("东岗村", "grid_count", "2026Q2", 5, 6, LINEAR_SHAPE)


# ------------------------------------------------------------------ through the database and the CLI
ORG = "乡镇,村\n季节乡,东岗村\n季节乡,西岭村\n季节乡,石桥村\n".encode()


def _quarter(engine, period: str, rows: dict[str, float]) -> None:
    body = "".join(f"{v},{x}\n" for v, x in rows.items())
    data = f"季节乡{period[:4]}年第{'一二三四'[int(period[-1]) - 1]}季度\n村名,集体经济收入（元）\n{body}".encode()
    result = import_file(engine, data, f"{period}.csv", period=period, confirm_warnings=True)
    assert result.committed, [str(p) for p in result.plan.problems]


@pytest.fixture
def seasonal_town(backend):
    engine = backend.engine
    with transaction(engine) as s:
        import_org(s, ORG, "org.csv")
    # 2025: both villages bring 10/20/30/40 % of their year; 石桥村 stops reporting in 2026
    for q, share in SHAPED_YEAR.items():
        _quarter(engine, f"2025Q{q}", {"东岗村": share * 1000, "西岭村": share * 2000, "石桥村": share * 500})
    _quarter(engine, "2026Q1", {"东岗村": 8000, "西岭村": 30000, "石桥村": 4000})
    _quarter(engine, "2026Q2", {"东岗村": 24000, "西岭村": 60000})
    with transaction(engine) as s:
        town = township_by_name(s, "季节乡")
        set_target(s, org=town, indicator="collective_income", year=2026, value=100_000, user="测试")
    return backend


def test_cli_forecast_json_contract(seasonal_town, monkeypatch, capsys):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", seasonal_town.url)
    assert run(["forecast", "--township", "季节乡", "--as-of", "2026Q2", "--indicator", "collective_income",
                "--format", "json"]) == 0
    rows = {r["village"]: r for r in json.loads(capsys.readouterr().out)}
    fields = ["village", "indicator", "year", "as_of", "actual", "target", "projected", "low", "high",
              "needed_per_quarter", "method"]
    assert all(list(r)[:len(fields)] == fields for r in rows.values())
    east = rows["东岗村"]
    # 24,000 by Q2 is 30 % of the year → 80,000; (100,000 − 24,000) / 2 quarters
    assert (east["indicator"], east["year"], east["as_of"], east["actual"], east["target"]) == \
        ("collective_income", 2026, "2026Q2", 24_000, 100_000)
    assert (east["projected"], east["low"], east["high"], east["needed_per_quarter"], east["method"]) == \
        (80_000, 80_000, 80_000, 38_000, "seasonal")
    assert rows["西岭村"]["projected"] == 200_000 and rows["西岭村"]["needed_per_quarter"] == 20_000
    stone = rows["石桥村"]
    assert stone["actual"] is None and stone["projected"] is None and stone["note"] == "本季度未报送，无法推算"


def test_cli_lagging_paces_by_season_when_asked(seasonal_town, monkeypatch, capsys):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", seasonal_town.url)
    expected = {}
    for pacing in ("linear", "seasonal"):
        assert run(["lagging", "--township", "季节乡", "--as-of", "2026Q2", "--indicator", "collective_income",
                    "--format", "json", "--pacing", pacing]) == 0
        expected[pacing] = {r["village"]: (r["expected"], r["status"]) for r in json.loads(capsys.readouterr().out)}
    # linear: 50 % of 100,000 by Q2; seasonal: the township reached 30 % of its year by Q2
    assert expected["linear"]["东岗村"] == (50_000, "red")      # 24,000 / 50,000 = 48 %
    assert expected["seasonal"]["东岗村"] == (30_000, "yellow")  # 24,000 / 30,000 = 80 %
    assert run(["lagging", "--township", "季节乡", "--as-of", "2026Q2", "--pacing", "weekly"]) != 0
    assert "进度规则" in capsys.readouterr().err


def test_cli_forecast_refuses_a_level(seasonal_town, monkeypatch, capsys):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", seasonal_town.url)
    assert run(["forecast", "--township", "季节乡", "--as-of", "2026Q2", "--indicator", "grid_count"]) != 0
    assert "存量指标" in capsys.readouterr().err
