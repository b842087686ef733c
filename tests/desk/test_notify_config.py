"""`notify:` per office in WEGWEISER_CONFIG: minimal by default, full on request, anything else
refused with the line that says it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.deploy import load_deploy_config
from bot.settings import SettingsError


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_is_the_default_and_full_can_be_chosen(tmp_path: Path) -> None:
    loaded = load_deploy_config(
        config(
            tmp_path,
            "desk_url: https://x.example/desk/\noffices:\n"
            "  pirna: {telegram_group: -1}\n  dresden: {telegram_group: -2, notify: full}\n",
        )
    )
    assert loaded.office("pirna").notify == "minimal"
    assert loaded.office("dresden").notify == "full"
    assert loaded.office("unknown").notify == "minimal"
    assert loaded.desk_url == "https://x.example/desk"
    assert loaded.retention_days == 30


def test_an_unknown_notify_mode_is_refused(tmp_path: Path) -> None:
    path = config(tmp_path, "offices:\n  pirna:\n    telegram_group: -1\n    notify: everything\n")
    with pytest.raises(SettingsError, match=r"config.yaml:4: notify must be minimal or full"):
        load_deploy_config(path)
