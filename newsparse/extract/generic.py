"""Best-effort extraction for pages that are not Pangea: marked `"extractor": "generic"`.

It picks the block with the most paragraph text and reads common metadata.
It never claims more than it found: no body means page_type "unknown".
"""

from __future__ import annotations

from lxml import etree

from ..model import Article
from ..textutil import clean
from ..urls import host, page_url
from . import blocks, dom, meta
from .finish import finish
from .pangea import split_names

_PARAGRAPHS = etree.XPath("//p")
_H1 = etree.XPath("//h1")
_TIME = etree.XPath("//time/@datetime")


def best_container(root):
    """The element whose direct <p> children hold the most text."""
    scores: dict = {}
    for p in _PARAGRAPHS(root):
        parent = p.getparent()
        if parent is None:
            continue
        size = len(dom.text(p))
        if size >= 25:
            scores[parent] = scores.get(parent, 0) + size
    return max(scores, key=scores.get) if scores else None


def extract(root, url: str | None = None) -> Article:
    m = meta.read(root)
    art = Article(extractor="generic")
    art.url = page_url(m.canonical, m.meta.get("og:url"), url, base=page_url(url, m.meta.get("og:url")))
    art.site = host(art.url)
    art.site_name = clean(m.meta.get("og:site_name")) or None
    art.language = meta.language_tag(m.lang)
    h1 = [dom.text(h) for h in _H1(root)]
    art.headline = next((h for h in h1 if h), None) or clean(m.meta.get("og:title")) or m.title or None
    art.description = clean(m.meta.get("description") or m.meta.get("og:description")) or None
    author = m.meta.get("author") or m.meta.get("article:author")
    if author and not author.startswith("http"):
        art.authors = split_names(author)
    times = _TIME(root)
    art.published = (meta.iso_date(m.ld_first("datePublished")) or meta.iso_date(m.meta.get("article:published_time"))
                     or meta.iso_date(times[0] if times else None))
    container = best_container(root)
    if container is not None:
        found = blocks.collect([container])
        art.body, art.stripped, art.images = found.paragraphs, found.stripped, found.images
        art.blocks = blocks.typed(found)
    og_type = (m.meta.get("og:type") or "").lower()
    art.page_type = "article" if art.body else "unknown"
    if og_type in ("video", "video.other", "music.song") and art.body:
        art.page_type = "video" if og_type.startswith("video") else "audio"
    return finish(art)
