"""Widgets every page shares (selectors, escaping). No business logic here."""
from __future__ import annotations

import re

import streamlit as st

from db import cached
from terms.periods import parse_period, period_label

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: object) -> str:
    """Untrusted text inside markdown: every markdown and HTML character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _visible_townships():
    """The townships this user may pick (a clerk's or township user's own first); stops the page if none."""
    towns = cached.townships(cached.url())
    if not towns:
        st.info("数据库里还没有乡镇。请运行 `make run`（会自动加载示范乡），或用 `zhibiao org import` 导入村名单。")
        st.stop()
    principal = st.session_state.get("principal")
    if principal is not None and principal.township_id:
        towns = [t for t in towns if t.id == principal.township_id] or towns
    return towns


def township_picker(key: str = "township"):
    towns = _visible_townships()
    names = [t.name for t in towns]
    choice = st.sidebar.selectbox("乡镇", names, key=key)
    return towns[names.index(choice)]


def period_picker(township_id: int, key: str = "period") -> str | None:
    periods = cached.periods_with_data(cached.url(), township_id)
    if not periods:
        return None
    labels = [period_label(p) for p in reversed(periods)]
    choice = st.sidebar.selectbox("季度", labels, index=0, key=key)
    return list(reversed(periods))[labels.index(choice)]


def year_of(period: str) -> int:
    return parse_period(period)[0]


def highlight_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The report text with every extracted figure marked in place.

    The report is untrusted: every piece of it is HTML-escaped; only our own <mark>
    and <br> tags are markup. spans are (start, end, css class) into `text`.
    """
    import html

    out, pos = [], 0
    for start, end, cls in sorted(spans):
        start = max(start, pos)  # overlapping evidence: mark only the part not marked yet
        if start >= end or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{html.escape(cls)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


# --- Progress dashboard (总览, 村级进度, 落后预警, 指标对比): shared display helpers ---------------
# Presentation only: the pacing rule, statuses and sentences come from db.pacing via db.cached.

STATUS_COLORS = {"green": "#2e7d32", "yellow": "#f2b600", "red": "#d32f2f", "missing": "#9e9e9e",
                 "no_target": "#b0bec5"}
_STATUS_BADGE = {"green": "green", "yellow": "yellow", "red": "red", "missing": "gray", "no_target": "gray"}
TREND_MD = {"转好": ":green[转好]", "恶化": ":red[恶化]", "持平": ":gray[持平]"}


def dashboard_pickers(key_prefix: str = "dash"):
    """Township and quarter in the sidebar for the four progress pages; the choice is kept while
    the user moves between them (persist_state="session"). Returns (township, period or None)."""
    towns = _visible_townships()
    names = [t.name for t in towns]
    choice = st.sidebar.selectbox("乡镇", names, key=f"{key_prefix}_township", persist_state="session")
    town = towns[names.index(choice)] if choice in names else towns[0]
    periods = list(reversed(cached.periods_with_data(cached.url(), town.id)))
    if not periods:
        return town, None
    labels = [period_label(p) for p in periods]
    label = st.sidebar.selectbox("季度", labels, index=0, key=f"{key_prefix}_period", persist_state="session",
                                 help="默认是最近一个有数据的季度；进度按“年度目标 × 季度/4”计算，每年一月重新开始")
    return town, periods[labels.index(label)] if label in labels else periods[0]


def year_quarters(period: str, through_year_end: bool = False) -> list[str]:
    """The quarters of `period`'s year from the first up to `period` (or to the fourth)."""
    from terms.periods import format_period

    year, q = parse_period(period)
    return [format_period(year, k) for k in range(1, (4 if through_year_end else q) + 1)]


def quarter_short(period: str) -> str:
    """'2026Q3' → '第三季度' (axis labels inside one year)."""
    from terms.periods import QUARTER_NAMES

    return QUARTER_NAMES[parse_period(period)[1]]


def assessments_by_quarter(township_id: int, periods: list[str], indicator: str | None = None) -> dict:
    """period → the township's assessments at that quarter (each read through the cache)."""
    return {p: cached.lagging(cached.url(), township_id, p, indicator) for p in periods}


def indicator_names() -> dict[str, str]:
    from terms.indicators import TRACKED

    return {i.code: i.name for i in TRACKED}


def status_badge(status: str) -> str:
    """A coloured markdown badge with the Chinese status name (红 / 黄 / 绿 / 未报送 / 未设目标)."""
    from db.pacing import STATUS_NAMES

    return f":{_STATUS_BADGE.get(status, 'gray')}-badge[{STATUS_NAMES.get(status, status)}]"


def pager(total: int, per_page: int, key: str, what: str = "村") -> tuple[int, int]:
    """(start, end) of the rows to draw; a page selector appears only when there is more than one page."""
    if total <= per_page:
        return 0, total
    pages = (total + per_page - 1) // per_page
    page = st.selectbox(
        f"分页（共 {total} 个{what}，每页 {per_page} 个）", list(range(pages)), key=key,
        format_func=lambda i: f"第 {i + 1} 页：第 {i * per_page + 1}–{min(total, (i + 1) * per_page)} 个")
    return page * per_page, min(total, (page + 1) * per_page)


def no_targets_notice(assessments, township_name: str, year: int) -> None:
    """A warning when nothing can be paced because no annual target is set for the year."""
    if assessments and all(a.target is None for a in assessments):
        st.warning(f"{md_escape(township_name)}{year}年还没有设年度目标，无法计算完成率和红黄。"
                   "请管理员在“目标设置”页面设置年度目标。")


def completion_order(a) -> tuple[int, float]:
    """Sort key for rankings: lowest completion first, then target 0 (met), then villages that did not
    report (unknown, never 0), then no target; None (not yet a village) last."""
    if a is None or a.status == "no_target":
        return (3, 0.0)
    if a.status == "missing":
        return (2, 0.0)
    if a.completion is None:
        return (1, 0.0)
    return (0, a.completion)


def local_time(value) -> str:
    """A stored time (UTC; SQLite drops the zone) as Beijing time for people: 2026-11-26 06:42."""
    import pandas as pd

    if value is None or value == "":
        return ""
    ts = pd.Timestamp(value)
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    return ts.tz_convert("Asia/Shanghai").strftime("%Y-%m-%d %H:%M")


def same_quarter_last_year(township_id: int, period: str) -> list[dict]:
    """Per indicator: the township's year-to-date total this quarter and the same quarter a year
    earlier (reported villages only; grid_count as a level), with the change."""
    from terms.indicators import TRACKED
    from terms.values import format_value

    year, q = parse_period(period)
    before = f"{year - 1}Q{q}"
    now_rows = cached.lagging(cached.url(), township_id, period)
    then_rows = cached.lagging(cached.url(), township_id, before)
    out = []
    for ind in TRACKED:
        now = [a.actual for a in now_rows if a.indicator == ind.code and a.actual is not None]
        then = [a.actual for a in then_rows if a.indicator == ind.code and a.actual is not None]
        total_now, total_then = (sum(now) if now else None), (sum(then) if then else None)
        change = "—"
        if total_now is not None and total_then:
            change = f"{(total_now - total_then) / total_then:+.0%}"
        out.append({"指标": ind.name, f"{period_label(period)}": format_value(ind.code, total_now, missing="无数据"),
                    f"去年同期（{period_label(before)}）": format_value(ind.code, total_then, missing="无数据"),
                    "变化": change, "报送村数（今年/去年）": f"{len(now)} / {len(then)}",
                    "_now": total_now, "_then": total_then, "_code": ind.code})
    return out


def write_then_rerun(change, flash_key: str, done, after=None) -> None:
    """One write in its own transaction (`change(session)`): a Chinese error where it failed; once
    committed, `after(result)`, the caches cleared, `done` (a message, or a function of the result)
    flashed under `flash_key`, and the page rerun."""
    from db.engine import transaction
    from db.errors import UserError

    try:
        with transaction(cached.engine()) as s:
            result = change(s)
    except UserError as exc:
        st.error(md_escape(exc.message))
        return
    if after:
        after(result)
    cached.clear()
    st.session_state[flash_key] = done(result) if callable(done) else done
    st.rerun()
