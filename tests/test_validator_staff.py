"""What staff and translators break by hand, each with its exact message (tests/fixtures/staff/),
and how `python -m bot validate` finds and shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.cli.translations import main as translations_main
from bot.cli.validate import main as validate_main
from bot.content.loader import load_content
from bot.settings import BUNDLED_CONTENT
from bot.validate.bidi import unclosed
from tests.bundled import copy_bundled

STAFF = Path(__file__).parent / "fixtures" / "staff"
CASES = sorted(STAFF.glob("*.yaml"))


def _break(root: Path, case: dict[str, object]) -> None:
    target = root / str(case["file"])
    text = target.read_text(encoding="utf-8")
    pairs = case["replace"]
    assert isinstance(pairs, list)
    for old, new in pairs if isinstance(pairs[0], list) else [pairs]:
        assert old in text, f"fixture does not apply: {old!r}"
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")


def _case(name: str) -> dict[str, object]:
    case: dict[str, object] = yaml.safe_load((STAFF / f"{name}.yaml").read_text(encoding="utf-8"))
    return case


def _errors(root: Path) -> list[str]:
    content, problems = load_content(root, with_understanding=False)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert content is None or not errors
    return errors


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_breakage_gives_exact_message(small_root: Path, path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    _break(small_root, case)
    errors = _errors(small_root)
    assert case["expected"] in errors, "\n".join(errors)
    for absent in case.get("absent", ()):
        assert not [e for e in errors if absent in e], "\n".join(errors)


def test_small_content_has_no_errors(small_root: Path) -> None:
    assert _errors(small_root) == []


def test_bundled_content_has_no_errors() -> None:
    assert _errors(BUNDLED_CONTENT) == []


def test_conditions_accept_typed_answers_and_what_the_bot_sets(small_root: Path) -> None:
    """No false alarms: a typed answer holds any value; topic, emergency and set values exist."""
    _break(
        small_root,
        {
            "file": "flows/housing.yaml",
            "replace": [
                "      - when: {place: [pirna]}\n",
                "      - when: {persons: ['3']}\n        next: local_info\n"
                "      - when: {topic: [housing], emergency: [fire]}\n        next: local_info\n"
                "      - when: {urgent: ['yes'], language: [fa]}\n        next: local_info\n"
                "      - when: {place: [pirna]}\n",
            ],
        },
    )
    assert _errors(small_root) == []


def test_syntax_error_in_knowledge_comes_first_without_follow_on_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The tester's case: `title: Wohnung: suchen` in knowledge/housing.yaml gave a dozen
    'entry does not exist' errors, with the real one last."""
    root = copy_bundled(tmp_path / "content")
    path = root / "knowledge" / "housing.yaml"
    text, count = re.subn(
        r"^    title: .*$",
        "    title: Wohnung: suchen",
        path.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    assert count == 1
    path.write_text(text, encoding="utf-8")
    (root / "flows" / "menu.yaml").write_text(
        (root / "flows" / "menu.yaml").read_text(encoding="utf-8") + "  extra:\n    say: x\n",
        encoding="utf-8",
    )  # an error in a file sorted before knowledge/
    assert validate_main(["--content", str(root), "--quiet-translations"]) == 1
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if re.match(r"^\w+/[\w.]+:\d+:", line)]
    assert problems[0].startswith("knowledge/housing.yaml:"), out
    assert "YAML syntax error: the text after 'title:' contains ': '" in problems[0]
    assert not [line for line in problems if "does not exist" in line], out


def test_validate_checks_the_folder_the_bot_uses(
    small_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(small_root, _case("when_value_typo"))
    monkeypatch.setenv("WEGWEISER_CONTENT_DIR", str(small_root))
    assert validate_main([]) == 1
    out = capsys.readouterr().out
    assert f"checking the content in {small_root} (WEGWEISER_CONTENT_DIR" in out
    summary = (
        r"\n1 error\(s\), \d+ warning\(s\)( \(\d+ of them example data\))?; 4 flows checked in "
    )
    assert re.search(summary + re.escape(str(small_root)) + "\n$", out)
    assert translations_main(["report"]) == 1
    assert f"catalogs of the content in {small_root} (WEGWEISER_CONTENT_DIR" in (
        capsys.readouterr().out
    )


def test_validate_without_setting_checks_the_bundled_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.cli.content_folder import content_folder

    monkeypatch.delenv("WEGWEISER_CONTENT_DIR", raising=False)
    assert content_folder(None)[0] == BUNDLED_CONTENT
    assert content_folder(Path("/x"), {"WEGWEISER_CONTENT_DIR": "/y"}) == (Path("/x"), "--content")


def test_po_reader_warning_is_replaced_by_file_and_line(
    small_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Babel prints `WARNING: Problem on line 12: ''` without a file name."""
    _break(
        small_root, yaml.safe_load((CASES[0].parent / "po_msgid_without_msgstr.yaml").read_text())
    )
    assert validate_main(["--content", str(small_root)]) == 1
    out = capsys.readouterr().out
    assert "WARNING" not in out
    assert "locales/uk/LC_MESSAGES/messages.po:12: this msgid has no msgstr" in out


def test_missing_translation_names_po_line(small_root: Path) -> None:
    po = small_root / "locales" / "uk" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Пірна"', 'msgstr ""'), encoding="utf-8"
    )
    _, problems = load_content(small_root, with_understanding=False)
    shown = [str(p) for p in problems]
    assert (
        "flows/welcome.yaml:14: warning: node 'place': text not translated into en, uk, ru, ar, "
        "fa: 'Pirna' — fill in locales/uk/LC_MESSAGES/messages.po:16; for en, ru, ar, fa run "
        "'python -m bot translations update' and fill in locales/<lang>/LC_MESSAGES/messages.po"
    ) in shown, shown


@pytest.mark.parametrize(
    ("text", "open_at"),
    [
        ("abc", []),
        ("a\u202bb\u202cc", []),  # closed embedding
        ("a\u2067b\u2069c", []),  # closed isolate
        ("a\u2067b\u202bc\u2069", []),  # PDI closes the embedding inside the isolate too
        ("a\u202bb", [1]),
        ("a\u2066b\nc\u2069", [1]),  # a new line closes nothing: the opener stays unclosed
        ("\u202cx\u2069", []),  # stray closers do nothing
    ],
)
def test_unclosed_direction_characters(text: str, open_at: list[int]) -> None:
    assert unclosed(text) == open_at
