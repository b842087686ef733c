"""The deployment config file (WEGWEISER_CONFIG): counsellor groups per office, languages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.content.problems import ContentError
from bot.content.yamlsrc import LinedDict, load_yaml
from bot.i18n.catalogs import DEFAULT_FALLBACK
from bot.settings import SettingsError

DEFAULT_TIMEZONE = "Europe/Berlin"
# Closed, cancelled and deleted requests and idle conversations are kept 30 days: long enough
# for a follow-up question after an appointment, short enough that little waits to be stolen
# (KDG data minimisation; peers such as JugendNotmail delete chats within hours).
DEFAULT_RETENTION_DAYS = 30
NOTIFY_MODES = ("minimal", "full")


@dataclass(frozen=True)
class OfficeChannel:
    """Where an office's counsellors get requests, and who may act on them."""

    telegram_group: int | None = None
    forum: bool = False
    counsellors: frozenset[int] = frozenset()
    anonymous_admins: bool = False  # anonymous group admins may act as counsellors
    # What the group is told: "minimal" (reference, place, urgency, desk link; no personal
    # data leaves the server) or "full" (the whole summary with buttons, as before the desk).
    notify: str = "minimal"


@dataclass(frozen=True)
class DeployConfig:
    offices: dict[str, OfficeChannel] = field(default_factory=dict)
    fallback: tuple[str, ...] = DEFAULT_FALLBACK
    timezone: str = DEFAULT_TIMEZONE
    retention_days: int = DEFAULT_RETENTION_DAYS
    moves: dict[int, int] = field(default_factory=dict)  # old group id -> its supergroup
    desk_url: str = ""  # public address of the counsellor desk, linked from minimal posts

    def office(self, office_id: str) -> OfficeChannel:
        return self.offices.get(office_id, OfficeChannel())

    def office_of_group(self, chat_id: int) -> str | None:
        return next((o for o, c in self.offices.items() if c.telegram_group == chat_id), None)

    def move_group(self, old: int, new: int) -> str | None:
        """A counsellor group became a supergroup (Telegram's `migrate_to_chat_id`): from now
        on the office's requests go to `new`. Returns the office, or None for another group.
        The live view of the groups changes in place; the caller also stores the move."""
        self.moves[old] = new
        office = self.office_of_group(old)
        if office is not None:
            self.offices[office] = replace(self.offices[office], telegram_group=new)
        return office or self.office_of_group(new)

    def current_group(self, chat_id: int) -> int:
        """Where a group lives now (after any number of moves)."""
        seen = {chat_id}
        while chat_id in self.moves and self.moves[chat_id] not in seen:
            chat_id = self.moves[chat_id]
            seen.add(chat_id)
        return chat_id

    @property
    def groups(self) -> frozenset[int]:
        return frozenset(
            c.telegram_group for c in self.offices.values() if c.telegram_group is not None
        )


def load_deploy_config(path: Path | None) -> DeployConfig:
    if path is None:
        return DeployConfig()
    try:
        raw = load_yaml(path, str(path))
    except ContentError as exc:
        raise SettingsError(f"WEGWEISER_CONFIG: {exc}") from None
    if raw is None:
        return DeployConfig()
    if not isinstance(raw, LinedDict):
        raise SettingsError(f"WEGWEISER_CONFIG: {path}:1: expected a mapping with 'offices'")
    return DeployConfig(
        offices=_offices(raw, path),
        fallback=tuple(str(x) for x in raw.get("fallback_languages", DEFAULT_FALLBACK)),
        timezone=str(raw.get("timezone", DEFAULT_TIMEZONE)),
        retention_days=_retention(raw, path),
        desk_url=str(raw.get("desk_url", "")).rstrip("/"),
    )


def _retention(raw: LinedDict, path: Path) -> int:
    value = raw.get("retention_days", DEFAULT_RETENTION_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        line = raw.line_of("retention_days")
        raise SettingsError(
            f"WEGWEISER_CONFIG: {path}:{line}: retention_days must be a whole number of days, e.g. 30"
        )
    return value


def _offices(raw: LinedDict, path: Path) -> dict[str, OfficeChannel]:
    offices = raw.get("offices") or {}
    if not isinstance(offices, LinedDict):
        raise SettingsError(
            f"WEGWEISER_CONFIG: {path}:{raw.line_of('offices')}: 'offices' must be a mapping"
        )
    result = {}
    for office_id, body in offices.items():
        line = offices.line_of(office_id)
        if not isinstance(body, LinedDict):
            raise SettingsError(
                f"WEGWEISER_CONFIG: {path}:{line}: office '{office_id}' must be a mapping"
            )
        group = body.get("telegram_group")
        counsellors = body.get("counsellors") or []
        if group is not None and not isinstance(group, int):
            raise SettingsError(
                f"WEGWEISER_CONFIG: {path}:{body.line_of('telegram_group')}: telegram_group must be a number like -1001234567890"
            )
        if not isinstance(counsellors, list) or not all(isinstance(c, int) for c in counsellors):
            raise SettingsError(
                f"WEGWEISER_CONFIG: {path}:{body.line_of('counsellors')}: counsellors must be a list of Telegram user ids (numbers)"
            )
        result[str(office_id)] = OfficeChannel(
            group,
            body.get("forum") is True,
            frozenset(counsellors),
            anonymous_admins=body.get("anonymous_admins") is True,
            notify=_notify(body, path),
        )
    return result


def _notify(body: LinedDict, path: Path) -> str:
    value = body.get("notify", "minimal")
    if value not in NOTIFY_MODES:
        raise SettingsError(
            f"WEGWEISER_CONFIG: {path}:{body.line_of('notify')}: notify must be minimal or full"
        )
    return str(value)
