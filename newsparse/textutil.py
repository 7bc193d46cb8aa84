"""Small text helpers shared by the extractors."""

from __future__ import annotations

import unicodedata

# Zero-width and other invisible characters that pages sprinkle into text.
# ZWNJ (U+200C) and ZWJ are kept: Persian and other scripts need them.
_INVISIBLE = ("\u200b", "\u2060", "\ufeff", "\u00ad")


def clean(text: str | None) -> str:
    """Collapse runs of white space (any Unicode space, NBSP included) to one space and trim;
    drop invisible characters."""
    if not text:
        return ""
    if not text.isascii():  # every invisible character is non-ASCII
        for ch in _INVISIBLE:
            if ch in text:
                text = text.replace(ch, "")
    return " ".join(text.split())


def fold(text: str) -> str:
    """A comparison key for labels: case-folded, NFKC, spaces collapsed, edge punctuation dropped."""
    text = unicodedata.normalize("NFKC", clean(text)).casefold()
    return text.replace("\u200c", "").strip(" :!.\u2026-–—|•·")


def display_width(text: str) -> int:
    """Columns a line takes on a terminal: wide and full-width (CJK) characters count two,
    combining marks and format characters (ZWNJ, ZWJ) none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def shorten_middle(text: str, width: int, mark: str = "…") -> str:
    """`text` in at most `width` columns, cut in the middle so both ends stay (a path keeps its
    start and its file name): "saved/rferl/2024/…/very-long-page-name.html". Two thirds of the
    room go to the end."""
    if display_width(text) <= width:
        return text
    room = max(width - display_width(mark), 0)
    tail_room = room - room // 3
    tail, used = "", 0
    for ch in reversed(text):
        if used + display_width(ch) > tail_room:
            break
        tail, used = ch + tail, used + display_width(ch)
    head, used = "", 0
    for ch in text:
        if used + display_width(ch) > room - display_width(tail):
            break
        head, used = head + ch, used + display_width(ch)
    return head + mark + tail


def dedupe(items):
    """Keep the first of each item, in order."""
    seen = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
