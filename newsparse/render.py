"""Render an Article: text for people, JSON for programs, Markdown for notes and LLM pipelines,
CSV for spreadsheets.

`FORMATS` is the one table of output formats: each name with its renderer, the commands that
offer it, and whether a batch writes one file per page (with which suffix) or one stream for
the whole run. The commands read their `-f/--format` choices from it.

Text and Markdown are drawn from the same `layout` (what is shown, in which order), so they
differ only in how each piece is marked.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .dates import for_reader
from .model import Article, Block
from .summary import summarize
from .textutil import display_width

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


# --- what a reader sees, in order ------------------------------------------------------------------

class Piece(NamedTuple):
    """One shown piece of an article. `kind` is headline, meta, caption, label (`label` names it:
    Claim, Source, Verdict), a body block kind (paragraph, heading, list_item, quote), entry
    (a live-blog post's time and title), photo (a gallery photo's caption) or credit."""

    kind: str
    text: str
    label: str | None = None


def meta_line(article: Article) -> str:
    """Byline and date as a reader writes them: "Jane Doe · 28 April 2024, 03:00 -04:00"."""
    published = for_reader(article.published)
    if published and article.updated:
        published += f" (updated {for_reader(article.updated)})"
    return " · ".join(x for x in (article.byline, published) if x)


def gallery_photos(article: Article) -> list[str]:
    """A gallery's photo captions (credit included) in page order, the lead image's left out
    (it is the caption already)."""
    if article.page_type != "gallery":
        return []
    shown = [" ".join(x for x in (i.caption, i.credit) if x) for i in article.images]
    if shown and article.caption and shown[0] == article.caption:
        shown = shown[1:]
    return [s for s in shown if s]


def layout(article: Article) -> list[Piece]:
    """The pieces of the article in reading order: headline, byline and date, caption, the
    fact-check's claim, the body (dateline joined to the first paragraph, as printed), live-blog
    posts, gallery photos, credits."""
    pieces: list[Piece] = []
    if article.headline:
        pieces.append(Piece("headline", article.headline))
    meta = meta_line(article)
    if meta:
        pieces.append(Piece("meta", meta))
    if article.caption:
        pieces.append(Piece("caption", article.caption))
    claim = article.claim
    if claim:
        if claim.text:
            pieces.append(Piece("label", claim.text, "Claim"))
        source = claim.source or claim.source_detail
        if claim.source and claim.source_detail:
            source = f"{claim.source} ({claim.source_detail})"
        if source:
            pieces.append(Piece("label", source, "Source"))
        if claim.verdict:
            verdict = claim.verdict + (f" — {claim.verdict_summary}" if claim.verdict_summary else "")
            pieces.append(Piece("label", verdict, "Verdict"))
    dateline = article.dateline
    blocks = article.blocks
    if [b.text for b in blocks] != article.body:  # an Article built by hand, without its blocks
        blocks = [Block("paragraph", text) for text in article.body]
    for block in blocks:
        text = block.text
        if dateline and block.type == "paragraph":
            text, dateline = f"{dateline} — {text}", None
        pieces.append(Piece(block.type, text))
    if dateline:  # no paragraph to join it to
        pieces.append(Piece("paragraph", dateline))
    for entry in article.live_entries:
        head = " — ".join(x for x in (for_reader(entry.time), entry.title) if x)
        if head:
            pieces.append(Piece("entry", head))
        pieces.extend(Piece("paragraph", p) for p in entry.body)
    photos = gallery_photos(article)
    for n, caption in enumerate(photos, 1):
        pieces.append(Piece("photo", caption, f"Photo {n} of {len(photos)}"))
    pieces.extend(Piece("credit", c) for c in article.credits)
    return pieces


def _join(marked: list[tuple[str, str]], glue: dict[tuple[str, str], str]) -> str:
    """Marked pieces, a blank line between them, except where `glue` joins a kind to the one
    before it otherwise ((before, kind) -> separator): the items of one list, say."""
    out: list[str] = []
    last = None
    for kind, text in marked:
        sep = glue.get((last, kind)) if out else None
        if sep is not None:
            out[-1] += sep + text
        else:
            out.append(text)
        last = kind
    return "\n\n".join(out) + "\n"


# The meta line sits under the headline; the items of a list are on consecutive lines.
_TEXT_GLUE = {("headline", "meta"): "\n", ("list_item", "list_item"): "\n"}
# In Markdown the paragraphs of one quote stay one quote (an empty "> " line between them).
_MARKDOWN_GLUE = {("list_item", "list_item"): "\n", ("quote", "quote"): "\n>\n"}


# How each kind of piece of `layout` is marked, for people and in Markdown ({text}, {label}, and
# {rule}: a line of dashes as wide as the text); a kind not listed is its text as it is.
_TEXT_MARKS = {"caption": "Photo: {text}", "label": "{label}: {text}", "photo": "{label}: {text}",
               "heading": "{text}\n{rule}", "entry": "{text}\n{rule}", "list_item": "• {text}", "quote": "> {text}"}
_MARKDOWN_MARKS = {"headline": "# {text}", "caption": "*{text}*", "credit": "*{text}*",
                   "label": "**{label}:** {text}", "photo": "**{label}:** {text}", "heading": "## {text}",
                   "entry": "## {text}", "list_item": "- {text}", "quote": "> {text}"}


def _marked(article: Article, marks: dict[str, str], escape: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """The article's pieces (layout) as (kind, text) with MARKS applied to the text ESCAPE gives."""
    marked = []
    for piece in layout(article):
        text = escape(piece.text)
        mark = marks.get(piece.kind)
        if mark:
            text = mark.format(text=text, label=piece.label, rule="-" * min(display_width(text), 72))
        marked.append((piece.kind, text))
    return marked


def to_text(article: Article) -> str:
    """Text for people: headline with byline and date under it; the caption marked as one
    ("Photo: ..."), apart from the first paragraph; the claim, its source and the verdict
    labelled; headings underlined; list items with bullets; quotes marked with "> "."""
    return _join(_marked(article, _TEXT_MARKS), _TEXT_GLUE)


# Characters that would start Markdown syntax at the beginning of a line, or inside emphasis.
_MD_START = re.compile(r"^(#|[-+](?=\s|$)|={3,}|-{3,}|~{3,}|\|)")
_MD_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")  # "1. " starts a list: escaped as "1\. "
_MD_INLINE = re.compile(r"([\\`*_\[\]<>])")


def _md(text: str) -> str:
    """Text as Markdown shows it: what Markdown would take for markup escaped, nothing else."""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_START.sub(r"\\\1", text)


def to_markdown(article: Article) -> str:
    """Markdown: `#` headline, the byline and date line, the caption in italics, `##` headings
    (and live-blog posts), `-` list items, `>` quotes, the claim's labels in bold, credits at the end
    in italics."""
    return _join(_marked(article, _MARKDOWN_MARKS, _md), _MARKDOWN_GLUE)


# --- CSV: one row per article ----------------------------------------------------------------------

LIST_SEPARATOR = " | "  # between the items of authors, credits, tags, images; the body uses newlines


def _claim(key: str) -> Callable[[Article], str | None]:
    return lambda a: getattr(a.claim, key) if a.claim else None


# Column -> value of the article, in the fixed order of the header row.
CSV_COLUMNS: dict[str, Callable[[Article], object]] = {
    "extractor": lambda a: a.extractor,
    "page_type": lambda a: a.page_type,
    "headline": lambda a: a.headline,
    "byline": lambda a: a.byline,
    "authors": lambda a: LIST_SEPARATOR.join(a.authors),
    "published": lambda a: a.published,
    "published_utc": lambda a: a.published_utc,
    "updated": lambda a: a.updated,
    "updated_utc": lambda a: a.updated_utc,
    "caption": lambda a: a.caption,
    "dateline": lambda a: a.dateline,
    "body": lambda a: "\n".join(a.body),
    "credits": lambda a: LIST_SEPARATOR.join(a.credits),
    "url": lambda a: a.url,
    "site": lambda a: a.site,
    "site_name": lambda a: a.site_name,
    "language": lambda a: a.language,
    "section": lambda a: a.section,
    "description": lambda a: a.description,
    "tags": lambda a: LIST_SEPARATOR.join(a.tags),
    "images": lambda a: LIST_SEPARATOR.join(i.src for i in a.images if i.src),
    "media_title": lambda a: a.media_title,
    "claim_text": _claim("text"),
    "claim_source": _claim("source"),
    "claim_verdict": _claim("verdict"),
    "live_entries": lambda a: len(a.live_entries),
    "captured": lambda a: a.captured,
    "truncated": lambda a: "true" if a.truncated else "false",
}
CSV_HEADER = ("source", *CSV_COLUMNS)


def _csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def csv_header() -> str:
    """The header row of `-f csv` (RFC 4180: comma-separated, CRLF, fields quoted when needed)."""
    return _csv_line(CSV_HEADER)


def to_csv_row(article: Article, source: str | None = None) -> str:
    """One CSV row: the input path, then CSV_COLUMNS; missing values are empty fields."""
    values = [source or ""]
    for get in CSV_COLUMNS.values():
        value = get(article)
        values.append("" if value is None else value)
    return _csv_line(values)


# --- the table of formats --------------------------------------------------------------------------

@dataclass(frozen=True)
class Format:
    """An output format. `render(article, source, indent)` gives the text of one page; a `stream`
    format writes every page of a batch into one file (after `header`), the others a file per
    page named with `suffix`."""

    name: str
    render: Callable[[Article, str | None, int | None], str]
    commands: frozenset
    help: str
    suffix: str | None = None
    stream: bool = False
    header: Callable[[], str] | None = None
    stdout: bool = True  # a stream that can go to stdout (-o -); False: only to a file named with -o


def _json_line(a: Article, source: str | None, indent: int | None) -> str:
    return to_json(a, None, {"source": source}) + "\n"


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", lambda a, source, indent: to_text(a), frozenset({"parse", "batch"}),
           "text for people", suffix=".txt"),
    Format("json", lambda a, source, indent: to_json(a, indent, {"source": source} if source else None) + "\n",
           frozenset({"parse", "batch"}), "a JSON object for programs", suffix=".json"),
    Format("markdown", lambda a, source, indent: to_markdown(a), frozenset({"parse", "batch"}),
           "Markdown for notes and LLM pipelines", suffix=".md"),
    Format("jsonl", _json_line, frozenset({"batch"}), "JSON Lines, an object a page", stream=True),
    Format("csv", lambda a, source, indent: to_csv_row(a, source), frozenset({"batch"}),
           "a CSV row a page under a header row", stream=True, header=csv_header),
    # The workers hand back JSON Lines records; batch writes them as rows of one Parquet file
    # (formats/parquet.py, the `parquet` extra).
    Format("parquet", _json_line, frozenset({"batch"}), "rows of the fixed schema (the parquet extra)",
           stream=True, stdout=False),
    # No command offers it: what `newsparse summary --jobs N` has batch's workers hand back.
    Format("summary", lambda a, source, indent: json.dumps(summarize(a).to_dict(), ensure_ascii=False),
           frozenset(), "summary.Summary's data, a JSON object a page", stream=True),
)}


def format_names(command: str) -> list[str]:
    """The `-f/--format` choices of a command, in table order."""
    return [name for name, f in FORMATS.items() if command in f.commands]


def format_help(command: str) -> str:
    """The `-f/--format` help of a command: each choice with what it is, and in `batch` where it goes."""
    def where(f: Format) -> str:
        if command != "batch":
            return ""
        return " in one FILE" if f.stream else f", a {f.suffix} per page"
    return "; ".join(f"{name}: {FORMATS[name].help}{where(FORMATS[name])}" for name in format_names(command)) + "."


def render(fmt: str, article: Article, source: str | None = None, indent: int | None = None) -> str:
    """The article in format `fmt` (a name of FORMATS)."""
    return FORMATS[fmt].render(article, source, indent)
