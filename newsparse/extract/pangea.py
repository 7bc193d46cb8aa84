"""Extract an Article from a Pangea HTML page using the selector table in sites.py."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .. import lexicon
from ..model import Article, Claim, Image, LiveEntry
from ..sites import (ALT_CAPTION_ANCHORS, BODY_CLASS_TYPES, GLOSSARY_HEADINGS, LISTING_TYPES, PAGE_TYPES, POST_PARTS,
                     URL_PAGE_TYPES)
from ..textutil import clean, dedupe
from ..urls import host, page_url
from . import blocks, dom, meta
from .finish import finish, split_dateline
from .select import Selector

MEDIA_TYPES = ("audio", "video", "media", "programme")
POST_XPATHS = {name: etree.XPath(xpath) for name, xpath in POST_PARTS.items()}
_RULE = re.compile(r"[_\-–—=*]{5,}")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_URL_TYPES = tuple((re.compile(pattern), kind) for pattern, kind in URL_PAGE_TYPES)


def page_type(m: meta.Meta, body_class: str) -> str:
    """What the page declares itself to be: utag_data first, then <body class>, then JSON-LD."""
    for key in ("page_type", "subcontent_type", "content_type"):
        value = (m.utag.get(key) or "").strip().lower()
        if value in PAGE_TYPES:
            kind = PAGE_TYPES[value]
            if kind == "article":
                sub = (m.utag.get("subcontent_type") or "").strip().lower()
                kind = PAGE_TYPES.get(sub, kind)
            return kind
    tokens = set(body_class.split())
    for cls, kind in BODY_CLASS_TYPES:
        if cls in tokens:
            if kind == "article" and "pg-media" in tokens:
                continue
            return kind
    if "pg-media" in tokens:
        return "audio" if "pg-audio" in tokens else "video" if "pg-video" in tokens else "media"
    types = m.ld_types()
    if "ClaimReview" in types:
        return "factcheck"
    if "LiveBlogPosting" in types:
        return "liveblog"
    if types & {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "OpinionNewsArticle"}:
        return "article"
    return "unknown"


def url_page_type(url: str | None) -> str:
    """What a Pangea address says the page is (a zone, an author's page, a search, the home page)."""
    if not url:
        return "unknown"
    try:
        path = urlsplit(url).path
    except ValueError:
        return "unknown"
    return next((kind for pattern, kind in _URL_TYPES if pattern.fullmatch(path)), "unknown")


def as_listing(art: Article, sel: Selector) -> Article:
    """A home, section, search or author page lists other pages: it has no headline, body, caption or
    byline of its own. Its <title> and og:title name the site or the list, so they are not a headline;
    a section page's own name (its h1) is kept as `section`."""
    if art.page_type == "section":
        art.section = art.section or sel.text("headline")
    art.headline = art.caption = art.dateline = None
    art.body, art.glossary, art.images, art.authors = [], [], [], []
    return art


def split_names(value: str) -> list[str]:
    """Authors from a byline string; the slash in "RFE/RL" is never a separator."""
    return [n for n in (lexicon.strip_byline_prefix(clean(p)) for p in _NAME_SPLIT.split(value)) if n]


def authors_of(sel: Selector, m: meta.Meta) -> list[str]:
    names = []
    for li in sel.all("byline_links"):
        links = list(li.iterdescendants("a")) if li.tag != "a" else [li]
        if links:
            names.extend(dom.text(a) for a in links)
        else:
            names.extend(split_names(dom.raw_text(li)))
    if not names:
        for value in (m.meta.get("author"), m.utag.get("byline")):
            if value and clean(value):
                names = split_names(value)
                break
    if not names:
        ld = m.ld_first("author", ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                                   "OpinionNewsArticle", "LiveBlogPosting", "VideoObject", "AudioObject"))
        # Only people: Pangea puts the publisher (an Organization) there when the page shows no byline.
        for a in ld if isinstance(ld, list) else [ld] if ld else []:
            name = a.get("name") if isinstance(a, dict) and a.get("@type") == "Person" else None
            if isinstance(name, str):
                names.extend(split_names(name))
    return [lexicon.strip_byline_prefix(n) for n in names]  # finish() drops repeats


def dates(sel: Selector, m: meta.Meta) -> tuple[str | None, str | None]:
    published = meta.iso_date(sel.text("published"))
    published = published or meta.iso_date(m.ld_first("datePublished")) or meta.iso_date(
        m.meta.get("article:published_time"))
    if not published and m.utag.get("pub_year"):
        u = m.utag
        try:
            published = (f"{int(u['pub_year']):04d}-{int(u.get('pub_month', 1)):02d}-{int(u.get('pub_day', 1)):02d}"
                         + (f"T{int(u['pub_hour']):02d}:{int(u.get('pub_minute', 0)):02d}" if u.get("pub_hour") else ""))
        except (ValueError, KeyError):
            published = None
    updated = meta.iso_date(sel.text("updated")) or meta.iso_date(
        m.ld_first("dateModified")) or meta.iso_date(m.meta.get("article:modified_time"))
    a, b = meta.instant(published), meta.instant(updated)
    if updated and (updated == published or (a and b and a == b)):
        updated = None
    return published, updated


def absolute(image: Image, base: str | None) -> Image:
    """The image's address resolved against the page's; left as written when either is malformed."""
    if image.src and base:
        try:
            image.src = urljoin(base, image.src)
        except ValueError:
            pass
    return image


def lead_image(sel: Selector) -> Image | None:
    anchor, figures = sel.row("lead_figure")
    for fig in figures:
        image = blocks.figure_image(fig, alt_caption=anchor in ALT_CAPTION_ANCHORS)
        if image:
            return image
    return None


# Case folding never shortens a text: a paragraph longer than every heading is not one of them,
# and is not case-folded whole to find that out.
_LONGEST_HEADING = max(map(len, GLOSSARY_HEADINGS))


def split_glossary(body: list[str]) -> tuple[list[str], list[str]]:
    """VOA Learning English: the "Words in This Story" list is not body text; rule lines go."""
    body = [p for p in body if not _RULE.fullmatch(p)]
    for i, para in enumerate(body):
        if len(para.rstrip(" :")) <= _LONGEST_HEADING and para.casefold().rstrip(" :") in GLOSSARY_HEADINGS:
            return body[:i], body[i + 1:]
    return body, []


def live_entries(sel: Selector) -> list[LiveEntry]:
    """Each post of a live blog, in page order, with its time, title and text."""
    entries = []
    for post in sel.all("live_posts"):
        times = POST_XPATHS["time"](post) or [dom.text(t) for t in POST_XPATHS["time_text"](post)]
        titles = POST_XPATHS["title"](post)
        title = dom.text(titles[0]) if titles else None
        texts = POST_XPATHS["text"](post) or [post]
        paragraphs = [p for p in blocks.collect(texts).paragraphs if p != title]
        entries.append(LiveEntry(time=meta.iso_date(times[0]) or clean(times[0]) or None if times else None,
                                 title=title or None, body=paragraphs))
    return entries


def gallery_images(sel: Selector) -> list[Image]:
    """Each photo of a gallery with its caption, in order."""
    return [image for item in sel.all("gallery_items") if (image := blocks.figure_image(item))]


def claim_of(sel: Selector, m: meta.Meta) -> Claim | None:
    text = sel.text("claim_text")
    source = sel.text("claim_source")
    if not (text or source):
        claimed = m.ld_first("claimReviewed", ("ClaimReview",))
        if not claimed:
            return None
        text = clean(claimed)
    verdict = sel.text("verdict")
    if not verdict:
        rating = m.ld_first("reviewRating", ("ClaimReview",))
        verdict = clean(rating.get("alternateName")) if isinstance(rating, dict) else None
    return Claim(text=text, source=source, source_detail=lexicon.strip_source_label(sel.text("claim_source_detail")),
                 verdict=verdict or None, verdict_summary=sel.text("verdict_summary"))


def extract(root, url: str | None = None) -> Article:
    """Fill an Article from a parsed Pangea page."""
    m = meta.read(root)
    sel = Selector(root)
    body = root.find("body")
    body_class = (body.get("class") or "") if body is not None else ""
    art = Article(extractor="pangea")
    art.url = page_url(m.canonical, m.meta.get("og:url"), m.utag.get("url"), url,
                       base=page_url(url, m.meta.get("og:url")))
    art.site = host(art.url)
    art.site_name = clean(m.meta.get("og:site_name")) or None
    art.language = meta.language_tag(m.lang) or meta.language_tag(m.ld_first("inLanguage"))
    art.page_type = page_type(m, body_class)
    if art.page_type == "unknown":
        art.page_type = url_page_type(art.url)
    art.headline = (sel.text("headline") or clean(m.meta.get("og:title")) or m.title or None)
    art.description = clean(m.meta.get("description") or m.meta.get("og:description")) or None
    art.section = sel.text("kicker") or clean(m.ld_first("articleSection") or "") or None
    keywords = m.ld_first("keywords", ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"))
    if isinstance(keywords, str):
        art.tags = dedupe(clean(k) for k in keywords.split(","))
    elif isinstance(keywords, list):
        art.tags = dedupe(clean(k) for k in keywords if isinstance(k, str))
    art.published, art.updated = dates(sel, m)
    art.authors = authors_of(sel, m)

    lead = lead_image(sel)
    if lead:
        art.images.append(absolute(lead, art.url))
        art.caption = " ".join(x for x in (lead.caption, lead.credit) if x) or None

    found = blocks.collect(sel.all("body"))
    art.body, art.dateline = found.paragraphs, found.dateline
    art.blocks = blocks.typed(found)
    art.stripped = found.stripped + sel.chrome_blocks
    if art.dateline is None and art.body:
        art.dateline, art.body[0] = split_dateline(art.body[0])
    for image in found.images:
        art.images.append(absolute(image, art.url))
    intro = blocks.collect(sel.all("intro"))
    standfirst = intro.paragraphs
    if standfirst and standfirst[0] not in art.body[:1]:
        art.body = standfirst + art.body
        art.blocks = blocks.typed(intro) + art.blocks
    art.body, art.glossary = split_glossary(art.body)
    if art.page_type in MEDIA_TYPES:
        art.media_title = sel.text("media_title")
    if art.page_type == "liveblog":
        art.live_entries = live_entries(sel)
    if art.page_type == "gallery":
        art.images.extend(absolute(i, art.url) for i in gallery_images(sel))
    if art.page_type == "unknown" and art.body and art.headline:
        art.page_type = "article"  # older layouts declare nothing; text under a headline is an article
    if art.page_type == "factcheck" or "ClaimReview" in m.ld_types():
        art.claim = claim_of(sel, m)
    if art.page_type in LISTING_TYPES:
        art = as_listing(art, sel)
    elif art.headline and lexicon.is_static_title(art.headline):
        art.page_type = "static"  # "About", "Contact Us": the site's own page, not an article
    return finish(art)
