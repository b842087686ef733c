"""One person per language (uk, ar, fa) on WhatsApp, from "hello" through buttons and lists to
a counsellor request in the office's Telegram group, a counsellor reply back on WhatsApp, and a
reply after 25 hours that first goes out as the approved template."""

from __future__ import annotations

from typing import Any

import pytest

from bot.bench import fake_graph_api as meta
from bot.bench.fake_bot_api import FakeBotApi
from bot.handoff.reference import find_reference
from bot.i18n.direction import strip_marks
from tests.whatsapp.conftest import COUNSELLOR, PIRNA_GROUP, Service


def choices_of(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(id, title) of the buttons or list rows of an interactive message."""
    interactive = message["interactive"]
    action = interactive["action"]
    if interactive["type"] == "button":
        return [(b["reply"]["id"], b["reply"]["title"]) for b in action["buttons"]]
    return [(r["id"], r["title"]) for s in action["sections"] for r in s["rows"]]


def body_of(message: dict[str, Any]) -> str:
    if message["type"] == "text":
        return strip_marks(str(message["text"]["body"]))
    if message["type"] == "interactive":
        return strip_marks(str(message["interactive"]["body"]["text"]))
    return ""


class WhatsAppPerson:
    def __init__(self, service: Service, person: meta.Person) -> None:
        self.service, self.person = service, person

    def messages(self) -> list[dict[str, Any]]:
        return self.service.graph.to(self.person.address)

    def last_question(self) -> dict[str, Any]:
        return next(m for m in reversed(self.messages()) if m["type"] == "interactive")

    async def say(self, text: str) -> None:
        assert (await self.service.post(meta.webhook_text(self.person, text))).status_code == 200

    async def tap(self, suffix: str) -> None:
        """Tap the newest button or row whose choice id ends with `suffix`, paging through
        "More…" when the list has more pages."""
        for _ in range(4):
            question = self.last_question()
            options = choices_of(question)
            match = next((i for i, _ in options if i.endswith(suffix)), None)
            more = next((i for i, _ in options if "|~more." in i), None)
            if match is None and more is not None:
                await self._send_tap(question, more)
                continue
            assert match is not None, (suffix, options)
            await self._send_tap(question, match)
            return
        raise AssertionError(f"{suffix} not found")

    async def tap_first_matching(self, *suffixes: str) -> str:
        options = [i for i, _ in choices_of(self.last_question())]
        for suffix in suffixes:
            found = next((i for i in options if i.endswith(suffix)), None)
            if found:
                await self._send_tap(self.last_question(), found)
                return suffix
        await self._send_tap(self.last_question(), options[0])
        return options[0]

    async def _send_tap(self, question: dict[str, Any], choice_id: str) -> None:
        if question["interactive"]["type"] == "button":
            payload = meta.webhook_button_reply(self.person, choice_id)
        else:
            payload = meta.webhook_list_reply(self.person, choice_id)
        assert (await self.service.post(payload)).status_code == 200


async def request_from_pirna(person: WhatsAppPerson, language: str) -> str:
    await person.say("hello")
    await person.tap(f"lang.{language}")
    await person.tap(".pirna")
    await person.tap(".housing")
    await person.tap(".losing")
    for _ in range(3):
        if await person.tap_first_matching(".counsellor") == ".counsellor":
            break
    await person.tap(".yes")  # consent
    for _ in range(12):  # contact wish, times, interpreter and language, name, urgency, more
        last = person.messages()[-1]
        if last["type"] != "interactive":
            await person.say("-")  # a typed question: no name, nothing else
            continue
        options = [i for i, _ in choices_of(last)]
        if any(i.endswith(".send") for i in options):
            break
        wanted = (".chat", ".any", "interpreter.yes", ".farsi", ".chat_language", ".urgent", ".yes")
        if any(i.endswith(w) for i in options for w in wanted):
            await person.tap_first_matching(*wanted)
        else:
            await person.say("-")  # a typed question (name, anything else): skipped
    await person.tap(".send")
    texts = [body_of(m) for m in person.messages()]
    ref = next((find_reference(t) for t in reversed(texts) if find_reference(t)), None)
    assert ref is not None, texts[-3:]
    return ref


SCRIPTS = {"uk": "\u0400", "ar": "\u0600", "fa": "\u0600"}


@pytest.mark.parametrize("language", ["uk", "ar", "fa"])
async def test_whatsapp_person_reaches_the_counsellor_group_and_gets_replies(
    service: Service, language: str
) -> None:
    person = WhatsAppPerson(
        service, meta.Person("49151000000" + str(len(language)), f"DE.7{language}99")
    )
    ref = await request_from_pirna(person, language)
    last = body_of(person.messages()[-1])
    low = SCRIPTS[language]
    assert any(low <= ch <= chr(ord(low) + 0xFF) for ch in last), last  # in their language

    telegram = service.telegram
    posts = await telegram.wait_for(
        PIRNA_GROUP, lambda ms: any(f"Neue Anfrage {ref}" in m.get("text", "") for m in ms), 20
    )
    post = next(m for m in posts if f"Neue Anfrage {ref}" in m.get("text", ""))

    # the counsellor answers in reply to the request's post: it reaches the person on WhatsApp
    before = len(person.messages())
    answer_in_group(telegram, post, "Wir rufen Sie morgen an.")
    sent = await service.graph.wait_for(
        person.person.address,
        until=lambda ms: any("Wir rufen Sie morgen an." in body_of(m) for m in ms[before:]),
        timeout=20,
    )

    # 25 hours later the window is closed: the template goes out, the text waits
    service.clock.advance(25 * 3600)
    before = len(person.messages())
    answer_in_group(telegram, post, "Termin am Freitag um 10 Uhr?")
    sent = await service.graph.wait_for(
        person.person.address,
        until=lambda ms: any(m["type"] == "template" for m in ms[before:]),
        timeout=20,
    )
    template = next(m for m in sent[before:] if m["type"] == "template")
    assert template["type"] == "template"
    assert template["template"] == {"name": "counselling_reply", "language": {"code": language}}
    assert all("Freitag" not in body_of(m) for m in sent)
    await telegram.wait_for(
        PIRNA_GROUP, lambda ms: any("Vorlage" in m.get("text", "") for m in ms), 20
    )

    # the person answers: the held text follows
    before = len(person.messages())
    await person.say("ok")
    sent = await service.graph.wait_for(
        person.person.address,
        until=lambda ms: any("Freitag um 10 Uhr" in body_of(m) for m in ms[before:]),
        timeout=20,
    )
    assert sum("Freitag um 10 Uhr" in body_of(m) for m in sent) == 1  # once, after the answer


def answer_in_group(telegram: FakeBotApi, post: dict[str, Any], text: str) -> None:
    """A counsellor writes `text` in the Pirna group, in reply to the request's post."""
    telegram.push(
        telegram.message_update(
            PIRNA_GROUP,
            text,
            chat_type="supergroup",
            user_id=COUNSELLOR,
            reply_to=post["message_id"],
        )
    )
