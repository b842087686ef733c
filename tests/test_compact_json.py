"""The JSON the bot stores every turn: standard JSON, compact, letters kept as they are."""

import json

import pytest

from bot import compact_json


def test_text_is_standard_compact_json_with_letters_kept() -> None:
    value = {"answers": {"name": "زهرا", "city": "Дрезден"}, "n": [1, 2.5, None, True]}
    text = compact_json.dumps(value)
    assert text == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert compact_json.loads(text) == value == json.loads(text)


def test_number_keys_become_strings_as_with_json() -> None:
    assert compact_json.loads(compact_json.dumps({1: "a"})) == {"1": "a"}


def test_what_is_not_json_is_refused() -> None:
    with pytest.raises(TypeError):
        compact_json.dumps({"when": object()})
    with pytest.raises(ValueError):
        compact_json.loads("{not json")
    with pytest.raises(json.JSONDecodeError):  # what callers catch from `json` still applies
        compact_json.loads("")
