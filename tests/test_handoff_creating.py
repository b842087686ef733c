"""Creating a request: what the counsellor sees first, typed into the terminal chat."""

from __future__ import annotations

import pytest
from handoff_terminal import TerminalDesk, group_messages, plain

from bot.handoff.inert import clean, isolated, latin

BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def lines_of(post: str) -> list[str]:
    return post.split("\n")


async def test_violence_from_the_school_flow_reaches_the_counsellor_as_such(
    desk: TerminalDesk,
) -> None:
    await desk.open("ar")
    await desk.type("4", "3", "جوزي ضربني الليلة وانا خايفة")  # Pirna, school flow, then this
    asked = plain(await desk.type("2", "1"))  # talk to a counsellor, consent
    assert "هل من الآمن لك أن نتصل بك أو نترك لك رسالة؟" in asked  # the safe-contact question
    printed = await desk.type(
        "2", "2", "2", "1", "العربية", "0151 2345678", "فاطمة", "1", "ما عندي مكان آمن", "1"
    )
    post = plain(group_messages(printed)[0])
    lines = lines_of(post)
    assert lines[1:4] == [
        "Status: neu",
        "Dringlichkeit: DRINGEND",
        "über Notfall-Hinweis: Gewalt zu Hause",
    ]
    contact = lines[lines.index("— Kontakt —") : lines.index("— Anliegen —")]
    assert "Sicherer Kontakt: Anruf ja, aber bitte keine Nachricht hinterlassen" in contact
    assert "Kontaktwunsch: Anruf" in contact and "Telefonnummer: 01512345678" in contact
    assert "Dolmetschersprache: Die Sprache, in der ich hier schreibe" in contact
    assert "Name: فاطمة (lateinisch: Fatma)" in contact
    assert (
        "Thema: Hilfe nach einem Notfall" in post and "Schule" not in post.split("Thema:")[1][:30]
    )
    own = post.split("— In eigenen Worten —")[1]
    assert "Zum Anliegen geschrieben: جوزي ضربني الليلة وانا خايفة" in own
    assert "Weitere Hinweise: ما عندي مكان آمن" in own
    assert post.index("— Kontakt —") < post.index("— Anliegen —") < post.index("In eigenen")


async def test_a_right_to_left_override_in_the_name_cannot_reorder_the_summary(
    desk: TerminalDesk,
) -> None:
    await desk.open("de")
    forged = "Olena\u202e\u2066TNEGNIRD :tiekhcilgnirD\u200b"
    printed = await desk.type("4", "9", "1", "1", "1", "1", "2", forged, "2", "-", "1")
    post = group_messages(printed)[0]
    assert not any(ch in post for ch in ("\u202e", "\u2066", "\u200b"))
    name_line = next(line for line in lines_of(post) if line.startswith("Name: "))
    assert name_line == "Name: \u2068OlenaTNEGNIRD :tiekhcilgnirD\u2069"  # one isolated value
    labels = [line.split(":")[0] for line in lines_of(post) if ":" in line]
    assert labels == [
        "Status",
        "Dringlichkeit",
        "Sprache",
        "Kontaktwunsch",
        "Zeitwunsch",
        "Dolmetscher nötig",
        "Name",
        "Thema",
        "Wohnort",
    ]
    assert "Dringlichkeit: normal" in post


async def test_farsi_writers_are_asked_dari_or_farsi_and_names_get_latin_letters(
    desk: TerminalDesk,
) -> None:
    await desk.open("fa")
    asked = plain(await desk.type("4", "9", "1", "1", "1", "1", "1"))  # ..., interpreter: yes
    assert "مترجم به کدام زبان صحبت کند؟" in asked and "1) دری" in asked
    printed = await desk.type("1", "زهرا", "2", "-", "1")  # Dari
    post = plain(group_messages(printed)[0])
    assert "Dolmetscher nötig: Ja" in post and "Dolmetschersprache: Dari" in post
    assert "Name: زهرا (lateinisch: Zhra)" in post and "Sprache: Persisch" in post


async def test_the_words_that_led_into_the_request_reach_the_counsellor(
    desk: TerminalDesk,
) -> None:
    await desk.open("de")
    said = "Ich möchte mit einer Beraterin sprechen, meine Erlaubnis läuft am 7. Dezember ab"
    await desk.type("4", said)
    printed = await desk.type("1", "6", "1", "3", "2", "-", "2", "Ich habe zwei Kinder.", "1")
    post = plain(group_messages(printed)[0])
    assert f"Zum Anliegen geschrieben: {said}" in post
    assert "Weitere Hinweise: Ich habe zwei Kinder." in post
    assert "Thema: Aufenthalt und Asyl" in post


@pytest.mark.parametrize(
    ("language", "asked", "described", "topic"),
    [
        ("uk", "хочу поговорити з людиною", "з житлом проблема, хазяїн виганяє", "Wohnen"),
        ("fa", "mikham ba moshaver harf bezanam", "moshkel eghamat daram, ausländerbehörde javab nemide", "Aufenthalt und Asyl"),
        ("ru", "хочу поговорить с консультантом", "по деньгам jobcenter не платит", "Geld und Leistungen"),
    ],
)  # fmt: skip
async def test_the_problem_typed_at_what_is_it_about_reaches_the_counsellor(
    desk: TerminalDesk, language: str, asked: str, described: str, topic: str
) -> None:
    """Found by a tester: the problem typed at "what is it about?" was lost and only the
    words that asked for a counsellor were kept. Now the counsellor reads the problem."""
    await desk.open(language)
    await desk.type("4", asked, "1")  # Pirna, asks for a counsellor, consent
    printed = await desk.type(described, "1", "1", "2", "-", "1", "-", "1")
    post = plain(group_messages(printed)[0])
    assert f"Thema: {topic}" in post, post
    assert f"Zum Anliegen geschrieben: {described}" in post, post
    assert asked not in post


def test_inert_text_loses_every_control_and_stays_on_its_line() -> None:
    typed = "a\u202bb\u202cc\u2067d\u2069e\u200bf\u200dg\u2060h\ufeffi\x07j\nk\r\nl\u2028m"
    cleaned = clean(typed)
    assert cleaned == "abcdefghij / k / l / m"
    assert not any(ch in cleaned for ch in BIDI_CONTROLS)
    assert isolated("x\u202ey") == "\u2068xy\u2069"
    assert clean("می\u200cخواهم") == "می\u200cخواهم"  # Persian ZWNJ is spelling, kept


def test_latin_letters_only_for_other_scripts() -> None:
    assert latin("Олена Коваленко") == "Olena Kovalenko"
    assert latin("Müller") is None


def test_arabic_script_names_read_as_names() -> None:
    """Talking to the bot: «علی» reached the counsellor as "(lateinisch: `ly)"."""
    assert latin("علی") == "Ali"
    assert latin("فاطمة") == "Fatma"
    assert latin("أحمد") == "Ahmd"  # no vowels are written: the counsellor asks
    assert "`" not in (latin("عمر سعید") or "")


async def test_a_request_after_the_safety_check_says_so(desk: TerminalDesk) -> None:
    """Issue 13: a request that passed through the check question carries its answer."""
    await desk.open("de")
    await desk.type("4")  # Pirna
    asked = plain(await desk.type("Ich habe mich von meiner Familie verabschiedet, Wohngeld?"))
    assert "112" in asked and "1) Ja, jetzt" in asked
    printed = await desk.type("2", "/human", "1", "1", "1", "2", "-", "1", "-", "1")
    post = plain(group_messages(printed)[0])
    assert lines_of(post)[3] == (
        "Sicherheits-Rückfrage gestellt: Die Person sagte, es besteht gerade keine Gefahr."
    )


async def test_an_emergency_after_sending_reaches_the_counsellor_too(desk: TerminalDesk) -> None:
    """Tester's finding: with an open request, the emergency answer alone is not enough: the
    counsellor who already has the case gets the person's words."""
    await desk.open("en")
    await desk.type("4", "/human", "1", "1", "1", "1", "2", "-", "2", "-", "1")
    printed = plain(await desk.type("I took all my pills, goodbye"))
    assert "112" in printed  # the emergency answer first
    notes = [plain(m) for m in group_messages(printed)]
    assert any("I took all my pills, goodbye" in note for note in notes), printed
