"""WhatsApp settings: all four secrets or no start; no app secret means no post is accepted."""

from __future__ import annotations

import pytest

from bot.bench.fake_graph_api import signed
from bot.channels.whatsapp.channel import signature_ok
from bot.channels.whatsapp.settings import (
    DEFAULT_API_URL,
    load_whatsapp_settings,
    whatsapp_configured,
)
from bot.settings import SettingsError

FULL = {
    "WHATSAPP_ACCESS_TOKEN": "token",
    "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
    "WHATSAPP_APP_SECRET": "secret",
    "WHATSAPP_VERIFY_TOKEN": "verify",
}


def test_full_settings_default_to_metas_graph_api_and_hide_secrets() -> None:
    settings = load_whatsapp_settings(FULL)
    assert settings.api_url == DEFAULT_API_URL
    assert settings.messages_url == f"{DEFAULT_API_URL}/106540352242922/messages"
    assert "secret" not in repr(settings) and "token" not in repr(settings)


@pytest.mark.parametrize("missing", sorted(FULL))
def test_each_missing_secret_stops_the_start_naming_the_variable(missing: str) -> None:
    env = {k: v for k, v in FULL.items() if k != missing}
    assert whatsapp_configured(env)
    with pytest.raises(SettingsError, match=missing):
        load_whatsapp_settings(env)


def test_without_an_app_secret_no_signature_is_accepted() -> None:
    body = b'{"object":"whatsapp_business_account","entry":[]}'
    assert signature_ok(body, signed(body, "secret")["X-Hub-Signature-256"], "secret")
    assert not signature_ok(body, signed(body, "")["X-Hub-Signature-256"], "")
    assert not signature_ok(body, signed(body, "secret")["X-Hub-Signature-256"], None)
    assert not signature_ok(body, "sha1=abc", "secret")


def test_a_graph_url_that_is_not_a_url_is_refused() -> None:
    with pytest.raises(SettingsError, match="WHATSAPP_API_URL"):
        load_whatsapp_settings(FULL | {"WHATSAPP_API_URL": "graph.facebook.com"})
