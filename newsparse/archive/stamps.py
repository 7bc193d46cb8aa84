"""Archive dates as one form, ISO 8601 UTC to the second ("2024-03-05T06:07:08Z")."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from ..wayback import timestamp14

_DIGITS = re.compile(r"\d{4,14}")


def warc_date(value: str | None) -> str | None:
    """A WARC-Date (W3C-ISO8601, any precision, "Z" or an offset) in UTC; None if it is no date."""
    if not value:
        return None
    value = value.strip()
    if _DIGITS.fullmatch(value):  # ARC dates, Wayback timestamps
        return timestamp14(value)
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:  # the WARC standard says UTC
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
