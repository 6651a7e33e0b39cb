"""账号与锁定: lock a reviewed quarter, see accounts (admins only; permissions are enforced
again in the write functions)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db import cached
from db.engine import transaction
from db.errors import UserError
from db.locks import lock, unlock
from db.users import add_user_in
from pages.common import md_escape, township_picker
from terms.labels import ROLE_NAMES
from terms.periods import period_label

principal = st.session_state["principal"]
town = township_picker()
st.title("审核锁定与账号")
if "admin_flash" in st.session_state:
    st.success(md_escape(st.session_state.pop("admin_flash")))

st.subheader("审核锁定")
st.caption("季度数据审核完、通报发出后锁定；锁定后任何人（包括命令行）都不能再修改该季度，直到管理员解锁。锁定和解锁都会记入审计日志。")
locks = cached.locked_periods(cached.url(), town.id)
locked = {r["period"] for r in locks}
periods = list(reversed(cached.periods_with_data(cached.url(), town.id)))
if locks:
    st.dataframe(pd.DataFrame([{"季度": r["label"], "锁定人": r["locked_by"]} for r in locks]), hide_index=True)
else:
    st.info("目前没有锁定的季度。")
if periods:
    p = st.selectbox("季度", periods, format_func=lambda x: period_label(x) + ("（已锁定）" if x in locked else ""))
    c1, c2 = st.columns(2)
    do_lock = c1.button("锁定该季度", type="primary", disabled=p in locked)
    do_unlock = c2.button("解除锁定", disabled=p not in locked)
    if do_lock or do_unlock:
        try:
            with transaction(cached.engine()) as s:
                (lock if do_lock else unlock)(s, town.name, p, principal)
        except UserError as exc:
            st.error(md_escape(exc.message))
        else:
            cached.clear()
            st.session_state["admin_flash"] = f"{town.name}{period_label(p)}已{'锁定' if do_lock else '解锁'}"
            st.rerun()

st.subheader("账号")
with st.expander("添加账号"):
    with st.form("add_user", clear_on_submit=True):
        new_name = st.text_input("新用户名")
        new_role = st.selectbox("角色", ["clerk", "viewer", "admin"], format_func=lambda r: ROLE_NAMES[r])
        village_names = {v[1]: v for v in cached.villages(cached.url(), town.id)}
        new_villages = st.multiselect("负责的村（村文书必选）", list(village_names))
        pw1 = st.text_input("初始密码（至少 8 位）", type="password")
        pw2 = st.text_input("再输一次密码", type="password")
        add = st.form_submit_button("添加")
    if add:
        try:
            if pw1 != pw2:
                raise UserError("两次输入的密码不一致")
            with transaction(cached.engine()) as s:
                add_user_in(s, new_name, new_role, pw1, township_id=town.id,
                            village_ids=[village_names[v][0] for v in new_villages], actor=principal.name)
        except UserError as exc:
            st.error(md_escape(exc.message))
        else:
            cached.clear()
            st.session_state["admin_flash"] = f"已添加账号 {new_name}（{ROLE_NAMES[new_role]}）"
            st.rerun()
st.caption("改密码、停用账号：`zhibiao users passwd 名字 --password-stdin`、`zhibiao users disable 名字`。")
users = cached.users(cached.url())
st.dataframe(pd.DataFrame([{"用户名": u["name"], "角色": ROLE_NAMES.get(u["role"], u["role"]),
                            "范围": "、".join(u["villages"]) or u["township"] or "全部",
                            "状态": "正常" if u["active"] else "停用"} for u in users]), hide_index=True)
