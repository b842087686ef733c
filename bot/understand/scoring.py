"""Turning area hits into a best life area, a confidence and ranked candidates.

Each area collects the weight of its hits (strong words 1.0, hints 0.4, times match quality);
a word counts once per area. Where entries of different areas cover the same words, a much
more specific (longer) entry wins: "Arbeitslosengeld" is benefits, not work via "arbeit*".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from bot.understand.matcher import Hit, Payload

MIN_AREA_WEIGHT = 0.3  # below this nothing fits
SMOOTHING = 0.35  # keeps a single weak hit from looking certain
UNSURE_SCORE = 0.55
UNSURE_RATIO = 0.67  # second best at least this share of the best
CANDIDATE_RATIO = 0.25
MAX_CANDIDATES = 3
LONG_MESSAGE = 20  # tokens
LATE_BONUS = 0.5
# The first topic word after a wish or a question ("we want to go back", "решили вернуться",
# "my question is whether the Jobcenter …") names the need.
WISH_NEAR = 6
WISH_BONUS = 1.0
# Words of an area with `refused:` this close after a refusal ("ich will nicht zurück") count for
# the other area; farther on they are another thought ("… hier bleiben, ich will zurück").
REFUSAL_NEAR = 3
# A refusal that ends the message turns back the area words right before it (one word between)
REFUSAL_BEFORE = 2
# Words of a finished story ("früher", "когда-то" … ) and a word said again weigh less.
STORY_NEAR = 6
LESS = 0.5
# A hint ("my daughter", "camp") in a long message is part of the story more often than not.
LONG_HINT = 0.5
_SPECIFICITY_MARGIN = 3
# On a tie the concrete service question wins over the status or wish mentioned beside it:
# "wie viel Geld bekomme ich als Asylbewerber" is about benefits, "Arzt für die Schule"
# about health, "Ausbildung mit Duldung" about work.
_TIE_ORDER = {
    area: rank
    for rank, area in enumerate(
        ("benefits", "health", "housing", "work", "school", "residence", "return", "human")
    )
}


@dataclass(frozen=True)
class AreaScore:
    area: str | None
    score: float
    candidates: tuple[tuple[str, float], ...]
    weight: float = 0.0  # summed evidence of the best area


def score_areas(
    hits: Sequence[Hit],
    excluded: Collection[int] = (),
    length: int = 0,
    refused: Mapping[str, str] | None = None,
) -> AreaScore:
    """Rank the areas found in `hits`, ignoring hits on `excluded` token positions.

    In a long message (`length` tokens) the need usually comes last, after the story:
    words near the end weigh up to `LATE_BONUS` more; a word right after a `wish` context
    word ("we want", "решили", "بدنا") names the need and weighs `WISH_BONUS` more. A word of
    an area in `refused` (area -> area) up to `REFUSAL_NEAR` words after a `refusal` ("ich will
    nicht", "не хочу", "ما بدي") counts for the other area: not wanting to go back is about
    staying.
    """
    refusals = [hit for hit in hits if hit.payload.category == "refusal"]
    area_hits = [
        hit
        for hit in hits
        if hit.payload.category == "area"
        and not all(p in excluded for p in range(hit.start, hit.end))
    ]
    area_hits = _turned(area_hits, refusals, refused or {}, length)
    wished = _wished(area_hits, [hit.end for hit in hits if hit.payload.category == "wish"])
    story = _story(hits)
    totals = _area_totals(_drop_outranked(area_hits), length, wished, story)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], _TIE_ORDER.get(item[0], 99)))
    if not ranked or ranked[0][1] < MIN_AREA_WEIGHT:
        return AreaScore(None, 0.0, ())
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    total = sum(weight for _, weight in ranked) + SMOOTHING
    score = round(min(1.0, top / (top + second + SMOOTHING)), 3)
    candidates = tuple(
        (area, round(weight / total, 3))
        for area, weight in ranked[:MAX_CANDIDATES]
        if weight >= CANDIDATE_RATIO * top
    )
    return AreaScore(ranked[0][0], score, candidates, top)


def is_unsure(area: str | None, score: float, candidates: Sequence[tuple[str, float]]) -> bool:
    """Whether to ask a clarifying question: a weak best area, or a close second one."""
    if area is None or not candidates:
        return False
    close_second = len(candidates) > 1 and candidates[1][1] >= UNSURE_RATIO * candidates[0][1]
    return score < UNSURE_SCORE or close_second


def _drop_outranked(hits: Sequence[Hit]) -> list[Hit]:
    """Drop hits whose words are all covered by a clearly more specific entry."""
    by_start: dict[int, list[Hit]] = defaultdict(list)
    longest = 1
    for hit in hits:
        by_start[hit.start].append(hit)
        longest = max(longest, hit.end - hit.start)
    kept: list[Hit] = []
    for hit in hits:
        outranked = any(
            hit.end <= other.end
            and other.specificity >= hit.specificity + _SPECIFICITY_MARGIN
            and other.payload.weight >= hit.payload.weight
            for start in range(max(0, hit.end - longest), hit.start + 1)
            for other in by_start.get(start, ())
        )
        if not outranked:
            kept.append(hit)
    return kept


def _turned(
    hits: Sequence[Hit], refusals: Sequence[Hit], refused: Mapping[str, str], length: int = 0
) -> list[Hit]:
    """`hits`, each of an area in `refused` that follows a refusal closely, or comes right
    before a refusal that ends the message ("возвращаться не хочу", "zurück will ich nicht"),
    given to the other area (one new payload per entry, so that a word said again still
    counts less)."""
    if not refusals or not refused:
        return list(hits)
    payloads: dict[int, Payload] = {}
    out = []
    for hit in hits:
        other = refused.get(hit.payload.target)
        # from inside the refusal ("will … zurück" in "ich will nicht zurück") to three words on
        after = any(r.start <= hit.start < r.end + REFUSAL_NEAR for r in refusals)
        before = any(r.end == length and 0 <= r.start - hit.end < REFUSAL_BEFORE for r in refusals)
        if other and (after or before):
            key = id(hit.payload)
            if key not in payloads:
                payloads[key] = replace(hit.payload, target=other)
            hit = replace(hit, payload=payloads[key])
        out.append(hit)
    return out


def _wished(hits: Sequence[Hit], wish_ends: Sequence[int]) -> frozenset[int]:
    """Start positions of the first topic words after each wish, within `WISH_NEAR` words."""
    starts: set[int] = set()
    for end in wish_ends:
        after = [hit.start for hit in hits if 0 <= hit.start - end < WISH_NEAR]
        if after:
            starts.add(min(after))
    return frozenset(starts)


def _story(hits: Sequence[Hit]) -> frozenset[int]:
    """Positions of the story, not the question: up to `STORY_NEAR` words after a `distant`
    word ("once there was a fire in our hostel") or a `setting` word ("we are in the camp")."""
    return frozenset(
        p
        for hit in hits
        if hit.payload.category in ("distant", "setting")
        for p in range(hit.start, hit.end + STORY_NEAR)
    )


def _area_totals(
    hits: Sequence[Hit],
    length: int = 0,
    wished: Collection[int] = (),
    story: Collection[int] = (),
) -> dict[str, float]:
    """Summed weight per area; a word counts once per area, a repeated word ("camp … camp")
    and a word of a finished story count `LESS`, a hint in a long message `LONG_HINT`."""
    seen: dict[str, set[int]] = defaultdict(set)
    used: dict[str, set[int]] = defaultdict(set)
    totals: dict[str, float] = defaultdict(float)
    ordered = sorted(
        hits,
        key=lambda h: (-(h.end - h.start), -h.payload.weight * h.quality, -h.specificity),
    )
    for hit in ordered:
        positions = range(hit.start, hit.end)
        area = hit.payload.target
        if any(p in used[area] for p in positions):
            continue
        used[area].update(positions)
        late = LATE_BONUS * hit.start / length if length >= LONG_MESSAGE else 0.0
        wish = WISH_BONUS if hit.start in wished else 0.0
        entry = id(hit.payload)  # the same lexicon entry (payloads are made once per entry)
        less = LESS if entry in seen[area] or hit.start in story else 1.0
        if length >= LONG_MESSAGE and hit.payload.weight < 1.0:
            less *= LONG_HINT  # "my daughter" in a life story is no school question
        seen[area].add(entry)
        totals[area] += hit.payload.weight * hit.quality * (1 + late + wish) * less
    return dict(totals)
