"""The library entry point: bytes in, Article out. No network, no file system."""

from __future__ import annotations

from lxml import etree

from .bounds import bounded
from .errors import NotAPageError
from . import urls, wayback
from .extract import generic, pangea, textdump
from .extract.prune import prune
from .load import DEFAULT_MAX_BYTES, Page, load, without_surrogates
from .model import Article
from .sites import PANGEA_HOSTS, PANGEA_MARKERS
from .urls import host

# One parser, reused: UTF-8 in (load() re-encodes legacy pages), never a
# network fetch, and no libxml2 size limits that would cut off long pages.
_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True, remove_blank_text=False)


def parse_html(data: bytes):
    """Parse UTF-8 HTML bytes into an lxml tree root, within the bounds of newsparse/bounds.py."""
    data = bounded(data)
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError) as exc:
        raise NotAPageError(f"not parseable as HTML ({exc})") from None
    if root is None:
        raise NotAPageError("no HTML content")
    return root


def is_pangea(page: Page, url: str | None) -> bool:
    """Pangea markup or a Pangea host: the site-specific extractor applies."""
    data = page.html or b""
    if any(marker in data for marker in PANGEA_MARKERS):
        return True
    for candidate in (url, page.url_hint):
        h = host(candidate)
        if h and any(h == known or h.endswith("." + known) for known in PANGEA_HOSTS):
            return True
    return False


def parse(data: bytes | str, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Extract the article from one saved page.

    `data` is the page as bytes (any charset, gzip, MHTML) or str (HTML or a
    text dump). `url` is used when the page names no canonical address.
    Raises NotAPageError for input that is not a page, InputTooLargeError
    past `max_bytes`; both are NewsparseError.
    """
    if isinstance(data, bytes):
        refuse_archive(data)
    page = load(data, max_bytes=max_bytes)
    url = without_surrogates(url) if url else page.url_hint
    captured = None
    if page.kind == "html" and wayback.is_rewritten(page.html or b""):
        page.html, original, captured = wayback.unwrap(page.html or b"")
        url = original or url
    capture = urls.wayback(url)  # a --url or "saved from" address into the archive
    if capture:
        url, captured = capture[0], captured or capture[1]
    return _as_captured(_extract(page, url), captured)


def refuse_archive(data: bytes) -> None:
    """A web archive read as one page is silently wrong (a chunk size in the headline, the first
    record's page for the whole file): say what it is and what reads it."""
    from .archive.detect import detect  # here: the archive package imports this module

    kind = detect(data[:4096])
    if kind:
        raise NotAPageError(f"a web archive ({kind}), not a page: read it with newsparse.archive.records() "
                            "or, for one record, newsparse.parse_record()")


def _extract(page: Page, url: str | None) -> Article:
    if page.kind == "text":
        return textdump.extract(page.text or "", url=url)
    site_aware = is_pangea(page, url)
    html, regions = prune(page.html or b"") if site_aware else (page.html or b"", 0)
    page.html = None  # the decoded copy goes as soon as it is parsed (the caller holds the Page)
    root = parse_html(html)
    del html  # the tree holds the page now: its bytes are not kept through extraction
    if not site_aware:
        return generic.extract(root, url=url)
    article = pangea.extract(root, url=url)
    article.stripped += regions
    return article


def _as_captured(article: Article, timestamp: str | None) -> Article:
    """A page read through the Wayback Machine: the original's url and site, the capture's time."""
    capture = urls.wayback(article.url)
    if capture:
        article.url, timestamp = capture[0], timestamp or capture[1]
        article.site = host(article.url)
    if timestamp:
        article.captured = wayback.timestamp14(timestamp)
    return article
