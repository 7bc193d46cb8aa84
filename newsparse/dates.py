"""Dates two ways: normalised to UTC for programs, written out for people.

A page states its dates in its own zone ("2024-04-28T10:00:00+03:00"); `published`
and `updated` keep them so. Programs comparing pages need one zone: `utc` gives the
same instant as "2024-04-28T07:00:00Z", and nothing for a date without a zone,
whose instant is unknown (a guess would be wrong by hours for half the services).
People read "28 April 2024, 10:00 +03:00" (`for_reader`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# The zone at the end of an ISO 8601 time: Z, or an offset (+03:00, +0300, +03).
_ZONE = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)


def _moment(value: str | None) -> datetime | None:
    """The datetime of an ISO 8601 date or date-time; None when it is not one."""
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def utc(value: str | None) -> str | None:
    """The instant of `value` in UTC, "YYYY-MM-DDTHH:MM:SSZ" (fractions of a second dropped);
    None when `value` states no zone or offset, or is no ISO 8601 date-time."""
    if not value or not _ZONE.search(value):
        return None
    moment = _moment(value)
    if moment is None or moment.tzinfo is None:
        return None
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # at the ends of year 1 and year 9999: outside what UTC can be written in
        return None
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
            f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z")


def _offset(moment: datetime) -> str:
    """The offset of an aware datetime as "+03:00", "-04:30"."""
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def for_reader(value: str | None) -> str | None:
    """The date as a reader writes it: "28 April 2024", "28 April 2024, 03:00",
    "28 April 2024, 03:00 -04:00", "28 April 2024, 07:00 UTC" (a Z). A value that is not
    ISO 8601 is given back as it is."""
    if not value:
        return None
    moment = _moment(value)
    if moment is None:
        return value
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if "T" not in value.upper() and " " not in value.strip():
        return day
    time = f"{moment.hour:02d}:{moment.minute:02d}"
    if moment.tzinfo is None:
        return f"{day}, {time}"
    zone = "UTC" if value.upper().endswith("Z") else _offset(moment)
    return f"{day}, {time} {zone}"
