"""The pacing rule at its edges (pure functions, as_of explicit)."""
import json

import pytest

from cli.main import run
from db.pacing import Thresholds, VillageInput, assess, assess_all, expected_value, percent, sentence, trend

V = VillageInput(1, "大刘庄村")
INC = "collective_income"


@pytest.mark.parametrize("as_of,expected", [("2025Q1", 25000), ("2025Q2", 50000), ("2025Q3", 75000), ("2025Q4", 100000)])
def test_flow_expected_is_target_times_q_over_4(as_of, expected):
    assert expected_value(INC, 100000, as_of) == expected


def test_stock_compares_level_with_target():
    assert expected_value("grid_count", 6, "2025Q1") == 6
    a = assess(V, "grid_count", "2025Q1", 6, 6)
    assert (a.expected, a.completion, a.status) == (6, 1.0, "green")


@pytest.mark.parametrize("actual,status", [
    (75000, "green"),        # exactly 100 %
    (75000.01, "green"),
    (74999.99, "yellow"),
    (60000, "yellow"),       # exactly 80 %
    (59999.99, "red"),
    (0, "red"),              # a reported 0 is a figure, not missing
])
def test_thresholds_at_their_edges(actual, status):
    assert assess(V, INC, "2025Q3", 100000, actual).status == status


def test_missing_is_never_zero():
    a = assess(V, INC, "2025Q3", 100000, None)
    assert (a.status, a.actual, a.completion, a.expected) == ("missing", None, None, 75000)


def test_no_target():
    a = assess(V, INC, "2025Q3", None, 50000)
    assert (a.status, a.target, a.expected, a.completion, a.actual) == ("no_target", None, None, None, 50000)


def test_target_zero_is_met_by_any_figure():
    a = assess(V, "new_members", "2025Q2", 0, 0)
    assert (a.status, a.expected, a.completion) == ("green", 0, None)
    assert assess(V, "new_members", "2025Q2", 0, None).status == "missing"


def test_village_added_mid_year():
    late = VillageInput(2, "新村", since_period="2025Q3")
    # the year's target spread over Q3 and Q4: half of it due by the end of Q3
    assert expected_value(INC, 100000, "2025Q3", late.since_period) == 50000
    assert expected_value(INC, 100000, "2025Q4", late.since_period) == 100000
    assert expected_value(INC, 100000, "2026Q1", late.since_period) == 25000  # a full year afterwards
    rows = assess_all([V, late], "2025Q2", {(1, INC): 100000, (2, INC): 100000}, {(1, INC): 50000}, [INC])
    assert [r.village for r in rows] == ["大刘庄村"]  # not expected to report before it existed
    rows = assess_all([V, late], "2025Q3", {(1, INC): 100000, (2, INC): 100000}, {(2, INC): 50000}, [INC])
    assert [(r.village, r.status) for r in rows] == [("大刘庄村", "missing"), ("新村", "green")]


def test_thresholds_are_configurable_per_indicator():
    strict = {INC: Thresholds(green=1.1, yellow=0.95)}
    rows = assess_all([V], "2025Q3", {(1, INC): 100000}, {(1, INC): 75000}, [INC], strict)
    assert rows[0].status == "yellow"


def test_sentence_format():
    a = assess(V, INC, "2025Q3", 100000, 41000)
    assert sentence(a) == "大刘庄村：第三季度应完成7.5万元（年度目标10万元的75%），实际4.1万元，完成率55%（红）"
    assert sentence(assess(V, INC, "2025Q3", 100000, None)) == "大刘庄村：第三季度村集体经济收入未报送"
    g = assess(V, "grid_count", "2025Q3", 6, 5)
    assert sentence(g) == "大刘庄村：网格数应达到6个（年度目标），实际5个，完成率83%（黄）"


def test_percent_never_crosses_a_status_boundary():
    assert percent(assess(V, INC, "2025Q3", 100000, 74990)) == 99   # 99.99 %, yellow
    assert percent(assess(V, INC, "2025Q3", 100000, 59990)) == 79   # 79.99 %, red


def test_trend():
    red = assess(V, INC, "2025Q3", 100000, 40000)
    yellow = assess(V, INC, "2025Q2", 100000, 45000)
    assert trend(red, yellow) == "恶化" and trend(yellow, red) == "转好" and trend(red, red) == "持平"
    assert trend(red, None) == ""


def test_lagging_cli_json_on_the_demo(db_env, capsys):
    assert run(["demo", "--no-admin"]) == 0
    capsys.readouterr()
    assert run(["lagging", "--township", "示范乡", "--as-of", "2026Q3", "--indicator", INC, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 14 and set(rows[0]) == {"village", "indicator", "period", "target", "expected", "actual",
                                                "completion", "status"}
    by = {r["village"]: r for r in rows}
    assert by["石桥村"]["actual"] is None and by["石桥村"]["completion"] is None and by["石桥村"]["status"] == "missing"
    dlz = by["大刘庄村"]
    assert dlz["target"] == 100000 and dlz["expected"] == 75000 and dlz["status"] == "red"
    assert dlz["completion"] == pytest.approx(dlz["actual"] / 75000, abs=1e-4)
    assert by["胜利村"]["target"] == 150000  # its own target wins
    assert run(["lagging", "--township", "示范乡", "--as-of", "2026Q5"]) == 1
    assert "格式不对" in capsys.readouterr().err


def test_targets_cli(db_env, capsys):
    assert run(["demo", "--no-admin"]) == 0
    assert run(["targets", "set", "--township", "示范乡", "--year", "2027", "--indicator", INC, "--value", "120000"]) == 0
    assert run(["targets", "set", "--township", "示范乡", "--year", "2027", "--indicator", INC, "--value", "90000",
                "--village", "大刘庄"]) == 0
    capsys.readouterr()
    assert run(["targets", "list", "--year", "2027", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["village"], r["value"]) for r in rows} == {(None, 120000), ("大刘庄村", 90000)}
    assert run(["targets", "set", "--township", "示范乡", "--year", "2027", "--indicator", INC, "--value", "1",
                "--village", "不存在村"]) == 1


def test_not_reporting_is_flagged_even_without_a_target():
    a = assess(V, INC, "2025Q3", None, None)
    assert (a.status, a.target, a.expected, a.actual) == ("missing", None, None, None)


def test_summarize_headline_figures():
    from db.pacing import summarize

    villages = [VillageInput(1, "甲村"), VillageInput(2, "乙村"), VillageInput(3, "丙村")]
    targets = {(1, INC): 100000, (2, INC): 100000, (3, INC): 150000, (1, "grid_count"): 6}
    actuals = {(1, INC): 120000, (2, INC): 30000, (1, "grid_count"): 5}
    s = summarize(assess_all(villages, "2025Q2", targets, actuals, [INC, "grid_count"]))
    assert (s.villages, s.reached_income_target, s.income_total, s.income_target_total) == (3, 1, 150000, 350000)
    assert s.income_expected_total == 175000 and s.reporting == 2 and s.partial == 1  # 乙村 left grids blank
    assert s.counts[INC]["green"] == 1 and s.counts[INC]["red"] == 1 and s.counts[INC]["missing"] == 1
