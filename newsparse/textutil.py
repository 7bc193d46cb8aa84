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


def dedupe(items):
    """Keep the first of each item, in order."""
    seen = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
