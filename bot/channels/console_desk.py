"""The counsellor's side in the terminal chat: lines starting with '@' act on a request.

    @übernehmen WG-7K3F            claim (without a number: the request last named or the newest)
    @frage WG-7K3F Haben Sie …     write to the person
    @korrektur WG-7K3F …           correct the last message to the person
    @termin WG-7K3F 2.12. 14:00 Ort
    @abschließen WG-7K3F           close

In the terminal the person at the keyboard is also the counsellor of every office (there is no
group to check membership in); the answers a counsellor would get are printed as they would be.
"""

from __future__ import annotations

from dataclasses import replace

from bot.deploy import DeployConfig, OfficeChannel
from bot.handoff.reference import find_reference
from bot.handoff.service import Actor, HandoffService, Outcome

PREFIX = "@"
TERMINAL_COUNSELLOR = Actor(1, "Terminal")
USAGE = "@übernehmen, @frage, @korrektur, @termin, @abschließen – jeweils mit WG-Nummer"


def with_terminal_counsellor(config: DeployConfig, offices: list[str]) -> DeployConfig:
    """The deployment config with the terminal user as counsellor of every office."""
    channels = {
        office: replace(
            # nothing leaves the terminal: an office without config shows the full summary
            config.offices.get(office, OfficeChannel(notify="full")),
            counsellors=config.office(office).counsellors | {TERMINAL_COUNSELLOR.id},
        )
        for office in offices
    }
    return replace(config, offices=channels)


class ConsoleDesk:
    """Without a WG- number, a line acts on the request last named, else the person's newest."""

    def __init__(self, handoff: HandoffService, user: str) -> None:
        self._handoff = handoff
        self._user = user
        self._last: str | None = None

    async def handle(self, line: str) -> str:
        """Carry out one '@' line; returns what the counsellor would be told (German)."""
        command, _, rest = line.removeprefix(PREFIX).strip().partition(" ")
        first, _, text = rest.strip().partition(" ")
        ref = find_reference(first) if first.upper().startswith("WG-") else None
        if ref is None and first.upper().startswith("WG-"):
            return self._handoff.content.staff_text("unknown_request")
        if ref is None:
            text, ref = rest, self._last or await self._newest()
        if ref is None:
            return USAGE
        self._last = ref
        outcome = await self._act(command.lower(), ref, text.strip())
        return outcome.message if outcome else USAGE

    async def _newest(self) -> str | None:
        requests = await self._handoff.store.requests_of(self._user)
        return requests[-1].ref if requests else None

    async def _act(self, command: str, ref: str, text: str) -> Outcome | None:
        handoff, actor = self._handoff, TERMINAL_COUNSELLOR
        if command in ("übernehmen", "claim"):
            return await handoff.act(ref, "claim", actor)
        if command in ("abschließen", "close"):
            return await handoff.act(ref, "close", actor)
        if command in ("frage", "ask"):
            return await handoff.relay_to_person(ref, actor, text)
        if command in ("korrektur", "correct"):
            return await handoff.correct(ref, actor, text)
        if command in ("termin", "propose"):
            return await handoff.propose(ref, actor, text)
        return None
