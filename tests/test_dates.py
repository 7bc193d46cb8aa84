"""published_utc / updated_utc and the reader's date: newsparse.dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse.dates import for_reader, utc


@pytest.mark.parametrize("value,expected", [
    ("2024-04-28T10:00:00+03:00", "2024-04-28T07:00:00Z"),
    ("2024-04-28T03:00-04:00", "2024-04-28T07:00:00Z"),
    ("2024-04-28T07:00Z", "2024-04-28T07:00:00Z"),
    ("2024-04-28T07:00:00.750Z", "2024-04-28T07:00:00Z"),
    ("2024-04-28T01:30+0530", "2024-04-27T20:00:00Z"),
    ("2024-01-01T02:00:00+03:00", "2023-12-31T23:00:00Z"),
    ("2024-04-28T07:00", None),  # no zone: the instant is unknown
    ("2024-04-28", None),
    ("28.04.2024", None),
    ("", None),
    (None, None),
    ("9999-12-31T23:59-05:00", None),  # past the last instant UTC can be written in
])
def test_utc(value, expected):
    assert utc(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("2024-04-28T03:00:00-04:00", "28 April 2024, 03:00 -04:00"),
    ("2024-04-28T07:00:00Z", "28 April 2024, 07:00 UTC"),
    ("2024-04-28T12:10", "28 April 2024, 12:10"),
    ("2024-04-28", "28 April 2024"),
    ("2024-06-15T18:30:00+03:30", "15 June 2024, 18:30 +03:30"),
    ("yesterday", "yesterday"),
    (None, None),
])
def test_for_reader(value, expected):
    assert for_reader(value) == expected


moments = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30))
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@given(moments, offsets)
def test_utc_is_the_same_instant_whatever_the_offset(moment, zone):
    stated = moment.replace(microsecond=0, tzinfo=zone)
    normalised = utc(stated.isoformat())
    assert normalised.endswith("Z") and len(normalised) == 20
    assert datetime.fromisoformat(normalised) == stated


@given(moments, offsets)
def test_utc_agrees_with_and_without_a_colon_in_the_offset(moment, zone):
    stated = moment.replace(microsecond=0, tzinfo=zone).isoformat()
    compact = stated[:-3] + stated[-2:]  # +03:00 -> +0300
    assert utc(compact) == utc(stated)


@given(moments)
def test_no_zone_no_utc(moment):
    assert utc(moment.replace(microsecond=0).isoformat()) is None


@given(moments, offsets)
def test_reader_date_keeps_the_stated_offset(moment, zone):
    stated = moment.replace(microsecond=0, tzinfo=zone)
    written = for_reader(stated.isoformat())
    assert written.startswith(f"{stated.day} ")
    assert written.endswith(stated.isoformat()[-6:])
