"""Render an Article for people (text) or programs (JSON)."""

from __future__ import annotations

import json

from .model import Article


# One encoder for every compact object (json.dumps would build one per call: a batch writes one per page).
_COMPACT = json.JSONEncoder(ensure_ascii=False)


def json_line(data: dict) -> str:
    """One compact JSON object, as to_json writes it, for data that is not an Article."""
    return _COMPACT.encode(data)


def to_json(article: Article, indent: int | None = None, extra: dict | None = None) -> str:
    """One JSON object, UTF-8 as is (no \\u escapes for Cyrillic or Arabic)."""
    data = article.to_dict()
    if extra:
        data = {**extra, **data}
    if indent is None:
        return _COMPACT.encode(data)
    return json.dumps(data, ensure_ascii=False, indent=indent)


def to_text(article: Article) -> str:
    """Headline; byline and date; caption; body paragraphs; credits — blank lines between blocks."""
    blocks: list[str] = []
    if article.headline:
        blocks.append(article.headline)
    meta_line = " · ".join(x for x in (article.byline, article.published) if x)
    if meta_line:
        if blocks:
            blocks[-1] += "\n" + meta_line
        else:
            blocks.append(meta_line)
    if article.caption:
        blocks.append(article.caption)
    if article.claim and article.claim.text:
        claim = article.claim
        who = f"{claim.source}: " if claim.source else ""
        verdict = f"\n{claim.verdict}" + (f" — {claim.verdict_summary}" if claim.verdict_summary else "") \
            if claim.verdict else ""
        blocks.append(f"{who}{claim.text}{verdict}")
    if article.dateline:
        blocks.append(article.dateline)
    blocks.extend(article.body)
    for entry in article.live_entries:
        head = " ".join(x for x in (entry.time, entry.title) if x)
        blocks.append("\n\n".join(([head] if head else []) + entry.body))
    blocks.extend(article.credits)
    return "\n\n".join(blocks) + "\n"
