"""Where things are on Pangea pages: one table of selectors, one table of page types, the hosts.

Each field lists XPath expressions in order of preference; the first that
finds something wins. Current layouts come first, older layouts of the 2010s
after them. A new layout is a new row here plus a fixture.
"""

from __future__ import annotations

from lxml import etree

from .textutil import fold


def C(name: str) -> str:
    """XPath test: the element has CSS class `name`.

    The plain substring test runs first and rejects almost every node cheaply;
    the exact token test then runs only on the few that contain the name.
    """
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


# Elements that never hold article text, wherever they appear.
CHROME = (
    "script", "style", "noscript", "template", "iframe", "form", "button", "input", "select",
    "textarea", "svg", "nav", "footer", "aside", "video", "audio", "object", "embed", "canvas",
)

# Classes of blocks inside a body container that are not body text.
BODY_SKIP_CLASSES = (
    "wsw__embed", "media-block", "media-block-wrap", "also-read", "c-sticky-container", "share",
    "share--box", "share__list", "print-dialogue", "links", "media-download", "dropdown__holder",
    "comments", "c-author", "author-card", "c-lightbox", "player", "c-mmp", "infgraphicsAttach",
    "responsive-indicator", "sr-only", "c-hlights", "clear", "external-content-placeholder",
    "read-more", "related", "ad", "banner", "subscribe", "newsletter",
    # older layouts' inline players and download links
    "embedded_content_object", "mediaplayer", "audioplayer", "downloadlinkstatic", "playlistlink",
    "cannot-play", "expandMediaClose",
)

# Each field: (anchor, relative XPath) rows, tried in order. An anchor is
# "tag", "tag.class" or "tag#id"; all anchors of a page are found in one pass
# over its elements (extract/select.py), and the XPath then runs only inside
# the anchor's subtree — full-document XPath scans are what makes extraction
# slow. A None XPath means the anchor itself.
Row = tuple[str, "str | None"]
_TOP_WSW = (f"descendant::div[{C('wsw')}][not(ancestor::div[{C('wsw')}])]"
            f"[not(ancestor::div[{C('statement-content')}])][not(ancestor::div[{C('post--liveblog')}])]")

SELECTORS: dict[str, tuple[Row, ...]] = {
    # The article's own headline; the VOA sticky-bar copy is a div, never an h1.
    "headline": (
        ("h1.pg-title", None),
        ("div.hdr-container", f".//h1//*[{C('title')}]"),
        ("div.hdr-container", ".//h1"),
        ("h1.title", None),
        ("div#article", ".//h1"),
        ("h1", None),
    ),
    # Containers of the body text, in reading order. Fact-check claims live
    # in statement-content and are excluded.
    "body": (
        ("div#article-content", _TOP_WSW),
        ("div.body-container", _TOP_WSW),
        ("div.articleContent", f".//div[{C('zoomMe')}]"),
        ("div.zoomMe", None),
        ("div.articleContent", None),
        ("div.article__content", None),
        ("div#introText", None),
    ),
    # The standfirst above the body (older layouts) or a media page's description;
    # a fact-check's verdict summary is also a div.intro and is not one.
    "intro": (
        ("div.article_txt_intro", None),
        ("div.intro", f"self::div[not(ancestor::div[{C('verdict')}])]"),
    ),
    "lead_figure": (
        ("div.cover-media", ".//figure"),
        ("div.cover-media", None),
        ("div.contentImage", None),
        ("div.image-container", None),
    ),
    "byline_links": (
        ("div.publishing-details", f".//div[{C('links')}]//li[{C('links__item')}]"),
        ("div.links", f".//ul[{C('links__list')}]/li"),
        ("div.dateblock", f".//*[{C('author')}]"),
        ("div.authors", ".//a"),
    ),
    "published": (
        ("div.publishing-details", f".//div[{C('published')}]//time/@datetime"),
        ("div.published", ".//time/@datetime"),
        ("div.dateblock", f".//*[{C('date')} or {C('article_date')}]"),
    ),
    "updated": (
        ("div.publishing-details", f".//*[{C('date--updated')}]//time/@datetime"),
        ("div.publishing-details", f".//div[{C('updated')}]//time/@datetime"),
    ),
    "kicker": (
        ("div.col-category", f".//div[{C('category')}]//a"),
        ("div.category", "./a"),
    ),
    # Fact-checks (Polygraph): the reviewed claim, its source and the verdict.
    "claim_text": (("div.statement-content", None),),
    "claim_source": (("div.statement-head", f".//*[{C('author')}]"),),
    "claim_source_detail": (("div.statement-source", None),),
    "verdict": (("div.verdict", f".//div[{C('title')}]/span[not({C('ico')})]"),),
    "verdict_summary": (("div.verdict", f".//div[{C('intro')}]"),),
    # Media pages: the title of the audio or video item.
    "media_title": (
        ("div.media-pholder", f".//a[{C('js-media-title-link')}]"),
        ("div.media-container", f".//h1//*[{C('title')}]"),
        ("div.media-container", ".//h1"),
    ),
    # Live blogs: the posts, each with its time, title and text.
    "live_posts": (
        ("div.post--liveblog", f".//div[{C('c-liveblog-post')}]"),
        ("div.post--liveblog", f".//div[{C('liveblog__post')}]"),
        ("div.liveblog", f".//*[{C('liveblog__post')}]"),
    ),
    # Photo galleries: one block per photo, in order.
    "gallery_items": (
        ("div#galleryItems", "./*"),
        ("div.gallery", f".//*[{C('gallery__item')}]"),
    ),
}

# Page chrome cut out of a Pangea page's bytes before it is parsed (extract/prune.py): (how the
# element opens, exactly as Pangea writes it; its tag). Menus, header, "Breaking News" strip, share
# bars, related-story lists, footer: nothing in them is ever read.
CHROME_REGIONS = (
    (b"<aside>", b"aside"),
    (b'<aside class="share ', b"aside"),
    (b'<div class="hdr">', b"div"),
    (b'<div class="hdr-20 ', b"div"),
    (b'<div class="c-hlights ', b"div"),
    (b'<div class="sticky-share-container"', b"div"),
    (b'<div class="media-block-wrap', b"div"),  # related and "most popular" story lists
    (b'<footer role="contentinfo">', b"footer"),
)
# A region holding any of these is kept: something in it is read (a heading, a script with JSON-LD
# or utag_data, the body), or a comment could hide tags from the count of its end. Each starts
# with "<", as the regions' openings do: the page is searched once for all of them.
PRUNE_KEEP = (b"<h1", b"<script", b"<style", b"<!--", b"<title", b"<main", b"<template", b"<textarea",
              b'<div class="wsw', b'<div id="content"')

# Lead-image anchors whose picture has no caption element: the alt text is the caption.
ALT_CAPTION_ANCHORS = frozenset(("div.contentImage",))

# Headings after which a VOA Learning English page lists its vocabulary.
GLOSSARY_HEADINGS = ("words in this story", "words in this article")

# Inside one live-blog post or gallery item.
POST_PARTS = {
    "time": ".//time/@datetime",
    "time_text": ".//time",
    "title": f"(.//*[{C('c-liveblog-post__title')} or {C('liveblog__post-title')} or self::h2 or self::h3])[1]",
    "text": f".//div[{C('c-liveblog-post__content')} or {C('wsw')}]",
}

# What the page declares itself to be -> newsparse page_type. utag_data's
# page_type / content_type first, then body classes.
PAGE_TYPES = {
    "article": "article",
    "factcheck": "factcheck",
    "scheduleraudio": "audio",
    "audio": "audio",
    "podcast": "audio",
    "schedulervideo": "video",
    "video": "video",
    "photogallery": "gallery",
    "gallery": "gallery",
    "photo": "gallery",
    "liveblog": "liveblog",
    "live blog": "liveblog",
    "blog": "blog",
    "opinion": "opinion",
    "homepage": "home",
    "home": "home",
    "section": "section",
    "zone": "section",
    "search": "search",
    "author": "author",
    "program": "programme",
    "programme": "programme",
    "infographics": "infographic",
    "quiz": "quiz",
    "poll": "poll",
}

# Pages that list other pages: they have no headline, body or byline of their own (their <title> and
# og:title are the site's or the list's name), only a name, kept as `section`, and the list.
LISTING_TYPES = frozenset(("home", "section", "search", "author"))

# Pangea addresses that say what a page is when the page itself declares nothing (older layouts):
# /z/<id> zones and /archive/... lists are sections, /author/... author pages, /s?k= searches,
# and the site's root its home page. (path pattern, page type), matched against the url's path.
URL_PAGE_TYPES = (
    (r"/z/\d+(?:/.*)?", "section"),
    (r"/archive/.+", "section"),
    (r"/author/.+", "author"),
    (r"/s", "search"),
    (r"/?", "home"),
)

BODY_CLASS_TYPES = (
    ("pg-fc", "factcheck"),
    ("pg-live", "liveblog"),
    ("pg-liveblog", "liveblog"),
    ("pg-gallery", "gallery"),
    ("pg-photo", "gallery"),
    ("pg-blog", "blog"),
    ("pg-opinion", "opinion"),
    ("pg-article", "article"),
    ("pg-home", "home"),
    ("pg-section", "section"),
    ("pg-search", "search"),
    ("pg-author", "author"),
)

# Hosts of Pangea sites (RFE/RL, VOA, Current Time, Polygraph, Martí).
PANGEA_HOSTS = frozenset("""
rferl.org pressroom.rferl.org gandhara.rferl.org azadiradio.com radiofarda.com krymr.com europalibera.org
azathabar.com azattyk.org azattyq.org azatutyun.am ozodi.org ozodlik.org azadliq.org azatliq.org
currenttime.tv ekhokavkaza.com evropaelire.org idelreal.org kavkazr.com mashaalradio.com radiomarsho.com
radiosvoboda.org radiotavisupleba.ge severreal.org sibreal.org slobodnaevropa.mk slobodnaevropa.org
svaboda.org svoboda.org svobodnaevropa.bg szabadeuropa.hu votvot.tv makdenes.org iraqhurr.org
tavisupleba.org svobodanews.ru pangea-cms.com polygraph.info voanews.com voakorea.com voachinese.com
darivoa.com voanoticias.com golosameriki.com holosameryky.com amerikayidzayn.com voazimbabwe.com
radiotelevisionmarti.com martinoticias.com editorials.voa.gov voaafaanoromoo.com voadeewanews.com
voaafrique.com voaportugues.com voaindonesia.com voabambara.com voahausa.com voaswahili.com
voatiengviet.com voacantonese.com voafrench.com voatibetan.com voaburmese.com voathai.com
voakhmer.com voalao.com voaurdu.com voabangla.com voadari.com voapashto.com voadeewa.com
voaturkce.com amerikaninsesi.org amerikaovozi.com alhurra.com
""".split())

# The services' own names, as their logos, og:site_name and page titles write them: a line that
# is one of these is the site, never an article's headline.
SITE_NAMES = frozenset(fold(name) for name in """
Radio Free Europe/Radio Liberty|RFE/RL|Radio Liberty|Voice of America|VOA|VOA News|Current Time|Polygraph.info
Радио Свобода|Радіо Свобода|Радыё Свабода|Радио Свободна Европа|Свободна Европа|Radio Slobodna Evropa
Slobodna Evropa|Radio Evropa e Lirë|Evropa e Lirë|Radio Europa Liberă|Europa Liberă|Szabad Európa
Azatlyk Radiosy|Азатлык радиосы|Азатлык|Azatliq|Азаттык|Азаттык үналгысы|Azattyk|Азаттық|Azattyq
Azadlıq Radiosu|Azadliq|Ozodlik radiosi|Ozodlik|Радиои Озодӣ|Озодӣ|Маршо Радио|Radio Marsho
Qırım.Aqiqat|Крым.Реалии|Кавказ.Реалии|Эхо Кавказа|Idel.Реалии|Сибирь.Реалии|Север.Реалии
Настоящее Время|რადიო თავისუფლება|Ազատություն|Ամերիկայի Ձայն|Голос Америки|Radio Farda|رادیو فردا
رادیو آزادی|مشال راډیو|صدای امریکا|Martí Noticias|Radio Televisión Martí|Voz de América|VOA Afrique
美国之音|美國之音|미국의 소리|Amerika'nın Sesi|Amerika Ovozi|VOA Zimbabwe
""".strip().replace("\n", "|").split("|"))


def is_site_name(line: str) -> bool:
    """The line is a Pangea service's own name (SITE_NAMES), whatever its case and spacing."""
    return fold(line) in SITE_NAMES


# Signals in a page that it comes out of Pangea, whatever its host.
# Markup only Pangea writes (a bare "utag_data" is any Tealium site; "pangea" may be a word in a page,
# and Drupal-era VOA pages load a "voa-pangea" tag too).
PANGEA_MARKERS = (b"gdb.rferl.org", b"gdb.voanews.com", b"gdb.polygraph.info", b"pangea-cms.com",
                  b"class=\"wsw\"", b"pg-title", b"class=\"zoomMe\"", b"language_service:\"")


def compile_rows() -> dict[str, list[tuple[str, etree.XPath | None]]]:
    """Compile every selector once; extraction runs only compiled XPaths."""
    return {field: [(anchor, etree.XPath(x) if x else None) for anchor, x in rows]
            for field, rows in SELECTORS.items()}


ROWS = compile_rows()
ANCHORS = frozenset(anchor for rows in SELECTORS.values() for anchor, _ in rows)
# Page chrome outside the article, counted (not walked) so summaries can say how much was left out.
CHROME_BLOCK_TAGS = frozenset(("nav", "footer", "aside"))
CHROME_BLOCK_CLASSES = frozenset((
    "sr-only", "responsive-indicator", "c-hlights", "share--box", "print-dialogue", "media-block-wrap",
    "hdr-20", "hdr", "menu", "footer", "sticky-share-container", "c-lightbox", "dropdown__holder",
    "nav-tabs", "comments",
))
ANCHOR_TAGS = tuple(sorted({a.split(".")[0].split("#")[0] for a in ANCHORS} | CHROME_BLOCK_TAGS))
