"""zhibiao dashboard entrypoint: page config, the one login gate, navigation by role."""
from __future__ import annotations

import time

import streamlit as st

from db import cached
from db.engine import transaction
from db.errors import UserError
from db import sessions
from db.queries import org_names
from db.users import authenticate

SESSION_IDLE_SECONDS = 8 * 3600

st.set_page_config(page_title="指标 · 村级进度", page_icon=":material/bar_chart:", layout="wide")


def _login_form() -> None:
    st.title("指标 · 村级重点指标进度")
    st.caption("村集体经济收入 · 发展党员 · 网格 · 培训人次")
    with st.form("login"):
        name = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录", type="primary")
    if submitted:
        try:
            with transaction(cached.engine()) as session:
                try:
                    principal = authenticate(session, name, password)
                finally:
                    session.commit()  # keep the failure counter even when the login fails
        except UserError as exc:
            st.error(exc.message)
            return
        st.session_state["principal"] = principal
        st.session_state["last_seen"] = time.time()
        st.session_state.pop("logged_out", None)
        st.session_state["cookie"] = sessions.issue(principal.name, principal.credential)  # kept across reloads
        st.rerun()


def _from_cookie():
    """A reload or a new tab: the account a valid session cookie names, if it is unchanged."""
    if st.session_state.get("logged_out"):  # this session's cookie was read before the logout
        return None
    claims = sessions.verify(st.context.cookies.get(sessions.COOKIE))
    if claims is None:
        return None
    current = _account_now(claims[0])
    if current is None or current.credential != claims[1]:  # disabled, or its password was reset
        st.session_state["cookie"] = ""
        return None
    st.session_state["principal"], st.session_state["last_seen"] = current, time.time()
    return current


def _write_cookie() -> None:
    """Set (or, with "", clear) the session cookie in the browser, once per change."""
    token = st.session_state.pop("cookie", None)
    if token is None:
        return
    import streamlit.components.v1 as components

    age = sessions.LIFETIME_SECONDS if token else 0
    components.html(f"<script>window.parent.document.cookie = '{sessions.COOKIE}={token}; path=/; "
                    f"max-age={age}; SameSite=Strict';</script>", height=0)


def _current_principal():
    principal = st.session_state.get("principal") or _from_cookie()
    if principal is None:
        return None
    if time.time() - st.session_state.get("last_seen", 0) > SESSION_IDLE_SECONDS:
        st.session_state.clear()
        st.session_state["cookie"] = ""
        st.warning("登录已过期，请重新登录")
        return None
    st.session_state["last_seen"] = time.time()
    current = _account_now(principal.name)
    if current != principal:  # password reset, role or scope changed, or account disabled
        st.session_state.pop("principal", None)
        st.session_state["cookie"] = ""
        st.warning("账号的权限或状态已变更，请重新登录")
        return None
    if time.time() - st.session_state.get("cookie_renewed", 0) > 3600:  # an active user's cookie is renewed hourly
        st.session_state["cookie_renewed"] = time.time()
        st.session_state.setdefault("cookie", sessions.issue(principal.name, principal.credential))
    return principal


def _account_now(name: str):
    """The account as the database has it now (None when gone or disabled)."""
    from db.users import current_principal

    with cached.session() as s:
        return current_principal(s, name)


def _logout() -> None:
    st.session_state.pop("principal", None)
    st.session_state.pop("last_seen", None)
    st.session_state.pop("cookie_renewed", None)
    st.session_state["cookie"] = ""  # the cookie is cleared too: a reload after logout shows the login form
    st.session_state["logged_out"] = True


principal = _current_principal()
_write_cookie()
if principal is None:
    # Always go through st.navigation, so logging out replaces every page with the form.
    st.navigation([st.Page(_login_form, title="登录", icon=":material/lock:")], position="hidden").run()
    st.stop()

# Navigation: Chinese titles in sections; a page shows only to the roles that may use it.
SECTIONS = {
    "进度": [
        ("pages/overview.py", "总览", ":material/dashboard:", ("admin", "clerk", "viewer")),
        ("pages/progress.py", "村级进度", ":material/bar_chart:", ("admin", "clerk", "viewer")),
        ("pages/alerts.py", "落后预警", ":material/warning:", ("admin", "clerk", "viewer")),
        ("pages/village.py", "村级画像", ":material/holiday_village:", ("admin", "clerk", "viewer")),
        ("pages/compare.py", "指标对比", ":material/grid_on:", ("admin", "clerk", "viewer")),
    ],
    "数据": [
        ("pages/upload.py", "数据上传", ":material/upload_file:", ("admin", "clerk")),
        ("pages/reports.py", "报告抽取", ":material/description:", ("admin", "clerk", "viewer")),
        ("pages/targets.py", "目标设置", ":material/flag:", ("admin",)),
        ("pages/bulletin.py", "通报导出", ":material/summarize:", ("admin", "clerk", "viewer")),
    ],
    "管理": [
        ("pages/audit.py", "审计日志", ":material/history:", ("admin", "viewer")),
        ("pages/admin.py", "审核锁定与账号", ":material/lock:", ("admin",)),
    ],
}
# A clerk lands on their own village's 村级画像 (its reminders first); everyone else on 总览.
home = "pages/village.py" if principal.role == "clerk" else "pages/overview.py"
if principal.role == "clerk" and not st.session_state.get("clerk_landed"):
    st.session_state["clerk_landed"] = True
    with cached.session() as s:
        own = org_names(s, principal.village_ids)
    if own:
        st.session_state["profile_village"] = own[0]
nav = {}
for section, items in SECTIONS.items():
    pages = [st.Page(path, title=title, icon=icon, default=(path == home))
             for path, title, icon, roles in items if principal.role in roles]
    if pages:
        nav[section] = pages

# Streamlit's file uploader has no Chinese text of its own: replace its two English labels; and print styles.
st.markdown(
    """<style>
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p {font-size: 0}
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p::after {content: "选择文件"; font-size: 0.875rem}
[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {content: "也可以把文件拖到这里（每个不超过 20MB）"; font-size: 0.8rem}
/* "Press Enter to submit form" and similar English input hints, and plotly's English toolbar: hidden */
[data-testid="InputInstructions"] {display: none}
input[placeholder="Choose an option"]::placeholder, input[placeholder="Choose options"]::placeholder {color: transparent}
.modebar-container {display: none !important}
/* Printing a page (Ctrl+P): A4, no sidebar, header or toolbars, every container unfolded */
@media print {
  @page {size: A4; margin: 12mm}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], .modebar, [data-testid="stElementToolbar"] {display: none !important}
  [data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"] {
    margin: 0 !important; padding: 0 !important; max-width: none !important; overflow: visible !important}
  [data-testid="stVerticalBlock"], [data-testid="stVerticalBlockBorderWrapper"] {
    height: auto !important; max-height: none !important; overflow: visible !important}
  [data-testid="stExpanderDetails"] {display: block !important}
}
</style>""",
    unsafe_allow_html=True,  # our own constant CSS, no user text
)

with st.sidebar:
    from pages.common import md_escape
    from terms.labels import ROLE_NAMES

    st.caption(f"当前用户：{md_escape(principal.name)}（{ROLE_NAMES.get(principal.role, principal.role)}）")
    st.button("退出登录", on_click=_logout)

st.navigation(nav).run()
