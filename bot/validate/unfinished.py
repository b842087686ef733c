"""No text a person sees may be a placeholder ("wird vom Team ergänzt", "TODO").

Staff who do not know an address yet must leave it out (and keep `status: example` on the
entry); a placeholder sentence would tell a person in need that nobody has done the work.
"""

from __future__ import annotations

import re

from bot.content.model import Content
from bot.content.problems import Problem
from bot.content.texts import content_texts

UNFINISHED = re.compile(
    r"(vom Team|später) ergänzt|wird ergänzt|werden ergänzt|folgt in Kürze|\bTODO\b|\bTBD\b|"
    r"\bFIXME\b|\bXXX\b|lorem ipsum|\?\?\?",
    re.IGNORECASE,
)


def check_unfinished(content: Content) -> list[Problem]:
    """An error for every shown text (German or translated) and office detail with a placeholder."""
    problems = []
    seen: set[str] = set()
    for located in content_texts(content):
        source = located.text.source
        if source in seen:
            continue
        seen.add(source)
        for language in content.languages:
            shown = content.catalogs.translate(source, language)[0]
            found = UNFINISHED.search(shown)
            if found:
                problems.append(
                    Problem(
                        located.file,
                        located.text.line,
                        f"[{language}] text contains the placeholder '{found.group(0)}'; "
                        "people must never see it — write what is known or leave the detail out",
                        node=located.node,
                    )
                )
                break
    for office in content.offices.values():
        for key, value in office.details.items():
            found = UNFINISHED.search(value)
            if found:
                problems.append(
                    Problem(
                        office.file,
                        office.line,
                        f"office '{office.id}': '{key}' is the placeholder '{found.group(0)}'; "
                        "leave it out until the team knows it",
                    )
                )
    return problems
