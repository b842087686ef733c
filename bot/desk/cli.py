"""`python -m bot desk add-user LOGIN --office ID [--office ID] [--name NAME] [--no-totp]`.

The password is read from the terminal (or, without one, from the first line of stdin); the
TOTP secret to enrol in an authenticator app is printed once, with its otpauth:// address.
"""

from __future__ import annotations

import argparse
import getpass
import sys

import pyotp

from bot.crypto import load_cipher
from bot.deploy import load_deploy_config
from bot.desk.accounts import AccountError, Accounts
from bot.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        cipher = load_cipher()
        load_deploy_config(settings.config_file)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    password = _password()
    try:
        secret = Accounts(settings.data_dir, cipher).add(
            args.login, args.name or args.login, args.office, password, totp=not args.no_totp
        )
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Konto {args.login} für {', '.join(args.office)} angelegt.")
    if secret:
        uri = pyotp.TOTP(secret).provisioning_uri(name=args.login, issuer_name="Wegweiser-Desk")
        print(f"TOTP-Schlüssel (in die Authenticator-App eintragen): {secret}\n{uri}")
    return 0


def _password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Passwort (mindestens 12 Zeichen): ")
    return sys.stdin.readline().rstrip("\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot desk", description="desk accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-user", help="create or replace a counsellor account")
    add.add_argument("login")
    add.add_argument("--office", action="append", required=True, help="office id (repeatable)")
    add.add_argument("--name", default="", help="name shown to colleagues")
    add.add_argument("--no-totp", action="store_true", help="no second factor (not recommended)")
    return parser
