"""WARC files (plain, gzip per record or whole-file, zstd with a dictionary) through FastWARC.

FastWARC only frames records here: its HTTP decoding is off (it ends the iteration silently at a
body both chunked and gzipped) and its quirks mode is on (a bad header does not drop the rest of
the file). What a record's block means is decided in newsparse (http.py, records.py).
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import IO, Iterator, NamedTuple

from ..errors import MissingExtraError
from . import tail
from .results import RecordError, RecordInfo
from .stamps import warc_date

EXTRA = "reading web archives needs the 'warc' extra: pip install 'newsparse[warc]'"
# A record's WARC header holds the next record's start when its Content-Length ran past its end.
_NEXT_RECORD = (b"\r\n\r\nWARC/1.0\r\n", b"\r\n\r\nWARC/1.1\r\n")
GZIP_PROBE = 1 << 20  # compressed bytes read to tell one gzip member per record from one per file
GZIP_PROBE_OUT = 1 << 26  # ... and at most this much of them decompressed (the head may be a gzip bomb)
_BAD_HEADER = "malformed record header at offset"


class RawRecord(NamedTuple):
    """One record as framed: its WARC headers (lower-case names) and block."""

    headers: dict[str, str]
    block: bytes
    short: bool  # fewer bytes than its Content-Length: the file ends inside it, or its header lies


def fastwarc():
    """The fastwarc.warc module, or MissingExtraError naming the extra."""
    try:
        from fastwarc import warc
    except ImportError:
        raise MissingExtraError(EXTRA) from None
    return warc


def unbracket(value: str | None) -> str | None:
    """"<urn:uuid:...>" -> "urn:uuid:..." (some crawlers bracket every URI); blank -> None."""
    if value is None:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value or None


def whole_file_gzip(head: bytes) -> bool:
    """True unless the first gzip member ends within the probe and another member follows it.

    Crawlers write one member per record (offsets then point at members, as CDX indexes use);
    `gzip file.warc` makes one member of the whole file, whose records are found by reading it
    decompressed.
    """
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        first = d.decompress(head[:GZIP_PROBE], GZIP_PROBE_OUT)
    except zlib.error:
        return False  # broken from the start: FastWARC says where
    if not d.eof or not d.unused_data:
        return True
    return any(mark in first for mark in _NEXT_RECORD)


Framed = Iterator[tuple[RecordInfo, "RawRecord | RecordError"]]


def frames(source: IO[bytes], name: str | None, kind: str, whole_gzip: bool, limit: int,
           to_the_end: bool = True) -> Framed:
    """Every record of a WARC file with its place, in order; malformed ones as RecordError, and
    the records after them still read. `kind` is what detect() said ("warc", "warc.gz", "warc.zst").
    TO_THE_END False: SOURCE is a range of the file that others follow (spans.py), so bytes after
    its last record are the next range's, not a file cut short."""
    stream = gzip.open(source, "rb") if whole_gzip else source
    iterator = iterate(stream, whole_gzip)
    offset, last, bad_header = 0, None, None
    try:
        for rec in iterator:
            last = rec.stream_pos
            if bad_header:
                yield bad_header
            offset = rec.stream_pos
            bad_header = None
            for info, item in frame(rec, name, limit, source if not whole_gzip else None, kind):
                if isinstance(item, RecordError) and item.reason.startswith(_BAD_HEADER):
                    bad_header = info, item  # the file's last record: a header cut off, said below
                else:
                    yield info, item
        if bad_header:
            yield bad_header[0], RecordError(f"file cut short at offset {offset}: the record's header is incomplete")
        elif not whole_gzip and to_the_end:  # a whole-file gzip cut short raises EOFError instead
            left = _leftover(source, kind, last)
            if left:
                yield RecordInfo(name, left[0], None, None, None, "unknown"), RecordError(left[1])
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # OSError, EOFError, zlib.error, and FastWARC's PanicException (a BaseException)
        yield (RecordInfo(name, offset, None, None, None, "unknown"),
               RecordError(f"file cut short or unreadable after offset {offset}: {one_line(exc)}"))
    finally:
        if whole_gzip:
            stream.close()


def iterate(stream: IO[bytes], whole_gzip: bool = False):
    """FastWARC's iterator over STREAM as newsparse reads it: framing only, quirks on."""
    return fastwarc().ArchiveIterator(stream, parse_http=False, auto_decode="none", quirks_mode=True,
                                      stream_detect=not whole_gzip, fsspec_args=False)


def _leftover(stream: IO[bytes], kind: str, last: int | None) -> tuple[int, str] | None:
    return tail.leftover(stream, kind, last) if stream.seekable() else None


def _swallowed(stream: IO[bytes] | None, kind: str, name: str | None, limit: int, start: int,
               length: int) -> Framed:
    """The record a lying Content-Length ran into, read again from where it really starts (a
    file that can seek only; the reader's own position is left as it was)."""
    if stream is None or not stream.seekable():
        return
    here = stream.tell()
    try:
        at = tail.record_end(stream, kind, start, length if kind == "warc" else None)
        end = tail.record_end(stream, kind, at) if at is not None else None
        if end is None or end - at > limit + (1 << 16):
            return
        stream.seek(at)
        data = stream.read(end - at)
        prefix = tail.dictionary_frame(stream) if kind == "warc.zst" else b""
    except Exception:  # broken beyond reading again: the error says it is lost
        return
    finally:
        stream.seek(here)
    for info, item in frames(io.BytesIO(prefix + data), name, kind, False, limit):
        yield info._replace(offset=at), item


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def frame(rec, name: str | None, limit: int, stream: IO[bytes] | None, kind: str) -> Framed:
    """One FastWARC record as framed: its RawRecord, or a RecordError, then the errors it gave (a
    file cut inside it, a lying Content-Length and the record it swallowed, read again from STREAM)."""
    h = rec.headers
    headers = {k.lower(): v for k, v in h.items()}
    rtype = headers.get("warc-type", "").strip().lower()
    info = RecordInfo(name, rec.stream_pos, unbracket(headers.get("warc-record-id")),
                      warc_date(headers.get("warc-date")), unbracket(headers.get("warc-target-uri")),
                      rtype or "unknown")
    if not rtype or not headers.get("warc-record-id"):
        yield info, RecordError(f"{_BAD_HEADER} {rec.stream_pos}: no WARC-Type or WARC-Record-ID header")
        return
    declared = headers.get("content-length", "").strip()
    if not declared.isdigit():
        yield info, RecordError(f"{_BAD_HEADER} {rec.stream_pos}: no valid Content-Length")
        return
    if int(declared) > limit:
        yield info, RecordError(f"record at offset {rec.stream_pos} is larger than {limit:,} bytes (--max-bytes)")
        return
    block = rec.reader.read()
    overrun = min((i for i in (block.find(m) for m in _NEXT_RECORD) if i != -1), default=-1)
    if overrun != -1:  # Content-Length larger than the record: the next record's start is in the block
        yield info, RawRecord(headers, block[:overrun], True)
        swallowed = list(_swallowed(stream, kind, name, limit, rec.stream_pos, overrun))
        fate = f"read again at offset {swallowed[0][0].offset}" if swallowed else "which is lost"
        yield info, RecordError(f"malformed record at offset {rec.stream_pos}: its Content-Length runs past its end "
                                f"into the next record, {fate}")
        yield from swallowed
        return
    short = len(block) < int(declared)
    yield info, RawRecord(headers, block, short)
    if short:  # a record can only come up short at the end of the file
        yield info, RecordError(f"file cut short at offset {rec.stream_pos}: the record has {len(block):,} "
                          f"of its {int(declared):,} bytes")
