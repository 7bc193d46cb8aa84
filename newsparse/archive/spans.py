"""Where one WARC can be cut so that several workers read it: record-offset ranges.

Only files whose records start at offsets a reader can seek to: plain WARC and WARC with one gzip
member per record. Whole-file gzip, zstd (one dictionary, frames that need it), ARC and WACZ are
read from the start by one reader. The scan frames the records as `frames` does (FastWARC, quirks
on, each record's block read and checked) and parses no page; a range starts only at a record that
follows a cleanly framed one, so every range's reader is in the state the whole file's reader
would be in there, and the records of the ranges, in order, are the whole file's records.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterator
from typing import IO, NamedTuple

from . import warc
from .detect import HEAD_BYTES, detect
from .records import classified
from .results import RecordError

SPLITTABLE = ("warc", "warc.gz")


class Span(NamedTuple):
    """Bytes [start, end) of an archive of KIND ("warc", "warc.gz"); `last` when the range runs to
    the file's end."""

    start: int
    end: int
    last: bool
    kind: str


class _Window(io.RawIOBase):
    """Bytes [start, end) of a file, at their own offsets: tell() and seek() are the file's, and
    the end of the range is an end of file (FastWARC's offsets then are the whole file's)."""

    def __init__(self, fh: IO[bytes], start: int, end: int):
        self._fh, self._start, self._end = fh, start, end
        fh.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._fh.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._fh.tell()
        elif whence == 2:
            offset += self._end
        return self._fh.seek(min(max(offset, self._start), self._end))

    def readinto(self, buffer) -> int:
        left = self._end - self._fh.tell()
        if left <= 0:
            return 0
        view = memoryview(buffer)[:left]
        return self._fh.readinto(view)


def splittable(path: str) -> str | None:
    """The kind of the archive at PATH ("warc" or "warc.gz") if its records can be reached by
    offset, else None (not an archive, or one only read from the start)."""
    with open(path, "rb") as fh:
        head = fh.read(warc.GZIP_PROBE)
    kind = detect(head[:HEAD_BYTES])
    if kind not in SPLITTABLE or (kind == "warc.gz" and warc.whole_file_gzip(head)):
        return None
    return kind


def record_starts(path: str, kind: str, limit: int, stop=lambda: False) -> Iterator[int]:
    """Offsets at which a range may start: each record's that follows a record framed without an
    error. Ends quietly where the file cannot be read on (its last range then holds the rest),
    or when STOP() turns true (a Ctrl-C while a large file is scanned)."""
    with open(path, "rb") as fh:
        clean = False
        try:
            for rec in warc.iterate(fh):
                if stop():
                    return
                if clean:
                    yield rec.stream_pos
                clean = all(not isinstance(item, RecordError)
                            for _, item in warc.frame(rec, path, limit, fh, kind))
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException:  # what `frames` reports as a file cut short: no range after it
            return


def spans(path: str, kind: str, parts: int, limit: int, stop=lambda: False) -> list[Span]:
    """PATH cut into at most PARTS ranges of about equal bytes, each starting at a record start;
    one Span (the whole file) when it cannot be cut. The scan reads up to the last cut only, and
    ends early when STOP() turns true (the ranges found so far, the last one to the file's end)."""
    size = os.path.getsize(path)
    cuts: list[int] = []
    if parts > 1:
        targets = iter(size * k // parts for k in range(1, parts))
        target = next(targets)
        for offset in record_starts(path, kind, limit, stop):
            while target is not None and offset >= target:
                if not cuts or offset > cuts[-1]:
                    cuts.append(offset)
                target = next(targets, None)
            if target is None:
                break
    bounds = [0, *cuts, size]
    return [Span(a, b, b == size, kind) for a, b in itertools.pairwise(bounds)]


def payloads_in(path: str, span: Span, limit: int):
    """payloads() of the records in SPAN of the archive at PATH, at their offsets in the whole file."""
    with open(path, "rb") as fh:
        window = _Window(fh, span.start, span.end)
        yield from classified(warc.frames(window, path, span.kind, False, limit, to_the_end=span.last), limit)

