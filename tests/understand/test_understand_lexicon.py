"""Broken word lists are rejected with the file, the line and what to do."""

from __future__ import annotations

import pathlib
import shutil

import pytest

from bot.understand import LexiconError, Understander

BUNDLED = pathlib.Path(__file__).resolve().parents[2] / "knowledge" / "understanding"


@pytest.fixture
def knowledge(tmp_path: pathlib.Path) -> pathlib.Path:
    shutil.copytree(BUNDLED, tmp_path / "understanding")
    return tmp_path


def _write(knowledge: pathlib.Path, name: str, text: str) -> None:
    (knowledge / "understanding" / name).write_text(text, encoding="utf-8")


def _error(knowledge: pathlib.Path) -> str:
    with pytest.raises(LexiconError) as caught:
        Understander.load(knowledge)
    return str(caught.value)


def test_bundled_lexicons_load() -> None:
    Understander.load(BUNDLED.parent)


def test_unknown_language(knowledge: pathlib.Path) -> None:
    _write(knowledge, "area-housing.yaml", "area: housing\nwords:\n  de: [Wohnung]\n  ukr: [дім]\n")
    message = _error(knowledge)
    assert "area-housing.yaml:4" in message
    assert "unknown key 'ukr'" in message
    assert "did you mean 'uk'" in message


def test_unknown_area(knowledge: pathlib.Path) -> None:
    _write(knowledge, "area-housing.yaml", "area: houzing\nwords:\n  de: [Wohnung]\n")
    message = _error(knowledge)
    assert "area-housing.yaml:1" in message
    assert "did you mean 'housing'" in message


def test_bad_stem(knowledge: pathlib.Path) -> None:
    _write(
        knowledge, "area-housing.yaml", "area: housing\nwords:\n  de:\n    - Wohnung\n    - ab*\n"
    )
    message = _error(knowledge)
    assert "area-housing.yaml:5" in message
    assert "at least 3 letters" in message


def test_invalid_yaml(knowledge: pathlib.Path) -> None:
    _write(knowledge, "smalltalk.yaml", "smalltalk:\n  greeting:\n    de: [hallo\n")
    message = _error(knowledge)
    assert "smalltalk.yaml" in message
    assert "not valid YAML" in message


def test_missing_emergency_kind(knowledge: pathlib.Path) -> None:
    (knowledge / "understanding" / "emergency-fire.yaml").unlink()
    assert "no file defines emergency 'fire'" in _error(knowledge)


def test_area_defined_twice(knowledge: pathlib.Path) -> None:
    _write(knowledge, "area-housing-extra.yaml", "area: housing\nwords:\n  de: [Miete]\n")
    message = _error(knowledge)
    assert "area-housing.yaml" in message
    assert "already defined" in message


def test_together_rule_needs_two_groups(knowledge: pathlib.Path) -> None:
    _write(
        knowledge,
        "emergency-fire.yaml",
        "emergency: fire\npriority: 2\ntogether:\n  de:\n    - [[Feuer]]\n",
    )
    message = _error(knowledge)
    assert "emergency-fire.yaml:5" in message
    assert "at least two word groups" in message


def test_entry_must_be_text(knowledge: pathlib.Path) -> None:
    _write(knowledge, "area-human.yaml", "area: human\nwords:\n  de:\n    - {a: b}\n")
    assert "area-human.yaml:4" in _error(knowledge)


def test_staff_edit_takes_effect(knowledge: pathlib.Path) -> None:
    _write(knowledge, "area-return.yaml", "area: return\nwords:\n  de: [Heimflug]\n")
    understander = Understander.load(knowledge)
    assert understander.understand("Heimflug buchen").area == "return"


def test_check_signals_and_context_words_load(knowledge: pathlib.Path) -> None:
    _write(
        knowledge,
        "emergency-fire.yaml",
        "emergency: fire\npriority: 2\nphrases:\n  de: [Feuer]\n"
        "check:\n  de: [Qualm]\ncheck_together:\n  de:\n    - [[Geruch], [verbrannt]]\n",
    )
    understander = Understander.load(knowledge)
    assert understander.understand("es brennt, Feuer!").emergency == "fire"
    assert understander.understand("überall Qualm").check == "fire"
    assert understander.understand("ein Geruch, als wäre etwas verbrannt").check == "fire"


def test_a_check_rule_needs_two_groups(knowledge: pathlib.Path) -> None:
    _write(
        knowledge,
        "emergency-fire.yaml",
        "emergency: fire\npriority: 2\nphrases:\n  de: [Feuer]\n"
        "check_together:\n  de:\n    - [[Qualm]]\n",
    )
    message = _error(knowledge)
    assert "emergency-fire.yaml:7" in message and "two word groups" in message


def test_unknown_context_key(knowledge: pathlib.Path) -> None:
    path = knowledge / "understanding" / "languages.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "distand:\n  de: [damals]\n", "utf-8")
    message = _error(knowledge)
    assert "languages.yaml" in message and "did you mean 'distant'" in message


def test_a_dictated_word_is_one_plain_word(knowledge: pathlib.Path) -> None:
    path = knowledge / "understanding" / "languages.yaml"
    text = path.read_text(encoding="utf-8").replace("[Komma,", "[Komma Punkt,")
    path.write_text(text, encoding="utf-8")
    message = _error(knowledge)
    assert "languages.yaml" in message and "one plain word" in message


def test_refused_names_a_known_area(knowledge: pathlib.Path) -> None:
    _write(
        knowledge,
        "area-return.yaml",
        "area: return\nrefused: residense\nwords:\n  de: [Rückkehr]\n",
    )
    message = _error(knowledge)
    assert "area-return.yaml:2" in message
    assert "unknown refused 'residense'" in message
    assert "did you mean 'residence'" in message
