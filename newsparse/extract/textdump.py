"""Extract an Article from a plain-text dump of a rendered Pangea page.

A dump has no markup, only the order of lines (labels.md §14): chrome at
the top (accessibility heading, "Breaking News", a clock line, kickers), the
headline, the lead caption twice (alt text, then figcaption), the body one
paragraph a line, credit lines, the author card ("16x9 Image", name, bio),
legal notices, widget headings and the breakpoint labels XS SM MD LG.
Everything that is not the article is recognised through the lexicon.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import lexicon
from ..model import Article
from ..textutil import clean
from .finish import finish

_BULLET = re.compile(r"^[•·▪◦‣*]\s+")
# A clock line near the top: a time of day plus a four-digit year, and short.
_CLOCK = re.compile(r"(?=.*\b\d{1,2}:\d{2}\b)(?=.*(?:\b|\D)(?:1[3-4]\d\d|20\d\d)\b).{0,80}$")
_DATE_ONLY = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_GEORGIAN = re.compile(r"[\u10a0-\u10ff]")
_ARMENIAN = re.compile(r"[\u0530-\u058f]")
_LATIN = re.compile(r"[A-Za-z]")


def lines_of(text: str) -> list[str]:
    """Non-blank lines, trimmed, without list bullets."""
    out = []
    for raw in text.splitlines():
        line = clean(raw)
        if line:
            out.append(_BULLET.sub("", line))
    return out


def _language(chrome_langs: list[set[str]], body: list[str]) -> str | None:
    """The page language from the chrome it carried and the script of its body."""
    sample = " ".join(body)[:4000]
    counts = {
        "cyrl": len(_CYRILLIC.findall(sample)), "arab": len(_ARABIC.findall(sample)),
        "geor": len(_GEORGIAN.findall(sample)), "armn": len(_ARMENIAN.findall(sample)),
        "latn": len(_LATIN.findall(sample)),
    }
    script = max(counts, key=counts.get) if any(counts.values()) else None
    votes: dict[str, int] = {}
    for langs in chrome_langs:
        for lang in langs:
            votes[lang] = votes.get(lang, 0) + 1
    script_of = {"en": "latn", "ru": "cyrl", "uk": "cyrl", "be": "cyrl", "bg": "cyrl", "ky": "cyrl",
                 "kk": "cyrl", "tg": "cyrl", "tt": "cyrl", "ce": "cyrl", "fa": "arab", "prs": "arab",
                 "ps": "arab", "ka": "geor", "hy": "armn"}
    ranked = sorted(votes, key=lambda lang: (-votes[lang], lang != "en"))
    for lang in ranked:
        if script_of.get(lang, "latn") == script:
            return lang
    if script == "geor":
        return "ka"
    if script == "armn":
        return "hy"
    return None


def extract(text: str, url: str | None = None) -> Article:
    lines = lines_of(text)
    art = Article(extractor="text", page_type="article")
    chrome_langs: list[set[str]] = []

    def chrome(line: str) -> bool:
        if lexicon.is_chrome(line):
            langs = lexicon.languages_of(line)
            if langs:
                chrome_langs.append(langs)
            return True
        return False

    # The author card and everything after it is end-of-page chrome; its
    # second line names the author.
    card = next((i for i, line in enumerate(lines) if lexicon.is_card_marker(line)), None)
    if card is not None:
        chrome_langs.append(lexicon.languages_of("16x9 Image"))
        tail = lines[card + 1:]
        if tail and not lexicon.is_chrome(tail[0]) and len(tail[0]) <= 80:
            art.authors = [lexicon.strip_byline_prefix(tail[0])]
        art.stripped += len(lines) - card
        lines = lines[:card]

    # Top chrome: headings, banners, clock and kicker lines before the headline.
    start = 0
    while start < len(lines) and (chrome(lines[start]) or _CLOCK.match(lines[start])
                                  or _DATE_ONLY.match(lines[start])):
        start += 1
    art.stripped += start
    rest = lines[start:]

    # In live blogs and photo pages the doubled caption comes before the headline;
    # on media pages a doubled first line is the headline and the media title,
    # followed by the player's lines.
    if len(rest) >= 3 and rest[0] == rest[1] and not lexicon.is_chrome(rest[2]):
        art.caption = rest[0]
        rest = rest[2:]
    if rest:
        art.headline = rest[0]
        rest = rest[1:]
    if rest and rest[0] == art.headline:  # media pages repeat the title for the player
        art.media_title = rest[0]
        rest = rest[1:]
    if art.caption is None and len(rest) >= 2 and rest[0] == rest[1]:
        art.caption = rest[0]
        rest = rest[2:]

    body = []
    for line in rest:
        if chrome(line):
            art.stripped += 1
        else:
            body.append(line)
    # A line repeated back to back (a caption of an in-body photo) is kept once.
    art.body = [line for i, line in enumerate(body) if i == 0 or line != body[i - 1]]
    art.language = _language(chrome_langs, art.body or ([art.headline] if art.headline else []))
    art.url = url
    if url:
        netloc = urlsplit(url).hostname or ""
        art.site = netloc[4:] if netloc.startswith("www.") else netloc or None
    if not art.body:
        art.page_type = "unknown"
    return finish(art)
