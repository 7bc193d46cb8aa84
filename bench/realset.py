"""The real-page development set: every page of ../shared/corpus (dumps and pangea), judged.

One place decides what "right" means on a real page, for tests/test_real_pages.py (which keeps the
list of pages still wrong) and for bench/accuracy.py (which prints the shares):

- dumps/<stem>.txt with dumps/gold/<stem>.json: each gold field (headline, byline, caption, credits,
  body, language, published, and the page's kind) compared with newsparse's output, values read
  from the gold files when judged, never written down here;
- pangea/*.html (no gold): the page's own markup, read when judged, gives the expectations: the
  headline is the page's og:title (else its h1), the url its canonical link, the language its
  <html lang>, the page_type what its analytics data declares, and the body non-empty on an article;
- every page: no chrome label of any language (lexicon.LABELS, chrome categories) in any field, no
  gold `leaks` string anywhere, and a headline that is no section or menu line, player or clipboard
  text, clock line or site name (sites.SITE_NAMES).

`judge(page, article_dict)` returns {field: reason} for what is wrong; an empty dict is a page right
in every field. Nothing here is copied from the pages: they are read at run time.
"""

from __future__ import annotations

import csv
import json
import pathlib
import re
from dataclasses import dataclass

from metrics import leaked, normalise, same_field

from newsparse import lexicon, sites
from newsparse.textutil import clean

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DUMPS = SHARED / "dumps"
PANGEA = SHARED / "pangea"

# Gold fields compared as they are (after metrics.normalise: NFKC, whitespace).
GOLD_FIELDS = ("headline", "byline", "caption", "credits", "body", "language", "published")
# The gold's page_type is a reader's description ("news (short)", "section page (commentary zone)");
# its words before any "(" name a kind. These kinds have a page_type of their own, which newsparse
# must give; any other description is an article of some sort, which newsparse must not give one
# of these types.
NON_ARTICLE_KINDS = {
    "section page": ("section",),
    "static page": ("static", "about"),
    "liveblog": ("liveblog",),
}
# Declared page types that carry a body of text (a programme page may have none).
ARTICLE_TYPES = ("article", "factcheck", "blog", "opinion")
_WORD = re.compile(r"\w")
# The article's own text fields, where no chrome may appear.
TEXT_FIELDS = ("headline", "byline", "authors", "caption", "dateline", "body", "credits", "media_title",
               "glossary")


@dataclass(frozen=True)
class RealPage:
    name: str  # the file name in its folder
    path: pathlib.Path
    kind: str  # "dump" (text rendering with gold) or "html" (saved page, expectations from its markup)
    url: str | None  # from INDEX.tsv or MANIFEST.tsv
    gold: dict | None

    @property
    def host(self) -> str:
        return self.name.split("__", 1)[0]


def present() -> bool:
    return DUMPS.is_dir() or PANGEA.is_dir()


def _index(path: pathlib.Path, url_column: str) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row[url_column] for row in csv.DictReader(handle, delimiter="\t")}


def real_pages() -> list[RealPage]:
    """Every real page, dumps first, in name order (empty when ../shared is absent)."""
    pages = []
    if DUMPS.is_dir():
        urls = _index(DUMPS / "INDEX.tsv", "url")
        for path in sorted(DUMPS.glob("*.txt")):
            gold_path = DUMPS / "gold" / (path.stem + ".json")
            gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.is_file() else None
            pages.append(RealPage(path.name, path, "dump", urls.get(path.name), gold))
    if PANGEA.is_dir():
        urls = _index(PANGEA / "MANIFEST.tsv", "original_url")
        for path in sorted(PANGEA.glob("*.html")):
            pages.append(RealPage(path.name, path, "html", urls.get(path.name), None))
    return pages


# ---------------------------------------------------------------- expectations of an HTML page


def _first(root, xpath: str) -> str | None:
    found = root.xpath(xpath)
    if not found:
        return None
    value = found[0] if isinstance(found[0], str) else found[0].text_content()
    return clean(value) or None


def html_expectations(page: RealPage) -> dict:
    """What the page's own markup says, read with a plain lxml parse (not newsparse's reader):
    og:title (else the first h1), the canonical link, <html lang>, and the page_type its
    analytics data declares (utag_data `page_type`, through sites.PAGE_TYPES)."""
    import lxml.html

    data = page.path.read_bytes()
    root = lxml.html.fromstring(data)
    declared = re.search(rb"\bpage_type\s*:\s*[\"']([^\"']+)[\"']", data)
    return {
        "headline": _first(root, "//meta[@property='og:title']/@content") or _first(root, "//h1"),
        "url": _first(root, "//link[@rel='canonical']/@href"),
        "language": _first(root, "/html/@lang"),
        "page_type": sites.PAGE_TYPES.get(declared.group(1).decode().lower()) if declared else None,
    }


# ---------------------------------------------------------------- what every page must satisfy


def strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return [s for v in value for s in strings(v)]


# Labels long enough never to be a phrase of prose: found inside any field, not only as a whole line
# (a player text glued to a paragraph). Shorter labels ("Share", "Breaking News") count only whole.
_LONG_LABELS = tuple(sorted({normalise(label).casefold() for table in lexicon.LABELS.values()
                             for cat in lexicon.WHOLE_LINE for label in table.get(cat, ())
                             if len(label.split()) >= 3 and len(label) >= 16}))


def is_chrome_line(line: str) -> bool:
    """A line that is chrome in some language (`lexicon.is_chrome`: a label of every whole-line
    category, a notice or legal opening, a chrome pattern), or that holds a label of three words or
    more; a short label inside a sentence is prose, not chrome."""
    if not _WORD.search(line):
        return False
    folded = normalise(line).casefold()
    return lexicon.is_chrome(line) or any(re.search(r"(?<!\w)" + re.escape(label) + r"(?!\w)", folded)
                                          for label in _LONG_LABELS)


def chrome_in(article: dict) -> list[str]:
    """The lines of the article's text fields that are chrome (`is_chrome_line`), named by field.
    `section` is not looked at: a kicker label may be one."""
    return [f"{name}: {line[:60]}" for name in TEXT_FIELDS for text in strings(article.get(name))
            for line in text.splitlines() or [text] if is_chrome_line(line)]


def menu_lines(text: str) -> set[str]:
    """The lines that a menu heading (lexicon.MENU_HEADINGS) heads in a text rendering."""
    lines = [clean(line) for line in text.splitlines() if clean(line)]
    return {lines[i + 1] for i, line in enumerate(lines[:-1]) if lexicon.is_menu_heading(line)}


def headline_faults(headline: str | None, article: dict, page_text: str | None) -> list[str]:
    """Why a headline is not one: what each check found (empty when it may be a headline)."""
    if not headline:
        return []
    faults = []
    for cat in lexicon.WHOLE_LINE:
        if lexicon.is_label(headline, cat):
            faults.append(f"a {cat} label")
    if lexicon.is_menu_heading(headline) or (page_text is not None and headline in menu_lines(page_text)):
        faults.append("a menu line")
    if article.get("section") and normalise(article["section"]) == normalise(headline):
        faults.append("the page's section name")
    if lexicon.is_clock(headline):
        faults.append("a clock line")
    if sites.is_site_name(headline):
        faults.append("a site name")
    return faults


def _kind(gold_type: str | None) -> str:
    return (gold_type or "").split(" (")[0].strip().lower()


def judge(page: RealPage, article: dict) -> dict[str, str]:
    """{field: what is wrong} for one page's newsparse output (`Article.to_dict()`)."""
    wrong: dict[str, str] = {}
    text = page.path.read_text(encoding="utf-8", errors="replace") if page.kind == "dump" else None
    if page.gold is not None:
        for name in GOLD_FIELDS:
            if name in page.gold and not same_field(page.gold[name], article.get(name)):
                wrong[name] = f"{article.get(name)!r:.80} != gold {page.gold[name]!r:.80}"
        kind = _kind(page.gold.get("page_type"))
        allowed = NON_ARTICLE_KINDS.get(kind)
        non_article = {t for types in NON_ARTICLE_KINDS.values() for t in types}
        if allowed is not None and article["page_type"] not in allowed:
            wrong["page_type"] = f"{article['page_type']} for a {kind}"
        elif allowed is None and article["page_type"] in non_article:
            wrong["page_type"] = f"{article['page_type']} for a {kind or 'page'}"
        leaks = leaked(page.gold.get("leaks") or [], "\n".join(strings({k: article.get(k) for k in TEXT_FIELDS})))
        if leaks:
            wrong["leaks"] = ", ".join(leaks)[:120]
    else:
        expected = html_expectations(page)
        if not article["headline"] or normalise(article["headline"]) != normalise(expected["headline"]):
            wrong["headline"] = f"{article['headline']!r:.80} != og:title/h1 {expected['headline']!r:.80}"
        if article["url"] != expected["url"]:
            wrong["url"] = f"{article['url']} != canonical {expected['url']}"
        if article["language"] != expected["language"]:
            wrong["language"] = f"{article['language']} != html lang {expected['language']}"
        if article["page_type"] != expected["page_type"]:
            wrong["page_type"] = f"{article['page_type']} != declared {expected['page_type']}"
        if expected["page_type"] in ARTICLE_TYPES and not article["body"]:
            wrong["body"] = "empty body on an article page"
    chrome = chrome_in(article)
    if chrome:
        wrong["chrome"] = "; ".join(chrome)[:160]
    faults = headline_faults(article.get("headline"), article, text)
    if faults:
        wrong["headline"] = wrong.get("headline") or ", ".join(faults)
    return wrong
