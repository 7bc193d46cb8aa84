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
    end = 0 if last is None else record_end(stream, kind, last)
    if end is None or end >= size:
        return None
    stream.seek(end)
    rest = stream.read(_CHUNK)
    if not rest.strip(b"\r\n\t \x00"):
        return None
    return end, f"file cut short at offset {end}: {size - end:,} bytes after the last record hold no complete record"


def record_end(stream: IO[bytes], kind: str, start: int, length: int | None = None) -> int | None:
    """Where the record at `start` ends: a plain one after its block (`length` bytes, else its
    Content-Length) and CRLF CRLF, a compressed one where its gzip member or zstd frame ends."""
    if kind == "warc":
        return _plain_end(stream, start, length)
    if kind == "warc.gz":
        return _member_end(stream, start, lambda: zlib.decompressobj(16 + zlib.MAX_WBITS))
    return _member_end(stream, start, lambda: _zstd_reader(stream))


def dictionary_frame(stream: IO[bytes]) -> bytes:
    """ArchiveTeam's dictionary frame at the start of a .warc.zst (b"" if there is none)."""
    stream.seek(0)
    head = stream.read(8)
    if len(head) < 8 or struct.unpack("<I", head[:4])[0] != 0x184D2A5D:
        return b""
    return head + stream.read(struct.unpack("<I", head[4:])[0])


def _plain_end(stream: IO[bytes], start: int, length: int | None = None) -> int | None:
    stream.seek(start)
    head = stream.read(_HEADER_LIMIT)
    blank = head.find(b"\r\n\r\n")
    if blank == -1:
        return None
    if length is None:
        declared = _CONTENT_LENGTH.search(head, 0, blank)
        if not declared:
            return None
        length = int(declared.group(1))
    return start + blank + 4 + length + 4


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
    frame = dictionary_frame(stream)
    stream.seek(here)
    if not frame:
        return zstandard.ZstdDecompressor().decompressobj()
    raw = frame[8:]
    if raw[:4] == b"\x28\xb5\x2f\xfd":
        raw = zstandard.ZstdDecompressor().decompress(raw, max_output_size=1 << 27)
    return zstandard.ZstdDecompressor(dict_data=zstandard.ZstdCompressionDict(raw)).decompressobj()
