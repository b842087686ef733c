"""WhatsApp limits are warnings until the WhatsApp channel is configured, then errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.settings import BUNDLED_CONTENT
from tests.bundled import copy_bundled


def problems_about(root: Path, choice: str) -> list[tuple[str, str]]:
    _, problems = load_content(root, with_understanding=False)
    return [(p.severity, p.message) for p in problems if f"choice '{choice}'" in p.message]


def content_with_long_label(tmp_path: Path) -> Path:
    root = copy_bundled(tmp_path / "content")
    flow = root / "flows" / "other.yaml"
    text = flow.read_text(encoding="utf-8")
    flow.write_text(
        text.replace("short: Etwas ganz anderes", "short: Etwas ganz und gar anderes als das hier"),
        encoding="utf-8",
    )
    return root


def test_bundled_content_fits_whatsapp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHATSAPP_PHONE_NUMBER_ID", "106540352242922")
    content, problems = load_content(BUNDLED_CONTENT, with_understanding=False)
    assert content is not None
    assert [p.message for p in problems if p.severity == "error"] == []


def test_a_label_whatsapp_would_cut_is_an_error_only_with_whatsapp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = content_with_long_label(tmp_path)
    monkeypatch.delenv("WHATSAPP_PHONE_NUMBER_ID", raising=False)
    monkeypatch.delenv("WHATSAPP_ACCESS_TOKEN", raising=False)
    assert {s for s, _ in problems_about(root, "anything")} == {"warning"}
    monkeypatch.setenv("WHATSAPP_PHONE_NUMBER_ID", "106540352242922")
    found = problems_about(root, "anything")
    assert found and {s for s, _ in found} == {"error"}
    assert "WhatsApp would cut it" in found[0][1]
