"""Small text helpers shared by the extractors."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and other invisible characters that pages sprinkle into text.
# ZWNJ (U+200C) and ZWJ are kept: Persian and other scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean(text: str | None) -> str:
    """Collapse runs of white space to one space and trim; drop invisible characters."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


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
