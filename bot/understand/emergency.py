"""Deciding whether a message is an emergency, and which kind, from lexicon hits.

A kind is triggered by one of its `phrases`, by a `together` rule when a word from every
group appears within a few words of each other, or by an `alone` phrase that ends a short
message ("ich kann nicht mehr" is a cry for help; "ich kann nicht mehr arbeiten" is not). A trigger is dropped when a `not` phrase of
the same kind covers one of its words (figurative speech: "kill time", "fire department"), or
a `not_near` word of the same kind stands within a few words of it ("I don't want to live in
this camp" is about housing), or a `past` word does ("there was a fire in Pirna yesterday",
"he beat me years ago") unless it follows a word for "since" ("smells of gas since
yesterday" is still going on). A `not_near` word that is part of a phrase does not cancel
that phrase: "спим в машине" is listed on purpose although "машин*" is a `not_near` word
of shelter ("машина стоит на улице"). When several kinds trigger, the lowest `priority`
number wins.

Two steps: a `phrases`, `together` or `alone` trigger is certain (the emergency answer at
once); a `check` or `check_together` trigger is an uncertain signal (farewells, pills, a
child and a window) that asks one check question first. Both are dropped when the message
puts them at a distance: a `distant` context word ("years ago", "in the film") close by and
closer than a `now` word ("right now", "gerade"), or an `asking` word anywhere ("just
asking", "nothing happened") with no `now` word close to the trigger.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.understand.matcher import TRANSLIT_LANGUAGES, Hit
from bot.understand.normalize import LAUGHTER
from bot.understand.tokens import script_of

# All words of a `together` rule must fall within this many tokens.
TOGETHER_WINDOW = 10
# A `not_near` word cancels a trigger at most this many tokens away; a laughing emoji
# listed there reaches further, since it comments on the whole sentence.
NEAR = 4
LAUGHTER_NEAR = 12
# A word of a finished event ("yesterday", "years ago") speaks for its whole clause.
PAST_NEAR = 6
# A one-word trigger matched only with a typo must be at least this long (short words
# with one typo are too often other words: "rated" is not "raped").
MIN_FUZZY_TRIGGER = 7
# Latin transliterations are spelt so freely that one letter off is often another word
# ("begiram" is not "bemiram"); their spelling variants are matched by key, not by typo.
MIN_FUZZY_TRANSLIT_TRIGGER = 9
# An `alone` phrase may follow at most this many words and must end the message.
ALONE_BEFORE = 2
_FUZZY = 0.85


# A `distant` or `now` context word speaks for this many words around it.
CONTEXT_NEAR = 8
# "now" followed this closely by a distant word ("now we are divorced") is the resolution.
RESOLVED_GAP = 2


@dataclass(frozen=True)
class Rule:
    kind: str
    groups: int
    check: bool = False  # a `check_together` rule: an uncertain signal


@dataclass(frozen=True)
class Emergency:
    kind: str
    positions: frozenset[int]  # tokens that belong to any trigger (not topic words)
    number: bool = False  # only an emergency number ("112"): it names no topic


@dataclass(frozen=True)
class Triage:
    """The certain emergency (answer at once), else the kind a check question would lead to."""

    certain: Emergency | None
    check: Emergency | None
    # Kinds named only in a question about them ("112 or 110?", "which number if it burns"):
    # no danger, but the message is about that kind's service area.
    asked_about: tuple[Emergency, ...] = ()


@dataclass(frozen=True)
class _Trigger:
    kind: str
    start: int
    end: int
    phrase: bool = False  # a listed phrase, not a `together` rule
    check: bool = False  # an uncertain signal


def detect_emergency(
    hits: Sequence[Hit],
    rules: Sequence[Rule],
    priorities: Mapping[str, int],
    tokens: Sequence[str] = (),
) -> Emergency | None:
    """The most urgent certain emergency among the hits in `tokens`, or None."""
    return triage(hits, rules, priorities, tokens).certain


def triage(
    hits: Sequence[Hit],
    rules: Sequence[Rule],
    priorities: Mapping[str, int],
    tokens: Sequence[str] = (),
) -> Triage:
    """The certain emergency among the hits, else the uncertain signal worth a check."""
    hits = [hit for hit in hits if _trustworthy(hit, tokens)]
    triggers = [
        _Trigger(
            hit.payload.target,
            hit.start,
            hit.end,
            phrase=True,
            check=hit.payload.category == "check",
        )
        for hit in hits
        if hit.payload.category in ("emergency", "check")
        or (
            hit.payload.category == "alone" and hit.end == len(tokens) and hit.start <= ALONE_BEFORE
        )
    ]
    triggers.extend(_together_triggers(hits, rules))
    exceptions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    near: dict[str, list[tuple[int, int]]] = defaultdict(list)
    past: dict[str, list[tuple[int, int]]] = defaultdict(list)
    laughter: dict[str, list[tuple[int, int]]] = defaultdict(list)
    since_ends = {hit.end for hit in hits if hit.payload.category == "since"}
    # "since last year" is still going on: a context word right after "since" does not count
    context = [
        hit
        for hit in hits
        if hit.payload.category in ("distant", "asking", "now") and hit.start not in since_ends
    ]
    for hit in hits:
        if hit.payload.category == "past":
            if hit.start not in since_ends:
                past[hit.payload.target].append((hit.start, hit.end))
        elif hit.payload.category == "not":
            exceptions[hit.payload.target].append((hit.start, hit.end))
        elif hit.payload.category == "not_near":
            laughing = hit.start < len(tokens) and tokens[hit.start] == LAUGHTER
            (laughter if laughing else near)[hit.payload.target].append((hit.start, hit.end))
    now_spans = [(hit.start, hit.end) for hit in context if hit.payload.category == "now"]
    kept = [
        t
        for t in triggers
        if not _within(t, exceptions.get(t.kind, ()), 0)
        and not _within(t, _outside(t, near.get(t.kind, ())), NEAR)
        and not _past(t, _outside(t, past.get(t.kind, ())), now_spans)
        and not _within(t, laughter.get(t.kind, ()), LAUGHTER_NEAR)
    ]
    distance = {t: _at_a_distance(t, context) for t in kept}
    asked_about = tuple(
        Emergency(
            t.kind,
            frozenset(range(t.start, t.end)),
            number=all(tokens[p].isdigit() for p in range(t.start, min(t.end, len(tokens)))),
        )
        for t in kept
        if distance[t] == "question"
    )
    kept = [
        dataclasses.replace(t, check=True) if distance[t] == "asked" else t
        for t in kept
        if distance[t] in ("near", "asked")
    ]
    positions = frozenset(p for t in kept for p in range(t.start, t.end))
    certain = [t for t in kept if not t.check]
    checks = [t for t in kept if t.check]
    if certain:
        return Triage(Emergency(_most_urgent(certain, priorities), positions), None, asked_about)
    if checks:
        return Triage(None, Emergency(_most_urgent(checks, priorities), positions), asked_about)
    return Triage(None, None, asked_about)


def _most_urgent(triggers: Sequence[_Trigger], priorities: Mapping[str, int]) -> str:
    return min(triggers, key=lambda t: (priorities.get(t.kind, 99), t.start)).kind


def _at_a_distance(trigger: _Trigger, hits: Sequence[Hit]) -> str:
    """How far the message puts the trigger: "near" (it goes on), "far" (past or a story:
    dropped), "question" (a mere question about a service word such as "ambulance": dropped)
    or "asked" (a described event in a message that says it only asks: a certain trigger
    becomes a check question).

    A `now` word right before a `distant` one tells the present state that ended the danger
    ("but now we are divorced"): it does not count as now.
    """
    distant_starts = {hit.start for hit in hits if hit.payload.category == "distant"}
    hits = [
        hit
        for hit in hits
        if hit.payload.category != "now"
        or not any(hit.end <= s <= hit.end + RESOLVED_GAP for s in distant_starts)
    ]
    if _distance(trigger, hits, "asking") == 0 and trigger.end - trigger.start == 1:
        return "question"  # the word asked about itself: "112 or 110?"
    now = _distance(trigger, hits, "now")
    distant = _distance(trigger, hits, "distant")
    if now <= CONTEXT_NEAR:
        return "far" if distant < now else "near"
    asks = any(hit.payload.category == "asking" for hit in hits)
    if distant <= CONTEXT_NEAR:
        # "just a question, nothing happened: if someone has a heart attack …"
        return "question" if asks else "far"
    if asks:
        single_word = trigger.end - trigger.start == 1
        return "question" if trigger.check or single_word else "asked"
    return "near"


def _distance(trigger: _Trigger, hits: Sequence[Hit], category: str) -> int:
    """Words between the trigger and the nearest hit of `category` (a large number if none)."""
    gaps = [
        max(hit.start - trigger.end + 1, trigger.start - hit.end + 1, 0)
        for hit in hits
        if hit.payload.category == category
    ]
    return min(gaps, default=1_000_000)


def _trustworthy(hit: Hit, tokens: Sequence[str]) -> bool:
    """Drop short single-word matches that only hit with a typo, and phrases of Latin
    transliterations with a short word that only hit with a typo ("mikham khune begiram" is
    not "mikham bemiram")."""
    if hit.quality >= _FUZZY:
        return True
    if hit.payload.category == "check":
        return False  # an uncertain signal is weak already; it counts only as written
    translit = (
        hit.payload.language in TRANSLIT_LANGUAGES
        and hit.start < len(tokens)
        and script_of(tokens[hit.start]) == "latin"
    )
    if hit.end - hit.start != 1:
        return not translit or not 0 < hit.typo_letters < MIN_FUZZY_TRANSLIT_TRIGGER
    return hit.specificity >= (MIN_FUZZY_TRANSLIT_TRIGGER if translit else MIN_FUZZY_TRIGGER)


def _past(
    trigger: _Trigger, spans: Sequence[tuple[int, int]], now: Sequence[tuple[int, int]]
) -> bool:
    """Whether a `past` word puts the trigger in the past: close by, and no `now` word stands
    between them ("he beat me years ago, and now he beats me again" is going on; in "he beat
    me years ago, now I live alone" the `now` word starts the present after the danger)."""
    close = [(s, e) for s, e in spans if _gap(trigger, [(s, e)]) <= PAST_NEAR]
    return any(
        not any(
            (past_end <= now_start and now_end <= trigger.start)
            or (trigger.end <= now_start and now_end <= past_start)
            for now_start, now_end in now
        )
        for past_start, past_end in close
    )


def _gap(trigger: _Trigger, spans: Sequence[tuple[int, int]]) -> int:
    """Words between the trigger and the nearest span (0 when they touch or overlap)."""
    return min(
        (max(start - trigger.end, trigger.start - end, 0) for start, end in spans),
        default=1_000_000,
    )


def _outside(trigger: _Trigger, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, without those inside a listed phrase (it was listed with that word)."""
    if not trigger.phrase:
        return list(spans)
    return [(s, e) for s, e in spans if not (trigger.start <= s and e <= trigger.end)]


def _within(trigger: _Trigger, spans: Sequence[tuple[int, int]], distance: int) -> bool:
    """Whether any span overlaps the trigger or is at most `distance` tokens away from it."""
    return any(
        start < trigger.end + distance and trigger.start - distance < end for start, end in spans
    )


def _together_triggers(hits: Sequence[Hit], rules: Sequence[Rule]) -> list[_Trigger]:
    by_rule: dict[int, dict[int, list[Hit]]] = defaultdict(lambda: defaultdict(list))
    for hit in hits:
        if hit.payload.category == "group":
            by_rule[hit.payload.rule][hit.payload.group].append(hit)
    triggers: list[_Trigger] = []
    for rule_index, groups in by_rule.items():
        rule = rules[rule_index]
        if len(groups) < rule.groups:
            continue
        span = _closest_span([groups[g] for g in range(rule.groups)])
        if span is not None:
            triggers.append(_Trigger(rule.kind, *span, check=rule.check))
    return triggers


def _closest_span(groups: Sequence[Sequence[Hit]]) -> tuple[int, int] | None:
    """A span holding one hit of every group, within the window; None when there is none."""
    for anchor in groups[0]:
        start, end = anchor.start, anchor.end
        for group in groups[1:]:
            near = min(group, key=lambda h: abs(h.start - anchor.start))
            start, end = min(start, near.start), max(end, near.end)
        if end - start <= TOGETHER_WINDOW:
            return start, end
    return None
