"""Pages as the Wayback Machine serves them, back to the page it captured.

A capture served at web.archive.org/web/<timestamp>/<url> carries Wayback's own scripts and
toolbar, a closing comment with the capture time, and every link rewritten to point back into the
archive (canonical link included). Undone here, the page extracts exactly as the original, and the
capture's timestamp is kept. Captures fetched with the `id_` flag are the original bytes already.
"""

from __future__ import annotations

import re
from datetime import datetime

_MARKERS = (b"<!-- End Wayback Rewrite JS Include -->", b"<!-- BEGIN WAYBACK TOOLBAR INSERT -->", b"__wm.wombat(")
# The head insert: from Wayback's first script to the comment that ends it.
_HEAD_INSERT = re.compile(rb"<script[^>]*?(?:/_static/js/|archive\.org/includes/)[^>]*>.*?"
                          rb"<!-- End Wayback Rewrite JS Include -->\s*", re.S | re.I)
_TOOLBAR = re.compile(rb"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->\s*", re.S)
_TRAILER = re.compile(rb"<!--\s*FILE ARCHIVED ON (\d\d:\d\d:\d\d \w{3} \d\d, \d{4}) AND RETRIEVED.*?-->\s*", re.S)
_WOMBAT = re.compile(rb"""__wm\.wombat\(\s*["']([^"']+)["']\s*,\s*["'](\d{1,14})["']""")
# A rewritten address: the archive's prefix before the original's own scheme (or "//").
_PREFIX = re.compile(rb"(?:(?:https?:)?//web\.archive\.org)?/web/\d{1,14}(?:[a-z]{2}_)?/(?=https?:|//)", re.I)


def is_rewritten(html: bytes) -> bool:
    """Wayback's inserts are in the page (a cheap test: most pages have none of the markers)."""
    return b"__wm." in html or b"WAYBACK" in html and any(m in html for m in _MARKERS)


def unwrap(html: bytes) -> tuple[bytes, str | None, str | None]:
    """The page without Wayback's inserts and rewriting; also the original address and the
    capture's timestamp (14 digits) when the inserts name them."""
    original = timestamp = None
    wombat = _WOMBAT.search(html)
    if wombat:
        original = wombat.group(1).decode("utf-8", "replace")
        timestamp = wombat.group(2).decode()
    html = _HEAD_INSERT.sub(b"", html, 1)
    html = _TOOLBAR.sub(b"", html, 1)
    trailer = _TRAILER.search(html)
    if trailer:
        if timestamp is None:
            when = datetime.strptime(trailer.group(1).decode(), "%H:%M:%S %b %d, %Y")
            timestamp = when.strftime("%Y%m%d%H%M%S")
        html = html[:trailer.start()] + html[trailer.end():]
    return _PREFIX.sub(b"", html), original, timestamp


def timestamp14(digits: str) -> str | None:
    """"20240305060708" (ARC, Wayback; shorter ones mean the start of that year, month...) in ISO form."""
    if not digits.isdigit() or not 4 <= len(digits) <= 14:
        return None
    full = digits + "0101000000"[len(digits) - 4:] if len(digits) < 14 else digits
    try:
        return datetime.strptime(full, "%Y%m%d%H%M%S").strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
