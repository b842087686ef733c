"""Telegram settings: every mistake is one sentence that names the variable."""

from __future__ import annotations

import pytest

from bot.channels.telegram import cli
from bot.channels.telegram.settings import Listen, load_telegram_settings
from bot.settings import SettingsError

TOKEN = "123456:ABC-def_ghi"


def error_for(env: dict[str, str], *, webhook: bool = False) -> str:
    with pytest.raises(SettingsError) as caught:
        load_telegram_settings(env, webhook=webhook)
    message = str(caught.value)
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence
    return message


def test_defaults() -> None:
    settings = load_telegram_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.api_url == "https://api.telegram.org/bot"
    assert settings.listen == Listen("127.0.0.1", 8080)
    assert not settings.webhook
    assert TOKEN not in repr(settings)


def test_missing_token() -> None:
    assert "TELEGRAM_BOT_TOKEN is not set" in error_for({})


@pytest.mark.parametrize("token", ["abc", "123456", "123:abc def", ":abc", "12a:abc"])
def test_malformed_token_is_named_but_not_shown(token: str) -> None:
    message = error_for({"TELEGRAM_BOT_TOKEN": token})
    assert message.startswith("TELEGRAM_BOT_TOKEN does not look like a bot token")
    assert f"'{token}'" not in message


@pytest.mark.parametrize(
    "url",
    ["api.telegram.org/bot", "ftp://api.telegram.org/bot", "https://api.telegram.org", "http://"],
)
def test_malformed_api_url(url: str) -> None:
    message = error_for({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": url})
    assert message.startswith("TELEGRAM_API_URL must be the Bot API base URL ending in /bot")


def test_api_url_with_trailing_slash_is_accepted() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "http://127.0.0.1:8081/bot/"}
    assert load_telegram_settings(env).api_url == "http://127.0.0.1:8081/bot"


def test_webhook_flag_needs_a_url() -> None:
    assert error_for({"TELEGRAM_BOT_TOKEN": TOKEN}, webhook=True).startswith(
        "TELEGRAM_WEBHOOK_URL must be set for webhook mode"
    )


def test_webhook_needs_a_well_formed_secret() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram"}
    assert error_for(env).startswith("TELEGRAM_WEBHOOK_SECRET must be set")
    env["TELEGRAM_WEBHOOK_SECRET"] = "not allowed!"
    assert error_for(env).startswith("TELEGRAM_WEBHOOK_SECRET may only contain")
    env["TELEGRAM_WEBHOOK_SECRET"] = "s3cret_-"
    settings = load_telegram_settings(env)
    assert settings.webhook and settings.webhook_secret == "s3cret_-"


@pytest.mark.parametrize("listen", ["8080", "localhost:", ":8080", "host:99999", "host:http"])
def test_malformed_listen(listen: str) -> None:
    message = error_for({"TELEGRAM_BOT_TOKEN": TOKEN, "WEGWEISER_LISTEN": listen})
    assert message.startswith("WEGWEISER_LISTEN must be host:port")


def test_listen_accepts_ipv6() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "WEGWEISER_LISTEN": "[::1]:9000"}
    assert load_telegram_settings(env).listen == Listen("::1", 9000)


def test_cli_reports_bad_settings_in_one_line_with_exit_code_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("WEGWEISER_CONFIG", raising=False)

    assert cli.main([]) == 2

    captured = capsys.readouterr()
    assert captured.err.startswith("error: TELEGRAM_BOT_TOKEN is not set")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_cli_webhook_flag_without_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.delenv("TELEGRAM_WEBHOOK_URL", raising=False)
    monkeypatch.delenv("WEGWEISER_CONFIG", raising=False)

    assert cli.main(["--webhook"]) == 2
    assert "TELEGRAM_WEBHOOK_URL" in capsys.readouterr().err
