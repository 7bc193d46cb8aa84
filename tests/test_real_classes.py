"""Failure classes of the real-page set closed as classes (issue 12, second round): each test states
the rule any page of that kind obeys, in our own words in the shape of the real renderings (the
fixtures named in each section follow the real pages cited in their `follows`).
"""

from __future__ import annotations

import pytest

from newsparse import lexicon
from newsparse.extract import shape, textdump

_PARAGRAPH = "The new library opened on Saturday after two years of repairs, the city's mayor said."
_TITLE = "City Library Reopens After Two Years of Repairs"
_MORE = "Readers queued at the doors before eight, and the first hundred got a free book each."

# --- 1. the headline under the text ------------------------------------------------------------------------
# Fixture dump-en-staging-title-after follows a staging.rferl.org rendering: the text, then the title, then
# the widgets.


def test_title_line_between_the_text_and_the_widgets_is_the_headline():
    art = textdump.extract(f"{_PARAGRAPH} {_MORE}\n{_TITLE}\n\nEditors' Picks\nOther story\n")
    assert (art.headline, art.body) == (_TITLE, [f"{_PARAGRAPH} {_MORE}"])


def test_the_credit_run_into_the_text_leaves_it_when_the_title_follows():
    credit = "To read the original story by RFE/RL's Kazakh Service, click here."
    art = textdump.extract(f"{_PARAGRAPH} {credit}\n{_TITLE}\n\nEditors' Picks\n")
    assert (art.headline, art.body, art.credits) == (_TITLE, [_PARAGRAPH], [credit])


def test_a_last_title_line_without_widgets_under_it_stays_body():
    # a dump cut after a subheading-like line: nothing says the line heads the page
    art = textdump.extract(f"{_PARAGRAPH}\n{_MORE}\n{_TITLE}\n\nXS SM MD LG\n")
    assert art.headline is None
    assert art.body[-1] == _TITLE


def test_a_page_with_titles_in_its_text_keeps_its_last_title_line():
    art = textdump.extract(f"{_PARAGRAPH}\nA new hall for readers\n{_MORE}\nOpening hours of the library\n\nEditors' Picks\n")
    assert art.headline is None


# --- 2. an in-body image's kind label is no text; a source line under a quoted item is no box title -------
# Fixture dump-en-polygraph-roundup follows a Polygraph fact-check roundup ("Screenshot" under a section
# title, items closed by "-- Outlet, date").


@pytest.mark.parametrize("lang,label", [(lang, label) for lang, table in sorted(lexicon.LABELS.items())
                                        for label in table.get("image", ())])
def test_image_kind_label_is_chrome_and_leaves_the_section_title(lang, label):
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\nIn the new hall\n\n{label}\n\n{_MORE}\n")
    assert art.body == [_PARAGRAPH, "In the new hall", _MORE]
    assert lexicon.is_chrome(label) and lexicon.is_label(label, "image")


def test_source_line_under_a_quoted_item_keeps_the_next_item_title():
    dump = (f"City Library Reopens\n\n\n{_PARAGRAPH}\n\nOther reads\n\n"
            f"Libraries across the region extend their hours\n{_MORE}\n-- Daily Courier, May 4\n\n"
            f"What readers borrow most in the spring\n{_PARAGRAPH[:-1]} again.\n-- Evening Post, May 3\n")
    art = textdump.extract(dump)
    assert art.body[-4:] == ["-- Daily Courier, May 4", "What readers borrow most in the spring",
                             _PARAGRAPH[:-1] + " again.", "-- Evening Post, May 3"]


def test_a_link_box_between_paragraphs_still_leaves_the_body():
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\nLive Map: Libraries Near You\n"
                           f"Updated every morning\n\n{_MORE}\n")
    assert art.body == [_PARAGRAPH, _MORE]


# --- 3. a photo's caption run into the paragraph under it ---------------------------------------------------
# Fixture dump-en-inline-photo-caption follows an Azatliq rendering whose paragraphs are spaced by blank
# lines but whose in-body caption sits on the paragraph under the photo.
_THIRD = "The mayor thanked the builders and promised a second library in the northern district."


def test_short_sentence_on_top_of_a_paragraph_in_a_spaced_rendering_is_a_photo_caption():
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\n{_MORE}\n\nThe mayor, Anna Petrova.\n"
                           f"{_THIRD}\n\n{_PARAGRAPH[:-1]} again.\n")
    assert art.body == [_PARAGRAPH, _MORE, _THIRD, _PARAGRAPH[:-1] + " again."]


def test_short_sentence_with_a_blank_line_under_it_stays_a_paragraph():
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\n{_MORE}\n\nShe said no more.\n\n{_THIRD}\n")
    assert art.body == [_PARAGRAPH, _MORE, "She said no more.", _THIRD]


def test_in_a_rendering_without_blank_lines_a_short_sentence_stays_a_paragraph():
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n{_MORE}\nShe said no more.\n{_THIRD}\n")
    assert art.body == [_PARAGRAPH, _MORE, "She said no more.", _THIRD]


# --- 4. the title under a "WATCH: ..." line is the embedded video's ----------------------------------------
# Fixture dump-en-voa-watch-lines follows a VOA roundup (the editor's WATCH line, then the video's title,
# then the player; the last one cut before its player).


@pytest.mark.parametrize("lang,intro", [(lang, intro) for lang, table in sorted(lexicon.LABELS.items())
                                        for intro in table.get("intro", ())])
def test_title_under_a_media_intro_line_is_the_video_title_even_without_its_player(lang, intro):
    line = f"{intro} The mayor on her first day"
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\n{line}\n\nMayor Opens the New Library\n")
    assert art.body == [_PARAGRAPH, line]
    assert art.media_title == "Mayor Opens the New Library"


def test_a_paragraph_under_a_media_intro_line_stays_body():
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\nWATCH: The mayor on her first day\n\n{_MORE}\n")
    assert art.body == [_PARAGRAPH, "WATCH: The mayor on her first day", _MORE]


@pytest.mark.parametrize("line,intro", [("WATCH: The mayor on her first day", True), ("Watch: a clip", True),
                                        ("Watchdog groups criticised the plan", False), ("WATCH:", False),
                                        ("Watching the game is fun.", False)])
def test_introduces_media_wants_the_label_with_its_colon_and_words_after_it(line, intro):
    assert lexicon.introduces_media(line) is intro


# --- 5. a name alone under the headline, whom the text is about, is the lead photo's caption ---------------
# Fixture dump-ru-svoboda-amp-name-caption follows a Radio Svoboda AMP programme page.


@pytest.mark.parametrize("headline,name,paragraph", [
    ("Движение Марии Ивановой", "Мария Иванова", "Первые шаги нового политика – Марии Ивановой. В студии – два гостя."),
    ("Anna Petrova's First Year As Mayor", "Anna Petrova", _PARAGRAPH),
    ("City Library Reopens", "Anna Petrova", "The mayor, Anna Petrova, said the library opened after two years."),
])
def test_name_under_the_headline_named_in_the_text_is_the_caption(headline, name, paragraph):
    art = textdump.extract(f"{headline}\n\n{name}\n\n{paragraph}\n\n{_MORE}\n")
    assert (art.caption, art.body) == (name, [paragraph, _MORE])


# Fixture dump-fa-farda-author-line follows an old Radio Farda page (the author's name under the headline).


@pytest.mark.parametrize("headline,name", [("City Library Reopens", "Anna Petrova"),
                                           ("کتابخانه شهر دوباره باز شد", "مریم احمدی")])
def test_name_under_the_headline_the_text_does_not_name_is_the_author(headline, name):
    art = textdump.extract(f"{headline}\n\n\n{name}\n\n{_PARAGRAPH}\n\n{_MORE}\n")
    assert (art.caption, art.byline, art.body) == (None, name, [_PARAGRAPH, _MORE])


@pytest.mark.parametrize("line,name", [("Anna Petrova", True), ("مریم احمدی", True), ("ایرج", False),
                                       ("گزارشی از کتابخانه شهر اصفهان", False), ("خبر فوری", False),
                                       ("anna petrova", False), ("Anna Petrova said.", False)])
def test_bare_name_in_scripts_with_and_without_capitals(line, name):
    assert shape.is_bare_name(line) is name


@pytest.mark.parametrize("name,text,named", [("Юлия Навальная", "заявление Юлии Навальной", True),
                                             ("Anna Petrova", "Petrova said", True),
                                             ("Anna Petrova", "Peter said", False),
                                             ("Li Wei", "Wei Li and Liang met", True),
                                             ("Li Wei", "We met", False)])
def test_names_subject_finds_the_surname_inflected_or_not(name, text, named):
    assert shape.names_subject(name, text) is named


# --- 6. the lead caption over the title is a live blog's layout ---------------------------------------------
# Fixture dump-uk-radiosvoboda-liveblog follows a Radio Svoboda live blog (caption doubled, then the title).


def test_doubled_caption_over_the_title_makes_a_live_blog():
    art = textdump.extract(f"Accessibility links\n\nReaders in the new hall\nReaders in the new hall\n\n"
                           f"City Library Reopens: All The Latest\n\n{_PARAGRAPH}\n\n{_MORE}\n")
    assert (art.page_type, art.caption, art.headline) == ("liveblog", "Readers in the new hall",
                                                          "City Library Reopens: All The Latest")
    assert art.body == [_PARAGRAPH, _MORE]


def test_doubled_caption_under_the_headline_stays_an_article():
    art = textdump.extract(f"Accessibility links\n\n{_TITLE}\n\nReaders in the new hall\n"
                           f"Readers in the new hall\n\n{_PARAGRAPH}\n\n{_MORE}\n")
    assert (art.page_type, art.caption, art.headline) == ("article", "Readers in the new hall", _TITLE)
