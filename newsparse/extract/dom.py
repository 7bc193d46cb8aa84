"""The little DOM helpers extractors share (plain lxml.etree elements: no HtmlElement overhead)."""

from __future__ import annotations

from lxml import etree

from ..textutil import clean


def text(el) -> str:
    """All text inside an element (or an attribute value / XPath string), cleaned."""
    if isinstance(el, str):
        return clean(el)
    return clean(raw_text(el))


def raw_text(el) -> str:
    """All text inside an element, white space as in the page: XPath's string(), serialised by
    libxml2 without an XPath context (a third of the cost); comments are left out, as there."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def classes(el) -> frozenset[str]:
    value = el.get("class")
    return frozenset(value.split()) if value else frozenset()
