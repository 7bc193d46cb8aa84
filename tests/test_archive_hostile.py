"""Hostile archives: whatever the bytes, records() yields results or raises one NewsparseError."""

from __future__ import annotations

import io
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsparse
from newsparse import archive
from newsparse.archive import RecordError, RecordInfo, Skipped

import warcbuild as wb
from conftest import FIXTURES

pytest.importorskip("fastwarc")

BOUNDED = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PAGE = (FIXTURES / "rferl-no-byline.html").read_bytes()
RECORDS = [wb.warcinfo(), wb.record("request", wb.http_request("https://www.rferl.org/a/1.html"), n=1),
           wb.response(PAGE, n=2, chunk=300, encoding="gzip"), wb.response(b"<html><p>x</p></html>", n=3, status=404),
           wb.response(PAGE, n=4)]
ARCHIVES = [wb.warc(RECORDS), wb.warc(RECORDS, "gzip"), wb.warc(RECORDS, "whole-gzip"),
            wb.arc([("https://www.rferl.org/a/1.html", wb.http_response(PAGE, chunk=100))]),
            wb.wacz(wb.warc(RECORDS[:3], "gzip"))]


def outcomes(data: bytes) -> list:
    """Every result, checked for shape; NotAnArchiveError (a file that is none) is the only raise."""
    try:
        got = list(archive.records(io.BytesIO(data), max_bytes=1 << 20))
    except newsparse.NotAnArchiveError as exc:
        assert str(exc)
        return []
    for info, result in got:
        assert isinstance(info, RecordInfo) and isinstance(info.offset, int)
        assert isinstance(result, (newsparse.Article, Skipped, RecordError))
        if isinstance(result, Skipped):
            assert result.reason in archive.SKIP_REASONS
        if isinstance(result, RecordError):
            assert "\n" not in result.reason and "offset" in result.reason
    assert pickle.loads(pickle.dumps(got)) == got
    return got


@BOUNDED
@given(st.sampled_from(ARCHIVES), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=30))
def test_flipped_bytes(data, flips):
    buf = bytearray(data)
    for where, value in flips:
        buf[int(where * (len(buf) - 1))] = value
    outcomes(bytes(buf))


@BOUNDED
@given(st.sampled_from(ARCHIVES), st.floats(0, 1))
def test_cut_anywhere_is_reported(data, where):
    cut = data[: int(where * len(data))]
    got = outcomes(cut)
    if got and len(cut) < len(data) and data is not ARCHIVES[-1]:  # a zip cut short is no zip
        assert any(isinstance(r, RecordError) and "cut short" in r.reason for _, r in got) or \
            len(cut) >= len(data) - 4, got[-3:]


@BOUNDED
@given(st.sampled_from(ARCHIVES), st.binary(max_size=64), st.floats(0, 1))
def test_inserted_junk(data, junk, where):
    at = int(where * len(data))
    outcomes(data[:at] + junk + data[at:])
