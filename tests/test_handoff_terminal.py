"""The issue's reproductions through `python -m bot chat` itself: what staff see in the terminal,
the person's answers and the printed counsellor group, with '@' lines for the counsellor."""

from __future__ import annotations

from pathlib import Path

from tests.typist import terminal

# Pirna, "talk to a counsellor", consent, housing, chat, mornings, no interpreter, no name,
# very urgent, nothing to add, send.
SEND = ["4", "9", "1", "1", "1", "1", "2", "-", "1", "-", "1"]


def chat(db: Path, language: str, lines: list[str]) -> str:
    printed = terminal(db, language, lines)
    return "".join(ch for ch in printed if ch not in "\u200f\u2066\u2068\u2069")


def group(printed: str) -> list[str]:
    return [
        part.split("\n", 1)[1].split("\n───")[0].strip()
        for part in printed.split("──── counsellor group [")[1:]
    ]


def test_ukrainian_question_after_sending_reaches_the_group(tmp_path: Path) -> None:
    printed = chat(tmp_path / "a.db", "uk", [*SEND, "Коли мені зателефонують?"])
    after = printed.split("> Коли мені зателефонують?")[1]
    assert "Ви згодні?" not in after and "Ваше повідомлення додано до вашого запиту" in after
    note = group(after)[0]
    assert note.startswith("Nachricht der Person zu WG-") and note.endswith(
        "\nКоли мені зателефонують?"
    )


def test_english_cancel_is_not_followed_by_we_passed_it_on(tmp_path: Path) -> None:
    printed = chat(tmp_path / "b.db", "en", [*SEND, "/status", "1", "yes"])
    after = printed.split("> /status")[1]
    assert "has been cancelled." in after and "We have passed your request on" not in after


def test_the_whole_loop_with_deletion_as_staff_see_it(tmp_path: Path) -> None:
    lines = [
        *SEND,
        "Erste Nachricht", "Zweite Nachricht", "Dritte Nachricht",
        "@übernehmen", "@frage Wann passt es Ihnen?", "Morgen früh",
        "/delete", "1", "@frage Sind Sie noch da?",
    ]  # fmt: skip
    printed = chat(tmp_path / "c.db", "de", lines)
    messages = group(printed)
    notes = [m.split("\n")[1] for m in messages if m.startswith("Nachricht der Person")]
    assert notes == ["Erste Nachricht", "Zweite Nachricht", "Dritte Nachricht", "Morgen früh"]
    assert printed.count("Neue Anfrage WG-") == 2  # the post and its one update (claimed)
    assert "Ihre offenen Anfragen (WG-" in printed
    assert messages[-2].endswith("Von der Person gelöscht. Hier stehen keine Angaben mehr.")
    assert messages[-1].startswith("Die Person hat ihre Daten gelöscht (WG-")
    assert printed.rstrip().endswith("[Beratung] Die Person hat ihre Daten gelöscht.")
