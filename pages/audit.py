"""审计日志: every change, filtered, and the history of one figure."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db import cached
from pages.common import local_time, township_picker
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.labels import AUDIT_ACTION_NAMES
from terms.periods import period_label
from terms.values import format_value

town = township_picker()
st.title("审计日志")
st.caption("每一次修改都记下原值、新值、操作人、时间和来源；记录只增不删，撤销和更正也是新的记录。")

villages = [v[1] for v in cached.villages(cached.url(), town.id)]
c1, c2, c3, c4 = st.columns(4)
village = c1.selectbox("村", [None, *villages], format_func=lambda v: "全部" if v is None else v)
indicator = c2.selectbox("指标", [None, *[i.code for i in TRACKED]],
                         format_func=lambda c: "全部" if c is None else INDICATOR_BY_CODE[c].name)
action = c3.selectbox("操作", [None, *AUDIT_ACTION_NAMES], format_func=lambda a: "全部" if a is None else AUDIT_ACTION_NAMES[a])
period_options = [None, *reversed(cached.periods_with_data(cached.url(), town.id))]
period = c4.selectbox("期间", period_options, format_func=lambda p: "全部" if p is None else period_label(p))

rows = cached.audit_entries(cached.url(), town.name, village, indicator, period, None, action, 2000)


def shown(r: dict, key: str) -> str:
    value = r[key]
    if value is None:
        return "—"
    if r["indicator"] in INDICATOR_BY_CODE and isinstance(value, (int, float)):
        return format_value(r["indicator"], value)
    return str(value)


if not rows:
    st.info("没有符合条件的记录。")
else:
    table = pd.DataFrame([{
        "时间": local_time(r["time"]),
        "操作人": r["user"], "操作": AUDIT_ACTION_NAMES.get(r["action"], r["action"]), "村": r["village"] or "",
        "指标": INDICATOR_BY_CODE[r["indicator"]].name if r["indicator"] in INDICATOR_BY_CODE else (r["indicator"] or ""),
        "期间": period_label(r["period"]) if r["period"] else "", "原值": shown(r, "old"), "新值": shown(r, "new"), "来源": r["source"] or "",
    } for r in reversed(rows)])
    st.caption(f"共 {len(rows)} 条（最近 2000 条以内，新的在前）")
    st.dataframe(table, hide_index=True, width="stretch", height=min(600, 40 + 35 * len(table)))
    if village and indicator and period:
        st.subheader(f"这个数字的历史（{len(rows)} 次修改）")
        st.dataframe(table[["时间", "操作人", "操作", "原值", "新值", "来源"]].iloc[::-1], hide_index=True,
                     width="stretch")
    else:
        st.caption("选定村、指标和期间，可以看到单个数字的完整修改历史。")
