"""Unpack MHTML single-file pages (.mhtml/.mht) as Chrome, Edge, IE and Word save them.

The archive is a MIME multipart/related message (RFC 2557). The page is the
part the `start` parameter names, else the first text/html part; it is
quoted-printable (Chrome) or base64 (IE, Word) and may carry its charset in
its Content-Type. Its Content-Location (else the archive's
Snapshot-Content-Location, which Chrome writes) is the address it was saved
from. Only that part is decoded: a 50 MB archive of images costs one scan
for the boundaries, and the email package's line-by-line parser is never run
over the whole file. A truncated archive still yields its page.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import collapse_rfc2231_value

from .errors import NotAPageError
from .urls import web_address

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MIME_VERSION = re.compile(rb"^mime-version[ \t]*:", re.I | re.M)
_PAGE_TYPE = re.compile(rb"^content-type[ \t]*:[ \t]*(?:multipart/|text/html)", re.I | re.M)
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
# A header line ("Name: value") or its continuation; other lines (a badly folded
# Subject) would end the email parser's header block early, so they are dropped.
_HEADER_LINE = re.compile(rb"^(?:[!-9;-~]+[ \t]*:|[ \t])")
MAX_NESTING = 4
# Parts of one multipart entity looked at, at most (documented in the README): a saved page has
# hundreds (its images); an archive of a million empty parts must not cost a million header reads.
MAX_PARTS = 10_000
# A part's headers are read by the email package only when they may name a page (or the start
# part): an image's headers cost one bounded search and no parse.
_MAY_BE_PAGE = re.compile(rb"text/html|xhtml|multipart", re.I)
_PART_HEADER = 16384  # bytes of a part where its header block must end for the quick look
_NOT_BASE64 = bytes(b for b in range(256) if not (chr(b).isascii() and (chr(b).isalnum() or chr(b) in "+/")))


@dataclass
class Part:
    payload: bytes
    charset: str | None
    location: str | None


def is_mhtml(data: bytes) -> bool:
    """MIME headers (MIME-Version and a multipart or HTML content type) before the first blank line."""
    head = data[:8192]
    if head.lstrip()[:1] == b"<":  # markup first: a page, not a MIME message (and the cheap common case)
        return False
    end = _HEADER_END.search(head)
    header = head[: end.start()] if end else head
    return bool(_MIME_VERSION.search(header) and _PAGE_TYPE.search(header))


def _split(data: bytes) -> tuple[Message, bytes]:
    """Headers and body of one MIME entity; a header block without a blank line after it has no body."""
    end = _HEADER_END.search(data)
    header, body = (data[: end.start()], data[end.end():]) if end else (data, b"")
    lines = [line for line in header.splitlines() if _HEADER_LINE.match(line)]
    # The default policy is compat32 (importing email.policy to name it costs 5 ms).
    return BytesHeaderParser().parsebytes(b"\n".join(lines) + b"\n\n"), body


def _text(value) -> str | None:
    """A header value as clean str (compat32 keeps undecodable bytes as surrogates)."""
    if value is None:
        return None
    if isinstance(value, tuple):  # an RFC 2231 parameter
        value = collapse_rfc2231_value(value)
    if not isinstance(value, str):
        value = str(value)
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip() or None


def _part_spans(body: bytes, boundary: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each part between the boundary lines, found as they are needed; the last
    one runs to the closing line or the end. Reaching for a part past MAX_PARTS is refused."""
    start = None
    count = 0
    for begin, end, closing in _delimiters(body, b"--" + boundary.encode("latin-1", "replace")):
        if start is not None:
            count += 1
            if count > MAX_PARTS:
                raise NotAPageError(f"MHTML archive of more than {MAX_PARTS:,} parts")
            yield start, begin
        if closing:
            return
        start = end
    if start is not None:
        yield start, len(body)


def _body_parts(body: bytes, boundary: str) -> list[bytes]:
    """The parts between the boundary lines, as bytes (the splitting rule, in one list)."""
    return [body[a:b] for a, b in _part_spans(body, boundary)]


def _line_break(data: bytes, at: int) -> int:
    """The length of the line break at AT (CRLF 2, LF 1), 0 at the end of DATA, -1 for neither."""
    if data.startswith(b"\r\n", at):
        return 2
    if data.startswith(b"\n", at):
        return 1
    return 0 if at == len(data) else -1


def _delimiters(body: bytes, dashed: bytes) -> Iterator[tuple[int, int, bool]]:
    """(start, end, closing) of each delimiter line: a line break (or the start of the body), then
    DASHED (`--boundary`), `--` when closing, blanks, and a line break or the end. Found with
    bytes.find of the line break and DASHED together, so only line starts are looked at (a body
    of ten million dashes under boundary "-" is one search, not ten million); as one regex it
    cost 40 ns a byte. Consumed like a regex's matches: a line break ending one delimiter cannot
    begin the next."""
    done = search = 0
    lf_dashed = b"\n" + dashed
    at = 0 if body.startswith(dashed) else -1
    begin = 0
    while True:
        if at < 0:
            newline = body.find(lf_dashed, search)
            if newline == -1:
                return
            at = newline + 1
            begin = newline - 1 if newline - 1 >= done and body[newline - 1] == 13 else newline  # CRLF
        after = at + len(dashed)
        for closing in (True, False):
            tail = after + 2 if closing else after
            if closing and not body.startswith(b"--", after):
                continue
            while body[tail:tail + 1] in (b" ", b"\t"):
                tail += 1
            size = _line_break(body, tail)
            if size >= 0:
                yield begin, tail + size, closing
                done = tail + size
                break
        search = max(done, at)
        at = -1


def _decoded(message: Message, body: bytes) -> bytes:
    """The part's content with its transfer encoding undone (tolerant of broken base64)."""
    cte = (_text(message.get("Content-Transfer-Encoding")) or "").lower()
    if cte == "quoted-printable":
        return binascii.a2b_qp(body)
    if cte == "base64":
        clean = body.translate(None, _NOT_BASE64)
        clean = clean[: len(clean) - 1] if len(clean) % 4 == 1 else clean + b"=" * (-len(clean) % 4)
        try:
            return binascii.a2b_base64(clean)
        except binascii.Error:
            raise NotAPageError("MHTML archive with broken base64 in its HTML part") from None
    return body


def _content_id(message: Message) -> str | None:
    value = _text(message.get("Content-ID"))
    return value.strip("<>") if value else None


def _find_page(message: Message, body: bytes, depth: int = 0) -> tuple[Message, bytes] | None:
    """The root HTML part of a (possibly nested) multipart entity."""
    if message.get_content_maintype() != "multipart":
        return (message, body) if message.get_content_type() in _PAGE_TYPES else None
    boundary = message.get_param("boundary")
    if not boundary or depth >= MAX_NESTING:
        return None
    start = _text(message.get_param("start"))
    start = start.strip("<>") if start else None
    wanted = start.encode("utf-8", "replace") if start else None
    fallback = None
    for a, b in _part_spans(body, _text(boundary) or ""):
        end = _HEADER_END.search(body, a, min(b, a + _PART_HEADER))
        header = body[a:end.start() if end else min(b, a + _PART_HEADER)]
        if not (_MAY_BE_PAGE.search(header) or (wanted and wanted in header)):
            continue
        sub, sub_body = _split(body[a:b])
        if start and _content_id(sub) == start and sub.get_content_type() in _PAGE_TYPES:
            return sub, sub_body
        if fallback is None:
            fallback = _find_page(sub, sub_body, depth + 1)
            if fallback and not start:
                return fallback
    return fallback


def main_part(data: bytes) -> Part:
    """The page of the archive, decoded from its transfer encoding, with its charset and address."""
    top, body = _split(data)
    found = _find_page(top, body)
    if found is None:
        raise NotAPageError("MHTML archive without an HTML part")
    message, content = found
    location = (web_address(_text(message.get("Content-Location")))
                or web_address(_text(top.get("Snapshot-Content-Location")))
                or web_address(_text(top.get("Content-Location"))))
    charset = _text(message.get_content_charset())
    return Part(_decoded(message, content), charset, location)
