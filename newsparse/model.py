"""The one Article model every extractor fills and every renderer reads.

Keeping a single shape means the JSON schema, the text renderer and the
summaries cannot drift apart: a field exists here or nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

SCHEMA_VERSION = 2

# The kinds of body block (`Article.blocks`): the body's text with what each piece is.
BLOCK_TYPES = ("paragraph", "heading", "list_item", "quote")


@dataclass
class Image:
    """One picture of the page: where it is, what its caption says, who took it."""

    src: str | None = None
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict:
        return {"src": self.src, "caption": self.caption, "credit": self.credit}


@dataclass
class Claim:
    """The statement a fact-check reviews: kept apart from the article's own body and byline."""

    text: str | None = None
    source: str | None = None  # who made the claim (not an author of the page)
    source_detail: str | None = None  # e.g. "Russian Defense Ministry, October 25, 2019" (the page's "Source:" label taken off)
    verdict: str | None = None  # "False", "Misleading", ...
    verdict_summary: str | None = None

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class LiveEntry:
    """One post of a live blog, in page order."""

    time: str | None = None
    title: str | None = None
    body: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"time": self.time, "title": self.title, "body": list(self.body)}


@dataclass
class Block:
    """One piece of the body with its kind: a program can tell a subheading or a list item from a paragraph."""

    type: str = "paragraph"  # one of BLOCK_TYPES
    text: str = ""

    def to_dict(self) -> dict:
        return {"type": self.type, "text": self.text}


@dataclass
class ArchiveRecord:
    """Where in a web archive the page was read: provenance for a page that is not a file of its own."""

    file: str | None = None  # the archive's path
    offset: int | None = None  # the record's byte offset in that file
    record_id: str | None = None  # WARC-Record-ID, angle brackets stripped
    date: str | None = None  # WARC-Date (ARC: the record's date), ISO 8601 UTC
    target_uri: str | None = None  # WARC-Target-URI, angle brackets stripped

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Article:
    """Everything newsparse knows about one page.

    `stripped` counts the chrome blocks or lines that were removed; it feeds
    summaries and is not part of the JSON schema.
    """

    headline: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    caption: str | None = None
    body: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    published_utc: str | None = None
    updated_utc: str | None = None
    url: str | None = None
    site: str | None = None
    site_name: str | None = None
    language: str | None = None
    page_type: str = "unknown"
    section: str | None = None
    description: str | None = None
    dateline: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    media_title: str | None = None
    claim: Claim | None = None
    live_entries: list[LiveEntry] = field(default_factory=list)
    glossary: list[str] = field(default_factory=list)
    captured: str | None = None
    archive: ArchiveRecord | None = None
    truncated: bool = False
    extractor: str = "pangea"
    stripped: int = 0

    @property
    def has_article(self) -> bool:
        """True when the page carries text of its own, not just a title."""
        return bool(self.body or self.live_entries)

    def to_dict(self) -> dict:
        """The JSON object of schema 2: every key always present."""
        return {
            "schema": SCHEMA_VERSION,
            "extractor": self.extractor,
            "page_type": self.page_type,
            "headline": self.headline,
            "byline": self.byline,
            "authors": list(self.authors),
            "published": self.published,
            "updated": self.updated,
            "published_utc": self.published_utc,
            "updated_utc": self.updated_utc,
            "caption": self.caption,
            "dateline": self.dateline,
            "body": list(self.body),
            "blocks": [b.to_dict() for b in self.blocks],
            "credits": list(self.credits),
            "url": self.url,
            "site": self.site,
            "site_name": self.site_name,
            "language": self.language,
            "section": self.section,
            "description": self.description,
            "tags": list(self.tags),
            "images": [i.to_dict() for i in self.images],
            "media_title": self.media_title,
            "claim": self.claim.to_dict() if self.claim else None,
            "live_entries": [e.to_dict() for e in self.live_entries],
            "glossary": list(self.glossary),
            "captured": self.captured,
            "archive": self.archive.to_dict() if self.archive else None,
            "truncated": self.truncated,
        }
