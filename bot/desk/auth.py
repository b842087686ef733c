"""Sign-in state and form protection for the desk.

A session is a signed cookie (`desk_session`: login, account generation, time of sign-in;
HMAC-SHA256 with the secret from the account file), sent `Secure`, `HttpOnly`,
`SameSite=Strict`. It ends after `SESSION_HOURS`, at sign-out, and everywhere at once when the
account's generation is raised. Every form carries a CSRF token bound to the session (or, on the
sign-in page, to a random cookie made for that page); a form without the right token gets 403.
Sign-in attempts are limited per address (`AddressLimiter`) on top of the account lockout.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

SESSION_COOKIE = "desk_session"
LOGIN_COOKIE = "desk_login"
SESSION_HOURS = 8


@dataclass(frozen=True)
class DeskSession:
    login: str
    generation: int
    since: datetime

    def expired(self, now: datetime) -> bool:
        return now - self.since > timedelta(hours=SESSION_HOURS)


class Signer:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, text: str) -> str:
        return hmac.new(self._secret, text.encode(), hashlib.sha256).hexdigest()

    def session_cookie(self, session: DeskSession) -> str:
        body = json.dumps([session.login, session.generation, session.since.isoformat()])
        encoded = base64.urlsafe_b64encode(body.encode()).decode()
        return f"{encoded}.{self._mac('session:' + encoded)}"

    def session_of(self, cookie: str) -> DeskSession | None:
        encoded, _, mac = cookie.partition(".")
        if not mac or not hmac.compare_digest(mac, self._mac("session:" + encoded)):
            return None
        try:
            login, generation, since = json.loads(base64.urlsafe_b64decode(encoded))
            return DeskSession(str(login), int(generation), datetime.fromisoformat(since))
        except (ValueError, TypeError):
            return None

    def csrf(self, bound_to: str) -> str:
        """The form token for a session cookie (or the sign-in page's cookie)."""
        return self._mac("csrf:" + bound_to)

    def csrf_ok(self, bound_to: str, token: str) -> bool:
        return bool(bound_to) and hmac.compare_digest(self.csrf(bound_to), token)


def new_login_nonce() -> str:
    return secrets.token_urlsafe(24)


class AddressLimiter:
    """At most `limit` sign-in attempts per address within `window` (in this process)."""

    def __init__(self, limit: int = 20, window: timedelta = timedelta(minutes=10)) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[datetime]] = {}

    def allow(self, address: str, now: datetime) -> bool:
        times = self._seen.setdefault(address, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        if len(self._seen) > 10_000:  # forget the idle, keep memory bounded
            self._seen = {a: t for a, t in self._seen.items() if t}
        return True
