"""Updates to Inbound, and what may be logged about them."""

from __future__ import annotations

import pytest

from bot.channels.telegram.convert import chat_id_of, command_text, user_ref
from bot.channels.telegram.redact import chat_ref, describe_error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", "/start"),
        ("/start@wegweiser_bot", "/start"),
        ("/start@wegweiser_bot deep-link", "/start deep-link"),
        ("/status   ", "/status   "),
        ("Hallo @someone", "Hallo @someone"),
    ],
)
def test_command_text_drops_the_bot_name(text: str, expected: str) -> None:
    assert command_text(text) == expected


def test_user_references_round_trip() -> None:
    assert user_ref(42) == "telegram:42"
    assert chat_id_of("telegram:42") == 42
    assert chat_id_of(user_ref(-100123)) == -100123


@pytest.mark.parametrize("user", ["whatsapp:49151", "telegram:", "telegram:abc", "42"])
def test_other_references_are_refused(user: str) -> None:
    with pytest.raises(ValueError):
        chat_id_of(user)


def test_chat_refs_are_stable_within_a_run_and_hide_the_id() -> None:
    assert chat_ref(123456789) == chat_ref(123456789)
    assert chat_ref(123456789) != chat_ref(123456788)
    assert "123456789" not in chat_ref(123456789)
    assert chat_ref(None) == "-"


def test_errors_are_described_by_type_and_place_never_by_message() -> None:
    try:
        raise ValueError("Mein Name ist Olena, Telefon 0151 2345678")
    except ValueError as error:
        described = describe_error(error)
    assert described.startswith("error=builtins.ValueError at test_telegram_convert.py:")
    assert "Olena" not in described and "0151" not in described
