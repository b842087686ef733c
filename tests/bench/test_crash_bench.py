"""The crash test in small: the real `python -m bot telegram`, killed with SIGKILL a few times
while people make counsellor requests, loses nothing and rewinds nobody (polling and webhook).

A message whose first copy went out less than a second before a kill may come twice: delivery
to Telegram is at least once (no API can tell whether a send before the crash arrived). Those
are printed by `python -m bot.bench.crash` and left out here; every other repeat fails."""

from __future__ import annotations

import pytest

from bot.bench import crash

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_kills_lose_and_double_nothing(mode: str) -> None:
    args = crash.parser().parse_args(
        ["--mode", mode, "--people", "6", "--kills", "3", "--seed", "7", "--step-timeout", "90"]
    )
    counts, people, bot, _ = await crash.run(args)
    assert bot.kills == 3
    assert all(person.reference for person in people), [p.stuck for p in people]
    assert counts.not_in_group == []
    assert counts.posted_twice == []
    assert counts.rewound == []
    assert [w for w in counts.answered_wrongly if "in flight" not in w[2]] == []
