"""Year-end projection and seasonal pacing: pure functions over year-to-date figures.

Village collective income arrives unevenly (rents, dividends and subsidies often come in Q4), so a
township's *shape* — the share of a year's total that its villages had reached by the end of each
quarter — is read from its last complete years:

    shape[q] = median over village-years of  ytd(q) / ytd(Q4)

over the last (up to three) years before the current one in which at least one village reported all
four quarters (and a year-end above zero). Without such a year the shape is linear (q/4) and says so.

    projected year-end = actual ytd / shape[q]        (low/high: the 75th/25th percentile shares)
    needed_per_quarter = (target − actual) / quarters left   (0 once the target is reached)
    seasonal expectation at q = target × shape[q]       (the linear rule: target × q/4)

Stock indicators (grid_count) are levels, not sums over the year: they are neither projected nor paced
by season.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import median, quantiles

from terms.indicators import INDICATOR_BY_CODE
from terms.periods import parse_period

LINEAR = {1: 0.25, 2: 0.5, 3: 0.75, 4: 1.0}
YEARS_BACK = 3


@dataclass(frozen=True)
class Shape:
    """A township's quarterly shape for one indicator."""
    method: str                  # "seasonal" | "linear"
    share: dict[int, float]      # quarter → median share of the year reached by its end
    low: dict[int, float]        # quarter → 25th percentile share (a fast year)
    high: dict[int, float]       # quarter → 75th percentile share (a slow year's share is low: see project)
    years: tuple[int, ...] = ()  # the complete years it was read from
    samples: int = 0             # village-years behind it

    @property
    def label(self) -> str:
        if self.method == "linear":
            return "按时间均匀（没有完整的往年数据）"
        return f"按往年季节规律（{'、'.join(str(y) for y in self.years)}年，{self.samples}个村年）"


LINEAR_SHAPE = Shape("linear", dict(LINEAR), dict(LINEAR), dict(LINEAR))


def township_shape(history: dict[tuple[int, int], dict[int, float]], year: int) -> Shape:
    """history: (village id, year) → {quarter: year-to-date value}, for one indicator and township.
    Only years before `year` count; a village-year needs all four quarters and a year-end above 0."""
    complete: dict[int, list[dict[int, float]]] = {}
    for (_, y), quarters in history.items():
        if y < year and all(q in quarters for q in (1, 2, 3, 4)) and quarters[4] > 0:
            complete.setdefault(y, []).append(quarters)
    years = sorted(complete)[-YEARS_BACK:]
    rows = [qs for y in years for qs in complete[y]]
    if not rows:
        return LINEAR_SHAPE
    share, low, high = {}, {}, {}
    for q in (1, 2, 3, 4):
        values = sorted(min(qs[q] / qs[4], 1.0) if q < 4 else 1.0 for qs in rows)
        share[q] = median(values)
        if len(values) >= 2:
            p25, _, p75 = quantiles(values, n=4, method="inclusive")
        else:
            p25 = p75 = values[0]
        low[q], high[q] = p25, p75
    return Shape("seasonal", share, low, high, tuple(years), len(rows))


def seasonal_expected(target: float, quarter: int, shape: Shape) -> float:
    """What a village should have reached by the end of `quarter` under the township's shape."""
    return float(target) * shape.share[quarter]


@dataclass(frozen=True)
class Projection:
    village: str
    indicator: str
    year: int
    as_of: str
    actual: float | None
    target: float | None
    projected: float | None
    low: float | None
    high: float | None
    needed_per_quarter: float | None
    method: str
    note: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def project(village: str, indicator: str, as_of: str, actual: float | None, target: float | None,
            shape: Shape) -> Projection:
    """One village's year-end projection for a flow indicator at the end of quarter `as_of`."""
    if INDICATOR_BY_CODE[indicator].accumulation != "flow":
        raise ValueError(f"{indicator} is a level, not projected")
    year, q = parse_period(as_of)
    if actual is None:
        return Projection(village, indicator, year, as_of, None, target, None, None, None, None, shape.method,
                          "本季度未报送，无法推算")
    projected = actual / shape.share[q] if shape.share[q] > 0 else actual
    # a slow year (a low share reached by q) means more is still to come: the high end of the range
    high = actual / shape.low[q] if shape.low[q] > 0 else projected
    low = actual / shape.high[q] if shape.high[q] > 0 else projected
    needed = None  # at the end of Q4 no quarter is left to add in
    if target is not None and q < 4:
        needed = max(target - actual, 0.0) / (4 - q)
    note = None if shape.method == "seasonal" else "没有完整的往年数据，按时间均匀推算"
    return Projection(village, indicator, year, as_of, _round(actual), _round(target), _round(projected),
                      _round(min(low, projected)), _round(max(high, projected)), _round(needed), shape.method, note)
