"""Typed body blocks (`blocks`): the body again, each piece with its kind, on every kind of page.

The invariant `[b.text for b in blocks] == body` is checked on every fixture and on every real
page in ../shared (skipped when absent); the kinds themselves are pinned in the golden files.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS, FIXTURES

import newsparse
from newsparse.extract.finish import align_blocks
from newsparse.model import BLOCK_TYPES, Block

SOURCES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".json"))
DUMPS = CORPUS.parent / "dumps"
REAL = sorted(CORPUS.glob("*.html")) + sorted(DUMPS.glob("*.txt")) if CORPUS.is_dir() else []


def check(article) -> None:
    assert [b.text for b in article.blocks] == article.body
    assert {b.type for b in article.blocks} <= set(BLOCK_TYPES)
    data = article.to_dict()
    assert [b["text"] for b in data["blocks"]] == data["body"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_blocks_are_the_body_on_every_fixture(path):
    check(newsparse.parse(path.read_bytes()))


@pytest.mark.skipif(not REAL, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_blocks_are_the_body_on_every_real_page(path):
    check(newsparse.parse(path.read_bytes()))


def test_the_kinds_of_html_blocks():
    html = ("<html><body class='pg-article'><h1 class='pg-title'>A title of the page</h1>"
            "<div id='article-content'><div class='wsw'><p>First paragraph of the text.</p>"
            "<h2>Sub</h2><h4>Smaller sub</h4><h5>Not a heading here</h5><blockquote><p>Said one.</p></blockquote>"
            "<ul><li>one</li><li><p>two</p></li><li>three<ul><li>three a</li></ul></li></ul>"
            "<blockquote>Said two.</blockquote><p>Last paragraph of the text.</p></div></div></body></html>")
    article = newsparse.parse(html)
    assert [(b.type, b.text) for b in article.blocks] == [
        ("paragraph", "First paragraph of the text."), ("heading", "Sub"), ("heading", "Smaller sub"),
        ("paragraph", "Not a heading here"), ("quote", "Said one."), ("list_item", "one"),
        ("list_item", "two"), ("list_item", "three"), ("list_item", "three a"), ("quote", "Said two."),
        ("paragraph", "Last paragraph of the text.")]


def test_a_dash_of_direct_speech_is_no_bullet():
    text = ("Breaking News\n\nA headline of some words here\n\n"
            "The first paragraph of the article runs on for quite a few words.\n\n"
            "— Who said that, asked the reporter of the evening paper, twice over?\n\n"
            "- a hyphen item\n\nThe last paragraph of the article runs on for quite a few words.\n")
    article = newsparse.parse(text)
    assert [(b.type, b.text) for b in article.blocks] == [
        ("paragraph", "The first paragraph of the article runs on for quite a few words."),
        ("paragraph", "— Who said that, asked the reporter of the evening paper, twice over?"),
        ("list_item", "a hyphen item"),
        ("paragraph", "The last paragraph of the article runs on for quite a few words.")]


def test_align_keeps_the_kind_of_a_paragraph_whose_dateline_was_split_off():
    candidates = [Block("heading", "Sub"), Block("paragraph", "KYIV -- Text"), Block("list_item", "x")]
    assert align_blocks(["Text", "x"], candidates) == [Block("paragraph", "Text"), Block("list_item", "x")]


def test_align_takes_an_entry_without_a_candidate_as_a_paragraph():
    candidates = [Block("list_item", "a"), Block("quote", "b")]
    assert align_blocks(["new", "b"], candidates) == [Block("paragraph", "new"), Block("quote", "b")]


def test_a_dump_subheading_may_open_a_list_and_a_lone_word_is_no_heading():
    text = ("Breaking News\n\nA headline of some words here\n\n"
            "The first paragraph of the article runs on for quite a few words.\n\n"
            "What the rules say\n\n• one rule\n• another rule\n\n"
            "The second paragraph of the article runs on for quite a few words.\n\n"
            "Methodology\n\n"
            "The last paragraph of the article runs on for quite a few words.\n")
    kinds = [(b.type, b.text) for b in newsparse.parse(text).blocks]
    assert kinds == [
        ("paragraph", "The first paragraph of the article runs on for quite a few words."),
        ("heading", "What the rules say"), ("list_item", "one rule"), ("list_item", "another rule"),
        ("paragraph", "The second paragraph of the article runs on for quite a few words."),
        ("paragraph", "Methodology"),
        ("paragraph", "The last paragraph of the article runs on for quite a few words.")]


def test_a_page_from_outside_pangea_gets_typed_blocks_too():
    html = ("<html><head><title>Elsewhere</title></head><body><h1>A page from another site</h1><main>"
            "<p>The first paragraph of this page has enough words to count as text.</p><h2>What next</h2>"
            "<p>The second paragraph of this page has enough words to count as text.</p>"
            "<ul><li>an item</li></ul><blockquote>A quoted line of the page.</blockquote></main></body></html>")
    article = newsparse.parse(html)
    assert article.extractor == "generic"
    assert [(b.type, b.text) for b in article.blocks] == [
        ("paragraph", "The first paragraph of this page has enough words to count as text."),
        ("heading", "What next"),
        ("paragraph", "The second paragraph of this page has enough words to count as text."),
        ("list_item", "an item"), ("quote", "A quoted line of the page.")]
