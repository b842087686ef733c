"""Replies to Telegram messages: escaping, splitting, keyboards, the answered question."""

from __future__ import annotations

import json

from telegram import InlineKeyboardMarkup

from bot.channels.telegram.render import (
    BUTTONS_ONLY_TEXT,
    answered_text,
    keyboard,
    pressed_label,
    render,
    split_text,
    text_length,
)
from bot.i18n.direction import RLM
from bot.messages import Choice, Reply


def test_text_is_html_escaped() -> None:
    (message,) = render(Reply('<b>Tom & "Jerry"</b>'))
    assert message.text == '&lt;b&gt;Tom &amp; "Jerry"&lt;/b&gt;'


def test_short_text_stays_one_piece() -> None:
    assert split_text("Hallo\n\nWelt") == ["Hallo\n\nWelt"]


def test_paragraphs_are_packed_and_cut_at_paragraph_ends() -> None:
    paragraphs = [f"{n} " + "x" * 30 for n in range(10)]
    parts = split_text("\n\n".join(paragraphs), limit=80)
    assert parts == ["\n\n".join(paragraphs[i : i + 2]) for i in range(0, 10, 2)]


def test_a_long_paragraph_is_cut_at_line_ends_then_spaces_never_mid_word() -> None:
    words = " ".join(f"wort{n:03}" for n in range(100))
    parts = split_text(words, limit=50)
    assert all(text_length(part) <= 50 for part in parts)
    assert " ".join(parts).split() == words.split()


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    assert split_text("a" * 25, limit=10) == ["a" * 10, "a" * 10, "a" * 5]


def test_emoji_count_twice_and_are_never_halved() -> None:
    text = "😀" * 6
    parts = split_text(text, limit=5)
    assert parts == ["😀😀", "😀😀", "😀😀"]


def test_right_to_left_pieces_each_start_right_to_left() -> None:
    text = RLM + " ".join(["مرحبا"] * 30)
    messages = render(Reply(text, rtl=True), limit=40)
    assert len(messages) > 1
    assert all(message.text.startswith(RLM) for message in messages)


def test_keyboard_goes_on_the_last_piece_with_ids_as_callback_data() -> None:
    reply = Reply("a " * 30, choices=(Choice("housing", "Wohnen"), Choice("health", "Gesundheit")))
    *first, last = render(reply, limit=20)
    assert all(message.reply_markup is None for message in first)
    assert last.reply_markup is not None
    rows = json.loads(last.reply_markup)["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in rows] == [["housing", "health"]]
    assert [[b["text"] for b in row] for row in rows] == [["Wohnen", "Gesundheit"]]


def test_long_labels_get_a_row_each() -> None:
    markup = keyboard([Choice("a", "Ich möchte mit einer Person sprechen"), Choice("b", "Nein")])
    assert markup is not None
    assert [len(row) for row in json.loads(markup)["inline_keyboard"]] == [1, 1]


def test_short_labels_go_two_to_a_row() -> None:
    choices = [
        Choice(code, name)
        for code, name in [("de", "Deutsch"), ("uk", "Українська"), ("ar", "العربية")]
    ]
    markup = keyboard(choices)
    assert markup is not None
    assert [len(row) for row in json.loads(markup)["inline_keyboard"]] == [2, 1]


def test_buttons_without_text_still_make_a_message() -> None:
    (message,) = render(Reply("", choices=(Choice("a", "A"),)))
    assert message.text == BUTTONS_ONLY_TEXT
    assert render(Reply("  ")) == []


def test_the_answered_question_shows_the_chosen_label_escaped() -> None:
    assert answered_text("Wohnort?", "Pirna & Umgebung") == "Wohnort?\n\n✅ Pirna &amp; Umgebung"
    assert answered_text("x" * 4090, "Label") is None


def test_the_pressed_label_is_found_by_callback_data() -> None:
    sent = keyboard([Choice("a", "Alpha"), Choice("b", "Beta")])
    assert sent is not None
    markup = InlineKeyboardMarkup.de_json(json.loads(sent), None)  # as an update brings it back
    assert pressed_label(markup, "b") == "Beta"
    assert pressed_label(markup, "c") is None
    assert pressed_label(None, "a") is None
