"""Login sessions that survive a reload or a new tab: a signed, expiring token kept in a cookie.

The token names the account, the account's credential stamp (it changes when the password is reset,
so every session ends) and when it expires; it is signed with HMAC-SHA256 and a key of this
installation (ZHIBIAO_SESSION_KEY, or a random key written once, readable only by its owner, beside
the database). It never carries the password or its hash.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

COOKIE = "zhibiao_session"
LIFETIME_SECONDS = 8 * 3600  # the idle limit: a token is renewed while the user is active
KEY_FILE = Path(__file__).resolve().parents[1] / "data" / ".session-key"


def _key() -> bytes:
    env = os.environ.get("ZHIBIAO_SESSION_KEY", "").strip()
    if env:
        return env.encode()
    if not KEY_FILE.is_file():
        KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return KEY_FILE.read_text().strip().encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(name: str, credential: str, now: float | None = None) -> str:
    """A token for the account, valid for LIFETIME_SECONDS."""
    body = _b64(json.dumps({"u": name, "c": credential, "exp": int((now or time.time()) + LIFETIME_SECONDS)},
                           ensure_ascii=False, separators=(",", ":")).encode())
    return f"{body}.{_b64(hmac.new(_key(), body.encode(), hashlib.sha256).digest())}"


def verify(token: str | None, now: float | None = None) -> tuple[str, str] | None:
    """(account name, credential stamp) of a valid, unexpired token; None for anything else."""
    if not token or token.count(".") != 1:
        return None
    body, signature = token.split(".")
    expected = _b64(hmac.new(_key(), body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        claims = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(claims, dict) or claims.get("exp", 0) < (now or time.time()):
        return None
    return str(claims.get("u", "")), str(claims.get("c", ""))


def expires_at(token: str) -> int:
    try:
        return int(json.loads(_unb64(token.split(".")[0])).get("exp", 0))
    except (ValueError, IndexError):
        return 0
