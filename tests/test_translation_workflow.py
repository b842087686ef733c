"""A German edit never turns the other five languages into German."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from bot.cli.translations import main as translations_main
from bot.cli.validate import main as validate_main
from bot.content.loader import load_content
from bot.content.model import Content
from bot.engine import step
from bot.i18n.catalogs import po_path
from bot.i18n.direction import strip_marks
from bot.messages import Inbound
from bot.session import Session
from tests.bundled import copy_bundled

OLD, NEW = "Wo wohnen Sie?", "Wo wohnen Sie jetzt?"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_bundled(tmp_path / "content")
    welcome = root / "flows" / "welcome.yaml"
    text = welcome.read_text(encoding="utf-8")
    assert f"ask: {OLD}\n" in text
    welcome.write_text(text.replace(f"ask: {OLD}\n", f"ask: {NEW}\n"), encoding="utf-8")
    return root


def place_question(content: Content, language: str) -> str:
    session = Session("workflow", language=language, language_confirmed=True)
    turn = step(content, session, Inbound("workflow", text="/start"))
    return strip_marks(turn.replies[-1].text)


def test_an_edit_without_update_is_refused_not_shown_in_german(root: Path) -> None:
    content, problems = load_content(root, with_understanding=False)
    assert content is None
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any(
        "not translated into en, uk, ru, ar, fa: 'Wo wohnen Sie jetzt?'" in e for e in errors
    )


def test_one_german_word_changed_keeps_farsi_as_fuzzy(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    farsi = po_path(root / "locales", "fa")
    before = farsi.read_text(encoding="utf-8").splitlines()
    assert translations_main(["update", "--content", str(root)]) == 0
    after = farsi.read_text(encoding="utf-8").splitlines()
    assert f'#| msgid "{OLD}"' in after and f'msgid "{NEW}"' in after
    diff = [d for d in difflib.ndiff(before, after) if d[:1] in "+-"]
    assert sorted(diff) == sorted(
        ["+ #, fuzzy", f'+ #| msgid "{OLD}"', f'- msgid "{OLD}"', f'+ msgid "{NEW}"']
    )

    content, problems = load_content(root, with_understanding=False)
    assert content is not None
    old_farsi = content.catalogs.translate(NEW, "fa")[0]
    assert place_question(content, "fa") == strip_marks(old_farsi) == "کجا زندگی می‌کنید؟"
    assert place_question(content, "uk") != NEW
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any(
        w.startswith("flows/welcome.yaml:")
        and "fuzzy translation into en, uk, ru, ar, fa" in w
        and NEW in w
        for w in warnings
    )
    capsys.readouterr()
    assert validate_main(["--content", str(root)]) == 0
    table = capsys.readouterr().out
    assert re.search(r"^fa\s+\d+\s+1\s+0$", table, re.M), table


def test_confirming_the_translation_clears_the_fuzzy_flag(root: Path) -> None:
    assert translations_main(["update", "--content", str(root)]) == 0
    farsi = po_path(root / "locales", "fa")
    text = farsi.read_text(encoding="utf-8")
    confirmed = text.replace(f'#, fuzzy\n#| msgid "{OLD}"\nmsgid "{NEW}"', f'msgid "{NEW}"')
    farsi.write_text(
        confirmed.replace("کجا زندگی می‌کنید؟", "الان کجا زندگی می‌کنید؟"), encoding="utf-8"
    )
    assert translations_main(["update", "--content", str(root)]) == 0
    content, _ = load_content(root, with_understanding=False)
    assert content is not None
    assert not content.catalogs.is_fuzzy(NEW, "fa") and content.catalogs.is_fuzzy(NEW, "uk")
    assert place_question(content, "fa") == "الان کجا زندگی می‌کنید؟"
