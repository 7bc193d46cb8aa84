"""Unpack MHTML single-file pages (.mhtml/.mht) as Chrome, Edge and IE save them.

The archive is a MIME multipart/related message; the page is its first
text/html part (quoted-printable or base64), and that part's
Content-Location is the address it was saved from.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass

from .errors import NotAPageError

_HEADER_END = re.compile(rb"\r?\n\r?\n")


@dataclass
class Part:
    payload: bytes
    charset: str | None
    location: str | None


def is_mhtml(data: bytes) -> bool:
    """MIME headers with a multipart content type before the first blank line."""
    head = data[:4096]
    end = _HEADER_END.search(head)
    header = (head[: end.start()] if end else head).lower()
    return b"mime-version:" in header and b"content-type: multipart/" in header.replace(b"\t", b" ")


def main_part(data: bytes) -> Part:
    """The HTML part of the archive (or its first text part)."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    fallback = None
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if ctype in ("text/html", "application/xhtml+xml") or (ctype == "text/plain" and fallback is None):
            payload = part.get_payload(decode=True) or b""
            found = Part(payload, part.get_content_charset(), part.get("Content-Location"))
            if ctype != "text/plain":
                return found
            fallback = found
    if fallback is None:
        raise NotAPageError("MHTML archive without an HTML part")
    return fallback
