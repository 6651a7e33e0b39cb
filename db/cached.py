"""The one module under db/ that imports streamlit: cached engine and cached reads.

Every cached function is keyed by all of its arguments (the database URL
included); `clear()` is called after any write so pages never show stale data.
"""
from __future__ import annotations

import streamlit as st

from db import queries
from db.engine import database_url, make_engine, session_factory


@st.cache_resource(show_spinner=False)
def _engine_for(url: str):
    return make_engine(url)


def engine():
    return _engine_for(database_url())


def _session():
    return session_factory(engine())()


@st.cache_data(show_spinner=False, ttl=600)
def townships(url: str) -> list[queries.TownshipInfo]:
    with _session() as s:
        return queries.townships(s)


@st.cache_data(show_spinner=False, ttl=600)
def periods_with_data(url: str, township_id: int) -> list[str]:
    with _session() as s:
        return queries.periods_with_data(s, township_id)


@st.cache_data(show_spinner=False, ttl=600)
def observations_frame(url: str, township_id: int, year: int | None):
    with _session() as s:
        return queries.observations_frame(s, township_id, year)


@st.cache_data(show_spinner=False, ttl=600)
def effective_targets(url: str, township_id: int, year: int) -> dict:
    with _session() as s:
        return queries.effective_targets(s, township_id, year)


@st.cache_data(show_spinner=False, ttl=600)
def villages(url: str, township_id: int):
    with _session() as s:
        return queries.villages(s, township_id)


def url() -> str:
    return database_url()


def clear() -> None:
    """Call after every write."""
    st.cache_data.clear()


@st.cache_data(show_spinner=False, ttl=600)
def documents(url: str, township_id: int | None = None) -> list[dict]:
    with _session() as s:
        return queries.documents(s, township_id)


@st.cache_data(show_spinner=False, ttl=600)
def document_text(url: str, document_id: int) -> str | None:
    with _session() as s:
        return queries.document_text(s, document_id)


@st.cache_data(show_spinner=False, ttl=600)
def document_facts(url: str, document_id: int) -> list[dict]:
    with _session() as s:
        return queries.document_facts(s, document_id)


@st.cache_data(show_spinner=False, ttl=600)
def recent_batches(url: str, limit: int = 50) -> list[dict]:
    with _session() as s:
        return queries.recent_batches(s, limit)


def session():
    """A session for a page's write or one-off read; the caller closes it."""
    return _session()


@st.cache_data(show_spinner=False, ttl=600)
def lagging(url: str, township_id: int, as_of: str, indicator: str | None = None, pacing: str | None = None):
    """pacing None: the township's own rule (cleared with the cache when it is changed)."""
    from db.progress import lagging_for_township_id

    with _session() as s:
        return lagging_for_township_id(s, township_id, as_of, indicator, pacing)


@st.cache_data(show_spinner=False, ttl=600)
def lagging_with_previous(url: str, township_id: int, as_of: str, indicator: str | None = None,
                          pacing: str | None = None):
    from db.progress import with_previous

    with _session() as s:
        return with_previous(s, township_id, as_of, indicator, pacing)


@st.cache_data(show_spinner=False, ttl=600)
def township_pacing(url: str, township_id: int) -> str:
    with _session() as s:
        return queries.township_pacing(s, township_id)


@st.cache_data(show_spinner=False, ttl=600)
def forecast(url: str, township_id: int, as_of: str, indicator: str | None = None):
    from db.progress import forecast_for_township_id

    with _session() as s:
        return forecast_for_township_id(s, township_id, as_of, indicator)


@st.cache_data(show_spinner=False, ttl=600)
def shapes(url: str, township_id: int, year: int):
    from db.progress import shapes as _shapes

    with _session() as s:
        return _shapes(s, township_id, year)


@st.cache_data(show_spinner=False, ttl=600)
def village_sources(url: str, village_id: int, year: int):
    with _session() as s:
        return queries.village_sources(s, village_id, year)


@st.cache_data(show_spinner=False, ttl=600)
def audit_entries(url: str, township: str | None = None, village: str | None = None, indicator: str | None = None,
                  period: str | None = None, user: str | None = None, action: str | None = None,
                  limit: int | None = 2000) -> list[dict]:
    with _session() as s:
        return queries.audit_entries(s, township=township, village=village, indicator=indicator, period=period,
                                     user=user, action=action, limit=limit)


@st.cache_data(show_spinner=False, ttl=600)
def locked_periods(url: str, township_id: int) -> list[dict]:
    from db.locks import locked_periods as _locked

    with _session() as s:
        return _locked(s, township_id)


@st.cache_data(show_spinner=False, ttl=600)
def users(url: str) -> list[dict]:
    from db.users import list_users

    with _session() as s:
        return list_users(s)


@st.cache_data(show_spinner=False, ttl=600)
def reconciliation(url: str, township_id: int, year: int | None = None):
    with _session() as s:
        return queries.reconciliation(s, township_id, year)


@st.cache_data(show_spinner=False, ttl=600)
def township_figures(url: str, township_id: int, year: int):
    with _session() as s:
        return queries.township_figures(s, township_id, year)
