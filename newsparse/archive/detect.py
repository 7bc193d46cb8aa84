"""Which web archive format a file is, from its first bytes (names lie: a .gz may be a page)."""

from __future__ import annotations

import re
import struct
import zlib

HEAD_BYTES = 4096  # enough for every test below
FORMATS = ("warc", "warc.gz", "warc.zst", "arc", "arc.gz", "wacz")

_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"
# An ARC record opens with "URL IP date mime length" (a file with its filedesc:// record).
_ARC = re.compile(rb"[a-z][a-z0-9+.-]*://\S* \S+ \d{14} \S+ \d+\r?\n", re.I)
_WACZ_PARTS = (b"archive/", b"datapackage.json", b"datapackage-digest.json", b"pages/", b"indexes/")


def _skippable(head: bytes) -> bool:
    """A zstd skippable frame (magic 0x184D2A50-5F): ArchiveTeam's dictionary frame is 0x184D2A5D."""
    return len(head) >= 4 and struct.unpack("<I", head[:4])[0] & 0xFFFFFFF0 == 0x184D2A50


def _zstd(head: bytes) -> str | None:
    """A zstd frame without a dictionary says what it holds; one that needs a dictionary is a WARC's."""
    try:
        import zstandard
    except ImportError:
        return "warc.zst"
    try:
        inner = zstandard.ZstdDecompressor().decompressobj().decompress(head)
    except zstandard.ZstdError:
        return "warc.zst"
    return "warc.zst" if inner.startswith(b"WARC/") else None


def _plain(head: bytes) -> str | None:
    if head.startswith(b"WARC/"):
        return "warc"
    if _ARC.match(head):
        return "arc"
    return None


def detect(head: bytes) -> str | None:
    """'warc', 'warc.gz', 'warc.zst', 'arc', 'arc.gz', 'wacz', or None for anything else.

    `head` is the file's first bytes (HEAD_BYTES is enough). A zstd file is taken for a WARC:
    the records of the only zstd archives in use cannot be read without the dictionary anyway.
    """
    found = _plain(head)
    if found:
        return found
    if head.startswith(_GZIP):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return None
        found = _plain(inner)
        return f"{found}.gz" if found else None
    if _skippable(head):
        return "warc.zst"
    if head.startswith(_ZSTD):
        return _zstd(head)
    if head.startswith(b"PK\x03\x04") and len(head) >= 30:
        name_len = struct.unpack("<H", head[26:28])[0]
        name = head[30:30 + name_len]
        if name.startswith(_WACZ_PARTS):
            return "wacz"
    return None
