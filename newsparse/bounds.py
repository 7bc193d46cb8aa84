"""Keep what libxml2 is given bounded in time and memory, before it is given it.

libxml2 checks each new attribute of a tag against all the tag's earlier ones: a tag of 100,000
attributes takes minutes inside one C call that nothing can stop. And every element and attribute
costs it 100-300 bytes, so a page made of nothing but tiny tags (`<br>` after `<br>`) grows 50 to
75 times its size in memory. Two rules, both measured in bench/fuzz.py:

- a tag of more than MAX_ATTRIBUTES attributes keeps its first MAX_ATTRIBUTES (no page needs more;
  the rest are cut from the bytes). Tags of 2 KB or more are looked at on every page, found with
  two `find`s per kilobyte (on a real page, 1-2% of the parse; a finer sampling costs more); a
  page of 512 KB or more (few real pages are) is read tag by tag, which adds about a third.
- a page of more than MAX_MARKUP tags and attributes together is refused (InputTooLargeError).
  Only a page of 1 MB or more can hold that many (each costs at least two bytes), so only those
  are counted.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .errors import InputTooLargeError

MAX_ATTRIBUTES = 64
MAX_MARKUP = 500_000
_WINDOW = 1024  # a `>`-free run of twice this holds a whole window: tags of 2 KB are always seen
# Bytes from which a page is read tag by tag: real pages are smaller (50-300 KB), and on a smaller
# page a tag that hides its length from the samples takes libxml2 seconds, not minutes.
_EXACT_FROM = 512 * 1024
# One attribute as the HTML tokenizer reads it: separators, a name, an optional value.
_ATTRIBUTE = re.compile(rb"""[\s/]*+[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]++)?)?""")
# A start tag: its name, then everything up to the `>` that ends it (quoted values may hold `>`).
_START_TAG = re.compile(rb"""<[A-Za-z][^\s/>]*+((?:[^>"']++|"[^"]*+"|'[^']*+')*+)""")
_RAW_TEXT_OPEN = re.compile(rb"<(script|style)[\s>/]", re.I)
_RAW_TEXT_CLOSE = {b"script": re.compile(rb"</script", re.I), b"style": re.compile(rb"</style", re.I)}


def _attribute_cut(html: bytes, start: int, end: int) -> int | None:
    """Where the MAX_ATTRIBUTES-th attribute of the attribute section [start, end) ends, if the
    section has more than that many; else None."""
    pos = start
    for count in range(MAX_ATTRIBUTES + 1):
        m = _ATTRIBUTE.match(html, pos, end)
        if not m or m.end() == pos:
            return None
        if count == MAX_ATTRIBUTES - 1:
            cut = m.end()
        pos = m.end()
    return cut


def _long_tags(html: bytes) -> list[tuple[int, int]]:
    """(start, end) of the attribute sections of start tags of 2 KB or more. A window of 1 KB
    without a `>` lies in a tag of many bare attributes (or in text); one without a `<`, in a tag
    whose quoted values hold `>` (or in text): either way the tag it may lie in is read, quotes
    and all, from the `<` before it."""
    found = []
    pos, size = 0, len(html)
    while pos < size:
        end = pos + _WINDOW
        if html.find(b">", pos, end) != -1 and html.find(b"<", pos, end) != -1:
            pos = end
            continue
        gt = html.find(b">", pos, end)
        if gt == -1:  # the tag, if any, opens at the last `<` before the `>` that ends this run
            after = html.find(b">", end)
            after = size if after == -1 else after + 1
            tag = html.rfind(b"<", html.rfind(b">", 0, pos) + 1, after)
        else:  # no `<` until the next one: the tag, if any, opened before this window
            after = html.find(b"<", end)
            after = size if after == -1 else after
            tag = html.rfind(b"<", 0, pos)
        m = _START_TAG.match(html, tag) if tag != -1 else None
        if m and m.end(1) - m.start(1) >= 2 * MAX_ATTRIBUTES:
            found.append(m.span(1))
        pos = max(after, m.end() if m else 0)
    return found


def _all_tags(html: bytes) -> list[tuple[int, int]]:
    """(start, end) of the attribute sections of the tags that may have more than MAX_ATTRIBUTES
    attributes (an attribute takes at least two bytes), counting every tag's attributes; refuses a
    page over MAX_MARKUP."""
    if html.count(b"<") - html.count(b"</") > MAX_MARKUP:  # start tags, comments, doctypes
        raise InputTooLargeError(f"more than {MAX_MARKUP:,} tags")
    found = []
    markup = 0
    for m in _START_TAG.finditer(html):
        start, end = m.span(1)
        markup += 1
        if end - start > 2:
            section = html[start:end]
            markup += len(section.split())  # at least one per attribute (a quoted value's words count too)
            if end - start >= 2 * MAX_ATTRIBUTES:
                found.append((start, end))
        if markup > MAX_MARKUP:
            raise InputTooLargeError(f"more than {MAX_MARKUP:,} tags and attributes")
    return found


def _raw_text(html: bytes) -> list[tuple[int, int]]:
    """(start, end) of the scripts and style sheets: a `<` there opens no tag."""
    spans, at = [], 0
    for m in _RAW_TEXT_OPEN.finditer(html):
        if m.start() < at:
            continue
        close = _RAW_TEXT_CLOSE[m[1].lower()].search(html, m.end())
        at = close.start() if close else len(html)
        spans.append((m.start(), at))
    return spans


def bounded(html: bytes) -> bytes:
    """`html` with each tag's attributes past MAX_ATTRIBUTES cut out; InputTooLargeError for a page
    of more than MAX_MARKUP tags and attributes."""
    sections = _all_tags(html) if len(html) >= _EXACT_FROM else _long_tags(html)
    parts, pos = [], 0
    raw = None
    for start, end in sections:
        cut = _attribute_cut(html, start, end)
        if cut is not None:
            raw = _raw_text(html) if raw is None else raw
            k = bisect_right(raw, (start, len(html))) - 1
            if k >= 0 and raw[k][0] < start < raw[k][1]:
                continue
            parts.append(html[pos:cut])
            pos = end
    if not parts:
        return html
    parts.append(html[pos:])
    return b"".join(parts)
