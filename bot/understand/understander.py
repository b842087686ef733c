"""The public entry point: what a free-text message is about."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.understand.choices import match_choice
from bot.understand.emergency import Emergency, Rule, triage
from bot.understand.language import detect_language
from bot.understand.lexicon import ANY_LANGUAGE, CONTEXT_KEYS, Lexicon, load_lexicon
from bot.understand.matcher import Hit, Matcher, Payload
from bot.understand.normalize import normalize
from bot.understand.scoring import AreaScore, is_unsure, score_areas
from bot.understand.tokens import cyrillic_to_latin, tokenize
from bot.understand.transliterate import german_spellings

HINT_WEIGHT = 0.4
LANGUAGE_WORD_WEIGHT = 0.5
# Beside small talk or an emergency, only a real topic word (not a hint) makes an area.
TOPIC_WEIGHT = 0.5
# A lone hint decides a short message ("Kind?") but is incidental in a sentence of this many
# words ("my kids are playing with fire trucks").
HINT_ONLY_TOKENS = 7
OFFICE_INTENT = "office"  # the counselling office's own address or hours asked for
# The emergency a question is about ("what number if someone has a heart attack?") is its
# topic: it weighs more than a topic word.
ASKED_ABOUT_WEIGHT = 2.0
# Longer input is cut; a chat message is at most 4096 characters.
MAX_CHARS = 20_000
MAX_TOKENS = 3_000
TRANSLITERATED = ("uk", "ru", "ar", "fa")


@dataclass(frozen=True)
class Understood:
    """What a message is about.

    `area` is a life area id or None; `emergency` an emergency kind id or None; `intent` is
    "greeting" or "thanks" for small talk; `score` is the confidence of `area` (0..1);
    `candidates` the best areas with their share of the evidence, best first; `check` is
    the emergency kind a check question ("are you in danger right now?") would lead to, set
    only when there is no certain `emergency`.
    """

    area: str | None
    emergency: str | None
    intent: str | None
    language: str | None
    score: float
    candidates: tuple[tuple[str, float], ...]
    check: str | None = None

    @property
    def emergency_check(self) -> bool:
        """True when the bot should ask whether someone is in danger right now."""
        return self.check is not None

    @property
    def unsure(self) -> bool:
        """True when the bot should ask which of the top candidates is meant."""
        return is_unsure(self.area, self.score, self.candidates)


class Understander:
    """Compiled lexicons; `understand` and `match_choice` are pure and do no I/O."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._rules: list[Rule] = []
        self._priorities = {e.kind: e.priority for e in lexicon.emergencies}
        self._kind_areas = {e.kind: e.topic for e in lexicon.emergencies if e.topic}
        self._refused = {a.area: a.refused for a in lexicon.areas if a.refused}
        known = [entry.text for entries in lexicon.language_words.values() for entry in entries]
        self._matcher = Matcher(_with_transliterations(self._entries(lexicon)), known)
        self._dictated = frozenset(normalize(entry.text) for entry in lexicon.dictated)
        # Small-talk words by intent, as read (staff checks compare button labels with them).
        self.intents = dict(lexicon.intents)
        self._small_talk_words: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls, knowledge_dir: pathlib.Path) -> Understander:
        """Read `knowledge_dir/understanding/*.yaml`; raises LexiconError naming file:line."""
        return cls(load_lexicon(pathlib.Path(knowledge_dir)))

    def _entries(self, lexicon: Lexicon) -> Iterator[tuple[str, Payload]]:
        for area in lexicon.areas:
            for entry in area.words:
                yield entry.text, Payload("area", area.area, entry.language)
                if entry.language in ("de", ANY_LANGUAGE):
                    # German office words typed in Cyrillic or Arabic script ("кюндигунг")
                    for language in TRANSLITERATED:
                        for spelling in german_spellings(entry.text, language):
                            yield spelling, Payload("area", area.area, ANY_LANGUAGE)
            for entry in area.hints:
                yield entry.text, Payload("area", area.area, entry.language, HINT_WEIGHT)
        for emergency in lexicon.emergencies:
            for entry in emergency.phrases:
                yield entry.text, Payload("emergency", emergency.kind, entry.language)
            for entry in emergency.alone:
                yield entry.text, Payload("alone", emergency.kind, entry.language)
            for entry in emergency.exceptions:
                yield entry.text, Payload("not", emergency.kind, entry.language)
            for entry in emergency.exceptions_near:
                yield entry.text, Payload("not_near", emergency.kind, entry.language)
            for entry in emergency.past:
                yield entry.text, Payload("past", emergency.kind, entry.language)
            for entry in emergency.check:
                yield entry.text, Payload("check", emergency.kind, entry.language)
            rules = [(r, False) for r in emergency.together]
            rules += [(r, True) for r in emergency.check_together]
            for rule, check in rules:
                rule_index = len(self._rules)
                self._rules.append(Rule(emergency.kind, len(rule.groups), check))
                for group_index, group in enumerate(rule.groups):
                    for entry in group:
                        yield (
                            entry.text,
                            Payload(
                                "group",
                                emergency.kind,
                                entry.language,
                                rule=rule_index,
                                group=group_index,
                            ),
                        )
        for intent, entries in lexicon.intents.items():
            for entry in entries:
                yield entry.text, Payload("intent", intent, entry.language)
        for entry in lexicon.since_words:
            yield entry.text, Payload("since", "", entry.language)
        for category in CONTEXT_KEYS:
            for entry in getattr(lexicon.context, category):
                yield entry.text, Payload(category, "", entry.language)
        for language, entries in lexicon.language_words.items():
            for entry in entries:
                yield entry.text, Payload("lang", language, language, LANGUAGE_WORD_WEIGHT)

    def understand(self, text: str, language: str | None = None) -> Understood:
        """Area, emergency, small talk and language of one message."""
        tokens = [
            token
            for token in tokenize(normalize(text[:MAX_CHARS]))[:MAX_TOKENS]
            if token not in self._dictated  # "Komma", "запятая" from voice typing
        ]
        hits = self._matcher.find(tokens)
        found = triage(hits, self._rules, self._priorities, tokens)
        emergency, check = found.certain, found.check
        danger = emergency or check
        excluded = danger.positions if danger else frozenset()
        hits = [*hits, *self._asked_about(found.asked_about)]
        areas: AreaScore = score_areas(hits, excluded, len(tokens), self._refused)
        intent = _intent(hits)
        if (intent or emergency or len(tokens) >= HINT_ONLY_TOKENS) and areas.weight < TOPIC_WEIGHT:
            # "thanks for your help" is small talk; "my child is not breathing" has no topic
            areas = AreaScore(None, 0.0, ())
        return Understood(
            area=areas.area,
            emergency=emergency.kind if emergency else None,
            intent=intent,
            language=detect_language(text[:MAX_CHARS], tokens, hits, language),
            score=areas.score,
            candidates=areas.candidates,
            check=check.kind if check else None,
        )

    def _asked_about(self, asked: Sequence[Emergency]) -> Iterator[Hit]:
        """A question about an emergency service ("112 or 110 for a fire?") is a topic word
        of that kind's area (`topic:` in its emergency file)."""
        for emergency in asked:
            area = self._kind_areas.get(emergency.kind)
            if area is not None and emergency.positions and not emergency.number:
                start, end = min(emergency.positions), max(emergency.positions) + 1
                payload = Payload("area", area, ANY_LANGUAGE, ASKED_ABOUT_WEIGHT)
                yield Hit(payload, start, end, 1.0, end - start)

    def small_talk_words(self, intent: str) -> frozenset[str]:
        """Every normalised word of the small-talk entries of `intent` ("greeting", "thanks"),
        in all languages: `{"danke", "vielen", "dank", "شكرا", …}`; empty for an unknown one."""
        words = self._small_talk_words.get(intent)
        if words is None:
            entries = self.intents.get(intent, ())
            words = frozenset(w for entry in entries for w in tokenize(normalize(entry.text)))
            self._small_talk_words[intent] = words
        return words

    def match_choice(self, text: str, options: Sequence[tuple[str, Sequence[str]]]) -> str | None:
        """The id of the option the typed `text` means, or None when unclear.

        `options` are (choice id, labels): the label in the user's language, the German
        label, optional short labels. A typed number picks the option at that position.
        When no label fits and the option ids are life areas, the area understood from the
        text decides ("بدي بيت" picks `housing`).
        """
        chosen = match_choice(text, options)
        if chosen is not None:
            return chosen
        ids = {choice_id for choice_id, _ in options}
        understood = self.understand(text)
        if understood.area in ids and not understood.unsure and understood.emergency is None:
            return understood.area
        return None


def _with_transliterations(
    entries: Iterator[tuple[str, Payload]],
) -> Iterator[tuple[str, Payload]]:
    """Every entry, and each Ukrainian or Russian one also in Latin letters.

    A transliteration that is also a German, English or loan-word entry is left out:
    "кіндергельд" spelt "kindergeld" says nothing about the language of the message.
    """
    listed = list(entries)
    latin = {
        normalize(text.strip("=*"))
        for text, payload in listed
        if payload.language in ("de", "en", ANY_LANGUAGE)
    }
    for text, payload in listed:
        yield text, payload
        if payload.language in ("uk", "ru"):
            for spelling in cyrillic_to_latin(text, payload.language):
                if normalize(spelling.strip("=*")) not in latin:
                    yield spelling, dataclasses.replace(payload, spelled=True)


def _intent(hits: Sequence[Hit]) -> str | None:
    """The first small-talk intent of the message; a question for the office's address or
    hours wins over a greeting before it ("hallo, wo ist euer Büro?")."""
    intents = [hit for hit in hits if hit.payload.category == "intent"]
    if not intents:
        return None
    if any(hit.payload.target == OFFICE_INTENT for hit in intents):
        return OFFICE_INTENT
    return min(intents, key=lambda hit: hit.start).payload.target
