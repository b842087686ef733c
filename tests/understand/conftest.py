"""Shared fixture: the bundled lexicons, compiled once per test session."""

from __future__ import annotations

import pathlib

import pytest

from bot.understand import Understander

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO_ROOT / "knowledge"


@pytest.fixture(scope="session")
def understander() -> Understander:
    return Understander.load(KNOWLEDGE)
