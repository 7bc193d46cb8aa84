"""The HTTP response inside a WARC or ARC record: status, headers, and the body as the page's bytes.

Done here, not by the WARC reader: readers that de-chunk and decode on their own stop silently at a
body that is both chunked and gzipped, and a crawler's record may end before its body does. This
module takes what is there, says whether it was all there (`truncated`), and never holds more than
`limit` decoded bytes (a gzip bomb in a record stops here).
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

from ..errors import InputTooLargeError, MissingExtraError
from ..load import too_large

_STATUS = re.compile(rb"HTTP/\d(?:\.\d)?\s+(\d{3})")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)


class Response(NamedTuple):
    status: int | None  # None: the block is not an HTTP response (a resource record's plain payload)
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes


class BodyError(Exception):
    """The body cannot be decoded at all (a "gzip" body that is not gzip): the record is malformed."""


def split(block: bytes) -> Response:
    """Status line and headers (CRLF or bare-LF line ends, as some crawlers write) off the body."""
    status = _STATUS.match(block)
    if not status:
        return Response(None, {}, block)
    crlf, lf = block.find(b"\r\n\r\n"), block.find(b"\n\n")
    if crlf != -1 and (lf == -1 or crlf < lf):
        head, body = block[:crlf], block[crlf + 4:]
    elif lf != -1:
        head, body = block[:lf], block[lf + 2:]
    else:  # headers only, cut before the blank line
        head, body = block, b""
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").splitlines()[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            continue
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Response(int(status.group(1)), headers, body)


def media_type(content_type: str | None) -> str:
    """"text/html; charset=UTF-8" -> "text/html"."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset(content_type: str | None) -> str | None:
    """The charset a Content-Type header names, as written (decoding validates it)."""
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def dechunk(body: bytes) -> tuple[bytes, bool]:
    """The body of a chunked transfer, and whether it ended before its last (zero) chunk."""
    out, pos, size = [], 0, len(body)
    while pos < size:
        eol = body.find(b"\n", pos)
        if eol == -1:
            return b"".join(out), True
        line = body[pos:eol].split(b";", 1)[0].strip()
        try:
            n = int(line, 16)
        except ValueError:
            if not out:  # "chunked" but not: a proxy that forgot to drop the header
                return body, False
            return b"".join(out), True
        if n == 0:
            return b"".join(out), False
        start = eol + 1
        out.append(body[start:start + n])
        if start + n > size:
            return b"".join(out), True
        pos = start + n
        if body[pos:pos + 2] == b"\r\n":
            pos += 2
        elif body[pos:pos + 1] == b"\n":
            pos += 1
    return b"".join(out), True


def _inflate(data: bytes, wbits: int, limit: int) -> tuple[bytes, bool]:
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise InputTooLargeError(too_large("a record's body decompresses to more", limit))
    return out, not d.eof


def _unbrotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    try:
        import brotli  # the `warc` extra: Brotli
    except ImportError:
        raise MissingExtraError("a br body needs Brotli, in the 'warc' extra: pip install 'newsparse[warc]'") from None

    d = brotli.Decompressor()
    out = d.process(data, output_buffer_limit=limit + 1)
    if len(out) > limit:
        raise InputTooLargeError(too_large("a record's body decompresses to more", limit))
    return out, not d.is_finished()


def _unzstd(data: bytes, limit: int) -> tuple[bytes, bool]:
    import zstandard

    d = zstandard.ZstdDecompressor().decompressobj()
    out = d.decompress(data[: limit + 1])
    if len(out) > limit:
        raise InputTooLargeError(too_large("a record's body decompresses to more", limit))
    return out, not d.eof


def decode(body: bytes, coding: str, limit: int) -> tuple[bytes, bool]:
    """Undo one Content-Encoding; returns the bytes and whether the encoded stream was cut short.

    A body that breaks at its first byte was never encoded as labelled (servers do mislabel):
    it is kept as it is if it is not itself compressed data, else BodyError.
    """
    coding = coding.strip().lower()
    try:
        if coding in ("gzip", "x-gzip"):
            return _inflate(body, 16 + zlib.MAX_WBITS, limit)
        if coding == "deflate":  # the zlib format, or raw deflate from servers that misread the RFC
            try:
                return _inflate(body, zlib.MAX_WBITS, limit)
            except zlib.error:
                return _inflate(body, -zlib.MAX_WBITS, limit)
        if coding == "br":
            return _unbrotli(body, limit)
        if coding == "zstd":
            return _unzstd(body, limit)
    except (InputTooLargeError, MissingExtraError):
        raise
    except Exception as exc:  # zlib.error, brotli.error, zstandard.ZstdError
        if body[:2] == b"\x1f\x8b" or not body.lstrip()[:1] == b"<":
            raise BodyError(f"broken {coding} body ({exc})") from None
        return body, False
    return body, False  # identity, or a coding nobody uses for pages


def payload(resp: Response, limit: int) -> tuple[bytes, bool]:
    """The body as the page's bytes: de-chunked, then every Content-Encoding undone in reverse order."""
    body, cut = resp.body, False
    if "chunked" in resp.headers.get("transfer-encoding", "").lower():
        body, cut = dechunk(body)
    else:
        declared = resp.headers.get("content-length", "")
        cut = declared.isdigit() and len(body) < int(declared)
    codings = [c for c in resp.headers.get("content-encoding", "").split(",") if c.strip()]
    for coding in reversed(codings):
        body, short = decode(body, coding, limit)
        cut = cut or short
    return body, cut
