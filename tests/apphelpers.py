"""Helpers for Streamlit AppTest: a logged-in app against a test database."""
from __future__ import annotations

import secrets

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from db.engine import transaction
from db.store import township_by_name, village_index
from db.users import add_user, principal_of

from pathlib import Path

# AppTest resets PagesManager.uses_pages_directory before every run and, because a
# pages/ folder exists, reruns the last page in the legacy (v1) multipage mode, skipping
# app.py. The real server clears the flag for good at the first st.navigation call;
# app.py always calls st.navigation, so tests mirror the server here.
_orig_init = PagesManager.__init__


def _init_without_v1_pages(self, *args, **kwargs):
    _orig_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


PagesManager.__init__ = _init_without_v1_pages

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def make_user(engine, role: str = "admin", name: str | None = None, villages: list[str] | None = None):
    """Create a user with a random password; returns (principal, password)."""
    password = secrets.token_urlsafe(12)
    name = name or f"{role}_{secrets.token_hex(3)}"
    with transaction(engine) as s:
        vs = None
        if villages:
            idx = village_index(s, township_by_name(s, "示范乡"))
            vs = [idx.resolve(v) for v in villages]
        user = add_user(s, name, role, password, villages=vs)
        principal = principal_of(user)
    return principal, password


def app_as(principal, timeout: float = 30) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state["principal"] = principal
    import time

    at.session_state["last_seen"] = time.time()
    return at


def texts(at: AppTest) -> str:
    """Every text the page shows, joined (markdown, captions, metrics, titles, alerts)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    for m in at.metric:
        parts.append(f"{m.label} {m.value}")
    return "\n".join(parts)
