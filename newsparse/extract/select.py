"""Find a page's anchors in one pass, then answer the selector table's rows from them.

A full-document XPath costs a walk over every node; a page has a dozen
fields with several fallbacks each. Walking the elements once and keeping
only those the table names as anchors ("div.publishing-details",
"div#article-content", "h1") makes each field a small subtree query.
"""

from __future__ import annotations

from ..sites import ANCHOR_TAGS, ANCHORS, CHROME_BLOCK_CLASSES, CHROME_BLOCK_TAGS, ROWS
from . import dom


def _split_anchors():
    """The anchors by kind: bare tags, ids by tag, classes by tag (looked up without building strings)."""
    whole, ids, classes = set(), {}, {}
    for anchor in ANCHORS:
        if "#" in anchor:
            tag, ident = anchor.split("#", 1)
            ids.setdefault(tag, set()).add(ident)
        elif "." in anchor:
            tag, cls = anchor.split(".", 1)
            classes.setdefault(tag, set()).add(cls)
        else:
            whole.add(anchor)
    return frozenset(whole), {t: frozenset(v) for t, v in ids.items()}, {t: frozenset(v) for t, v in classes.items()}


_WHOLE_TAGS, _IDS, _CLASSES = _split_anchors()
# Per tag, every class the pass cares about: anchors and chrome blocks.
_NOTED = {tag: _CLASSES.get(tag, frozenset()) | CHROME_BLOCK_CLASSES for tag in ANCHOR_TAGS}
_OTHER_TAGS = tuple(tag for tag in ANCHOR_TAGS if tag != "div")


class Selector:
    """The anchors of one page, and the selector table applied to them; `chrome_blocks` counts
    the page's known chrome blocks (navigation, share bars, widgets...) met on the way."""

    def __init__(self, root):
        self.index: dict[str, list] = {}
        self.chrome_blocks = 0
        # <div> is most of the elements walked: its pass knows the tag, which lxml would
        # otherwise build as a new string for every element.
        self._scan(root.iter("div"), "div")
        self._scan(root.iter(*_OTHER_TAGS), None)

    def _scan(self, elements, known_tag: str | None) -> None:
        index = self.index
        chrome = 0
        tag = known_tag
        for el in elements:
            if known_tag is None:
                tag = el.tag
                if tag in CHROME_BLOCK_TAGS:
                    chrome += 1
                if tag in _WHOLE_TAGS:
                    index.setdefault(tag, []).append(el)
            cls = el.get("class")
            ids = _IDS.get(tag)
            if ids:
                ident = el.get("id")
                if ident in ids:
                    index.setdefault(f"{tag}#{ident}", []).append(el)
            if cls:
                tokens = cls.split()
                if _NOTED[tag].isdisjoint(tokens):  # the common case: nothing the table names
                    continue
                if not CHROME_BLOCK_CLASSES.isdisjoint(tokens):
                    chrome += 1
                wanted = _CLASSES.get(tag)
                if wanted and not wanted.isdisjoint(tokens):
                    for token in dict.fromkeys(tokens):  # a class written twice counts once
                        if token in wanted:
                            index.setdefault(f"{tag}.{token}", []).append(el)
        self.chrome_blocks += chrome

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
