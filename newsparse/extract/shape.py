"""What a line of a text dump looks like: a headline, a kicker, a paragraph, a name.

A dump has no markup, so these shapes stand in for it. They hold in every
language: they look at length, words, the end of the line and letters, never
at what a line says (the lexicon knows the words of chrome).
"""

from __future__ import annotations

import re

from .. import lexicon

_CLOSERS = "\"'”’»)]›"
# Full stops of the scripts Pangea services write in: Latin, CJK, Armenian, Arabic/Urdu, Devanagari/Bengali
# danda, Khmer khan, Myanmar section, Ethiopic full stop (and CJK, Arabic, Ethiopic question marks).
_FULL_STOP = ".。։۔।॥។။።"
SENTENCE_END = _FULL_STOP + "!?…！？؟፧"
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces
# Scripts written without spaces between words (spaces part phrases): Thai, Lao, Myanmar, Khmer. Their
# words run to several characters with the vowel signs: four count as one word.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_UNSPACED_WORD = 4
_HEADLINE_MAX = 200  # characters
_HEADLINE_MAX_WORDS = 25
_HEADLINE_MAX_SENTENCE = 14  # words of a line ending with a full stop that can still be a title
_KICKER_MAX = 30  # characters
_KICKER_MAX_WORDS = 3
_PARAGRAPH_MIN_WORDS = 8
_PROSE_MIN_WORDS = 4
_LONG_WORDS = 30  # words: a line this long is a paragraph however it ends
_POST_STAMP = re.compile(r"(?:\d{1,2}:\d{2}\s+\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}\s+\d{1,2}:\d{2})")
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_MARKUP = re.compile(r"^(?:#{1,6} |```|~~~|\|.*\|$|={3,}$|-{3,}$|<[a-zA-Z!/?])")
_KEY_VALUE = re.compile(r"^[\w-]+\s*[:=]\s*\S*$")


def words(line: str) -> int:
    """Words of a line; in scripts written without spaces, two characters count as one (CJK, Hangul) or
    four (Thai, Lao, Myanmar, Khmer, whose vowel signs are characters of their own)."""
    wide = len(_WIDE.findall(line))
    unspaced = len(_UNSPACED.findall(line))
    return len(line.split()) + wide // 2 + unspaced // _UNSPACED_WORD


def ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in SENTENCE_END


def ends_full_stop(line: str) -> bool:
    """Ends with a full stop: titles seldom do, sentences do."""
    return line.rstrip(_CLOSERS)[-1:] in _FULL_STOP


def is_prose(line: str) -> bool:
    """A sentence of a few words: what any page has and robots.txt or a CSV file has not."""
    return words(line) >= _PROSE_MIN_WORDS and ends_sentence(line)


_LEADS_IN = ":："  # a line ending so introduces what follows ("To listen, click below:"): text, not a title


def is_title(line: str) -> bool:
    """A headline that is no sentence: the title after a kicker, the title shown above a player."""
    return is_headline(line) and not ends_full_stop(line) and line.rstrip()[-1:] not in _LEADS_IN


def is_paragraph(line: str) -> bool:
    """A line that reads as running text: a sentence of some length, or a long line."""
    n = words(line)
    return n >= _LONG_WORDS or (n >= _PARAGRAPH_MIN_WORDS and ends_sentence(line))


def is_headline(line: str) -> bool:
    """A line that can be a title: not running text, not too long, not chrome, a credit or a date line."""
    n = words(line)
    return (len(line) <= _HEADLINE_MAX and n <= _HEADLINE_MAX_WORDS
            and not (ends_full_stop(line) and n >= _HEADLINE_MAX_SENTENCE)
            and not lexicon.is_chrome(line) and not lexicon.is_credit(line) and not lexicon.is_date_line(line))


def is_kicker(line: str) -> bool:
    """A section or kicker line: a word or three, no sentence, no number ("USA", "América Latina")."""
    return (len(line) <= _KICKER_MAX and len(line.split()) <= _KICKER_MAX_WORDS
            and line[-1:] not in SENTENCE_END + ",;:" and not any(c.isdigit() for c in line))


_SUBHEADING_MAX_WORDS = 12


def is_subheading(line: str, before: str, after: str, list_follows: bool = False) -> bool:
    """An in-body subheading as a rendering shows it: a short title line of two words or more,
    opening with a letter, after a paragraph and before a paragraph or a list (`list_follows`);
    a quote or a date line opens otherwise."""
    return (2 <= words(line) <= _SUBHEADING_MAX_WORDS and line[:1].isalpha() and is_title(line)
            and not ends_sentence(line) and line[-1:] not in ",;:" and is_paragraph(before)
            and (list_follows or is_paragraph(after)))


def is_name(text: str) -> bool:
    """A person's name: two to four capitalised words, nothing else."""
    parts = text.split()
    return 2 <= len(parts) <= 4 and all(_NAME_WORD.fullmatch(p) and p[0].isupper() for p in parts)


_UNCASED_NAME_MAX = 30  # characters of a name in a script without capitals


def is_bare_name(line: str) -> bool:
    """A name alone on its line: `is_name`, or, in a script without capitals (Arabic, Georgian...), two
    or three words of letters only, short, that are no chrome."""
    if is_name(line):
        return True
    parts = line.split()
    return (2 <= len(parts) <= 3 and len(line) <= _UNCASED_NAME_MAX and not any(c.isupper() or c.islower() for c in line)
            and all(re.fullmatch(r"[^\W\d_]+", p) for p in parts) and not lexicon.is_chrome(line))


_STEM_MIN = 3  # letters of a word's stem: "Юли" is the stem of "Юлия" and "Юлии"
_ENDING_MAX = 2  # letters of an inflected ending ("Навальная" / "Навальной")


def names_subject(name: str, text: str) -> bool:
    """The surname of NAME is a word of TEXT, inflected or not: the text is about that person (a photo
    caption under the headline names whom it shows; a byline names who wrote, seldom in the text)."""
    surname = name.split()[-1].casefold()
    stem = surname[:max(_STEM_MIN, len(surname) - _ENDING_MAX)]
    return any(word.startswith(stem) for word in re.findall(r"\w+", text.casefold()))


def is_caption_once(line: str, following: str) -> bool:
    """The lead image's caption shown once, below the empty line of the image: no sentence of its
    own, and either a description of some length or the words the first paragraph opens with."""
    if is_paragraph(line) or ends_sentence(line) or not is_paragraph(following):
        return False
    return words(line) >= 5 or following.startswith(line)


_INNER_SENTENCE = re.compile(r"[.!?] +[A-ZА-ЯЁ]")


def is_credited_caption(line: str, following: str) -> bool:
    """A caption that ends with its photo credit ("... (AP Photo/Name).") above the first paragraph."""
    return (words(line) < _LONG_WORDS and is_paragraph(following) and lexicon.ends_with_photo_credit(line)
            and not lexicon.is_chrome(line))


def is_dated_caption(line: str, following: str) -> bool:
    """Below the image's gap, one sentence that ends with the day it shows ("... on May 24.") above a
    paragraph: the photo's caption; a lead paragraph goes on ("..., officials said.")."""
    return (words(line) < _LONG_WORDS and is_paragraph(following) and lexicon.ends_with_date(line)
            and not _INNER_SENTENCE.search(line.rstrip(_CLOSERS + ".")) and not lexicon.is_chrome(line))


def is_post_stamp(line: str) -> bool:
    """A live-blog post's time stamp alone on its line ("00:23 21.11.2024", "16:49 20.4.2014")."""
    return _POST_STAMP.fullmatch(line) is not None


def strip_live_badge(headline: str) -> tuple[str, bool]:
    """"live Приказ сохранить жизни" -> ("Приказ сохранить жизни", True): the live blog's badge,
    written in lower case before the capitalised title."""
    head, _, title = headline.partition(" ")
    if title and head.islower() and title[:1].isupper() and lexicon.is_label(head, "breaking"):
        return title, True
    return headline, False


def opens_live(headline: str) -> bool:
    """A title that names itself live ("Live Blog: ...", "Live Briefing: ...")."""
    head, _, title = headline.partition(" ")
    return lexicon.is_label(head, "breaking") and ":" in " ".join(title.split()[:2])


def is_document(lines: list[str]) -> bool:
    """A text file rather than a rendered page: Markdown or markup lines, or mostly `key: value`
    lines (robots.txt, a config file)."""
    markup = sum(1 for line in lines if _MARKUP.match(line))
    pairs = sum(1 for line in lines if _KEY_VALUE.match(line))
    return markup >= 2 or (len(lines) >= 2 and pairs * 2 >= len(lines))
