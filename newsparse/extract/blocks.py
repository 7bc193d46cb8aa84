"""Turn a body container into paragraphs, skipping embedded chrome.

Pangea bodies (`div.wsw`) hold paragraphs, subheads, lists and embeds
(`div.wsw__embed`: photos, videos, "also read" boxes). Paragraphs and list
items become body entries, each with its kind (`kinds`: a subhead <h2>-<h4>
or a paragraph of one short bold run is a heading, an <li> a list item, each
paragraph of a <blockquote> a quote, the rest paragraphs); embedded figures
are collected as images; every other embed is chrome and only counted. Older layouts put text straight into
the container with <br> between paragraphs; that loose text is split there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .. import lexicon
from ..model import Block, Image
from ..sites import BODY_SKIP_CLASSES, CHROME
from ..textutil import clean
from . import dom
from .dom import classes
from .shape import SENTENCE_END

PARAGRAPH_TAGS = frozenset(("p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "address"))
LIST_TAGS = frozenset(("ul", "ol", "dl"))
CONTAINER_TAGS = frozenset(("div", "section", "article", "main", "center", "table", "tbody", "tr", "td",
                            "th", "thead", "header"))
SKIP_TAGS = frozenset(CHROME)
# Embeds that may hold a photo of the article, and teaser boxes whose pictures belong to other stories.
EMBED_CLASSES = frozenset(("wsw__embed",))
TEASER_CLASSES = frozenset(("media-block", "also-read", "media-block-wrap", "related"))
MAX_DEPTH = 200  # nesting levels walked block by block; deeper content is taken as one block
HEADING_TAGS = frozenset(("h2", "h3", "h4"))
BOLD_TAGS = frozenset(("strong", "b"))
BOLD_HEADING_MAX_WORDS = 15  # a bold paragraph longer than this is a bold paragraph, not a subheading
_SENTENCE_END = tuple(SENTENCE_END + ":;,")  # every script's sentence ends (shape)
BREAK = "\u2029"  # marks a <br> in loose text; white space to clean()
SKIP_CLASSES = frozenset(BODY_SKIP_CLASSES)
_CAPTION = etree.XPath(".//figcaption//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
                       "[not(contains(@class, 'c-lightbox__caption'))]")
_CREDIT = etree.XPath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' credit ')]")


@dataclass
class Blocks:
    paragraphs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # the kind of each paragraph (model.BLOCK_TYPES)
    images: list[Image] = field(default_factory=list)
    dateline: str | None = None
    stripped: int = 0


def figure_image(fig, alt_caption: bool = False) -> Image | None:
    """The picture in a figure (or any block holding an <img>) with its caption and credit.

    `alt_caption`: the layout shows the alt text as the caption (older layouts)."""
    imgs = list(fig.iterdescendants("img"))
    src = None
    if imgs:
        img = imgs[0]
        src = img.get("src") or img.get("data-src")
        if not src or src.startswith("data:"):
            src = img.get("data-src") or src
    caps = _CAPTION(fig) or list(fig.iterdescendants("figcaption"))
    caption = clean(imgs[0].get("alt")) if alt_caption and imgs else None
    for cap in caps:
        caption = dom.text(cap) or caption
        if caption:
            break
    credit = None
    creds = _CREDIT(fig)
    if creds:
        credit = dom.text(creds[0]) or None
        if credit and caption and caption.endswith(credit):
            caption = clean(caption[: -len(credit)]) or None
    if not src and not caption:
        return None
    return Image(src=src, caption=caption or None, credit=credit)


def skippable(el) -> bool:
    """Chrome inside a body: a chrome tag, a hidden element or a chrome class."""
    if el.tag in SKIP_TAGS or el.get("hidden") is not None:
        return True
    cls = el.get("class")
    return bool(cls) and not SKIP_CLASSES.isdisjoint(cls.split())


def text_of(el) -> str:
    """Visible text of a block: nested chrome (scripts, hidden bits) left out."""
    if len(el) == 0:
        return clean(el.text)
    for sub in el.iterdescendants():
        if isinstance(sub.tag, str) and skippable(sub):
            return clean(_text_skipping(el))
    return dom.text(el)  # fast path: no nested chrome


def _text_skipping(el) -> str:
    """Text of `el` without its chrome descendants; iterative, so any nesting depth is fine."""
    parts = [el.text or ""]
    stack = [(iter(el), None)]
    while stack:
        children, owner = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if owner is not None and owner.tail:
                parts.append(owner.tail)
            continue
        if isinstance(child.tag, str) and not skippable(child):
            parts.append(child.text or "")
            stack.append((iter(child), child))
        elif child.tail:
            parts.append(child.tail)
    return "".join(parts)


def collect(containers) -> Blocks:
    """Paragraphs, images and the dateline of the body containers, in reading order."""
    out = Blocks()
    for container in containers:
        for br in container.iterdescendants("br"):
            br.tail = BREAK + (br.tail or "")
        _walk(container, out, 0)
    return out


def kind_of(tag: str, inherited: str) -> str:
    """The block kind of a text element, inside a quote or a list item (`inherited`) or not."""
    if inherited != "paragraph":
        return inherited
    if tag in HEADING_TAGS:
        return "heading"
    return "quote" if tag == "blockquote" else "paragraph"


def bold_heading(el, text: str) -> bool:
    """A paragraph that is nothing but one bold run of a few words with no sentence end: how
    many Pangea bodies write a subheading (`<p><strong>What officials said</strong></p>`)."""
    if len(el) != 1 or el[0].tag not in BOLD_TAGS or (el.text or "").strip() or (el[0].tail or "").strip():
        return False
    return len(text.split()) <= BOLD_HEADING_MAX_WORDS and not text.endswith(_SENTENCE_END)


def typed(found: Blocks) -> list[Block]:
    """The paragraphs of `found` as Blocks of their kind (see finish.align_blocks)."""
    return [Block(kind, text) for kind, text in zip(found.kinds, found.paragraphs)]


def _add(out: Blocks, text: str, kind: str = "paragraph") -> None:
    """Keep a paragraph (already cleaned) unless it is chrome."""
    if not text:
        return
    if lexicon.is_chrome(text):  # cheap for long paragraphs: only a notice's opening is checked
        out.stripped += 1
        return
    out.paragraphs.append(text)
    out.kinds.append(kind)


def _add_loose(out: Blocks, loose: list[str], kind: str = "paragraph") -> None:
    """Text that sat directly in a container: one paragraph per line break."""
    if not loose:
        return
    joined = "".join(loose)
    loose.clear()
    if joined.isspace():  # the white space between blocks: the common case
        return
    for line in joined.split(BREAK):
        _add(out, clean(line), kind)


def _walk(container, out: Blocks, depth: int, kind: str = "paragraph") -> None:
    """Blocks of `container` in order; `kind` is the kind its text inherits (in a list item or quote)."""
    if depth > MAX_DEPTH:  # pathological nesting: the rest is one block of text
        _add(out, text_of(container), kind)
        return
    loose: list[str] = []
    if container.text:
        loose.append(container.text)
    for child in container:
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            if child.tail:
                loose.append(child.tail)
            continue
        cls = classes(child)
        if "dateline" in cls:
            out.dateline = dom.text(child).rstrip(" —–-").strip() or None
        elif tag == "figure" or (cls & EMBED_CLASSES and not cls & TEASER_CLASSES
                                 and child.find(".//figure") is not None):
            _add_loose(out, loose, kind)
            image = figure_image(child)
            if image:
                out.images.append(image)
            out.stripped += 1
        elif skippable(child):
            _add_loose(out, loose, kind)
            out.stripped += 1
        elif tag in PARAGRAPH_TAGS:
            _add_loose(out, loose, kind)
            if len(child) and any(isinstance(c.tag, str) and (c.tag in CONTAINER_TAGS or c.tag == "p")
                                  for c in child):
                _walk(child, out, depth + 1, kind_of(tag, kind))  # a <p> or <blockquote> wrapping blocks
            else:
                text = text_of(child)
                heading = tag == "p" and kind == "paragraph" and bold_heading(child, text)
                _add(out, text, "heading" if heading else kind_of(tag, kind))
        elif tag in LIST_TAGS:
            _add_loose(out, loose, kind)
            for item in child:
                if isinstance(item.tag, str) and not skippable(item):
                    if any(isinstance(c.tag, str) and c.tag in LIST_TAGS | PARAGRAPH_TAGS for c in item):
                        _walk(item, out, depth + 1, "list_item" if item.tag == "li" else kind)
                    else:
                        _add(out, text_of(item), "list_item" if item.tag == "li" else kind)
        elif tag in CONTAINER_TAGS:
            _add_loose(out, loose, kind)
            _walk(child, out, depth + 1, kind)
        else:  # inline: a, strong, em, span, b, i, ...
            loose.append(text_of(child) if len(child) else (child.text or ""))
        if child.tail:
            loose.append(child.tail)
    _add_loose(out, loose, kind)
