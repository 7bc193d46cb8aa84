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

from .. import lexicon
from ..model import Article
from ..textutil import clean
from ..urls import host, page_url
from .finish import finish

_BULLET = re.compile(r"^[•·▪◦‣*]\s+")
_DASHES = ("-", "–", "—")
# Letters of each script, to tell which of the languages whose chrome a dump carried it is written in.
_SCRIPT_LETTERS = {
    "cyrl": re.compile(r"[\u0400-\u04ff]"), "arab": re.compile(r"[\u0600-\u06ff]"),
    "geor": re.compile(r"[\u10a0-\u10ff]"), "armn": re.compile(r"[\u0530-\u058f]"),
    "latn": re.compile(r"[A-Za-z\u00c0-\u024f]"), "hani": re.compile(r"[\u4e00-\u9fff]"),
    "hang": re.compile(r"[\uac00-\ud7af]"),
}
# A script with a single service language, for dumps whose chrome says nothing.
_ONLY_LANGUAGE = {"geor": "ka", "armn": "hy"}


def lines_of(text: str) -> list[str]:
    """Non-blank lines, trimmed, without list bullets and without episode-list entries
    (a lone dash, a date line, a title line: labels.md §12)."""
    lines = []
    for raw in text.splitlines():
        line = clean(raw)
        if line:
            lines.append(_BULLET.sub("", line))
    out, i = [], 0
    while i < len(lines):
        if lines[i] in _DASHES and i + 1 < len(lines) and lexicon.is_episode_date(lines[i + 1]):
            i += 3
            continue
        out.append(lines[i])
        i += 1
    return out


def _script(text: str) -> str | None:
    sample = text[:4000]
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPT_LETTERS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def _language(chrome_langs: list[set[str]], body: list[str]) -> str | None:
    """The page language: of the languages whose chrome the dump carried, the one written in the
    body's script; a service's own label outranks English chrome, which many services show."""
    script = _script(" ".join(body))
    votes: dict[str, int] = {}
    for langs in chrome_langs:
        for lang in langs:
            votes[lang] = votes.get(lang, 0) + 1
    for lang in sorted(votes, key=lambda lang: (lang == "en", -votes[lang], lang)):
        if script in lexicon.SCRIPTS.get(lang, ()):
            return lang
    return _ONLY_LANGUAGE.get(script)


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
    while start < len(lines) and (chrome(lines[start]) or lexicon.is_clock(lines[start])):
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
    art.url = page_url(url)
    art.site = host(art.url)
    art = finish(art)
    if not art.body:  # after finish: a dump of nothing but credit lines holds no article
        art.page_type = "unknown"
    return art
