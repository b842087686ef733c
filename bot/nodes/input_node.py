"""`input`: a typed answer (text, number, date, phone, postcode), checked, with a retry text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.content.memo import PerContent
from bot.content.problems import suggestion
from bot.events import AnswerSaved
from bot.messages import Choice
from bot.nodes.ask import synonyms
from bot.nodes.base import WAIT, Go, Link, Move, NodeParser, Text, WaitingNode
from bot.nodes.input_types import PARSERS, words_beside_phone
from bot.understand.choices import QUESTION_MARKS
from bot.understand.normalize import normalize

if TYPE_CHECKING:
    from bot.engine.run import Run

SKIP_ANSWERS = frozenset({"-", "–", "—"})
_MEMO = PerContent()
# `skip` (only with `optional: true`): words people type for "nothing", separated by commas and
# translated like every text ("nichts, nein, kein" -> "нічого, ні, немає"). A message made only
# of such words (in the person's language or in the flow's German) is no answer.
# `ask_again`: words that answer a yes/no question, not this one ("ja", "ja, schicken" at
# "anything else?"), translated the same way. A message made only of them is not saved: the
# node asks again with its `retry` text.
# `skip_next` (only with `skip`): where a skipped answer leads instead of `next` ("kein
# Telefon" at "which phone number?" -> the chat instead of a call).
# `lead_in`: words people put before the answer itself ("ich heiße", "мене звати", "اسمي"),
# translated the same way; the longest one that starts the message is left out of what is
# saved ("мене звати Оксана" saves "Оксана").
# `max_words` (type text): an answer with more words, or with a question mark, is no answer to
# this question ("а скільки коштує?", a whole story at "your name?"): the node asks again with
# its `retry` text instead of saving it.


@dataclass(frozen=True)
class Input(WaitingNode):
    key = "input"
    question: Text
    kind: str
    save: str
    label: Text
    next: str
    retry: Text | None = None
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False
    skip: Text | None = None
    ask_again: Text | None = None
    lead_in: Text | None = None
    skip_next: str | None = None
    max_words: int | None = None

    @classmethod
    def parse(cls, p: NodeParser) -> Input | None:
        question = p.text("input")
        kind = str(p.get("type", "text"))
        known = kind in PARSERS
        if not known:
            hint = suggestion(kind, set(PARSERS))
            p.error(
                p.line("type"),
                f"type '{kind}' is not known; expected one of {', '.join(PARSERS)}{hint}",
            )
        save = p.ident("save", p.get("save"), p.line("save"))
        label = p.text("label")
        retry = p.text("retry", required=False)
        nxt = p.next_node()
        bounds = (_number(p, "min"), _number(p, "max"))
        optional = p.get("optional", False) is True
        skip = p.text("skip", required=False)
        ask_again = p.text("ask_again", required=False)
        lead_in = p.text("lead_in", required=False)
        raw_skip_next = p.get("skip_next")
        skip_next = (
            p.ident("skip_next", raw_skip_next, p.line("skip_next"))
            if raw_skip_next is not None
            else None
        )
        if skip is not None and not optional:
            p.error(
                p.line("skip"),
                "'skip' words need 'optional: true' (a required answer cannot be skipped)",
            )
        if raw_skip_next is not None and skip is None:
            p.error(
                p.line("skip_next"),
                "'skip_next' needs 'skip' words that lead there; add 'skip: …' or remove 'skip_next'",
            )
        max_words = _number(p, "max_words")
        if max_words is not None and (kind != "text" or max_words < 1 or max_words % 1):
            p.error(
                p.line("max_words"),
                "'max_words' must be a whole number of at least 1, and only for 'type: text'",
            )
        if not (known and question and save and label and nxt):
            return None
        return cls(
            p.node_id,
            p.line(),
            question,
            kind,
            save,
            label,
            nxt,
            retry,
            *bounds,
            optional,
            skip,
            ask_again,
            lead_in,
            skip_next,
            int(max_words) if max_words else None,
        )

    def texts(self) -> Iterable[Text]:
        shown = (self.question, self.label, self.retry)
        return (t for t in (*shown, self.skip, self.ask_again, self.lead_in) if t)

    def links(self) -> Iterable[Link]:
        yield Link("node", self.next, self.line_of("next"))
        if self.skip_next:
            yield Link("node", self.skip_next, self.line_of("skip_next"))

    def question_text(self, run: Run) -> str:
        return run.translate(self.question.source)

    def buttons(self, run: Run) -> tuple[Choice, ...]:
        return run.global_choices("back", "menu")

    def typed(self, run: Run, raw: str) -> Move:
        if self.optional and (raw.strip() in SKIP_ANSWERS or only_words(run, self.skip, raw)):
            run.session.answers.pop(self.save, None)
            return Go(self.skip_next or self.next)
        answer = _without_lead_in(run, self.lead_in, raw)
        value = None if only_words(run, self.ask_again, raw) else PARSERS[self.kind](answer)
        if value is not None and self.max_words and _too_much(answer, self.max_words):
            value = None
        if value is not None and self.kind == "number" and not self._in_bounds(float(value)):
            value = None
        if value is not None and self.kind == "phone" and _spoken_digits(run, raw):
            value = None  # "null eins sieben sechs 5556667": the words' digits would be lost
        if value is not None and self.kind == "phone" and (words := words_beside_phone(answer)):
            value = f"{value} ({words})"  # "Viber only", "my husband's number" stay with it
        if value is None:
            retry = run.translate(self.retry.source) if self.retry else run.ui(f"retry_{self.kind}")
            run.say(retry, self.buttons(run))
            return WAIT
        run.session.answers[self.save] = value
        run.emit(AnswerSaved(self.save, value))
        return Go(self.next)

    def _in_bounds(self, value: float) -> bool:
        low = self.minimum if self.minimum is not None else float("-inf")
        high = self.maximum if self.maximum is not None else float("inf")
        return low <= value <= high


def _too_much(answer: str, max_words: int) -> bool:
    """More than `max_words` words, or a question ("?" or the Arabic "؟"): no short answer."""
    return len(answer.split()) > max_words or any(mark in answer for mark in QUESTION_MARKS)


def only_words(run: Run, listed: Text | None, raw: str) -> bool:
    """Every word of `raw` is a word of the `listed` words ("ні, нічого" but not "нічого не
    знаю" for `skip`): in the person's language or the source language."""
    if listed is None:
        return False
    words = set(normalize(raw).split())
    if not words:
        return False
    return words <= _listed_words(run, listed)


def _listed_words(run: Run, listed: Text) -> frozenset[str]:
    """The normalised words of `listed` in German and the person's language, once per
    content and language."""

    def build() -> frozenset[str]:
        texts = {listed.source, run.translate(listed.source)}
        return frozenset(word for text in texts for word in normalize(text).split())

    return _MEMO.get(run.content, ("listed", listed.source, run.language), build)


def _lead_ins(run: Run, lead_in: Text) -> tuple[tuple[str, ...], ...]:
    """Each `lead_in` phrase as normalised words, in German and the person's language."""

    def build() -> tuple[tuple[str, ...], ...]:
        texts = {lead_in.source, run.translate(lead_in.source)}
        return tuple(tuple(normalize(p).split()) for text in texts for p in synonyms(text))

    return _MEMO.get(run.content, ("lead_in", lead_in.source, run.language), build)


def _without_lead_in(run: Run, lead_in: Text | None, raw: str) -> str:
    """`raw` without the longest `lead_in` phrase it starts with ("ich heiße Ahmad" ->
    "Ahmad"), compared word by word after normalising, and without a one-word `lead_in` it
    ends with (Persian puts the verb last: "نامم احمد است" -> "احمد"); `raw` itself when
    none is there or nothing would be left."""
    if lead_in is None:
        return raw
    words = raw.split()
    typed = [normalize(word).strip(":,.-") for word in words]
    said_all = _lead_ins(run, lead_in)
    longest = 0
    for said in said_all:
        if longest < len(said) < len(words) and tuple(typed[: len(said)]) == said:
            longest = len(said)
    last = len(words)
    if last - longest > 1 and (typed[-1],) in said_all:
        last -= 1
    if not longest and last == len(words):
        return raw
    return " ".join(words[longest:last]).strip(":,.- ")


def _number(p: NodeParser, key: str) -> float | None:
    value = p.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        p.error(p.line(key), f"'{key}' must be a number, found {value!r}")
        return None
    return float(value)


def _spoken_digits(run: Run, raw: str) -> bool:
    """Whether a phone answer has digits written as words ("eins", "сім", "سبعة"): the parser
    keeps only the digits, so the number would be saved without them. The person is asked
    to write it with digits instead. Words from `knowledge/typed/answers.yaml` (numbers)."""
    typed = run.content.typed
    if typed is None or not typed.words.numbers:
        return False
    return any(word in typed.words.numbers for word in normalize(raw).split())
