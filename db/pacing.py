"""The pacing rule (时间过半、任务过半) — pure functions, `as_of` always explicit.

Flow indicators (income, new members, training) are compared year-to-date with
annual target × q/4 at quarter q; stock indicators (grid count) compare the level
with the target. completion = actual ÷ expected; green ≥ 100 %, yellow 80–100 %,
red < 80 % (thresholds per indicator); missing when the village has no figure for
that quarter (never 0); no_target when no target is set.

Decisions where the issue is silent:
- target 0: expected 0; any reported figure meets it (green, completion None).
- a village added mid-year (since_period in the as_of year): its annual target is
  spread over the quarters it exists, expected = target × (q − s + 1) / (4 − s + 1);
  a village added after as_of is not listed.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import QUARTER_NAMES, parse_period
from terms.values import format_value

STATUSES = ("green", "yellow", "red", "missing", "no_target")
STATUS_NAMES = {"green": "绿", "yellow": "黄", "red": "红", "missing": "未报送", "no_target": "未设目标"}
STATUS_RANK = {"red": 0, "yellow": 1, "missing": 2, "green": 3, "no_target": 4}
EPS = 1e-9


@dataclass(frozen=True)
class Thresholds:
    green: float = 1.0   # completion at or above: on pace
    yellow: float = 0.8  # at or above (and below green): slightly behind


DEFAULT_THRESHOLDS: dict[str, Thresholds] = {i.code: Thresholds() for i in TRACKED}


@dataclass(frozen=True)
class VillageInput:
    village_id: int
    village: str
    since_period: str | None = None


@dataclass(frozen=True)
class Assessment:
    village: str
    indicator: str
    period: str
    target: float | None
    expected: float | None
    actual: float | None
    completion: float | None
    status: str
    village_id: int = field(default=0, compare=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("village_id")
        return d


def expected_value(indicator: str, target: float, as_of: str, since_period: str | None = None,
                   share: float | None = None) -> float:
    """The year-to-date value a village should have reached by the end of quarter `as_of`: the
    linear rule (target × q/4), or target × `share` when the township paces by its seasons
    (db/forecast.py). A village added during the year spreads its target over its own quarters."""
    year, q = parse_period(as_of)
    if INDICATOR_BY_CODE[indicator].accumulation != "flow":
        return float(target)
    start = 1
    if since_period:
        s_year, s_q = parse_period(since_period)
        if s_year == year:
            start = s_q
    if share is not None and start == 1:
        return float(target) * share
    return float(target) * (q - start + 1) / (4 - start + 1)


def classify(completion: float, thresholds: Thresholds) -> str:
    if completion + EPS >= thresholds.green:
        return "green"
    if completion + EPS >= thresholds.yellow:
        return "yellow"
    return "red"


def assess(village: VillageInput, indicator: str, as_of: str, target: float | None, actual: float | None,
           thresholds: Thresholds | None = None, share: float | None = None) -> Assessment:
    thresholds = thresholds or DEFAULT_THRESHOLDS.get(indicator, Thresholds())
    expected = None if target is None else expected_value(indicator, target, as_of, village.since_period, share)
    if actual is None:  # not reporting is flagged even where no target is set
        return Assessment(village.village, indicator, as_of, target, expected, None, None, "missing", village.village_id)
    if target is None:
        return Assessment(village.village, indicator, as_of, None, None, actual, None, "no_target", village.village_id)
    if expected <= 0:
        return Assessment(village.village, indicator, as_of, target, expected, actual, None, "green", village.village_id)
    completion = actual / expected
    return Assessment(village.village, indicator, as_of, target, expected, actual, round(completion, 4),
                      classify(completion, thresholds), village.village_id)


def active(village: VillageInput, as_of: str) -> bool:
    return village.since_period is None or parse_period(village.since_period) <= parse_period(as_of)


def assess_all(villages: list[VillageInput], as_of: str, targets: dict[tuple[int, str], float],
               actuals: dict[tuple[int, str], float], indicators: list[str] | None = None,
               thresholds: dict[str, Thresholds] | None = None,
               shares: dict[str, float] | None = None) -> list[Assessment]:
    """One assessment per active village and indicator, in village order; `shares` (indicator → the
    share of the year expected by now) paces by the township's seasons instead of linearly."""
    shares = shares or {}
    codes = indicators or [i.code for i in TRACKED]
    thresholds = thresholds or DEFAULT_THRESHOLDS
    out = []
    for v in villages:
        if not active(v, as_of):
            continue
        for code in codes:
            out.append(assess(v, code, as_of, targets.get((v.village_id, code)), actuals.get((v.village_id, code)),
                              thresholds.get(code), shares.get(code)))
    return out


def sentence(a: Assessment) -> str:
    """`大刘庄村：第三季度应完成7.5万元（年度目标10万元的75%），实际4.1万元，完成率55%（红）`"""
    ind = INDICATOR_BY_CODE[a.indicator]
    _, q = parse_period(a.period)
    quarter = QUARTER_NAMES[q]
    if a.status == "no_target":
        return f"{a.village}：{ind.name}未设年度目标"
    if a.status == "missing":
        return f"{a.village}：{quarter}{ind.name}未报送"
    if ind.accumulation == "flow":
        share = round(a.expected / a.target * 100) if a.target else 0
        head = f"{a.village}：{quarter}应完成{format_value(a.indicator, a.expected, grouping=False)}（年度目标{format_value(a.indicator, a.target, grouping=False)}的{share}%）"
    else:
        head = f"{a.village}：{ind.name}应达到{format_value(a.indicator, a.expected, grouping=False)}（年度目标）"
    pct = "—" if a.completion is None else f"{percent(a)}%"
    return f"{head}，实际{format_value(a.indicator, a.actual, grouping=False)}，完成率{pct}（{STATUS_NAMES[a.status]}）"


def percent(a: Assessment) -> int | None:
    """Completion in whole percent, never rounded across a status boundary (99.9 % yellow shows 99 %)."""
    if a.completion is None:
        return None
    pct = round(a.completion * 100)
    t = DEFAULT_THRESHOLDS.get(a.indicator, Thresholds())
    if a.status != "green" and pct >= round(t.green * 100):
        pct = round(t.green * 100) - 1
    if a.status == "red" and pct >= round(t.yellow * 100):
        pct = round(t.yellow * 100) - 1
    return pct


def trend(now: Assessment, before: Assessment | None) -> str:
    """转好 / 恶化 / 持平 compared with the previous quarter's assessment."""
    if before is None or before.status in ("no_target",) or now.status == "no_target":
        return ""
    a, b = STATUS_RANK[now.status], STATUS_RANK[before.status]
    if now.status == "missing" or before.status == "missing":
        return "" if now.status == before.status else ("转好" if before.status == "missing" else "恶化")
    if a > b:
        return "转好"
    if a < b:
        return "恶化"
    return "持平"


@dataclass(frozen=True)
class Summary:
    """The headline figures of a township at a quarter (总览), from its assessments."""

    villages: int
    reached_income_target: int
    income_total: float
    income_target_total: float
    income_expected_total: float
    income_targets_set: int
    reporting: int
    partial: int
    counts: dict[str, dict[str, int]]  # indicator → status → villages


def summarize(assessments: list[Assessment], income: str = "collective_income") -> Summary:
    villages = {a.village_id for a in assessments}
    inc = [a for a in assessments if a.indicator == income]
    with_target = [a for a in inc if a.target is not None]
    reporting = {a.village_id for a in assessments if a.actual is not None}
    missing_some = {a.village_id for a in assessments if a.status == "missing"}
    counts: dict[str, dict[str, int]] = {}
    for a in assessments:
        counts.setdefault(a.indicator, {s: 0 for s in STATUSES})[a.status] += 1
    return Summary(
        villages=len(villages),
        reached_income_target=sum(1 for a in with_target if a.actual is not None and a.actual + EPS >= a.target),
        income_total=sum(a.actual for a in inc if a.actual is not None),
        income_target_total=sum(a.target for a in with_target),
        income_expected_total=sum(a.expected for a in with_target),
        income_targets_set=len(with_target),
        reporting=len(reporting),
        partial=len(missing_some & reporting),
        counts=counts,
    )
