"""How often the words that open a topic also answer its first question (`bot.engine.first_answer`).

`python -m bot.bench.first_answer [SET.tsv …]` (default: every set in `tests/understand/`):
for each message without an emergency or a doubtful topic, whether the same words clearly
answer the first question of the flow they open (the area's own, or the one other flow whose
first question they name), and which choice is taken how often. Read the list: every line is a question the person is no longer asked.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from bot.bench.recorded import load_content
from bot.engine import actions
from bot.engine.first_answer import clear_choice, flow_for_words


def measure(paths: list[Path]) -> tuple[int, Counter[str]]:
    """(messages without an emergency, choice id -> how many of them answer it), as the engine
    decides: the area's own flow first, else the one other flow whose first question the words
    clearly answer (also for messages of no life area)."""
    content = load_content().current
    understanding = content.understanding
    assert understanding is not None, "the content has no understanding lexicons"
    messages = 0
    taken: Counter[str] = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t"):
                text, language = row["text"], row["language"]
                found = understanding.understand(text, language)
                if row.get("emergency") or found.unsure:
                    continue
                messages += 1
                area = found.area
                own = (actions.HANDOFF_FLOW if area == "human" else area) if area else None
                chosen = clear_choice(content, own, text, language) if own else None
                named = None if chosen else flow_for_words(content, area, text, language)
                if named:
                    chosen = clear_choice(content, named, text, language)
                if chosen:
                    taken[chosen] += 1
    return messages, taken


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or sorted(Path("tests/understand").glob("*.tsv"))
    messages, taken = measure(paths)
    print(f"sets: {len(paths)}; messages without an emergency or a doubtful topic: {messages}")
    print(f"their words answer a topic's first question: {sum(taken.values())}")
    for choice_id, count in taken.most_common():
        print(f"  {count:4d}  {choice_id}")


if __name__ == "__main__":
    main()
