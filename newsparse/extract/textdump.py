"""Extract an Article from a plain-text dump of a rendered Pangea page.

A dump has no markup, only the order of lines and the blank lines between
them (labels.md §14): chrome at the top (accessibility heading, "Breaking
News", a clock line, menus, a section kicker), the headline, the lead caption
(twice: alt text, then figcaption; or once, after the empty line of the image),
the body one paragraph a line, credit lines, the author card ("16x9 Image",
name, bio), legal notices, widget headings and the breakpoint labels XS SM MD
LG. Everything that is not the article is recognised through the lexicon and
through the shape of lines (`shape`): what a headline, a kicker, a paragraph
looks like.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import langid, lexicon
from ..model import Article, Block
from ..textutil import clean
from ..urls import host, page_url
from . import shape
from .finish import finish

_BULLET = re.compile(r"^[•·▪◦‣*]\s+")
_HYPHEN_ITEM = re.compile(r"^-\s+(?=\S)")  # "- item"; a dash of direct speech ("— Yes") is no bullet
_DASHES = ("-", "–", "—")
_IMAGE_GAP = 2  # blank lines a renderer leaves where the lead image was
_QUOTE_MIN_WORDS = 8  # a pull quote is a sentence of some length, not a title


class Line(NamedTuple):
    text: str
    gap: int  # blank lines before it
    bullet: bool = False  # it was written with a list bullet (taken off `text`)


def gapped_lines(text: str) -> list[Line]:
    """Non-blank lines, trimmed, without list bullets and without episode-list entries
    (a lone dash, a date line, a title line: labels.md §12), each with the number of
    blank lines before it and whether it had a bullet."""
    lines, gap = [], 0
    for raw in text.splitlines():
        line = clean(raw)
        if line:
            item = _BULLET.sub("", line)
            lines.append(Line(item, gap, item != line))
            gap = 0
        else:
            gap += 1
    out, i = [], 0
    while i < len(lines):
        if lines[i][0] in _DASHES and i + 1 < len(lines) and lexicon.is_episode_date(lines[i + 1][0]):
            i += 3
            continue
        out.append(lines[i])
        i += 1
    return out


def lines_of(text: str) -> list[str]:
    """The lines of `gapped_lines` without their gaps."""
    return [line.text for line in gapped_lines(text)]


def _language(chrome_langs: list[set[str]], text: str) -> str | None:
    """The page language: of the languages whose chrome the dump carried, the one written in the
    text's script; a service's own label outranks English chrome, which many services show.
    Without such a label, the text's own letters and words decide (langid), English chrome last."""
    script = langid.script_of(text)
    votes: dict[str, int] = {}
    for langs in chrome_langs:
        for lang in langs:
            votes[lang] = votes.get(lang, 0) + 1
    ranked = [lang for lang in sorted(votes, key=lambda lang: (lang == "en", -votes[lang], lang))
              if script in lexicon.SCRIPTS.get(lang, ())]
    if ranked and ranked[0] != "en":
        return ranked[0]
    return langid.guess(text, script) or (ranked[0] if ranked else None)


def _name_line(line: str) -> str | None:
    """The name of a "- Name" byline line (Martí writes each author so above the headline)."""
    if line[:1] in _DASHES and line[1:2] == " " and shape.is_name(line[2:]):
        return line[2:].strip()
    return None


def extract(text: str, url: str | None = None) -> Article:
    gapped = gapped_lines(text)
    lines = [line.text for line in gapped]
    gaps = [line.gap for line in gapped]
    items = {line.text for line in gapped if line.bullet}  # lines shown as list items
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

    # Top chrome: headings, banners, clock lines and menus before the headline.
    start = 0
    while start < len(lines):
        line = lines[start]
        if lexicon.is_menu_heading(line) and start + 1 < len(lines):
            chrome(line)
            start += 2  # the heading and its menu, flattened to one line
        elif chrome(line) or lexicon.is_clock(line) or lexicon.is_date_line(line):
            start += 1
        else:
            break
    art.stripped += start
    rest = lines[start:]
    rest_gaps = gaps[start:start + len(rest)]

    # No chrome and no credit line anywhere: the text may not be a page at all.
    pageless = card is None and not any(lexicon.is_chrome(line) or lexicon.is_credit(line) for line in lines)
    if pageless and (shape.is_document(rest) or not any(map(shape.is_prose, rest))):
        # Nothing of a page: no chrome and no paragraph (robots.txt, a CSV), or a text document.
        art.page_type = "unknown"
        art.stripped += len(rest)
        art.language = langid.guess(" ".join(rest))
        return _finish_url(art, url)

    # "- Name" lines near the top are the authors.
    top = []
    for i, line in enumerate(rest[:6]):
        name = _name_line(line)
        if name:
            art.authors.append(name)
            top.append(i)
    if top:
        rest = [line for i, line in enumerate(rest) if i not in top]
        rest_gaps = [gap for i, gap in enumerate(rest_gaps) if i not in top]

    # A kicker: a short line (the section) followed by the longer headline.
    while len(rest) >= 2 and shape.is_kicker(rest[0]) and rest[1] != rest[0] and shape.is_title(rest[1]) \
            and len(rest[1]) > len(rest[0]) and not lexicon.is_chrome(rest[1]):
        art.section = art.section or rest[0]
        rest, rest_gaps = rest[1:], rest_gaps[1:]

    # Live blogs show their lead image, its caption doubled, over the blog's title; an article puts the
    # image under its headline (every real rendering with the caption first is a live blog's: Radio
    # Svoboda, Azattyq, RFE/RL's 2014 archive). On media pages a doubled first line is the headline and
    # the media title, followed by the player's lines.
    if len(rest) >= 3 and rest[0] == rest[1] and shape.is_headline(rest[2]):
        art.caption = rest[0]
        art.page_type = "liveblog"
        rest, rest_gaps = rest[2:], rest_gaps[2:]
    if rest and shape.is_headline(rest[0]):
        art.headline, live = shape.strip_live_badge(rest[0])
        if live or shape.opens_live(art.headline):
            art.page_type = "liveblog"
        rest, rest_gaps = rest[1:], rest_gaps[1:]
    # Media pages repeat the title for the player, after a badge or two.
    skip = 0
    while skip < min(len(rest), 3) and lexicon.is_chrome(rest[skip]):
        skip += 1
    if art.headline and skip < len(rest) and rest[skip] == art.headline:
        art.media_title = art.headline
        art.stripped += skip + 1
        rest, rest_gaps = rest[skip + 1:], rest_gaps[skip + 1:]
    if art.caption is None:
        art.caption, rest, rest_gaps = _lead_caption(rest, rest_gaps, art.headline)
    if art.headline and not art.authors and len(rest) >= 2 and shape.is_bare_name(rest[0]) \
            and shape.is_paragraph(rest[1]) and not shape.names_subject(rest[0], f"{art.headline} {rest[1]}"):
        # A name alone under the headline that the text does not name (one it names is the photo's
        # caption, above): who wrote it, as old Radio Farda pages show their author.
        art.authors.append(rest[0])
        rest, rest_gaps = rest[1:], rest_gaps[1:]

    body, media = [], set()
    after_player = False  # the last lines read were the player's (its texts, its counter)
    cited = set()  # lines that are the attribution under a pull quote
    widget_end = False  # the article ended at a widget or comments heading
    spaced = _paragraphs_spaced(rest, rest_gaps)
    for i, line in enumerate(rest):
        following = rest[i + 1] if i + 1 < len(rest) else ""
        if i in cited:
            art.stripped += 1
            continue
        if _HYPHEN_ITEM.match(line):
            line = _HYPHEN_ITEM.sub("", line)
            items.add(line)
        if following and rest_gaps[i + 1] == 0 and shape.is_name(following) and shape.words(line) >= _QUOTE_MIN_WORDS \
                and not shape.is_name(line) and (i + 2 >= len(rest) or rest_gaps[i + 2] > 0):
            # A sentence with a bare name right under it, in one block: a pull quote and whom it quotes.
            cited.add(i + 1)
            art.stripped += 1
            continue
        if spaced and body and _is_inline_caption(line, rest_gaps[i], following, rest_gaps[i + 1] if following else 1):
            art.stripped += 1  # an in-body photo's caption, run into the paragraph under the photo
            continue
        if lexicon.ends_article(line) and body:
            chrome(line)
            art.stripped += len(rest) - i  # a widget or comments heading after the article: the rest is not it
            widget_end = True
            break
        if chrome(line):
            after_player = after_player or lexicon.is_label(line, "player") or lexicon.is_player_counter(line)
            art.stripped += 1
            continue
        if after_player and shape.is_title(line) and not shape.is_kicker(line) and shape.is_paragraph(following):
            # Under a player, a title-shaped line before the text resumes is the clip's caption.
            after_player = False
            media.add(line)
            art.stripped += 1
            continue
        after_player = False
        if not body and lexicon.is_date_line(line):  # the page's date under its title; later, a subheading
            art.stripped += 1
        elif shape.is_post_stamp(line):
            art.page_type = "liveblog"
            art.stripped += 1
        elif line in media or (lexicon.is_label(following, "player") and shape.is_title(line)) \
                or (body and lexicon.introduces_media(body[-1]) and shape.is_title(line)
                    and not shape.is_paragraph(line) and not lexicon.introduces_media(line)):
            # the title of a player, its repeats, and the title under a "WATCH: ..." line (its player may
            # be cut off the dump)
            media.add(line)
            art.media_title = art.media_title or line
            art.stripped += 1
        else:
            body.append(line)
    if art.headline is None and widget_end and len(body) >= 2 and shape.is_paragraph(body[0]) \
            and shape.is_title(body[-1]) and not shape.is_paragraph(body[-1]) \
            and not any(map(shape.is_title, body[:-1])):
        # Text first, then one title line, then the widgets: a layout (staging.rferl.org) that shows the
        # headline under the article it heads.
        art.headline = body.pop()
    # A line repeated back to back is the caption of an in-body photo (alt text, then figcaption).
    doubled = {line for i, line in enumerate(body) if i and line == body[i - 1]}
    read = len(body)
    body = [line for line in body if line not in doubled]
    # Between two paragraphs, a title and a short line under it, neither a sentence, are a box that
    # links to another page ("Live Map: ..." / "Updated constantly ..."); a subheading has text under it,
    # a line written with a bullet is a list item, and a box's title opens with a letter or digit (a line
    # opening with dashes, "-- Euronews, August 3", is the source under a quoted item).
    promo = {j for i in range(1, len(body) - 2)
             for j in (i, i + 1)
             if shape.is_paragraph(body[i - 1]) and shape.is_paragraph(body[i + 2]) and body[i][:1].isalnum()
             and body[i] not in items and body[i + 1] not in items
             and shape.is_title(body[i]) and not shape.is_paragraph(body[i + 1])
             and not shape.ends_sentence(body[i + 1]) and not shape.is_name(body[i + 1])}
    art.body = [line for i, line in enumerate(body) if i not in promo]
    art.stripped += read - len(art.body)
    art.blocks = [Block(_kind(art.body, i, items), line) for i, line in enumerate(art.body)]

    if art.headline is None and pageless and len(rest) >= 3 \
            and all(map(shape.is_paragraph, rest[:-1])) and not any(rest_gaps):  # the last may be cut
        # A listing: paragraph after paragraph of other stories, no title of its own.
        art.page_type = "section"
        art.stripped += len(art.body)
        art.body = []
    art.language = _language(chrome_langs, " ".join(art.body or ([art.headline] if art.headline else rest)))
    art = finish(art)
    if art.headline and lexicon.is_static_title(art.headline):
        art.page_type = "static"
    if not art.body and art.page_type == "article":  # a dump of nothing but credit lines holds no article
        art.page_type = "unknown"
    return _finish_url(art, url)


_INLINE_CAPTION_MAX_WORDS = 7


def _paragraphs_spaced(rest: list[str], gaps: list[int]) -> bool:
    """The rendering puts a blank line between paragraphs (every paragraph under another, two at
    least), so a line with none under it is part of the block below it."""
    spaced = [gaps[i] > 0 for i in range(1, len(rest))
              if shape.is_paragraph(rest[i]) and shape.is_paragraph(rest[i - 1])]
    return len(spaced) >= 2 and all(spaced)


def _is_inline_caption(line: str, gap: int, following: str, following_gap: int) -> bool:
    """In a rendering that spaces its paragraphs, a short sentence after a blank line with a paragraph
    right under it, no blank between: the caption of the photo above that paragraph ("A leader of
    the centre."), which the renderer ran into it."""
    return (gap > 0 and following_gap == 0 and shape.is_paragraph(following) and not shape.is_paragraph(line)
            and shape.words(line) <= _INLINE_CAPTION_MAX_WORDS and shape.ends_full_stop(line)
            and not lexicon.is_chrome(line) and not lexicon.is_credit(line))


_CAPTION_AFTER = 3  # chrome lines (an audio link, a share bar) the lead caption may come after


def _lead_caption(rest: list[str], gaps: list[int], headline: str | None) -> tuple[str | None, list[str], list[int]]:
    """The lead image's caption at the top of REST, and REST without it: doubled (alt text, then
    figcaption), or once after the image's empty lines on a page with a headline, or a name alone whom
    the headline or the first paragraph is about (the person the photo shows). Chrome lines before it
    are passed over (the body loop strips them); a chrome label is never a caption."""
    titled = headline is not None
    lead = 0
    while lead < min(len(rest), _CAPTION_AFTER) and lexicon.is_chrome(rest[lead]):
        lead += 1
    if len(rest) < lead + 2 or lexicon.is_chrome(rest[lead]):
        return None, rest, gaps
    line, following = rest[lead], rest[lead + 1]
    if line == following:
        taken = 2
    elif titled and (shape.is_credited_caption(line, following)
                     or (max(gaps[:lead + 1]) >= _IMAGE_GAP
                         and (shape.is_caption_once(line, following) or shape.is_dated_caption(line, following)))
                     or (shape.is_name(line) and shape.is_paragraph(following)
                         and shape.names_subject(line, f"{headline} {following}"))):
        taken = 1
    else:
        return None, rest, gaps
    return line, rest[:lead] + rest[lead + taken:], gaps[:lead] + gaps[lead + taken:]


def _kind(body: list[str], i: int, items: set[str]) -> str:
    """What body line i shows itself to be: a list item (it had a bullet), a subheading, a paragraph."""
    line = body[i]
    if line in items:
        return "list_item"
    if 0 < i < len(body) - 1 and shape.is_subheading(line, body[i - 1], body[i + 1], body[i + 1] in items):
        return "heading"
    return "paragraph"


def _finish_url(art: Article, url: str | None) -> Article:
    art.url = page_url(url)
    art.site = host(art.url)
    return art
