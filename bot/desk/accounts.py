"""Desk accounts: login, display name, offices, argon2 password hash, TOTP secret.

Kept in one JSON file beside the database (`desk-accounts.json`, mode 0600, written atomically);
the TOTP secrets in it are encrypted with the data key. The file also holds the random secret
that signs session cookies and CSRF tokens, each account's session generation (raising it logs
the account out everywhere) and its failed sign-ins (for the lockout), so every process serving
the desk sees the same state.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import MultiFernet

ACCOUNTS_FILE = "desk-accounts.json"
MAX_FAILURES = 5  # wrong passwords or codes in a row before the account is locked
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()
# verifying against this keeps the time of an unknown login like that of a known one
_DUMMY_HASH = _hasher.hash(secrets.token_hex(8))


@dataclass(frozen=True)
class Account:
    login: str
    name: str
    offices: tuple[str, ...]
    password_hash: str
    totp_secret: str = ""  # encrypted; empty when the second factor is switched off
    generation: int = 0
    failures: int = 0
    locked_until: str = ""  # ISO time
    last_step: int = 0  # the TOTP time step last used: a code is accepted once

    def locked(self, now: datetime) -> bool:
        return bool(self.locked_until) and datetime.fromisoformat(self.locked_until) > now


@dataclass
class AccountFile:
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    accounts: dict[str, Account] = field(default_factory=dict)


class AccountError(ValueError):
    """An account cannot be made as asked (the message says why, in German)."""


class Accounts:
    """The accounts in `folder`; TOTP secrets are sealed with `cipher`."""

    def __init__(self, folder: Path, cipher: MultiFernet) -> None:
        self.path = folder / ACCOUNTS_FILE
        self.cipher = cipher

    def _load(self) -> AccountFile:
        if not self.path.exists():
            return AccountFile()
        raw = json.loads(self.path.read_text(encoding="utf-8"))
        accounts = {
            login: Account(**{**data, "offices": tuple(data["offices"])})
            for login, data in raw["accounts"].items()
        }
        return AccountFile(raw["secret"], accounts)

    def _save(self, data: AccountFile) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        raw = {"secret": data.secret, "accounts": {k: asdict(v) for k, v in data.accounts.items()}}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".desk-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp: mode 0600
            json.dump(raw, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)

    @property
    def secret(self) -> bytes:
        """The key that signs session cookies and CSRF tokens (made with the first account)."""
        data = self._load()
        if not self.path.exists():
            self._save(data)
        return data.secret.encode()

    def get(self, login: str) -> Account | None:
        return self._load().accounts.get(login)

    def add(
        self, login: str, name: str, offices: list[str], password: str, *, totp: bool = True
    ) -> str:
        """Create or replace an account; returns the TOTP secret to enrol ("" without TOTP)."""
        if not login or not offices:
            raise AccountError("Ein Konto braucht einen Namen und mindestens eine Stelle.")
        if len(password) < 12:
            raise AccountError("Das Passwort muss mindestens 12 Zeichen haben.")
        data = self._load()
        secret = pyotp.random_base32() if totp else ""
        sealed = self.cipher.encrypt(secret.encode()).decode() if secret else ""
        previous = data.accounts.get(login)
        data.accounts[login] = Account(
            login,
            name or login,
            tuple(offices),
            _hasher.hash(password),
            sealed,
            generation=previous.generation + 1 if previous else 0,
        )
        self._save(data)
        return secret

    def check(self, login: str, password: str, code: str, now: datetime) -> Account | None:
        """The account when password and (if enrolled) TOTP code are right and it is not
        locked; every failure counts towards the lockout, a success resets the count."""
        data = self._load()
        account = data.accounts.get(login)
        if account is None:
            _verify(_DUMMY_HASH, password)
            return None
        if account.locked(now):
            return None
        step = self._code_step(account, code, now)
        if _verify(account.password_hash, password) and step is not None:
            account = replace(account, failures=0, locked_until="", last_step=step)
            data.accounts[login] = account
            self._save(data)
            return account
        failures = account.failures + 1
        locked = (now + LOCKOUT).isoformat() if failures >= MAX_FAILURES else ""
        data.accounts[login] = replace(
            account, failures=0 if locked else failures, locked_until=locked
        )
        self._save(data)
        return None

    def _code_step(self, account: Account, code: str, now: datetime) -> int | None:
        """The time step of a right TOTP code (one step of clock drift either way), None for
        a wrong one or one already used; 0 for an account without TOTP."""
        if not account.totp_secret:
            return 0
        totp = pyotp.TOTP(self.cipher.decrypt(account.totp_secret.encode()).decode())
        given = code.replace(" ", "")
        current = totp.timecode(now)
        for step in (current - 1, current, current + 1):
            if step > account.last_step and hmac.compare_digest(totp.generate_otp(step), given):
                return step
        return None

    def totp_secret(self, login: str) -> str:
        """The plain TOTP secret (for the enrolment and for tests)."""
        account = self.get(login)
        if account is None or not account.totp_secret:
            return ""
        return self.cipher.decrypt(account.totp_secret.encode()).decode()

    def log_out_everywhere(self, login: str) -> None:
        """Every session of the account ends: cookies carry the old generation."""
        data = self._load()
        account = data.accounts.get(login)
        if account is not None:
            data.accounts[login] = replace(account, generation=account.generation + 1)
            self._save(data)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
