"""Matching typed text against the choices the bot just offered.

People type a button's label instead of pressing it, often with typos, in another script's
keyboard, a single keyword of a longer label, the German label they saw on a letter, or just
"yes". A typed number picks the option at that position ("2", "٢", "²", "②").

The options are compiled once (`compile_options`) into normalised forms; the engine caches the
compiled index with the content, so a message costs one normalisation and one rapidfuzz matrix.
A form is a label, a short label, a staff synonym or a yes/no word. Negation is respected:
"very urgent" never picks "not very urgent", "not urgent" never picks "very urgent"; a word
never matches its own negation however close the letters ("میخوام" is not "نمیخوام", "згоден"
not "незгоден"); a negation turns around only the answer it stands by ("صبح نه بعد از ظهر":
not morning, afternoon). "I don't know" and "maybe" are neither yes nor no. Number words and
ordinals pick the option at that position like digits ("zwei", "друге", "the second one",
"№2", "2-й", "دوم", "الثاني").
The best option must be clearly better than the runner-up; two close ones are returned as
candidates so that the engine can ask "did you mean A or B?".
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.process import extract

from bot.understand.normalize import normalize
from bot.understand.tokens import arabic_variants, script_of, squeeze, tokenize

MIN_SCORE = 75.0
MIN_MARGIN = 10.0
_TOKEN_MATCH = 85.0
_OTHER_ENDING = 2  # letters a verb's ending may differ by ("بفرستین" / "نفرستید")
_MIN_CONTAINED = 3  # a form shorter than this must be typed alone (or as the first word)
_VERB_CLAUSE_WORDS = 6  # "mornings don't work for me": a negated verb turns its clause around
_NEGATION_REACH = 3  # a negation word turns around this many words after it
_NEGATION_PENALTY = 45.0
_BREAKS = ",;.!?؟،:"  # the marks that end a clause
CLAUSE_BREAK = re.compile(f"[{_BREAKS}]+")
_CLAUSE_AND_MARKS = re.compile(f"([^{_BREAKS}]*)([{_BREAKS}]*)")  # a clause, then its marks
MAX_TYPED_WORDS = 40
MAX_CANDIDATES = 3
_EXACT = 100.0
# Another option that fits other typed words this well makes the answer ambiguous
# ("Wohnen oder Arbeit").
_OTHER_ANSWER = 70.0
_SHORT_ANSWER = 3  # at most this many words for a `yes_short` / `no_short` word to answer
_NOTHING: frozenset[int] = frozenset()
_FIVE_LETTERS = 5  # a word this short differs from another by one letter in a fifth of it
_UNKNOWN_WORDS = 5  # "والله ما بعرف شو اختار": "I don't know" said in a few words
QUESTION_MARKS = ("?", "؟")  # a typed question is never a yes or a no ("wirklich?", «ايه؟»)
_CLOSE_LETTERS = 60.0  # a whole message this close to a form is checked for opposite meaning
_MAX_NUMBER_WORDS = 5  # "die zweite bitte", "the second one please"
_DIGIT_RUN = re.compile(r"\d+")
NUMBER_SIDE = 0.5  # "vor 12" is 11.5 and "nach 12" 12.5 for a choice's `between` range


@dataclass(frozen=True)
class AnswerWords:
    """Words for yes and no, and negation words, normalised; any language."""

    yes: frozenset[str] = frozenset()
    no: frozenset[str] = frozenset()
    # "I want" / "I don't want": yes or no only in a message of at most _SHORT_ANSWER words
    yes_short: frozenset[str] = frozenset()
    no_short: frozenset[str] = frozenset()
    negation: frozenset[str] = frozenset()
    negation_prefixes: tuple[str, ...] = ()
    negation_after: frozenset[str] = frozenset()  # turns the word before around ("فوری نیست")
    yes_symbols: frozenset[str] = frozenset()
    no_symbols: frozenset[str] = frozenset()
    filler: frozenset[str] = frozenset()
    # negation words that count only for people who write that language ("ne" in Latin
    # letters is Russian "не", but German "eine"): (language, words)
    negation_by_language: tuple[tuple[str, frozenset[str]], ...] = ()
    # negations glued to the front of a word: "ن" makes "میخوام" (I want) "نمیخوام"
    glued_negations: tuple[str, ...] = ()
    # verb prefixes a glued negation takes the place of: Persian "ب" ("بفرست" send,
    # "نفرست" don't send)
    negation_replaces: tuple[str, ...] = ()
    unknown: frozenset[str] = frozenset()  # "I don't know", "maybe": neither yes nor no
    later: frozenset[str] = frozenset()  # "später", "بعدين": a yes for later is no yes now
    # number words and ordinals -> the number ("zwei", "друге", "دوم"), and the words around
    # a number that say nothing ("Nummer 2", "the second one", "2-й")
    numbers: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    number_filler: frozenset[str] = frozenset()
    # right before a number: "vor 12" is earlier, "nach 14" later than the number
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()

    @functools.cached_property
    def _glued_firsts(self) -> frozenset[str]:
        """First letters of the glued negations (most word pairs start with none of them)."""
        return frozenset(prefix[:1] for prefix in self.glued_negations)

    def number_side(self, before_number: Sequence[str]) -> float:
        """How a number is meant, from the words typed right before it (normalised tokens):
        -`NUMBER_SIDE` after a `before` word ("vor 12", "до 12", "قبل از ۱۲"), +`NUMBER_SIDE`
        after an `after` word ("nach 14 Uhr", "після 14", "بعد ۲"), else 0."""
        for tail in (" ".join(before_number[-2:]), " ".join(before_number[-1:])):
            if tail in self.before:
                return -NUMBER_SIDE
            if tail in self.after:
                return NUMBER_SIDE
        return 0.0

    def for_language(self, language: str) -> AnswerWords:
        """These words with the negation words of `language` added."""
        extra = frozenset().union(*(w for lang, w in self.negation_by_language if lang == language))
        return dataclasses.replace(self, negation=self.negation | extra) if extra else self

    def negates(self, word: str) -> bool:
        return (
            word in self.negation
            or word in self.negation_after
            or any(
                word.startswith(prefix) and len(word) > len(prefix) + 1
                for prefix in self.negation_prefixes
            )
        )

    def denies(self, word: str) -> bool:
        """A negation word, or a glued negation standing alone (Arabic «ما» in «ما عندي»)."""
        return self.negates(word) or word in self.glued_negations

    def opposite(self, typed: str, known: str) -> bool:
        """`typed` and `known` differ by a negation glued to the front of one of them, so that
        close letters mean the opposite ("میخوام"/"نمیخوام", "sicher"/"unsicher")."""
        if typed == known or not (
            typed[:1] in self._glued_firsts or known[:1] in self._glued_firsts
        ):
            return False  # neither starts like a glued negation: no prefix to compare
        for prefix in self.glued_negations:
            for negated, other in ((typed, known), (known, typed)):
                if (
                    negated.startswith(prefix)
                    and not other.startswith(prefix)
                    and len(negated) > len(prefix)
                    and self._same_stem(negated[len(prefix) :], other)
                ):
                    return True
        return False

    def _same_stem(self, stem: str, other: str) -> bool:
        """`other` is `stem` (what follows a glued negation) alone or after a prefix the
        negation takes the place of ("فرست" in "بفرست"), also with another ending of up to two
        letters ("بفرستین" / "نفرستید")."""
        if fuzz.ratio(stem, other) >= _TOKEN_MATCH:
            return True
        for replaced in self.negation_replaces:
            rest = other[len(replaced) :]
            if not other.startswith(replaced) or len(rest) < _MIN_CONTAINED:
                continue
            same_start = _same_start(stem, rest)
            if same_start >= min(len(stem), len(rest)) - _OTHER_ENDING:
                return True
        return False

    @functools.cached_property
    def _unknown_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(phrase.split()) for phrase in self.unknown)

    def mentions_unknown(self, typed_words: Sequence[str]) -> bool:
        """An "I don't know" phrase among the normalised `typed_words` ("والله ما بعرف شو
        اختار", "ich weiß nicht, was ich wählen soll")."""
        return any(_holds(typed_words, phrase) for phrase in self._unknown_phrases)

    def says_unknown(self, typed: str) -> bool:
        """The whole normalised message says "I don't know" or "maybe"."""
        return typed in self.unknown or typed.replace(" ", "") in self.unknown


NO_WORDS = AnswerWords()


@dataclass(frozen=True)
class Form:
    """One way to say an option: its normalised text and words, and whether it is negated."""

    text: str
    words: tuple[str, ...]
    negated: bool
    content: tuple[str, ...]  # the words that say which answer is meant (no filler)
    negations: tuple[str, ...] = ()  # its negation words
    short: bool = False  # counts only in a short message ("میخوام", not "I need a Kita place")


@dataclass(frozen=True)
class ChoiceMatch:
    """`chosen` when one option is clearly meant; else up to three close `candidates`."""

    chosen: str | None = None
    candidates: tuple[str, ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class ChoiceIndex:
    """Compiled options: ids in the order shown, their forms, and the word vocabulary."""

    ids: tuple[str, ...]
    forms: tuple[tuple[Form, ...], ...]
    symbols: Mapping[str, str]  # raw symbol (👍) -> option id
    words: AnswerWords = NO_WORDS
    vocabulary: tuple[str, ...] = ()
    # vocabulary index -> the form words it stands for (a word or an Arabic clitic variant)
    stands_for: tuple[str, ...] = ()
    # option index -> the options that say "not" it ("Nicht so dringend" says not "dringend")
    opposites: tuple[tuple[int, ...], ...] = ()
    kinds: tuple[str | None, ...] = ()  # option index -> 'yes', 'no' or None

    @functools.cached_property
    def _unknown_options(self) -> tuple[int, ...]:
        """The options one of whose forms says "I don't know" ("Keine Papiere / weiß nicht"):
        "ما بعرف", also in a few more words ("والله ما بعرف شو"), picks such an option when it
        is the only one."""
        return tuple(
            index
            for index, forms in enumerate(self.forms)
            if any(self.words.mentions_unknown(form.words) for form in forms)
        )

    def match(self, text: str) -> ChoiceMatch:
        """What the typed `text` picks among the options."""
        raw = text.strip()
        if raw in self.symbols:
            return ChoiceMatch(self.symbols[raw], score=100.0)
        all_words = tokenize(normalize(raw))
        typed_words = all_words[:MAX_TYPED_WORDS]
        if not typed_words or not self.ids:
            return ChoiceMatch()
        number = typed_number(typed_words)
        if number is not None:
            chosen = self.ids[number - 1] if 1 <= number <= len(self.ids) else None
            return ChoiceMatch(chosen, score=100.0)
        # digits set apart only add words: a longer message says no number
        few = len(all_words) <= _MAX_NUMBER_WORDS
        spoken = spoken_number(raw, self.words) if few else None
        if spoken is not None and 1 <= spoken[0] <= len(self.ids) and not self._names(spoken[1]):
            return ChoiceMatch(self.ids[spoken[0] - 1], score=100.0)
        found = _word_matches(self, typed_words)
        owners = _owners(self.forms, found)
        clause_ends = _clause_ends(raw, len(typed_words), len(all_words))
        negated = _negated_positions(typed_words, self.words, clause_ends, owners)
        content = frozenset(
            i for i, w in enumerate(typed_words) if not _filler(w, self.words)
        ) or frozenset(range(len(typed_words)))
        typed = " ".join(typed_words)
        unknown = self.words.says_unknown(typed)
        asked = _asked_positions(raw, len(typed_words))
        later = not self.words.later.isdisjoint(typed_words)
        if len(self._unknown_options) == 1 and (
            unknown
            or (len(typed_words) <= _UNKNOWN_WORDS and self.words.mentions_unknown(typed_words))
        ):
            return ChoiceMatch(self.ids[self._unknown_options[0]], score=100.0)
        typed_negates = any(self.words.negates(w) for w in typed_words)
        rows: list[tuple[float, frozenset[int]]] = []
        turned: dict[int, float] = {}  # option -> how well "not <one of its forms>" was typed
        for index, forms in enumerate(self.forms):
            if unknown and self.kinds and self.kinds[index]:
                rows.append((0.0, frozenset()))  # "не знаю" is neither yes nor no
                continue
            yes_or_no = bool(self.kinds and self.kinds[index])
            scores = [
                _form_score(
                    typed,
                    typed_words,
                    f,
                    found,
                    negated,
                    content,
                    typed_negates,
                    self.words,
                    words_only=yes_or_no,
                )
                for f in forms
            ]
            if self.kinds and self.kinds[index] == "yes" and later:
                rows.append((0.0, frozenset()))  # "später schicken": not now, ask again
                continue
            if yes_or_no and asked:
                # "what?", "да?", «ايه؟», "are you sure?": a yes or no word in a question
                # answers nothing ("так, підходить, а можна з дитиною?" still says yes)
                scores = [(0.0, u) if u and u <= asked else (sc, u) for sc, u in scores]
            rows.append(
                (
                    max((score for score, _ in scores), default=0.0),
                    # words that say "not" this option are no words for it ("صبح نه")
                    frozenset().union(
                        *(
                            used - negated if not f.negated else used
                            for f, (_, used) in zip(forms, scores, strict=True)
                        )
                    ),
                )
            )
            for form, (score, used) in zip(forms, scores, strict=True):
                if not form.negated and used and all(p in negated for p in used & content):
                    for other in self.opposites[index] if self.opposites else ():
                        turned[other] = max(turned.get(other, 0.0), score + _NEGATION_PENALTY)
        ranked: list[tuple[float, int, str, frozenset[int]]] = [
            (max(score, turned.get(index, 0.0)), -index, choice_id, used)
            for index, (choice_id, (score, used)) in enumerate(zip(self.ids, rows, strict=True))
        ]
        ranked.sort(key=lambda row: (row[0], row[1]), reverse=True)
        ranked = _widest_first(ranked)
        best, _, best_id, best_used = ranked[0]
        if best < MIN_SCORE:
            return ChoiceMatch()
        if best >= _EXACT and (len(ranked) == 1 or ranked[1][0] < _EXACT):
            return ChoiceMatch(best_id, score=best)  # a whole label typed as it is shown
        close = [
            choice_id
            for score, _, choice_id, used in ranked[1:MAX_CANDIDATES]
            # an option whose typed words are only some of the best one's is no rival
            # ("كردي كرمانجي": "كردي" names both Kurdish options, "كرمانجي" only one)
            if (best - score < MIN_MARGIN and not used < best_used)
            or (score >= _OTHER_ANSWER and used & content and not used <= best_used)
        ]
        if not close:
            return ChoiceMatch(best_id, score=best)
        return ChoiceMatch(candidates=(best_id, *close), score=best)

    def _names(self, word: str) -> bool:
        """The number word is a whole label or synonym of an option ("Zwei", "drei Kinder" has
        other words): no number then. A word inside a label ("هر دو", both) is still a number."""
        return not word.isdigit() and any(
            word == form.text for forms in self.forms for form in forms
        )


def _widest_first(
    ranked: list[tuple[float, int, str, frozenset[int]]],
) -> list[tuple[float, int, str, frozenset[int]]]:
    """`ranked` with a close option that explains more of the typed words than the best one
    put first ("دكتورة نسائية": the gynaecologist, not the doctor that "دكتورة" names alone)."""
    best, _, _, best_used = ranked[0]
    wider = [
        row
        for row in ranked[1:MAX_CANDIDATES]
        if best - row[0] < MIN_MARGIN and best_used and best_used < row[3]
    ]
    if not wider:
        return ranked
    chosen = max(wider, key=lambda row: (len(row[3]), row[0]))
    return [chosen, *(row for row in ranked if row is not chosen)]


def typed_number(words: Sequence[str]) -> int | None:
    """The number a person typed alone ("2", "2)", "٢", "²", "②"), else None."""
    if len(words) != 1 or not words[0].isdigit() or len(words[0]) > 3:
        return None
    try:
        return int("".join(str(unicodedata.digit(ch)) for ch in words[0]))
    except (TypeError, ValueError):
        return None


def spoken_number(raw: str, words: AnswerWords) -> tuple[int, str] | None:
    """The number a person wrote in words or as an ordinal, alone or with words that say
    nothing around it ("zwei", "die zweite", "Nummer 2", "2nd", "№2", "2-й", "друге",
    "the second one", "دوم", "الثاني"), and the word that says it; else None."""
    if not words.numbers:
        return None
    # digits apart from letters, so that "2nd" is not read as Arabizi ("2" = hamza)
    pieces = tokenize(normalize(_DIGIT_RUN.sub(lambda m: f" {m.group()} ", raw)))
    if not pieces or len(pieces) > _MAX_NUMBER_WORDS:
        return None
    said = [w for w in pieces if w not in words.number_filler]
    if not said:  # "one", "number one": a filler word that is a number word itself
        said = [w for w in pieces if w in words.numbers or w.isdigit()]
    if len(said) != 1:
        return None
    word = said[0]
    if word.isdigit():
        return (int(word), word) if len(word) <= 2 else None
    number = words.numbers.get(word)
    return (number, word) if number is not None else None


def answer_kind(choice_id: str) -> str | None:
    """'yes' or 'no' when the option is a yes/no answer ("handoff.consent.yes", "delete.no")."""
    parts = choice_id.split(".")
    if "yes" in parts or parts[-1] in ("send", "confirm"):
        return "yes"
    if "no" in parts or parts[-1] == "change":  # "Stimmt alles?" – "nein": change something
        return "no"
    return None


def compile_options(
    options: Sequence[tuple[str, Sequence[str]]], words: AnswerWords = NO_WORDS
) -> ChoiceIndex:
    """Normalise every form of every option once (labels, short labels, synonyms, yes/no)."""
    ids: list[str] = []
    all_forms: list[tuple[Form, ...]] = []
    symbols: dict[str, str] = {}
    for choice_id, labels in options:
        kind = answer_kind(choice_id)
        extra: Iterable[str] = ()
        only_short: frozenset[str] = frozenset()
        if kind == "yes":
            extra, only_short = words.yes, words.yes_short
            symbols.update(dict.fromkeys(words.yes_symbols, choice_id))
        elif kind == "no":
            extra, only_short = words.no, words.no_short
            symbols.update(dict.fromkeys(words.no_symbols, choice_id))
        forms: dict[str, Form] = {}
        for label in (*labels, *extra, *only_short):
            form_words = tuple(tokenize(normalize(label)))
            if not form_words:
                if label.strip():
                    symbols.setdefault(label.strip(), choice_id)
                continue
            text = " ".join(form_words)
            # in an option's own words a glued negation standing alone is one: «ما عندي كرت»
            negations = tuple(w for w in form_words if words.denies(w))
            negated = bool(negations)
            content = tuple(w for w in form_words if not _filler(w, words)) or form_words
            short = label in only_short and label not in extra and label not in labels
            forms.setdefault(text, Form(text, form_words, negated, content, negations, short))
        ids.append(choice_id)
        all_forms.append(tuple(forms.values()))
    vocabulary: list[str] = []
    stands_for: list[str] = []
    for form_set in all_forms:
        for form in form_set:
            for word in form.words:
                for variant in _with_variants(word):
                    vocabulary.append(variant)
                    stands_for.append(word)
    return ChoiceIndex(
        tuple(ids),
        tuple(all_forms),
        symbols,
        words,
        tuple(vocabulary),
        tuple(stands_for),
        _opposites(all_forms),
        tuple(answer_kind(choice_id) for choice_id in ids),
    )


def _opposites(all_forms: Sequence[tuple[Form, ...]]) -> tuple[tuple[int, ...], ...]:
    """For each option, the other options with a negated form of one of its forms: "Nicht so
    dringend" is the opposite of "dringend", so a typed "ne srochno" (only "srochno" known, in
    Latin letters) picks it."""
    result: list[tuple[int, ...]] = []
    for index, forms in enumerate(all_forms):
        positive = [set(form.content) for form in forms if not form.negated]
        result.append(
            tuple(
                other
                for other, other_forms in enumerate(all_forms)
                if other != index
                and any(
                    form.negated and form.content and any(set(form.content) <= p for p in positive)
                    for form in other_forms
                )
            )
        )
    return tuple(result)


def match_choice(
    text: str, options: Sequence[tuple[str, Sequence[str]]], words: AnswerWords = NO_WORDS
) -> str | None:
    """The id of the option `text` means, or None when no option is clearly meant."""
    return compile_options(options, words).match(text).chosen


def _with_variants(word: str) -> list[str]:
    out = [word]
    if script_of(word) == "arabic":
        out.extend(arabic_variants(word))
    squeezed = squeeze(word)
    if squeezed != word:
        out.append(squeezed)
    return out


def _word_matches(index: ChoiceIndex, typed_words: Sequence[str]) -> dict[str, set[int]]:
    """Form word -> positions of the typed words that match it (fuzzy, with variants)."""
    found: dict[str, set[int]] = {}
    if not index.vocabulary:
        return found
    queries: list[str] = []
    positions: list[int] = []
    for position, word in enumerate(typed_words):
        for variant in _with_variants(word):
            queries.append(variant)
            positions.append(position)
    for query, position in zip(queries, positions, strict=True):
        hits = extract(
            query, index.vocabulary, scorer=fuzz.ratio, score_cutoff=_TOKEN_MATCH, limit=None
        )
        for target, _, col in hits:
            short = min(len(query), len(target)) < _MIN_CONTAINED + 1
            if short and query != target:
                continue  # "in" is not "im", "ja" is not "jo"
            meant = index.stands_for[col]
            typed_word = typed_words[position]
            if query != target and (query != typed_word or target != meant):
                continue  # a word without its clitics counts only as it is: "الصبح" (morning)
                # is not "الصح", "الصحة" (health) cut short
            if not index.words.negates(typed_word) and index.words.opposite(typed_word, meant):
                # "میخوام" is one letter from "نمیخوام" and "نفرست" from "بفرستید" and mean
                # the opposite; a typed negation ("ندارم" for "دارم") is found and turns its
                # word around
                continue
            if _negation_in_front(query, meant, index.words):
                continue  # "eine" is one letter from "keine" and means the opposite
            if _other_word_negated(typed_word, meant, index.words):
                continue  # "نمیشه" (it doesn't work) is one letter from "همیشه" (always)
            found.setdefault(meant, set()).add(position)
    return found


def _holds(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """`phrase` stands in `words` as a whole, in order ("لا اعرف" in "لا اوراق لدي لا اعرف")."""
    size = len(phrase)
    return any(tuple(words[i : i + size]) == tuple(phrase) for i in range(len(words) - size + 1))


def _same_start(first: str, second: str) -> int:
    """How many letters `first` and `second` share at their start ("فرستيد", "فرستين": 5)."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _other_word_negated(typed: str, known: str, words: AnswerWords) -> bool:
    """`typed` is a negation that is not `known`, nor `known` negated, only close in letters:
    a negation counts as a word of an option only as its own word or its opposite ("ندارم"
    for "دارم")."""
    if typed == known or not words.negates(typed) or words.negates(known):
        return False
    prefixes = (*words.glued_negations, *words.negation_prefixes)
    stems = {typed[len(p) :] for p in prefixes if typed.startswith(p)}
    owns = {known, *(known[len(r) :] for r in words.negation_replaces if known.startswith(r))}
    return not stems & owns


def _negation_in_front(typed: str, known: str, words: AnswerWords) -> bool:
    """One of the two is a negation word that is the other with letters in front ("keine" /
    "eine", "kein" / "ein"): close letters, opposite meaning. A negation typed with a letter
    missing at its end ("ندار" for "ندارم") is still that negation."""
    for negation, other in ((typed, known), (known, typed)):
        if (
            len(negation) > len(other)
            and negation.endswith(other)
            and words.negates(negation)
            and not words.negates(other)
        ):
            return True
    return False


def _owners(
    all_forms: Sequence[tuple[Form, ...]], found: Mapping[str, set[int]]
) -> dict[int, frozenset[int]]:
    """Typed word position -> the options whose words it matched."""
    owners: dict[int, set[int]] = {}
    for index, forms in enumerate(all_forms):
        for form in forms:
            for word in form.content:
                for position in found.get(word, ()):
                    owners.setdefault(position, set()).add(index)
    return {position: frozenset(options) for position, options in owners.items()}


def _negated_positions(
    typed_words: Sequence[str],
    words: AnswerWords,
    clause_ends: Sequence[int] = (),
    owners: Mapping[int, frozenset[int]] | None = None,
) -> frozenset[int]:
    """Positions of typed words that a negation word turns around, within its clause: in
    "нет, срочно" the "нет" answers no to something else. A negation before words reaches
    the words of the first option it meets, not a second one ("not morning afternoon"); one
    that stands right after an option's word turns that word around and nothing after it
    ("صبح نه بعد از ظهر": not morning, afternoon)."""
    owners = owners or {}
    negated: set[int] = set()
    ends = sorted(clause_ends) or [len(typed_words)]
    for position, word in enumerate(typed_words):
        end = next((e for e in ends if e > position), len(typed_words))
        start = max((e for e in ends if e <= position), default=0)
        if word in words.negation_after and position > start:
            negated.add(position - 1)
            if owners.get(position - 1):
                negated.add(position)
                continue
        if not words.negates(word):
            continue
        negated.add(position)
        first: frozenset[int] | None = None
        for after in range(position + 1, min(position + _NEGATION_REACH + 1, end)):
            meant = owners.get(after)
            if meant and first is not None and not meant & first:
                break
            first = first if first is not None or not meant else meant
            negated.add(after)
    return frozenset(negated | _verb_negated(typed_words, words, ends, owners, negated))


def _verb_negated(
    typed_words: Sequence[str],
    words: AnswerWords,
    ends: Sequence[int],
    owners: Mapping[int, frozenset[int]],
    negated: set[int],
) -> set[int]:
    """Option words in a clause whose negation turns around no option word: the negation
    belongs to the verb and the verb to the option ("morgens kann ich nicht", "утром не
    могу", «زنگ نزنید»: not in the morning, no call). A negation that is itself an option's
    word ("nein" of "Nein, danke") is an answer, not such a verb. Only in a short clause: in a
    longer one the negation may belong to anything else that is said."""
    out: set[int] = set()
    start = 0
    for end in ends:
        clause = range(start, end)
        start = end
        if len(clause) > _VERB_CLAUSE_WORDS:
            continue
        negations = [
            p
            for p in clause
            if not owners.get(p)
            and (words.negates(typed_words[p]) or typed_words[p] in words.negation_after)
        ]
        if not negations or any(owners.get(p) for p in clause if p in negated):
            continue
        out.update(p for p in clause if owners.get(p))
    return out


def _asked_positions(raw: str, count: int) -> frozenset[int]:
    """Positions of the first `count` typed words that stand in a clause ending with a
    question mark ("ja? was passiert dann" -> {0}); none when the clauses cannot be counted."""
    if not any(mark in raw for mark in QUESTION_MARKS):
        return frozenset()
    asked: set[int] = set()
    position = 0
    for clause, mark in _CLAUSE_AND_MARKS.findall(raw):
        size = len(tokenize(normalize(clause)))
        if any(m in mark for m in QUESTION_MARKS):
            asked.update(range(position, position + size))
        position += size
    return frozenset(p for p in asked if p < count)


def _clause_ends(raw: str, count: int, total_words: int) -> list[int]:
    """Word positions where a clause ends (after a comma, full stop …); none when the clauses
    do not add up to the `count` typed words (`total_words`: all words of `raw`)."""
    if not CLAUSE_BREAK.search(raw):
        return [total_words] if total_words == count else []  # one clause
    ends: list[int] = []
    total = 0
    for clause in CLAUSE_BREAK.split(raw):
        total += len(tokenize(normalize(clause)))
        ends.append(total)
    return ends if total == count else []


def _filler(word: str, words: AnswerWords) -> bool:
    return word in words.filler or words.negates(word)


def _form_score(
    typed: str,
    typed_words: Sequence[str],
    form: Form,
    found: Mapping[str, set[int]],
    negated: frozenset[int],
    content: frozenset[int],
    typed_negates: bool = False,
    words: AnswerWords = NO_WORDS,
    *,
    words_only: bool = False,
) -> tuple[float, frozenset[int]]:
    """How well the typed words fit one form, 0..100 (a negation mismatch costs a lot),
    and the positions of the typed words it used. `typed_negates`: a typed word negates.
    `words_only` (yes and no: delete, consent, send): only a form with a typed word of its own
    (a typo of a word included) counts, never the whole message's letters alone ("what" is not
    "want", "Ware" not "aware", "Wirklich" not "will ich")."""
    if form.short and len(typed_words) > _SHORT_ANSWER:
        return 0.0, frozenset()
    hits = [found[word] for word in form.content if word in found]
    used = frozenset().union(*hits) if hits else _NOTHING
    if typed == form.text:
        return 100.0, used
    # negated typed words, or the form's own negation word typed (also with a typo: "nich")
    typed_negated = not negated.isdisjoint(used) or any(w in found for w in form.negations)
    polarity = _NEGATION_PENALTY if typed_negated != form.negated else 0.0
    if words_only and not hits:
        return 0.0, used
    score = fuzz.ratio(typed, form.text)
    if len(typed_words) == 1 and len(form.words) == 1 and len(typed) <= _FIVE_LETTERS:
        # one short word against one: a typo or nothing ("الصبح", morning, is not "الصحه")
        score = score if score >= _TOKEN_MATCH else 0.0
    if (
        score >= _CLOSE_LETTERS
        and not polarity
        and (
            (typed_negates or typed_negated) != form.negated
            or any(words.opposite(t, f) for t in typed_words for f in form.words)
        )
    ):
        score -= _NEGATION_PENALTY  # the letters are close, the meaning opposite: "نمیخوام"
    if len(form.text) >= _MIN_CONTAINED and f" {form.text} " in f" {typed} ":
        score = max(score, 95.0)
    elif len(form.words) == 1 and typed_words[0] == form.text and len(typed_words) <= 4:
        score = max(score, 90.0)  # "да, согласен", "ja gerne", "نه ممنون"
    if len(typed) >= 3 and form.text.startswith(typed) and len(typed) * 2 >= len(form.text):
        score = max(score, 90.0)
    matched = len(hits)
    if matched:
        covered = len(used & content) / len(content)
        if matched == len(form.content):
            score = max(score, 90.0 if covered == 1 else 82.0)
        else:
            score = max(score, 55.0 + 25.0 * matched / len(form.content) + 20.0 * covered)
    return score - polarity, used
