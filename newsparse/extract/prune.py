"""Cut a Pangea page's outer chrome (menus, header, footer, share bars) out of its bytes before parsing.

libxml2 builds every element it meets, and Python then walks them: on a real
Pangea page the side menu, the header, the "Breaking News" strip and the footer
are about half of all elements, and nothing in them is ever read. Cutting them
out of the bytes halves the parse and the walks that follow.

Only regions named in sites.CHROME_REGIONS are cut, each from its opening tag
to the end tag that balances it. A region is kept whole when it holds any of
sites.PRUNE_KEEP (a heading, a script, a comment, the body container...):
then either the page is not laid out as expected, or its tags were not
balanced and the count ran past the region's real end. An opening met inside
a script, a style sheet or a comment is text there, not a region.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..sites import CHROME_REGIONS, PRUNE_KEEP

_REGION_TAG = dict(CHROME_REGIONS)
# One pass over the page finds every region opening and every marker that keeps a region.
_SIGNPOSTS = re.compile(b"|".join(re.escape(s) for s in sorted({*_REGION_TAG, *PRUNE_KEEP}, key=len, reverse=True)))
# Region openings looked at, at most: a real page has about ten. Finding a region's end reads up to
# the rest of the page, so a hostile page of thousands of openings must not get one search each.
MOST_REGIONS = 64
# Text that is not markup: an opening inside it is not a region (closing text of each).
_RAW_TEXT = {b"<script": b"</script", b"<style": b"</style", b"<!--": b"-->"}
# A tag name ends at white space, ">" or "/": "<div" must not count "<divider".
_NAME_ENDS = frozenset(b" \t\n\r\f>/")


def _whole_name(html: bytes, at: int, size: int) -> bool:
    """The tag name found at `at` (`size` bytes, "<" included) is not the start of a longer name."""
    end = at + size
    return end < len(html) and html[end] in _NAME_ENDS


def region_end(html: bytes, start: int, tag: bytes) -> int:
    """Where the element opened at `start` ends (just past its balancing end tag), or -1."""
    open_tag, close_tag = b"<" + tag, b"</" + tag
    depth, pos = 1, start + len(open_tag)
    while depth:
        close = html.find(close_tag, pos)
        if close == -1:
            return -1
        inner = html.find(open_tag, pos, close)
        while inner != -1:
            depth += _whole_name(html, inner, len(open_tag))
            inner = html.find(open_tag, inner + 1, close)
        depth -= _whole_name(html, close, len(close_tag))
        pos = close + len(close_tag)
    end = html.find(b">", pos)
    return -1 if end == -1 else end + 1


def _in_raw_text(html: bytes, raw: list[tuple[int, bytes]], at: int) -> bool:
    """AT lies inside a script, style sheet or comment: the last one opened before it is not closed
    before it."""
    k = bisect_left(raw, (at,)) - 1
    return k >= 0 and html.find(_RAW_TEXT[raw[k][1]], raw[k][0], at) == -1


def prune(html: bytes) -> tuple[bytes, int]:
    """The page without its chrome regions, and how many were cut."""
    openings, keeps, raw = [], [], []
    for found in _SIGNPOSTS.finditer(html):
        sign = found[0]
        tag = _REGION_TAG.get(sign)
        if tag:
            openings.append((found.start(), tag))
            continue
        keeps.append(found.start())
        if sign in _RAW_TEXT:
            raw.append((found.start(), sign))
    if not openings:
        return html, 0
    parts, pos, passed = [], 0, 0
    for start, tag in openings[:MOST_REGIONS]:
        if start < passed:  # inside a region already cut or kept (a share bar in the header)
            continue
        if raw and _in_raw_text(html, raw, start):
            continue
        end = region_end(html, start, tag)
        if end == -1:
            continue
        passed = end
        k = bisect_left(keeps, start)
        if k < len(keeps) and keeps[k] < end:
            continue
        parts.append(html[pos:start])
        pos = end
    if not parts:
        return html, 0
    parts.append(html[pos:])
    return b"".join(parts), len(parts) - 1
