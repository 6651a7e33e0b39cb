"""Progress of a township (or the whole county) at a quarter: the database side of the
pacing rule. `lagging` is the one function behind `zhibiao lagging` and the pages."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import queries
from db.errors import UserError
from db.forecast import YEARS_BACK, Projection, Shape, project, township_shape
from db.pacing import Assessment, VillageInput, active, assess_all
from db.store import township_by_name
from db.targets import PACING_NAMES
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import parse_period, previous_in_year


def _check(as_of: str, indicator: str | None) -> None:
    try:
        parse_period(as_of)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if indicator is not None and indicator not in INDICATOR_BY_CODE:
        raise UserError(f"未知指标“{indicator}”，可用：collective_income、new_members、grid_count、training_attendance")


def _check_pacing(pacing: str) -> None:
    if pacing not in PACING_NAMES:
        raise UserError(f"进度规则“{pacing}”不对，只能是 linear（按时间均匀）或 seasonal（按往年季节规律）")


def shapes(session: Session, township_id: int, year: int, codes: list[str] | None = None) -> dict[str, Shape]:
    """indicator → the township's quarterly shape from its last complete years (flow indicators)."""
    flows = [c for c in (codes or [i.code for i in TRACKED]) if INDICATOR_BY_CODE[c].accumulation == "flow"]
    if not flows:
        return {}
    history = queries.quarterly_history(session, township_id, range(year - YEARS_BACK, year), flows)
    return {code: township_shape(history[code], year) for code in flows}


def lagging_for_township_id(session: Session, township_id: int, as_of: str,
                            indicator: str | None = None, pacing: str | None = None) -> list[Assessment]:
    """pacing: "linear", "seasonal", or None for the township's own rule (set on 目标设置)."""
    _check(as_of, indicator)
    pacing = pacing or queries.township_pacing(session, township_id)
    _check_pacing(pacing)
    year, q = parse_period(as_of)
    villages = [VillageInput(vid, name, since) for vid, name, since in queries.villages(session, township_id)]
    targets = queries.effective_targets(session, township_id, year)
    codes = [indicator] if indicator else None
    actuals = queries.actuals_at(session, township_id, as_of, codes)
    shares = None
    if pacing == "seasonal":
        shares = {code: shape.share[q] for code, shape in shapes(session, township_id, year, codes).items()}
    return assess_all(villages, as_of, targets, actuals, codes, shares=shares)


def lagging(session: Session, township: str, as_of: str, indicator: str | None = None,
            pacing: str | None = None) -> list[Assessment]:
    """One assessment per village and indicator of `township` at quarter `as_of`."""
    town = township_by_name(session, township)
    return lagging_for_township_id(session, town.id, as_of, indicator, pacing)


def forecast_for_township_id(session: Session, township_id: int, as_of: str,
                             indicator: str | None = None) -> list[Projection]:
    """Every village's year-end projection for each flow indicator (grid_count is a level: none)."""
    _check(as_of, indicator)
    year, _ = parse_period(as_of)
    codes = [indicator] if indicator else [i.code for i in TRACKED]
    flows = [c for c in codes if INDICATOR_BY_CODE[c].accumulation == "flow"]
    if not flows:
        raise UserError(f"{INDICATOR_BY_CODE[indicator].name}是存量指标，不做年末推算")
    villages = [VillageInput(vid, name, since) for vid, name, since in queries.villages(session, township_id)]
    targets = queries.effective_targets(session, township_id, year)
    actuals = queries.actuals_at(session, township_id, as_of, flows)
    by_code = shapes(session, township_id, year, flows)
    return [project(v.village, code, as_of, actuals.get((v.village_id, code)), targets.get((v.village_id, code)),
                    by_code[code])
            for v in villages if active(v, as_of) for code in flows]


def forecast(session: Session, township: str, as_of: str, indicator: str | None = None) -> list[Projection]:
    town = township_by_name(session, township)
    return forecast_for_township_id(session, town.id, as_of, indicator)


def lagging_county(session: Session, as_of: str, indicator: str | None = None) -> dict[int, list[Assessment]]:
    """Every township at once (one query per table), keyed by township id."""
    _check(as_of, indicator)
    year, _ = parse_period(as_of)
    rows = queries.county_villages(session)
    town_targets: dict[tuple[int, str], float] = {}
    village_targets: dict[tuple[int, str], float] = {}
    town_ids = {t for t, *_ in rows}
    for org_id, code, value in queries.all_targets(session, year):
        (town_targets if org_id in town_ids else village_targets)[(org_id, code)] = value
    codes = [indicator] if indicator else None
    actuals = queries.actuals_at(session, None, as_of, codes)
    by_town: dict[int, list[VillageInput]] = {}
    targets: dict[tuple[int, str], float] = {}
    for town_id, vid, name, since in rows:
        by_town.setdefault(town_id, []).append(VillageInput(vid, name, since))
    # effective targets: the village's own wins over its township's
    codes_all = codes or [c for c in INDICATOR_BY_CODE if INDICATOR_BY_CODE[c].tracked]
    for town_id, villages in by_town.items():
        for v in villages:
            for code in codes_all:
                t = village_targets.get((v.village_id, code), town_targets.get((town_id, code)))
                if t is not None:
                    targets[(v.village_id, code)] = t
    return {town_id: assess_all(villages, as_of, targets, actuals, codes) for town_id, villages in by_town.items()}


@dataclass(frozen=True)
class Change:
    now: Assessment
    before: Assessment | None


def with_previous(session: Session, township_id: int, as_of: str, indicator: str | None = None,
                  pacing: str | None = None) -> list[Change]:
    """Each assessment with the same village's assessment a quarter earlier (same year)."""
    now = lagging_for_township_id(session, township_id, as_of, indicator, pacing)
    prev_period = previous_in_year(as_of)
    before = {}
    if prev_period:
        before = {(a.village_id, a.indicator): a
                  for a in lagging_for_township_id(session, township_id, prev_period, indicator, pacing)}
    return [Change(a, before.get((a.village_id, a.indicator))) for a in now]
