"""Where things are on Pangea pages: one table of selectors, one table of page types, the hosts.

Each field lists XPath expressions in order of preference; the first that
finds something wins. Current layouts come first, older layouts of the 2010s
after them. A new layout is a new row here plus a fixture.
"""

from __future__ import annotations

from lxml import etree


def C(name: str) -> str:
    """XPath test: the element has CSS class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


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
)

SELECTORS: dict[str, tuple[str, ...]] = {
    # The article's own headline; the VOA sticky-bar copy is a div, never an h1.
    "headline": (
        f"//h1[{C('pg-title')}]",
        f"//div[{C('hdr-container')}]//h1//*[{C('title')}]",
        f"//h1[{C('title')}]",
        "//div[@id='article']//h1",
        f"//div[{C('article_txt_intro')}]//h1",
        "//h1",
    ),
    # Containers of the body text, in reading order. Fact-check claims live
    # in statement-content and are excluded here.
    "body": (
        f"//div[@id='article-content']//div[{C('wsw')}][not(ancestor::div[{C('wsw')}])]"
        f"[not(ancestor::div[{C('statement-content')}])]",
        f"//div[{C('body-container')}]//div[{C('wsw')}][not(ancestor::div[{C('wsw')}])]"
        f"[not(ancestor::div[{C('statement-content')}])]",
        f"//div[{C('article__content')}]",
        f"//div[{C('zoomMe')}]",
        f"//div[{C('articleContent')}]",
        f"//div[{C('wsw')}][not(ancestor::div[{C('wsw')}])][not(ancestor::div[{C('statement-content')}])]",
    ),
    # A lead paragraph shown above the body on media pages.
    "intro": (f"//div[{C('intro')}][not(ancestor::div[{C('verdict')}])]",),
    "lead_figure": (
        f"//div[{C('cover-media')}]//figure",
        f"//div[{C('cover-media')}]",
        f"//div[{C('image-container')}][not(ancestor::div[{C('wsw')}])]",
    ),
    "caption": (
        f".//figcaption//span[{C('caption')}][not({C('c-lightbox__caption')})]",
        ".//figcaption",
        f".//*[{C('caption')}][not({C('c-lightbox__caption')})]",
    ),
    "credit": (f".//figcaption//*[{C('credit')}]", f".//*[{C('credit')}]"),
    "byline_links": (
        f"//div[{C('publishing-details')}]//div[{C('links')}]//li[{C('links__item')}]",
        f"//div[{C('links')}]//ul[{C('links__list')}]/li",
        f"//div[{C('authors')}]//a",
    ),
    "published": (
        f"//div[{C('publishing-details')}]//div[{C('published')}]//time/@datetime",
        f"//div[{C('published')}]//time/@datetime",
        f"//span[{C('date')}]//time/@datetime",
    ),
    "updated": (
        f"//div[{C('publishing-details')}]//div[{C('updated')}]//time/@datetime",
    ),
    "kicker": (
        f"//div[{C('col-category')}]//div[{C('category')}]//a",
        f"//div[{C('category')}][not(ancestor::nav)]/a",
    ),
    "dateline": (f"//div[{C('wsw')}]//span[{C('dateline')}]",),
    "canonical": ("//link[@rel='canonical']/@href",),
    # Fact-checks (Polygraph): the reviewed claim, its source and the verdict.
    "claim_text": (f"//div[{C('statement-content')}]",),
    "claim_source": (f"//div[{C('statement-head')}]//*[{C('author')}]",),
    "claim_source_detail": (f"//div[{C('statement-source')}]",),
    "verdict": (f"//div[{C('verdict')}]//div[{C('title')}]/span[not({C('ico')})]",),
    "verdict_summary": (f"//div[{C('verdict')}]//div[{C('intro')}]",),
    # Media pages: the title of the audio or video item.
    "media_title": (f"//a[{C('js-media-title-link')}]",),
    "body_class": ("//body/@class",),
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

# Signals in a page that it comes out of Pangea, whatever its host.
PANGEA_MARKERS = (b"utag_data", b"pangea", b"gdb.rferl.org", b"gdb.voanews.com", b"gdb.polygraph.info",
                  b"class=\"wsw\"", b"pg-title")


def compile_all() -> dict[str, list[etree.XPath]]:
    """Compile every selector once; extraction runs only compiled XPaths."""
    return {field: [etree.XPath(x) for x in xps] for field, xps in SELECTORS.items()}


XPATHS = compile_all()
