"""`python -m bot desk add-user`: the account it makes signs in with its password and TOTP code;
a short password or a missing data key is refused with one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyotp

from bot.crypto.keys import load_cipher
from bot.desk.accounts import Accounts


def add_user(
    folder: Path, password: str, *args: str, key: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEGWEISER_")}
    env["WEGWEISER_DATA_DIR"] = str(folder)
    if key:
        env["WEGWEISER_DATA_KEY"] = os.environ["WEGWEISER_DATA_KEY"]
    command = [sys.executable, "-m", "bot", "desk", "add-user", *args]
    return subprocess.run(
        command,
        input=password + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_add_user_makes_an_account_with_password_and_totp(tmp_path: Path) -> None:
    done = add_user(
        tmp_path, "ein-sehr-langes-passwort", "anna", "--office", "pirna", "--name", "Anna B."
    )
    assert done.returncode == 0, done.stderr
    assert "otpauth://totp/Wegweiser-Desk:anna" in done.stdout
    secret = done.stdout.split("eintragen): ")[1].split()[0]
    accounts = Accounts(tmp_path, load_cipher())
    now = datetime.now(UTC)
    code = pyotp.TOTP(secret).at(now)
    account = accounts.check("anna", "ein-sehr-langes-passwort", code, now)
    assert account is not None and account.offices == ("pirna",) and account.name == "Anna B."
    assert accounts.check("anna", "ein-sehr-langes-passwort", "", now) is None  # TOTP required
    assert (tmp_path / "desk-accounts.json").stat().st_mode & 0o077 == 0


def test_short_passwords_and_a_missing_key_are_refused(tmp_path: Path) -> None:
    short = add_user(tmp_path, "kurz", "bob", "--office", "pirna")
    assert short.returncode == 2 and "mindestens 12 Zeichen" in short.stderr
    keyless = add_user(tmp_path, "ein-sehr-langes-passwort", "bob", "--office", "pirna", key=False)
    assert keyless.returncode == 2 and keyless.stderr.startswith("error: No data key")
