"""After the last record: bytes that FastWARC stopped at without a word.

FastWARC ends its iteration quietly when a file is cut inside a record's first header line or
inside a gzip or zstd member's header. The end of the last record it gave is found here (its
Content-Length, or the end of its compressed member), and whatever non-blank bytes follow are
reported: a file cut short is never a silent early end.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import IO

_CONTENT_LENGTH = re.compile(rb"\ncontent-length:[ \t]*(\d+)", re.I)
_HEADER_LIMIT = 1 << 16
_CHUNK = 1 << 16


def leftover(stream: IO[bytes], kind: str, last: int | None) -> tuple[int, str] | None:
    """(offset, one-line reason) if bytes after the record at offset `last` hold no record that was read."""
    size = stream.seek(0, 2)
    if last is None:
        end = 0
    elif kind == "warc":
        end = _plain_end(stream, last)
    elif kind == "warc.gz":
        end = _member_end(stream, last, lambda: zlib.decompressobj(16 + zlib.MAX_WBITS))
    else:
        end = _member_end(stream, last, lambda: _zstd_reader(stream))
    if end is None or end >= size:
        return None
    stream.seek(end)
    rest = stream.read(_CHUNK)
    if not rest.strip(b"\r\n\t \x00"):
        return None
    return end, f"file cut short at offset {end}: {size - end:,} bytes after the last record hold no complete record"


def _plain_end(stream: IO[bytes], start: int) -> int | None:
    stream.seek(start)
    head = stream.read(_HEADER_LIMIT)
    blank = head.find(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(head, 0, blank) if blank != -1 else None
    if not length:
        return None
    return start + blank + 4 + int(length.group(1)) + 4


def _member_end(stream: IO[bytes], start: int, decompressor) -> int | None:
    """Where the compressed member (gzip or zstd frame) that starts at `start` ends."""
    stream.seek(start)
    d = decompressor()
    if d is None:
        return None
    fed = 0
    try:
        while not d.eof:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return None  # the member itself is cut: FastWARC gave what it had, flagged short
            fed += len(chunk)
            d.decompress(chunk)  # at most one record's worth: the reader held it already
    except Exception:  # a broken member: reported by the reader already
        return None
    return start + fed - len(d.unused_data)


def _zstd_reader(stream: IO[bytes]):
    """A zstd decompressor with the file's dictionary (ArchiveTeam's first, skippable frame)."""
    import zstandard

    here = stream.tell()
    stream.seek(0)
    head = stream.read(8)
    zdict = None
    if len(head) == 8 and struct.unpack("<I", head[:4])[0] == 0x184D2A5D:
        raw = stream.read(struct.unpack("<I", head[4:])[0])
        if raw[:4] == b"\x28\xb5\x2f\xfd":
            raw = zstandard.ZstdDecompressor().decompress(raw, max_output_size=1 << 27)
        zdict = zstandard.ZstdCompressionDict(raw)
    stream.seek(here)
    return (zstandard.ZstdDecompressor(dict_data=zdict) if zdict else zstandard.ZstdDecompressor()).decompressobj()
