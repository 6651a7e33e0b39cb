"""Login sessions across reloads (issue 17): a signed, expiring token that names the account and its
credential stamp, never the password or its hash."""
from __future__ import annotations

import base64
import json

from db import sessions


def test_a_token_names_the_account_until_it_expires(monkeypatch):
    monkeypatch.setenv("ZHIBIAO_SESSION_KEY", "test-key")
    token = sessions.issue("文书甲", "abc123", now=1_000_000)
    assert sessions.verify(token, now=1_000_000 + 3600) == ("文书甲", "abc123")
    assert sessions.verify(token, now=1_000_000 + sessions.LIFETIME_SECONDS + 1) is None  # the 8 h limit


def test_a_tampered_or_foreign_token_is_refused(monkeypatch):
    monkeypatch.setenv("ZHIBIAO_SESSION_KEY", "test-key")
    token = sessions.issue("文书甲", "abc123")
    body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["u"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert sessions.verify(f"{forged}.{signature}") is None
    assert sessions.verify("garbage") is None and sessions.verify(None) is None
    monkeypatch.setenv("ZHIBIAO_SESSION_KEY", "another-installation")
    assert sessions.verify(token) is None


def test_the_token_carries_no_password_or_hash(demo_backend, monkeypatch):
    from db.engine import session_factory
    from db.models import User
    from tests.apphelpers import make_user

    monkeypatch.setenv("ZHIBIAO_SESSION_KEY", "test-key")
    principal, password = make_user(demo_backend.engine, "clerk", name="文书甲", villages=["大刘庄村"])
    token = sessions.issue(principal.name, principal.credential)
    decoded = base64.urlsafe_b64decode(token.split(".")[0] + "==").decode()
    with session_factory(demo_backend.engine)() as s:
        stored = s.query(User).filter_by(name="文书甲").one().password_hash
    assert password not in decoded and stored not in decoded and stored[:20] not in token
