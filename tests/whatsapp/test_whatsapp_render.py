"""Replies as WhatsApp messages: buttons, lists, paging, lengths, formatting, step tokens."""

from __future__ import annotations

from bot.bench.fake_graph_api import message_problem
from bot.channels.whatsapp import render
from bot.messages import Choice, Reply

WORDS = render.Words(list_button="Auswählen", more="Mehr …")


def sendable(body: dict) -> dict:
    """The body as the Graph API gets it; the fake refuses what WhatsApp would drop."""
    full = {"messaging_product": "whatsapp", "to": "491", **body}
    assert message_problem(full) is None, message_problem(full)
    return body


def choices(count: int, label: str = "Wahl") -> tuple[Choice, ...]:
    return tuple(Choice(f"flow.node.c{i}", f"{label} {i}") for i in range(count))


def test_up_to_three_choices_are_reply_buttons_with_the_step_token() -> None:
    [body] = render.render(Reply("Wo wohnen Sie?", choices(3)), WORDS)
    sendable(body)
    interactive = body["interactive"]
    assert interactive["type"] == "button"
    ids = [b["reply"]["id"] for b in interactive["action"]["buttons"]]
    token = render.step_token(choices(3))
    assert ids == [f"{token}|flow.node.c{i}" for i in range(3)]
    assert [b["reply"]["title"] for b in interactive["action"]["buttons"]] == [
        "Wahl 0",
        "Wahl 1",
        "Wahl 2",
    ]


def test_four_to_ten_choices_are_a_list_with_short_labels_and_descriptions() -> None:
    many = (
        Choice("a.b.job", "Jobcenter – Grundsicherungsgeld (Bürgergeld)", short="Jobcenter"),
        *choices(3),
        Choice("a.b.x", "Etwas", description="Eine längere Beschreibung der Wahl"),
    )
    [body] = render.render(Reply("Welche Stelle?", many), WORDS)
    sendable(body)
    rows = body["interactive"]["action"]["sections"][0]["rows"]
    assert body["interactive"]["type"] == "list" and len(rows) == 5
    assert rows[0]["title"] == "Jobcenter"
    assert rows[0]["description"] == "Jobcenter – Grundsicherungsgeld (Bürgergeld)"
    assert rows[4]["description"] == "Eine längere Beschreibung der Wahl"
    assert body["interactive"]["action"]["button"] == "Auswählen"


def test_three_choices_with_a_long_label_become_a_list_not_cut_buttons() -> None:
    three = (Choice("a.b.c", "Eine sehr lange Beschriftung"), *choices(2))
    [body] = render.render(Reply("Frage", three), WORDS)
    sendable(body)
    assert body["interactive"]["type"] == "list"


def test_more_than_ten_choices_page_behind_a_more_row() -> None:
    fourteen = choices(14)
    [first] = render.render(Reply("Frage", fourteen), WORDS)
    rows = sendable(first)["interactive"]["action"]["sections"][0]["rows"]
    assert len(rows) == 10 and rows[-1]["title"] == "Mehr …"
    token, more = rows[-1]["id"].split("|")
    assert token == render.step_token(fourteen)
    assert render.more_page(more) == 1
    [second] = render.render(Reply("Frage", fourteen), WORDS, page=1)
    rows2 = sendable(second)["interactive"]["action"]["sections"][0]["rows"]
    assert [r["title"] for r in rows2[:-1]] == [f"Wahl {i}" for i in range(9, 14)]
    assert render.more_page(rows2[-1]["id"].split("|")[1]) == 0  # back to the first page


def test_long_texts_are_split_at_paragraphs_and_the_body_stays_under_1024() -> None:
    paragraphs = ["Absatz " + str(i) + " " + "x" * 290 for i in range(20)]
    bodies = render.render(Reply("\n\n".join(paragraphs), choices(2)), WORDS)
    for body in bodies:
        sendable(body)
    texts = [b["text"]["body"] for b in bodies if b["type"] == "text"]
    assert all(len(t) <= 4096 for t in texts)
    assert all(t.split("\n\n")[-1].startswith("Absatz") for t in texts)  # whole paragraphs
    last = bodies[-1]["interactive"]["body"]["text"]
    assert len(last) <= 1024 and last.startswith("Absatz")
    joined = "\n\n".join([*texts, last])
    assert joined.replace("\n\n", "") == "\n\n".join(paragraphs).replace("\n\n", "")


def test_bold_is_whatsapp_bold_and_no_html_reaches_the_person() -> None:
    [body] = render.render(Reply("**Wichtig:** <b>112</b> <i>sofort</i> & 3 < 4"), WORDS)
    assert body["text"]["body"] == "*Wichtig:* *112* sofort & 3 < 4"
