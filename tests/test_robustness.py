"""Hostile and broken input: the only outcomes are an Article or a NewsparseError.

Never another exception, a hang or memory that grows without bound. These run
in the default suite, so they are bounded: hypothesis examples are counted
and derandomised, truncation cuts each fixture at 32 evenly spaced points,
and the big cases are scaled down (5 MB page, 100,000 empty paragraphs, a
gzip bomb against a 1 MB limit). `python bench/fuzz.py` is the long run: every
cut point, random mutations for as long as it is given, and the full-size
cases (50 MB page, a million paragraphs, a 1 GB gzip bomb at the default limit).
"""

from __future__ import annotations

import gzip
import json
import tracemalloc

import pytest
from bs4.dammit import UnicodeDammit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsparse
from conftest import FIXTURES
from newsparse import encoding as enc
from newsparse.errors import InputTooLargeError, NewsparseError, NotAPageError
from newsparse.model import Article

SOURCES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".json"))
CUTS_PER_FIXTURE = 32
BOUNDED = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcome(data, **kwargs):
    """An Article that serialises as UTF-8, or the NewsparseError raised; any other exception fails the test."""
    try:
        result = newsparse.parse(data, **kwargs)
    except NewsparseError as exc:
        return exc
    assert isinstance(result, Article)
    assert [b.text for b in result.blocks] == result.body  # the typed blocks are the body, whatever the page
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")  # and it serialises, as UTF-8
    return result


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_truncated_at_evenly_spaced_cut_points(path):
    data = path.read_bytes()
    step = max(1, len(data) // CUTS_PER_FIXTURE)
    for cut in range(0, len(data) + 1, step):
        outcome(data[:cut])


PLAIN_UTF8 = [p for p in SOURCES if p.suffix == ".html" and b"</h1>" in p.read_bytes()
              and (FIXTURES / (p.name[: -len(".html")] + ".expected.json")).exists()]


@pytest.mark.parametrize("path", PLAIN_UTF8, ids=lambda p: p.name)
def test_headline_survives_any_cut_after_it(path):
    data = path.read_bytes()
    expected = json.loads((FIXTURES / (path.name[: -len(".html")] + ".expected.json")).read_text("utf-8"))
    if "headline" not in expected:
        pytest.skip("fixture pins no headline")
    end = data.index(b"</h1>") + len(b"</h1>")
    step = max(1, (len(data) - end) // 16)
    for cut in range(end, len(data) + 1, step):
        assert newsparse.parse(data[:cut]).headline == expected["headline"], cut


@BOUNDED
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    outcome(data)


@BOUNDED
@given(st.text(max_size=2000))
def test_random_text(text):
    outcome(text)


FIXTURE_BYTES = [p.read_bytes() for p in SOURCES]
HOSTILE = [b"\x00", b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"&#0;",
           b"&#xD800;", b"&#x110000;", b"&#99999999999;", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?xml ",
           b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"</div>", b"<div>", b"<p>", b"</h1>", b"<h1 class='pg-title'>",
           b"<script>", b"</script>", b"<table><td>", b"<figure><figcaption>", b"\x1f\x8b", b"%PDF",
           b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n",
           b'utag_data={page_type:"liveblog",pub_year:"x"};', b'<time datetime="9999-99-99T99:99">',
           b"<meta charset='utf-16'>", b"<meta charset='bogus'>", b'<link rel="canonical" href="http://[::1/x">']


def test_unparseable_canonical_url():
    page = FIXTURES / "format-chrome-complete.html"
    outcome(b'<link rel="canonical" href="http://[::1/x">' + page.read_bytes())


@BOUNDED
@given(st.sampled_from(FIXTURE_BYTES), st.lists(st.tuples(st.floats(0, 1), st.sampled_from(HOSTILE)), max_size=12))
def test_fixtures_with_hostile_bytes_spliced_in(data, splices):
    for where, token in splices:
        at = int(where * len(data))
        data = data[:at] + token + data[at:]
    outcome(data)


@BOUNDED
@given(st.sampled_from(FIXTURE_BYTES), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=40))
def test_fixtures_with_random_byte_flips(data, flips):
    buf = bytearray(data)
    for where, value in flips:
        buf[min(int(where * len(buf)), len(buf) - 1)] = value
    outcome(bytes(buf))


SOUP = st.lists(st.one_of(
    st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<br>", "<ul>", "<li>", "</ul>",
                     "<div id='article-content'>", "<div class='wsw'>", "<div class=\"wsw\">", "<h1 class='pg-title'>",
                     "</h1>", "<figure>", "<figcaption><span class='caption'>", "<img src='", "'>", "<a href='",
                     "<script>", "</script>", "<style>", "<!--", "-->", "<table>", "<tr><td>", "&amp;", "&nbsp;",
                     "&#x41;", "<", ">", "\"", "'", "=", "<div class='links'><ul class='links__list'><li>",
                     "<div class='publishing-details'><div class='published'><time datetime='", "<body class='pg-",
                     "<html lang='", "<script type='application/ld+json'>{\"@type\":[", "}", "]", "<blockquote>",
                     "</blockquote>", "<h2>", "</h2>", "<h4>", "<strong>", "</strong>", "<ol>", "</li>"]),
    st.text(max_size=20)), max_size=80).map("".join)


@BOUNDED
@given(SOUP)
def test_random_tag_soup(soup):
    outcome(soup)
    outcome(soup.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text(data):
    text, name = enc.decode(data)
    assert isinstance(text, str)
    assert name in set(enc.WHATWG_LABELS) | {codec for codec, _ in enc.CANDIDATES} | {n for _, n in enc.BOMS}


STRAY = st.sampled_from([bytes([b]) for b in range(0x80, 0xC0)])  # never a UTF-8 lead byte


@BOUNDED
@given(st.lists(st.one_of(st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass")), STRAY), max_size=30))
def test_stray_byte_repair_agrees_with_detwingle(pieces):
    data = b"".join(pieces)
    expected = UnicodeDammit.detwingle(data).decode("utf-8", "replace")
    assert data.decode("utf-8", "newsparse-cp1252") == expected


# --- the big cases, scaled down (bench/fuzz.py runs them full size) -------------------------

def body_page(inner: bytes) -> bytes:
    return (b'<html><head><title>T</title></head><body class="pg-article"><h1 class="title pg-title">Deep</h1>'
            b'<div id="article-content"><div class="wsw"><p>First paragraph.</p>' + inner + b"</div></div></body></html>")


DEEP = 100_000


def test_deep_inline_nesting():
    page = body_page(b"<p>" + b"<b>" * DEEP + b"x" + b"</b>" * DEEP + b"</p>")
    assert outcome(page).headline == "Deep"


# libxml2 (huge_tree, as api._PARSER sets) keeps 2,047 levels and drops the rest (its
# FATAL "Excessive depth" error; lxml still returns the tree it has); the extractor
# walks blocks iteratively past 200 levels, so any depth is fine.


def test_deep_block_nesting():
    article = outcome(body_page(b"<div>" * DEEP + b"x" + b"</div>" * DEEP))
    assert (article.headline, article.body[:1]) == ("Deep", ["First paragraph."])


def test_deep_inline_nesting_with_chrome_inside():
    article = outcome(body_page(b"<p>" + b"<span><script></script>" * DEEP + b"x" + b"</span>" * DEEP + b"</p>"))
    assert (article.headline, article.body[:1]) == ("Deep", ["First paragraph."])


def test_deep_nesting_before_the_article():
    # libxml2 stops building the tree at its depth limit, so an article after 100,000 open
    # elements is lost (a known limit, in the README); what is asked here is no crash.
    page = b"<html><body>" + b"<div>" * DEEP + b"</div>" * DEEP + body_page(b"")[12:]
    outcome(page)


def test_unclosed_tags_by_the_hundred_thousand():
    article = outcome(body_page(b"<p>" * DEEP + b"<li>" * DEEP + b"<td>" * DEEP))
    assert (article.headline, article.body[:1]) == ("Deep", ["First paragraph."])


def test_many_empty_paragraphs():
    article = outcome(body_page(b"<p></p>" * 100_000 + b"<p>Last paragraph.</p>"))
    assert article.body == ["First paragraph.", "Last paragraph."]


def test_five_megabyte_page():
    para = b"<p>" + b"Words of a long article, repeated. " * 30 + b"</p>\n"
    count = 5_000_000 // len(para)
    article = outcome(body_page(para * count))
    assert len(article.body) == count + 1


def test_gzip_bomb_memory_stays_near_the_limit():
    limit = 1_000_000
    bomb = gzip.compress(b"<html><body>" + b"a" * 50_000_000, 9)
    tracemalloc.start()
    try:
        with pytest.raises(InputTooLargeError):
            newsparse.parse(bomb, max_bytes=limit)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * limit


def test_page_of_nul_bytes_is_refused():
    with pytest.raises(NotAPageError):
        newsparse.parse(b"\x00" * 100_000)


def test_invalid_utf8_everywhere_still_parses():
    page = body_page(b"<p>" + b"\xff\xfe\xc3\x28\xed\xa0\x80 caf\xe9 " * 200 + b"</p>")
    article = outcome(page)
    assert article.headline == "Deep" and len(article.body) == 2
