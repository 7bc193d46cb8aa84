"""The little DOM helpers extractors share (plain lxml.etree elements: no HtmlElement overhead)."""

from __future__ import annotations

from lxml import etree

from ..textutil import clean

_STRING = etree.XPath("string()")


def text(el) -> str:
    """All text inside an element (or an attribute value / XPath string), cleaned."""
    if isinstance(el, str):
        return clean(el)
    return clean(_STRING(el))


def raw_text(el) -> str:
    """All text inside an element, white space as in the page."""
    return _STRING(el)


def classes(el) -> frozenset[str]:
    value = el.get("class")
    return frozenset(value.split()) if value else frozenset()
