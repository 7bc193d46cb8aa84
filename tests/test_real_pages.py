"""Every real page of ../shared/corpus (dumps with gold, pangea HTML), judged field by field.

What "right" means is bench/realset.py (gold values and the HTML pages' own markup are read at test
time, never written here). Pages still wrong are listed in KNOWN_FAILURES with the fields that are
wrong, and the list is checked both ways: a page wrong in a field not listed fails (a regression),
and a listed field that is now right fails too ("remove it from the list"), so the list can only
shrink. `python bench/accuracy.py --known-failures` prints the list as it is today, for the
merger to paste after other branches land. Skipped when ../shared is absent.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import realset  # noqa: E402

import newsparse  # noqa: E402

# page -> the fields still wrong on it (see realset.judge for the names: gold fields, page_type,
# leaks, chrome, url).
KNOWN_FAILURES: dict[str, tuple[str, ...]] = {
    'ktat.krymr.com__32616797.txt': ('body',),
    'pressroom.rferl.org__29449514.txt': ('body', 'headline'),
    'radiofarda.com__1139099.txt': ('language',),
}

PAGES = realset.real_pages()
needs_shared = pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present")


@needs_shared
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_real_page(page):
    wrong = realset.judge(page, newsparse.parse(page.path.read_bytes()).to_dict())
    listed = set(KNOWN_FAILURES.get(page.name, ()))
    regressions = {field: why for field, why in wrong.items() if field not in listed}
    fixed = sorted(listed - set(wrong))
    assert regressions == {}, f"{page.name}: wrong now and not in KNOWN_FAILURES"
    assert fixed == [], f"{page.name}: now right in {fixed}: remove it from the list (KNOWN_FAILURES)"


@needs_shared
def test_known_failures_name_real_pages():
    assert sorted(set(KNOWN_FAILURES) - {p.name for p in PAGES}) == []


@needs_shared
def test_the_set_is_the_whole_corpus():
    """Every dump has its gold file and every saved HTML page is judged: no page drops out unseen."""
    dumps = sorted(realset.DUMPS.glob("*.txt"))
    assert [p.name for p in PAGES if p.kind == "dump"] == [p.name for p in dumps]
    assert all(p.gold is not None for p in PAGES if p.kind == "dump")
    assert sum(p.kind == "html" for p in PAGES) == len(list(realset.PANGEA.glob("*.html")))


# ---------------------------------------------------------------- the checks themselves (no ../shared needed)


def _article(**fields):
    base = {"headline": None, "byline": None, "authors": [], "caption": None, "dateline": None, "body": [],
            "credits": [], "media_title": None, "glossary": [], "section": None}
    return {**base, **fields}


@pytest.mark.parametrize("headline,fault", [
    ("No media source currently available", "a player label"),
    ("The URL has been copied to your clipboard", "a player label"),
    ("Languages", "a menu line"),
    ("Радио Свобода", "a site name"),
    ("Radio Free Europe/Radio Liberty", "a site name"),
    ("Monday, March 4, 2024", "a clock line"),
])
def test_headline_faults_name_each_kind_of_non_headline(headline, fault):
    assert fault in realset.headline_faults(headline, _article(headline=headline), None)


def test_a_headline_that_is_the_section_or_the_line_under_a_menu_heading_is_faulted():
    assert realset.headline_faults("Cuba", _article(headline="Cuba", section="Cuba"), None) == [
        "the page's section name"]
    text = "Languages\nKiswahili Hausa Bambara\nA Story\n"
    assert realset.headline_faults("Kiswahili Hausa Bambara", _article(), text) == ["a menu line"]
    assert realset.headline_faults("Kiswahili Hausa Bambara", _article(), "Kiswahili Hausa Bambara\n") == []


def test_a_real_headline_has_no_fault():
    assert realset.headline_faults("Bakers in Tirana Rise Before Dawn", _article(), "x\n") == []


def test_chrome_in_finds_whole_labels_in_any_text_field_but_not_short_ones_inside_prose():
    article = _article(body=["Share", "People share bread on Sundays."], caption="XS SM MD LG",
                       credits=["With reporting by Reuters"])
    assert realset.chrome_in(article) == ["caption: XS SM MD LG", "body: Share"]


def test_chrome_in_finds_a_long_label_glued_to_a_paragraph():
    glued = "Bakers rise at four. No media source currently available"
    assert realset.chrome_in(_article(body=[glued])) == ["body: " + glued[:60]]


# ---------------------------------------------------------------- README's generated coverage table


@needs_shared
def test_readme_coverage_table_is_the_generated_one():
    import coverage_table as coverage

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert coverage.current(readme) == coverage.section(), "regenerate: python bench/coverage_table.py --write README.md"


def test_coverage_kinds_sort_reader_descriptions_and_declared_types():
    import coverage_table as coverage

    assert [coverage.kind_of(t) for t in ("news (short)", "liveblog (Live Briefing)", "section page (zone)",
                                          "audio/video programme", "TV programme video", "factcheck", None)] == [
        "article", "live blog", "section / listing", "video", "video", "fact-check", "article"]


def test_a_headline_that_is_a_label_of_any_whole_line_category_is_faulted():
    from newsparse import lexicon

    for cat in lexicon.WHOLE_LINE:
        label = next(label for table in lexicon.LABELS.values() for label in table.get(cat, ()))
        assert f"a {cat} label" in realset.headline_faults(label, _article(headline=label), None), cat
