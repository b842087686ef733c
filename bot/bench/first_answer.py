"""How often the words that open a topic also answer its first question (`bot.engine.first_answer`).

`python -m bot.bench.first_answer [SET.tsv …]` (default: every set in `tests/understand/`):
for each message without an emergency that the understanding takes to one life area, whether
the first question of that area's flow is clearly answered by the same words, and which choice
is taken how often. Read the list: every line is a question the person is no longer asked.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from bot.bench.recorded import load_content
from bot.engine import actions
from bot.engine.first_answer import clear_choice


def measure(paths: list[Path]) -> tuple[int, Counter[str]]:
    """(messages that open one topic, choice id -> how many of them answer it)."""
    content = load_content().current
    understanding = content.understanding
    assert understanding is not None, "the content has no understanding lexicons"
    opened = 0
    taken: Counter[str] = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t"):
                text, language = row["text"], row["language"]
                found = understanding.understand(text, language)
                if row.get("emergency") or found.area is None or found.unsure:
                    continue
                opened += 1
                flow = actions.HANDOFF_FLOW if found.area == "human" else found.area

                chosen = clear_choice(content, flow, text, language)
                if chosen:
                    taken[chosen] += 1
    return opened, taken


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or sorted(Path("tests/understand").glob("*.tsv"))
    opened, taken = measure(paths)
    print(f"sets: {len(paths)}; messages that open one topic: {opened}")
    print(f"their words answer its first question: {sum(taken.values())}")
    for choice_id, count in taken.most_common():
        print(f"  {count:4d}  {choice_id}")


if __name__ == "__main__":
    main()
