"""Last touches every extractor shares, so each field means the same whatever the source."""

from __future__ import annotations

from .. import lexicon
from ..model import Article
from ..textutil import dedupe


def split_credits(body: list[str]) -> tuple[list[str], list[str]]:
    """Trailing attribution lines ("With reporting by ...") leave the body for `credits`."""
    end = len(body)
    while end > 0 and lexicon.is_credit(body[end - 1]):
        end -= 1
    return body[:end], body[end:]


def finish(art: Article) -> Article:
    """Credits out of the body, byline from authors, no headline or caption repeated in the body."""
    body, credits = split_credits(art.body)
    art.credits = dedupe(art.credits + credits)
    while body and (body[0] == art.headline or body[0] == art.caption):
        body = body[1:]
    art.body = body
    art.authors = dedupe(art.authors)
    art.byline = ", ".join(art.authors) or None
    return art
