"""What reading an archive yields for each record: its place, and a payload, a skip or an error.

All of them are plain named tuples of str/int/bytes, so they pickle (Dask, Spark, a process pool)
and compare equal when they say the same thing.
"""

from __future__ import annotations

from typing import NamedTuple

# Why a record holds no page, one fixed word each, so a batch report can count them.
SKIP_REASONS = (
    "warcinfo",      # the archive's own description
    "request",       # what the crawler sent
    "metadata",      # crawler notes (outlinks, fetch times)
    "revisit",       # "same as an earlier capture": no body of its own
    "continuation",  # the rest of a segmented record (not reassembled)
    "other type",    # any other WARC-Type
    "not 200",       # an HTTP status other than 200 (404 pages, redirects)
    "not HTML",      # images, scripts, PDFs: neither HTML nor a text dump
    "not a page",    # HTML by its label, but nothing newsparse can read in it (empty, binary)
)


class RecordInfo(NamedTuple):
    """Where a record is and what its headers say (angle brackets around URIs stripped)."""

    file: str | None  # the archive's path (WACZ: "x.wacz#archive/data.warc.gz"); None for a stream
    offset: int  # where the record starts in the file (whole-file gzip: in the decompressed stream)
    record_id: str | None  # WARC-Record-ID (ARC records have none)
    date: str | None  # WARC-Date (ARC: the record's date) as ISO 8601 UTC
    target_uri: str | None  # WARC-Target-URI (ARC: the record's URL)
    type: str  # WARC-Type; ARC records are "response"


class Skipped(NamedTuple):
    """A record that holds no page; `reason` is one of SKIP_REASONS."""

    reason: str


class RecordError(NamedTuple):
    """A record that could not be read; `reason` is one line naming the offset."""

    reason: str


class Payload(NamedTuple):
    """A record's page: the HTTP body de-chunked and decoded, with what the headers said of it."""

    info: RecordInfo
    data: bytes
    url: str | None  # the address the page was fetched from (the original's, for a Wayback capture)
    truncated: bool  # WARC-Truncated, a record shorter than its Content-Length, or a body cut short
    charset: str | None  # from the HTTP Content-Type header
