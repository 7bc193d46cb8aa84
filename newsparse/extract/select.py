"""Find a page's anchors in one pass, then answer the selector table's rows from them.

A full-document XPath costs a walk over every node; a page has a dozen
fields with several fallbacks each. Walking the elements once and keeping
only those the table names as anchors ("div.publishing-details",
"div#article-content", "h1") makes each field a small subtree query.
"""

from __future__ import annotations

from ..sites import ANCHOR_TAGS, ANCHORS, CHROME_BLOCK_CLASSES, CHROME_BLOCK_TAGS, ROWS
from . import dom


class Selector:
    """The anchors of one page, and the selector table applied to them; `chrome_blocks` counts
    the page's known chrome blocks (navigation, share bars, widgets...) met on the way."""

    def __init__(self, root):
        index: dict[str, list] = {}
        wanted = ANCHORS
        chrome = 0
        for el in root.iter(*ANCHOR_TAGS):
            tag = el.tag
            if tag in CHROME_BLOCK_TAGS:
                chrome += 1
            if tag in wanted:
                index.setdefault(tag, []).append(el)
            ident = el.get("id")
            if ident and f"{tag}#{ident}" in wanted:
                index.setdefault(f"{tag}#{ident}", []).append(el)
            cls = el.get("class")
            if cls:
                tokens = cls.split()
                if not CHROME_BLOCK_CLASSES.isdisjoint(tokens):
                    chrome += 1
                for token in tokens:
                    key = f"{tag}.{token}"
                    if key in wanted:
                        bucket = index.setdefault(key, [])
                        if not bucket or bucket[-1] is not el:
                            bucket.append(el)
        self.index = index
        self.chrome_blocks = chrome

    def row(self, field: str) -> tuple[str | None, list]:
        """The anchor and results of the first row of `field` that finds anything."""
        for anchor, xpath in ROWS[field]:
            elements = self.index.get(anchor)
            if not elements:
                continue
            if xpath is None:
                return anchor, elements
            found = [hit for el in elements for hit in xpath(el)]
            if found:
                return anchor, found
        return None, []

    def all(self, field: str) -> list:
        """The results of the first row of `field` that finds anything."""
        return self.row(field)[1]

    def text(self, field: str) -> str | None:
        """The first non-empty text the field's selectors find."""
        for el in self.all(field):
            text = dom.text(el)
            if text:
                return text
        return None

    def value(self, field: str):
        found = self.all(field)
        return found[0] if found else None
