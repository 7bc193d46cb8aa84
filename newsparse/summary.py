"""What `newsparse summary` shows about a page, as plain data (no rich, no terminal).

Kept apart from the rendering so scripts (`--json`) and people (the panel and
the table) see the same numbers, and so the rules below are tested once:

- words: runs of letters and digits, Unicode-aware; combining marks (Arabic
  harakat, Devanagari vowel signs) and ZWNJ/ZWJ (Persian) stay inside a word,
  and ', ’, - and . join two runs into one word ("don't", "U.S.", "3.5").
  Counted over the body (and live-blog entries), not headline, caption or credits.
- reading time: words / 200 per minute, rounded up; none (null) for a text that is not prose
  to read: more than READING_MAX_WORDS words (five hours and more: a data dump, a page of
  pages), or paragraphs of more than PROSE_MAX_PARAGRAPH_WORDS words on average (a text with no
  paragraph breaks is a blob, not an article). "about 45006 min read" helps no one.
- lead: the first paragraph, and the second too when the first is short.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from .model import Article

WORDS_PER_MINUTE = 200
LEAD_MIN_WORDS = 40  # a first paragraph shorter than this gets the second one with it
LEAD_MAX_PARAGRAPHS = 2
READING_MAX_WORDS = 60_000  # 5 hours at WORDS_PER_MINUTE; the longest long-reads are about a third of it
PROSE_MAX_PARAGRAPH_WORDS = 1_000  # words a paragraph holds on average at most in prose

_WORD = re.compile(r"[^\W_]+(?:['’.\-‐‑][^\W_]+)*")
_JOINERS = dict.fromkeys(map(ord, "\u200c\u200d"), None)
RTL_LANGUAGES = frozenset(("ar", "fa", "ps", "prs", "ur", "he", "yi", "dv", "ckb", "sd", "ug"))


def _without_marks(text: str) -> str:
    """Drop combining marks and joiners, which `\\w` does not match, so they cannot split a word."""
    text = text.translate(_JOINERS)
    if text.isascii():
        return text
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))


def count_words(text: str) -> int:
    """Words in `text`, by the rule in the module docstring."""
    return sum(1 for _ in _WORD.finditer(_without_marks(text)))


def reading_minutes(words: int) -> int:
    """Minutes to read `words` at WORDS_PER_MINUTE, rounded up; 0 for no words."""
    return math.ceil(words / WORDS_PER_MINUTE)


def reading_time(words: int, paragraphs: int) -> int | None:
    """reading_minutes, or None when the text is not prose to read (see the module docstring)."""
    if words > READING_MAX_WORDS or (paragraphs and words / paragraphs > PROSE_MAX_PARAGRAPH_WORDS):
        return None
    return reading_minutes(words)


def direction(text: str | None, language: str | None = None) -> str:
    """"rtl" or "ltr": the page's language when it is known to be right-to-left,
    else the first strongly directional letter of `text` (as HTML's dir=auto does)."""
    if language and language.split("-")[0].lower() in RTL_LANGUAGES:
        return "rtl"
    for ch in text or "":
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def lead_of(paragraphs: list[str]) -> list[str]:
    """The first paragraph, plus the next while the lead is under LEAD_MIN_WORDS (two at most)."""
    lead: list[str] = []
    for paragraph in paragraphs[:LEAD_MAX_PARAGRAPHS]:
        if lead and count_words(" ".join(lead)) >= LEAD_MIN_WORDS:
            break
        lead.append(paragraph)
    return lead


@dataclass(frozen=True)
class Summary:
    """One page at a glance. `status` is "ok" or "no article" (errors never get this far)."""

    headline: str | None
    byline: str | None
    published: str | None
    updated: str | None
    site: str | None
    site_name: str | None
    url: str | None
    language: str | None
    direction: str
    page_type: str
    extractor: str
    caption: str | None
    dateline: str | None
    claim: str | None = None  # on a fact-check: the claim reviewed
    verdict: str | None = None  # and its verdict
    lead: list[str] = field(default_factory=list)
    words: int = 0
    reading_minutes: int | None = 0  # None: not prose to read (see reading_time)
    credits: list[str] = field(default_factory=list)
    stripped: int = 0
    stripped_unit: str = "blocks"
    status: str = "ok"

    def to_dict(self) -> dict:
        return asdict(self)


def article_text(article: Article) -> list[str]:
    """The paragraphs a reader reads: the body, or a live blog's entries."""
    paragraphs = list(article.body)
    for entry in article.live_entries:
        paragraphs.extend(([entry.title] if entry.title else []) + entry.body)
    return paragraphs


def summarize(article: Article) -> Summary:
    """The Summary of a parsed page."""
    paragraphs = article_text(article)
    words = sum(count_words(p) for p in paragraphs)
    return Summary(
        headline=article.headline,
        byline=article.byline,
        published=article.published,
        updated=article.updated,
        site=article.site,
        site_name=article.site_name,
        url=article.url,
        language=article.language,
        direction=direction(article.headline or " ".join(paragraphs[:1]), article.language),
        page_type=article.page_type,
        extractor=article.extractor,
        caption=article.caption,
        dateline=article.dateline,
        claim=article.claim.text if article.claim else None,
        verdict=article.claim.verdict if article.claim else None,
        lead=lead_of(paragraphs),
        words=words,
        reading_minutes=reading_time(words, len(paragraphs)),
        credits=list(article.credits),
        stripped=article.stripped,
        stripped_unit="lines" if article.extractor == "text" else "blocks",
        status="ok" if article.has_article else "no article",
    )
