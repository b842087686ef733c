"""Appointments: read what a counsellor typed, show it to the person, plan the reminder."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

_WHEN = re.compile(
    r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*,?\s+(\d{1,2})[:.](\d{2})\s*(?:uhr)?\s*[,;–-]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
REMINDER_AT = time(10, 0)
MIN_LEAD = timedelta(hours=12)


def parse_appointment(text: str, zone: str) -> tuple[datetime, str] | None:
    """'28.11.2026 10:30 Beratungsstelle Pirna' -> (aware datetime, place)."""
    match = _WHEN.match(text)
    if not match:
        return None
    day, month, year, hour, minute = (int(g) for g in match.groups()[:5])
    year = year + 2000 if year < 100 else year
    try:
        starts = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))
    except ValueError:
        return None
    return starts, match.group(6).strip()


def shown_date(starts: datetime, language: str) -> str:
    return format_date(starts.date(), format="full", locale=language)


def shown_time(starts: datetime, language: str) -> str:
    return format_time(starts.timetz(), format="short", locale=language)


def reminder_due(starts: datetime, now: datetime) -> datetime | None:
    """10:00 local time the day before; sooner if that passed; none if the appointment is close."""
    if starts - now < MIN_LEAD:
        return None
    day_before = datetime.combine(
        starts.date() - timedelta(days=1), REMINDER_AT, tzinfo=starts.tzinfo
    )
    return max(day_before, now)
