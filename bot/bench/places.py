"""Which messages of the labelled and blind sets name a place, and by which words.

`python -m bot.bench.places [SET.tsv …]` (default: every set in `tests/understand/`). None of
these messages answers the place question, so every place found in one that names no town is
a wrong answer the bot would save if it were typed at "Wo wohnen Sie?". Printed: the messages,
how many name a place by the index (`bot.understand.places`), and each word found only by its
consonants or as a typo (not written as a listed name) with how often: read that list, and
put common words among them into `not_places` of `knowledge/typed/places.yaml`.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from bot.bench.recorded import load_content
from bot.understand.places import PlaceIndex


def measure(index: PlaceIndex, paths: list[Path]) -> tuple[int, int, Counter[tuple[str, str]]]:
    """(messages, messages naming a place, (word, place ids joined by "+") -> how often a word
    not listed as a name was taken for a place)."""
    messages = named = 0
    loose: Counter[tuple[str, str]] = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t"):
                messages += 1
                if index.find(row["text"]):
                    named += 1
                for word, ids in index.loose_words(row["text"]):
                    loose[(word, "+".join(sorted(ids)))] += 1
    return messages, named, loose


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or sorted(Path("tests/understand").glob("*.tsv"))
    typed = load_content().current.typed
    assert typed is not None, "the content has no knowledge/typed/places.yaml"
    messages, named, loose = measure(typed.places, paths)
    print(f"sets: {len(paths)}; messages: {messages}; naming a place: {named}")
    print("words taken for a place without being a listed name (word, place, messages):")
    for (word, ids), count in loose.most_common():
        print(f"  {count:4d}  {word}  {ids}")


if __name__ == "__main__":
    main()
