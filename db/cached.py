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
def documents(url: str) -> list[dict]:
    with _session() as s:
        return queries.documents(s)


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
