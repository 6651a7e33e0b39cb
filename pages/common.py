"""Widgets every page shares (selectors, escaping). No business logic here."""
from __future__ import annotations

import re

import streamlit as st

from db import cached
from db.reference import parse_period, period_label

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: object) -> str:
    """Untrusted text inside markdown: every markdown and HTML character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def township_picker(key: str = "township"):
    towns = cached.townships(cached.url())
    if not towns:
        st.info("数据库里还没有乡镇。请运行 `make run`（会自动加载示范乡），或用 `zhibiao org import` 导入村名单。")
        st.stop()
    principal = st.session_state.get("principal")
    if principal is not None and principal.township_id:
        towns = [t for t in towns if t.id == principal.township_id] or towns
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
