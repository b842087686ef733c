"""Appointments: read what a counsellor typed, show it to the person, plan the reminder."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

_WHEN = re.compile(
    r"^\s*(?:(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})?|(?P<rel>übermorgen|morgen|heute))"
    r"\s*,?\s*(?:um\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<uhr>uhr)?"
    r"(?=\s|,|;|$)\s*[,;–-]?\s*(?P<place>.*)$",
    re.IGNORECASE | re.DOTALL,
)
RELATIVE_DAYS = {"heute": 0, "morgen": 1, "übermorgen": 2}
# A day and month without a year that passed less than this long ago is a typo or an old date,
# not next year: it is refused as past (on 1 Dec, "30.11." is not 30.11. of next year).
RECENT_PAST = timedelta(days=60)
REMINDER_AT = time(10, 0)
MIN_LEAD = timedelta(hours=12)
EXAMPLE_AHEAD = timedelta(days=7)


def parse_appointment(text: str, zone: str, now: datetime) -> tuple[datetime, str] | None:
    """What a counsellor typed -> (aware datetime in `zone`, place).

    Accepts '28.11.2026 10:30 Ort', '2.12. 14:00' (this year; next year only when the day
    passed more than `RECENT_PAST` ago, else it stays in the past and is refused as such),
    '2.12.2026 14 Uhr' and 'morgen 10:00' / 'heute' / 'übermorgen', counted in `zone`.
    """
    match = _WHEN.match(text)
    if not match or (match["minute"] is None and match["uhr"] is None):
        return None
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    try:
        if match["rel"]:
            day = today + timedelta(days=RELATIVE_DAYS[match["rel"].lower()])
            starts = datetime.combine(day, time(hour, minute), tzinfo=tz)
        else:
            starts = _dated(match, today.year, hour, minute, tz)
            if match["year"] is None and today - starts.date() > RECENT_PAST:
                starts = starts.replace(year=starts.year + 1)
    except ValueError:
        return None
    return starts, match["place"].strip()


def without_year(text: str) -> bool:
    """The counsellor wrote a day and month but no year ('30.11. 10:00')."""
    match = _WHEN.match(text)
    return bool(match and match["day"] and match["year"] is None)


def next_year(starts: datetime) -> str:
    """The same day and time a year later, in the typed form ('30.11.2027 10:00')."""
    try:
        later = starts.replace(year=starts.year + 1)
    except ValueError:  # 29 February
        later = starts.replace(year=starts.year + 1, day=28)
    return f"{later:%d.%m.%Y %H:%M}"


def example(now: datetime, zone: str) -> str:
    """A date a week ahead in the typed form, for prompts: never a day in the past."""
    day = (now.astimezone(ZoneInfo(zone)) + EXAMPLE_AHEAD).date()
    return f"{day:%d.%m.%Y} 10:30"


def _dated(match: re.Match[str], this_year: int, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    year = int(match["year"]) if match["year"] else this_year
    year = year + 2000 if year < 100 else year
    return datetime(year, int(match["month"]), int(match["day"]), hour, minute, tzinfo=tz)


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
