"""ARC files (the Internet Archive's format before WARC), plain or gzipped, through warcio.

FastWARC reads no ARC; warcio does, and is asked only to frame records (no HTTP parsing), so
the blocks go through the same HTTP handling as a WARC's.
"""

from __future__ import annotations

from typing import IO

from ..errors import MissingExtraError
from .results import RecordError, RecordInfo
from .stamps import warc_date
from .warc import EXTRA, Framed, RawRecord, one_line


def frames(stream: IO[bytes], name: str | None, limit: int) -> Framed:
    """Every record of an ARC file but its filedesc header, as "response" records."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise MissingExtraError(EXTRA) from None
    iterator = ArchiveIterator(stream, no_record_parse=True)
    offset = 0
    try:
        for rec in iterator:
            declared = rec.length or 0
            # Read the block before asking for the offset: warcio finds the offset by reading to the end.
            block = rec.raw_stream.read(limit + 1)
            offset = iterator.get_record_offset()
            if rec.rec_type == "arc_header":
                continue
            info = RecordInfo(name, offset, None, warc_date(rec.rec_headers.get_header("archive-date")),
                              rec.rec_headers.get_header("uri"), "response")
            if declared > limit or len(block) > limit:
                yield info, RecordError(f"record at offset {offset} is larger than {limit:,} bytes (--max-bytes)")
                continue
            headers = {"content-type": rec.rec_headers.get_header("content-type") or ""}
            yield info, RawRecord(headers, block, len(block) < declared)
            if len(block) < declared:
                yield info, RecordError(f"file cut short at offset {offset}: the record has {len(block):,} "
                                        f"of its {declared:,} bytes")
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, ValueError... on a broken file
        yield (RecordInfo(name, offset, None, None, None, "unknown"),
               RecordError(f"file cut short or unreadable after offset {offset}: {one_line(exc)}"))
