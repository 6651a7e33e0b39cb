"""账号与锁定: lock a reviewed quarter; add accounts, reset a password (a one-time password shown once),
disable or enable an account, change a clerk's villages (admins only; checked again in db.accounts)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db import cached
from db.accounts import reset_password, set_account_active, set_clerk_villages
from db.engine import transaction
from db.errors import UserError
from db.locks import lock, unlock
from db.users import add_user_in
from pages.common import md_escape, township_picker, write_then_rerun
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
        write_then_rerun(lambda s: (lock if do_lock else unlock)(s, town.name, p, principal), "admin_flash",
                         f"{town.name}{period_label(p)}已{'锁定' if do_lock else '解锁'}")

st.subheader("账号")


def _account_change(change, done: str, after=None) -> None:
    write_then_rerun(change, "admin_flash", done, after)


with st.expander("添加账号"):
    with st.form("add_user", clear_on_submit=True):
        new_name = st.text_input("新用户名")
        new_role = st.selectbox("角色", ["clerk", "viewer", "admin"], format_func=lambda r: ROLE_NAMES[r])
        village_names = {v[1]: v for v in cached.villages(cached.url(), town.id)}
        new_villages = st.multiselect("负责的村（村文书必选）", list(village_names), placeholder="选择村")
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
users = cached.users(cached.url())
if "admin_one_time" in st.session_state:  # shown once, right after the reset; never stored
    who, password = st.session_state.pop("admin_one_time")
    st.warning(f"已为 {md_escape(who)} 重设密码。一次性密码只显示这一次，请当面或电话告诉本人，登录后尽快修改：")
    st.code(password, language=None)
with st.expander("管理已有账号（重设密码、停用或启用、调整负责的村）", expanded=True):
    by_name = {u["name"]: u for u in users}
    who = st.selectbox("账号", list(by_name), key="admin_account",
                       format_func=lambda n: f"{n}（{ROLE_NAMES.get(by_name[n]['role'], by_name[n]['role'])}"
                                             f"{'，已停用' if not by_name[n]['active'] else ''}）")
    account = by_name[who]
    c1, c2 = st.columns(2)
    if c1.button("重设密码", key="admin_reset", help="生成一次性密码；该账号已登录的页面会退出"):
        _account_change(lambda s: reset_password(s, who, principal), f"已重设 {who} 的密码",
                        after=lambda password: st.session_state.__setitem__("admin_one_time", (who, password)))
    if account["active"]:
        if c2.button("停用账号", key="admin_disable", help="停用后不能登录；记录保留"):
            _account_change(lambda s: set_account_active(s, who, False, principal), f"已停用 {who}")
    elif c2.button("启用账号", key="admin_enable"):
        _account_change(lambda s: set_account_active(s, who, True, principal), f"已启用 {who}")
    if account["role"] == "clerk":
        village_ids = {v[1]: v[0] for v in cached.villages(cached.url(), town.id)}
        current = [v for v in account["villages"] if v in village_ids]
        chosen = st.multiselect(f"{who} 负责的村（{town.name}）", list(village_ids), default=current, key="admin_villages",
                                placeholder="选择村")
        if st.button("保存负责的村", key="admin_save_villages"):
            _account_change(lambda s: set_clerk_villages(s, who, [village_ids[v] for v in chosen], principal),
                            f"已调整 {who} 负责的村：{'、'.join(chosen)}")
st.dataframe(pd.DataFrame([{"用户名": u["name"], "角色": ROLE_NAMES.get(u["role"], u["role"]),
                            "范围": "、".join(u["villages"]) or u["township"] or "全部",
                            "状态": "正常" if u["active"] else "停用"} for u in users]), hide_index=True)
