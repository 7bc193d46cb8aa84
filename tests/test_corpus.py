"""The real saved pages in ../shared/corpus/pangea (skipped when absent).

Expectations are written here by reading the pages; no page text is copied
beyond headlines and short openings.
"""

from __future__ import annotations

import json

import pytest

import newsparse

CHROME = ["Accessibility links", "Skip to main content", "Breaking News", "XS", "Print Options", "Most popular",
          "Related", "Dostupni linkovi", "Podijelite", "Direktan link", "Embed", "Pogledajte sve epizode",
          "c-lightbox", "Share"]


def parse(corpus, name):
    return newsparse.parse((corpus / name).read_bytes())


def test_polygraph_factcheck(corpus):
    a = parse(corpus, "polygraph.info__fact-check-russia-us-al-tanf-rukban-30279001.html")
    assert a.page_type == "factcheck"
    assert a.headline == "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return"
    # The claim's source is not an author; the page has no byline.
    assert a.byline is None and a.authors == []
    assert a.claim.source == "The Russian and Syrian defense ministries"
    assert a.claim.verdict == "False"
    assert a.claim.text.startswith("“A cause for serious concern")
    # The body is the second div.wsw, not the quoted claim; trailing empty paragraphs dropped.
    assert a.body[0].startswith("In a joint statement published Oct. 25")
    assert a.body[-1].startswith("Robertson, the U.S. commander, said")
    assert len(a.body) == 27
    assert not any("A cause for serious concern" in p for p in a.body)
    assert a.caption is None
    assert a.published == "2019-11-18T20:28:55+00:00"
    assert (a.url, a.site, a.language) == (
        "https://www.polygraph.info/a/fact-check-russia-us-al-tanf-rukban/30279001.html", "polygraph.info", "en")
    assert a.credits == []


def test_voa_article(corpus):
    a = parse(corpus, "voanews.com__americas-child-care-crisis-7585813.html")
    assert a.page_type == "article"
    assert a.headline == "America's child care crisis is holding back moms without college degrees"
    assert a.byline == "Associated Press" and a.authors == ["Associated Press"]
    assert a.caption == "Adriane Burnett reads to her son Karter Robinson in Birmingham, Alabama, April 14, 2024."
    assert a.dateline == "AUBURN, Wash."
    assert a.body[0].startswith("After a series of lower-paying jobs")
    assert a.body[-1].startswith("\"Our country is doing nothing")
    assert len(a.body) == 26
    # In-body photo captions are images, not body text.
    assert len(a.images) == 3
    assert not any(p.startswith("FILE - Mike and Jane Roberts") for p in a.body)
    assert a.published == "2024-04-28T03:00:00-04:00"
    assert (a.site, a.language, a.section) == ("voanews.com", "en", "USA")


def test_programme_page_is_audio_not_article(corpus):
    a = parse(corpus, "slobodnaevropa.org__jutarnji-program-za-srbiju-30657941.html")
    assert a.page_type == "audio"
    assert a.headline == "Jutarnji program za Srbiju"
    assert a.body == [] and a.byline is None and a.caption is None
    assert a.published == "2020-06-22T09:30:00+02:00"
    assert (a.site, a.language) == ("slobodnaevropa.org", "sh")


@pytest.mark.parametrize("name", [
    "polygraph.info__fact-check-russia-us-al-tanf-rukban-30279001.html",
    "voanews.com__americas-child-care-crisis-7585813.html",
    "slobodnaevropa.org__jutarnji-program-za-srbiju-30657941.html",
])
def test_no_chrome(corpus, name):
    blob = json.dumps(parse(corpus, name).to_dict(), ensure_ascii=False)
    assert [s for s in CHROME if s in blob] == []
