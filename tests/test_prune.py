"""Cutting a Pangea page's outer chrome out of its bytes before parsing (newsparse/extract/prune.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsparse
from newsparse.api import parse_html
from newsparse.extract import pangea
from newsparse.extract.prune import MOST_REGIONS, prune
from newsparse.load import load
from newsparse.sites import CHROME_REGIONS, PRUNE_KEEP

from conftest import CORPUS, FIXTURES

HEAD = b'<html><head><title>T</title></head><body class="pg-article">'
BODY = (b'<div id="content"><h1 class="pg-title">Title</h1>'
        b'<div class="body-container"><div class="wsw"><p>Text.</p></div></div></div>')


def page(*parts: bytes) -> bytes:
    return HEAD + b"".join(parts) + BODY + b"</body></html>"


def test_a_region_is_cut_up_to_the_end_tag_that_balances_it():
    html = page(b'<div class="hdr"><div class="menu"><div>a</div><div>b</div></div></div>')
    assert prune(html) == (page(), 1)


def test_several_regions_and_a_region_inside_a_cut_one_counted_once():
    html = page(b"<aside><ul><li>Menu</li></ul></aside>",
                b'<div class="hdr"><aside class="share x"><a>Share</a></aside></div>',
                b'<div class="c-hlights c-hlights--breaking"><span>Breaking News</span></div>')
    assert prune(html) == (page(), 3)


def test_a_longer_tag_name_is_not_counted_as_the_region_tag():
    html = page(b'<div class="hdr"><divider></divider><div>menu</div></div>')
    assert prune(html) == (page(), 1)


@pytest.mark.parametrize("inside", [b"<h1>Headline</h1>", b'<script type="application/ld+json">{}</script>',
                                    b"<!-- </div> -->", b'<div class="wsw"><p>Body</p></div>'])
def test_a_region_holding_anything_that_is_read_is_kept(inside):
    html = page(b'<div class="hdr">' + inside + b"</div>")
    assert prune(html) == (html, 0)


@pytest.mark.parametrize("raw", [b"<script>var menu = '<aside>';</script>", b"<style>/* <aside> */</style>",
                                 b"<!-- <aside> -->"])
def test_an_opening_inside_a_script_style_sheet_or_comment_is_not_a_region(raw):
    # the end tag that would balance it lies past the script's end: cutting there would break the page
    html = page(raw, b"<p>Between</p></aside>")
    assert prune(html) == (html, 0)


def test_regions_after_a_closed_script_are_still_cut():
    html = page(b"<script>var x = 1;</script><aside>menu</aside>")
    assert prune(html) == (page(b"<script>var x = 1;</script>"), 1)


def test_unbalanced_tags_never_cut_the_article():
    # the menu's inner <div> is never closed: the count runs past the header into the content,
    # which holds the headline, so the region is kept
    unclosed = page(b'<div class="hdr"><div class="menu">menu</div><div>open')
    assert prune(unclosed) == (unclosed, 0)
    never_ends = HEAD + b'<div class="hdr"><div>menu</div>'
    assert prune(never_ends) == (never_ends, 0)


def test_a_region_inside_a_kept_region_is_kept_with_it():
    html = page(b"<aside><h1>Site</h1><aside>menu</aside></aside>")
    assert prune(html) == (html, 0)


def test_only_the_first_regions_of_a_page_are_looked_at():
    # a real page has about ten; thousands are a hostile page, and each search reads on to the end
    html = page(b"<aside>menu</aside>" * (MOST_REGIONS + 36), b"<aside>")
    assert prune(html) == (page(b"<aside>menu</aside>" * 36, b"<aside>"), MOST_REGIONS)


def test_a_page_without_regions_comes_back_as_it_is():
    html = page()
    assert prune(html)[0] is html


def test_a_cut_region_counts_as_one_block_of_chrome():
    header = b'<div class="hdr"><div class="menu">Menu</div></div>'
    cut = newsparse.parse(page(header))
    kept = newsparse.parse(page(header.replace(b"Menu", b"Menu<!-- kept -->")))
    assert (cut.body, kept.body) == (["Text."], ["Text."])
    assert (cut.stripped, kept.stripped) == (1, 2)  # the header, or the header and its menu


def _pages():
    paths = [p for p in sorted(FIXTURES.iterdir()) if p.suffix == ".html"]
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.html"))
    return paths


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name)
def test_every_page_extracts_the_same_with_its_chrome_cut(path):
    html = load(path.read_bytes()).html
    pruned, regions = prune(html)
    whole = pangea.extract(parse_html(html)).to_dict()
    assert pangea.extract(parse_html(pruned)).to_dict() == whole
    if b'<div class="hdr">' in html or b'<div class="hdr-20 ' in html:
        assert regions >= 3 and len(pruned) < len(html) * 0.8  # header, side menu, footer at least


FRAGMENTS = [*{o for o, _ in CHROME_REGIONS}, *PRUNE_KEEP, b"<div>", b"</div>", b"</aside>", b"</footer>",
             b"<p>text</p>", b"<divider>", b"</div", b">", b"<"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_prune_only_removes_whole_regions_and_never_a_kept_marker(parts):
    html = b"".join(parts)
    pruned, regions = prune(html)
    assert len(pruned) <= len(html)
    assert (regions == 0) == (pruned == html)
    for marker in PRUNE_KEEP:
        assert pruned.count(marker) == html.count(marker)
    assert regions <= sum(html.count(opening) for opening, _ in CHROME_REGIONS)
