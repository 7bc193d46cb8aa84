"""One small adapter per tool: saved page bytes in, the fields the tool has out.

Every adapter returns a dict with any of headline, byline, caption, credits,
body_text (str or None; credits a list) and whole_text (everything the tool
output, for the leak check). A field the tool does not produce is simply
absent, so it scores what it gets. Peers are imported only when asked for:
`make(name)` raises PeerMissing when a tool is not installed.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import re

# The distribution whose version the report shows, per tool.
DISTRIBUTIONS = {
    "newsparse": "newsparse",
    "trafilatura": "trafilatura",
    "readability-lxml": "readability-lxml",
    "goose3": "goose3",
    "newspaper4k": "newspaper4k",
    "resiliparse": "resiliparse",
    "jusText": "jusText",
    "lxml parse (floor)": "lxml",
}
TOOLS = tuple(DISTRIBUTIONS)
SPEED_ONLY = {"lxml parse (floor)"}  # produces no text: timed, never scored

# <html lang> code -> jusText stop list; pages in other languages fall back to English.
JUSTEXT_STOPLISTS = {
    "en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "kk": "Kazakh",
    "ky": "Kyrgyz", "uz": "Uzbek", "tk": "Turkmen", "az": "Azerbaijani", "hy": "Armenian",
    "ka": "Georgian", "ro": "Romanian", "sr": "Serbian", "hr": "Croatian", "bs": "Bosnian",
    "sh": "Serbo_Croatian", "sq": "Albanian", "mk": "Macedonian", "bg": "Bulgarian", "fa": "Persian",
    "ar": "Arabic", "ur": "Urdu", "es": "Spanish", "fr": "French", "pt": "Portuguese",
    "sw": "Swahili", "vi": "Vietnamese", "id": "Indonesian", "ko": "Korean", "bn": "Bengali",
    "tr": "Turkish", "ku": "Kurdish", "cs": "Czech", "pl": "Polish", "hu": "Hungarian",
    "de": "German", "it": "Italian", "el": "Greek", "et": "Estonian", "lv": "Latvian",
    "lt": "Lithuanian", "sk": "Slovak", "sl": "Slovenian",
}
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br",
           "figcaption", "section", "article", "header", "footer", "ul", "ol", "table")


class PeerMissing(Exception):
    """The tool is not installed (pip install '.[bench]')."""


def peer_input(name: str, data: bytes) -> bytes:
    """What a peer is handed: the saved bytes, gunzipped (any user would); text dumps and MHTML as they are."""
    return gzip.decompress(data) if name.endswith(".gz") else data


def html_lang(data: bytes) -> str | None:
    found = _HTML_LANG.search(data[:20000])
    return found.group(1).decode("ascii").lower() if found else None


def justext_stoplist_name(data: bytes) -> str:
    return JUSTEXT_STOPLISTS.get(html_lang(data) or "", "English")


def html_to_text(html: str) -> str:
    """Text of an HTML fragment with a line break after each block, so blocks do not glue together."""
    import lxml.html

    if not html or not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def decode(data: bytes) -> str:
    """For tools that want str: bs4's detector (BOM, <meta charset>, then guessing)."""
    from bs4 import UnicodeDammit

    return UnicodeDammit(data, is_html=True).unicode_markup or ""


def strings_in(value) -> list[str]:
    """Every string inside a JSON-like value, depth first."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def joined(*parts) -> str:
    return "\n".join(p for p in parts if p)


def _newsparse():
    from pages import parse_cold  # its line-key cache emptied before each page: no help from repeats

    def run(name, data):
        article = parse_cold(data).to_dict()
        return {
            "headline": article["headline"],
            "byline": article["byline"],
            "caption": article["caption"],
            "credits": article["credits"],
            "body_text": "\n".join(article["body"]),
            "whole_text": "\n".join(strings_in(article)),
        }

    return run


def _trafilatura():
    import trafilatura

    def run(name, data):
        result = trafilatura.extract(peer_input(name, data), with_metadata=True, output_format="json")
        if result is None:
            return {}
        doc = json.loads(result)
        author = doc.get("author")
        return {
            "headline": doc.get("title"),
            "byline": author.replace("; ", ", ") if author else author,  # its separator, in newsparse's
            "body_text": doc.get("text"),
            "whole_text": "\n".join(strings_in(doc)),
        }

    return run


def _readability():
    from readability import Document

    def run(name, data):
        doc = Document(peer_input(name, data))
        headline = doc.short_title()
        author = doc.author()
        byline = None if author == "[no-author]" else author  # its literal for "none found"
        body = html_to_text(doc.summary())
        return {"headline": headline, "byline": byline, "body_text": body,
                "whole_text": joined(headline, byline, body)}

    return run


def _goose3():
    from goose3 import Goose

    goose = Goose()

    def run(name, data):
        article = goose.extract(raw_html=decode(peer_input(name, data)))
        byline = ", ".join(article.authors) or None
        return {"headline": article.title, "byline": byline, "body_text": article.cleaned_text,
                "whole_text": joined(article.title, byline, article.cleaned_text)}

    return run


def _newspaper4k():
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False  # never touch the network

    def run(name, data):
        article = newspaper.Article("https://example.invalid/article.html", config=config)
        article.download(input_html=decode(peer_input(name, data)))
        article.parse()
        byline = ", ".join(article.authors) or None
        return {"headline": article.title, "byline": byline, "body_text": article.text,
                "whole_text": joined(article.title, byline, article.text)}

    return run


def _resiliparse():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def run(name, data):
        html = peer_input(name, data)
        text = extract_plain_text(bytes_to_str(html, detect_encoding(html)), main_content=True)
        return {"body_text": text, "whole_text": text}

    return run


def _justext():
    import justext

    def run(name, data):
        html = peer_input(name, data)
        paragraphs = justext.justext(html, justext.get_stoplist(justext_stoplist_name(html)))
        text = "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
        return {"body_text": text, "whole_text": text}

    return run


def _lxml_floor():
    import lxml.html

    def run(name, data):
        lxml.html.fromstring(peer_input(name, data))
        return {}

    return run


_FACTORIES = {
    "newsparse": _newsparse,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "goose3": _goose3,
    "newspaper4k": _newspaper4k,
    "resiliparse": _resiliparse,
    "jusText": _justext,
    "lxml parse (floor)": _lxml_floor,
}


def make(tool: str):
    """The adapter `run(file_name, data) -> dict` for `tool`; PeerMissing when it cannot be imported."""
    try:
        return _FACTORIES[tool]()
    except ImportError as exc:
        raise PeerMissing(f"{tool}: not installed ({exc.name or exc})") from None


def version(tool: str) -> str | None:
    try:
        return importlib.metadata.version(DISTRIBUTIONS[tool])
    except importlib.metadata.PackageNotFoundError:
        return None
