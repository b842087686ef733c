"""The data key: Fernet-form keys kept outside the database (what they seal with:
`bot.crypto.tokens`).

`WEGWEISER_DATA_KEY` holds one or more keys separated by commas, or `WEGWEISER_KEY_FILE`
names a file with one key per line. The first key encrypts; all of them decrypt, so a key can be
rotated: put a new key first, run `python -m bot keys rotate`, then drop the old one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet

from bot.crypto.tokens import DataKeys
from bot.settings import SettingsError

KEY_ENV = "WEGWEISER_DATA_KEY"
KEY_FILE_ENV = "WEGWEISER_KEY_FILE"
TRIAL_KEY_FILE = "trial.key"


class KeyError_(SettingsError):
    """The data key is missing or malformed; the message says which setting to fix."""


def new_key() -> str:
    """A fresh random key in the form the settings expect."""
    return Fernet.generate_key().decode()


def load_cipher(
    environ: Mapping[str, str] | None = None, *, trial_dir: Path | None = None
) -> MultiFernet:
    """The keys from the environment; with `trial_dir` (terminal chat only) a key file is made
    there when no key is set, so a fresh clone can try the bot. Raises KeyError_ otherwise."""
    env = os.environ if environ is None else environ
    if env.get(KEY_ENV):
        return _cipher(env[KEY_ENV].split(","), KEY_ENV)
    if env.get(KEY_FILE_ENV):
        path = Path(env[KEY_FILE_ENV])
        if not path.is_file():
            raise KeyError_(f"{KEY_FILE_ENV} points to {path}, which is not a file.")
        return _cipher(path.read_text(encoding="utf-8").split(), KEY_FILE_ENV)
    if trial_dir is not None:
        return _cipher([_trial_key(trial_dir)], TRIAL_KEY_FILE)
    raise KeyError_(
        f"No data key: set {KEY_FILE_ENV} to a file outside the data directory (create one "
        f"with `python -m bot keys new > /etc/wegweiser/data.key`) or {KEY_ENV}."
    )


def log_key(cipher: MultiFernet) -> bytes:
    """The key of the log pseudonyms: an HMAC of a fixed text under the first data key, so it
    is stable across restarts and cannot be recomputed without the data key."""
    first = getattr(cipher, "first", b"")
    if not first:
        return secrets.token_bytes(32)  # a cipher made elsewhere: a random key of this process
    return hmac.new(first, b"wegweiser log pseudonyms", hashlib.sha256).digest()


def _cipher(keys: list[str], where: str) -> MultiFernet:
    keys = [k.strip() for k in keys if k.strip()]
    if not keys:
        raise KeyError_(f"{where} holds no key; create one with `python -m bot keys new`.")
    try:
        return DataKeys(keys)
    except ValueError:
        raise KeyError_(
            f"{where} holds a malformed key; keys come from `python -m bot keys new`."
        ) from None


def _trial_key(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / TRIAL_KEY_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(new_key() + "\n")
    return path.read_text(encoding="utf-8").strip()
