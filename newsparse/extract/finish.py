"""Last touches every extractor shares, so each field means the same whatever the source."""

from __future__ import annotations

import re

from .. import dates, lexicon
from ..model import Article, Block
from ..textutil import dedupe

ALIGN_WINDOW = 64  # candidate blocks looked ahead for a body entry before it is taken as a paragraph
_DATELINE_DASH = re.compile(r"\s(?:--|—|–)\s+")


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """"BISHKEK -- Lawmakers approved..." -> ("BISHKEK", "Lawmakers approved...").

    Only a short upper-case place name before a dash counts, so ordinary
    sentences with dashes stay whole.
    """
    m = _DATELINE_DASH.search(paragraph, 0, 60)
    if not m:
        return None, paragraph
    place = paragraph[: m.start()].strip()
    head = place.split(",")[0]
    if len(head) < 3 or not head.isupper() or not paragraph[m.end():]:
        return None, paragraph
    return place, paragraph[m.end():]


def split_credits(body: list[str]) -> tuple[list[str], list[str]]:
    """Trailing attribution lines ("With reporting by ...") leave the body for `credits`."""
    end = len(body)
    while end > 0 and lexicon.is_credit(body[end - 1]):
        end -= 1
    return body[:end], body[end:]


def align_blocks(body: list[str], candidates: list[Block]) -> list[Block]:
    """`body` as typed blocks: each entry takes the kind of the candidate (the extractor's blocks
    before credits, repeats, glossary and dateline were taken out of the body) it came from.

    Built from `body` itself, so `[b.text for b in blocks] == body` whatever was removed; an
    entry whose candidate is not found (or is not one of the next ALIGN_WINDOW) is a paragraph.
    A dateline split off leaves the end of its paragraph, which still matches."""
    out, j = [], 0
    for text in body:
        kind = "paragraph"
        for k in range(j, min(j + ALIGN_WINDOW, len(candidates))):
            candidate = candidates[k].text
            if candidate == text or candidate.endswith(text):
                kind, j = candidates[k].type, k + 1
                break
        out.append(Block(kind, text))
    return out


def finish(art: Article) -> Article:
    """Credits out of the body, a fused dateline split off, byline from authors, no headline or caption
    repeated in the body, the dates in UTC; `blocks` (the extractor's candidates) aligned with the
    final body."""
    body, credits = split_credits(art.body)
    art.credits = dedupe(art.credits + credits)
    while body and (body[0] == art.headline or body[0] == art.caption):
        body = body[1:]
    if art.dateline is None and body:
        art.dateline, first = split_dateline(body[0])
        body = [first] + body[1:]
    art.body = body
    art.blocks = align_blocks(body, art.blocks)
    art.authors = dedupe(art.authors)
    art.byline = ", ".join(art.authors) or None
    art.published_utc, art.updated_utc = dates.utc(art.published), dates.utc(art.updated)
    return art
