"""Wayback Machine captures: the original's url, site and extraction, with the capture's time."""

from __future__ import annotations

import io

import pytest

import newsparse
from newsparse import wayback
from newsparse.urls import wayback as wayback_url

import warcbuild as wb
from conftest import FIXTURES

# Wayback serves pages in an ASCII-compatible charset; the builder rewrites bytes as such.
HTML_FIXTURES = sorted(p for p in FIXTURES.glob("*.html") if "utf16" not in p.name)
CAPTURED = "2024-03-05T06:07:08Z"


def without_captured(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "captured"}


@pytest.mark.parametrize("path", HTML_FIXTURES, ids=lambda p: p.name)
def test_a_rewritten_page_extracts_as_the_original(path):
    page = path.read_bytes()
    original = newsparse.parse(page).to_dict()
    if original["url"] is None:  # a page that names no address of its own: Wayback's script names it
        original = newsparse.parse(page, url="https://www.rferl.org/a/1.html").to_dict()
    rewritten = wb.wayback_rewrite(page, url=original["url"])
    assert b"WAYBACK TOOLBAR" in rewritten and b"__wm.wombat(" in rewritten
    got = newsparse.parse(rewritten).to_dict()
    assert without_captured(got) == without_captured(original)
    assert got["captured"] == CAPTURED


def test_unwrap_removes_every_insert_and_prefix():
    page = (FIXTURES / "rferl-no-byline.html").read_bytes()
    html, original, ts = wayback.unwrap(wb.wayback_rewrite(page))
    assert (original, ts) == ("https://www.rferl.org/a/1.html", wb.WAYBACK_TS)
    for trace in (b"web.archive.org", b"/web/2024", b"__wm", b"WAYBACK", b"/_static/", b"FILE ARCHIVED"):
        assert trace not in html
    assert not wayback.is_rewritten(page)


def test_the_closing_comment_alone_gives_the_capture_time():
    page = (FIXTURES / "rferl-no-byline.html").read_bytes()
    rewritten = wb.wayback_rewrite(page, ts="20190102030405")
    no_wombat = rewritten.replace(b"__wm.wombat(", b"__wm.other(")
    assert newsparse.parse(no_wombat).captured == "2019-01-02T03:04:05Z"


def test_a_wayback_url_given_for_an_original_capture():
    page = (FIXTURES / "rferl-no-byline.html").read_bytes()  # an id_ capture: the original bytes
    art = newsparse.parse(page, url="https://web.archive.org/web/2024id_/https://www.rferl.org/a/1.html")
    assert art.captured == "2024-01-01T00:00:00Z"
    assert "archive.org" not in (art.url or "") and art.site != "web.archive.org"


@pytest.mark.parametrize("url, expected", [
    ("https://web.archive.org/web/20240305060708/https://www.rferl.org/a/1.html",
     ("https://www.rferl.org/a/1.html", "20240305060708")),
    ("http://web.archive.org/web/20240305060708id_/http://www.rferl.org/a/1.html?x=1",
     ("http://www.rferl.org/a/1.html?x=1", "20240305060708")),
    ("https://web.archive.org/web/2024im_/https:/gdb.rferl.org/1.jpg", ("https://gdb.rferl.org/1.jpg", "2024")),
    ("https://web.archive.org/web/20240305060708/www.rferl.org/a/1.html", ("http://www.rferl.org/a/1.html", "20240305060708")),
    ("https://www.rferl.org/web/20240305060708/https://x.org/", None),
    ("https://web.archive.org/web/*/https://www.rferl.org/*", None),
    (None, None),
])
def test_wayback_addresses(url, expected):
    assert wayback_url(url) == expected


def test_a_wayback_capture_inside_a_warc():
    pytest.importorskip("fastwarc")
    from newsparse import archive

    page = (FIXTURES / "rferl-no-byline.html").read_bytes()
    target = f"https://web.archive.org/web/{wb.WAYBACK_TS}/https://www.rferl.org/a/1.html"
    data = wb.warc([wb.warcinfo(), wb.response(wb.wayback_rewrite(page), uri=target, encoding="gzip")], "gzip")
    (info, art), = [(i, r) for i, r in archive.records(io.BytesIO(data)) if isinstance(r, newsparse.Article)]
    assert art.url == newsparse.parse(page).url and art.site == "rferl.org"
    assert art.captured == CAPTURED  # the capture's time, not the WARC-Date of the fetch from archive.org
    assert art.archive.target_uri == target
    plain = newsparse.parse(page).to_dict()
    assert {k: v for k, v in art.to_dict().items() if k not in ("archive", "captured", "truncated")} == \
        {k: v for k, v in plain.items() if k not in ("archive", "captured", "truncated")}
