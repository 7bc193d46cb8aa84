"""Extractor behaviour on small hand-made inputs: text-dump shapes and the generic fallback."""

from __future__ import annotations

import pytest

import newsparse


def dump(*lines: str) -> bytes:
    return ("\n\n".join(lines) + "\n").encode("utf-8")


def test_dump_without_chrome_starts_with_headline():
    a = newsparse.parse(dump("Flood Waters Recede In Eastern Town", "Residents began returning home on Monday.",
                             "Officials said the bridge would reopen within a week."))
    assert a.extractor == "text"
    assert a.headline == "Flood Waters Recede In Eastern Town"
    assert a.body == ["Residents began returning home on Monday.",
                      "Officials said the bridge would reopen within a week."]
    assert a.caption is None and a.byline is None


def test_dump_caption_pair_before_headline():
    a = newsparse.parse(dump("Accessibility links", "Breaking News", "A crowd gathers in the square.",
                             "A crowd gathers in the square.", "Live: Protests Continue For Third Day",
                             "Thousands returned to the streets on Sunday.", "XS", "SM", "MD", "LG"))
    assert a.caption == "A crowd gathers in the square."
    assert a.headline == "Live: Protests Continue For Third Day"
    assert a.body == ["Thousands returned to the streets on Sunday."]


def test_dump_old_audio_link_below_the_image_gap_is_not_a_caption():
    # The 2000s layout puts "(rm) <label> | [ m:ss mins ]" where a lead image's caption would be.
    text = ("Accessibility links\n\nBreaking News\n\nTown Council Approves New School Budget\n\n\n"
            "(rm) Audio | [ 2:42 mins ]\nThe town council approved the school budget on Tuesday after a long debate.\n")
    a = newsparse.parse(text.encode())
    assert (a.headline, a.caption) == ("Town Council Approves New School Budget", None)
    assert a.body == ["The town council approved the school budget on Tuesday after a long debate."]


def test_dump_caption_with_its_photo_credit_is_the_caption():
    a = newsparse.parse(dump("Accessibility links", "Farmers Protest New Water Rules",
                             "Farmers drive tractors toward the capital. (AP Photo/Jane Doe).",
                             "Hundreds of farmers drove their tractors to the capital on Monday to protest new rules."))
    assert a.caption == "Farmers drive tractors toward the capital. (AP Photo/Jane Doe)."
    assert a.body == ["Hundreds of farmers drove their tractors to the capital on Monday to protest new rules."]


def test_dump_dated_sentence_below_the_image_gap_is_the_caption():
    text = ("Accessibility links\n\nBreaking News\n\nFloods Close Roads in the North\n\n\n"
            "Water covers a road near the town of Lida on May 24.\n\n"
            "Heavy rain closed dozens of roads across the north of the country this week, officials said.\n")
    a = newsparse.parse(text.encode())
    assert a.caption == "Water covers a road near the town of Lida on May 24."
    assert a.body == ["Heavy rain closed dozens of roads across the north of the country this week, officials said."]


def test_dump_lead_paragraph_below_the_image_gap_stays_body():
    # Two sentences, or no date at the end: running text, not a caption.
    for lead in ("Water covered the roads on Monday. Officials closed the bridge on May 24.",
                 "Heavy rain closed dozens of roads across the north of the country this week, officials said."):
        text = f"Accessibility links\n\nFloods Close Roads in the North\n\n\n{lead}\n\nRain is expected to continue until Friday, forecasters said.\n"
        a = newsparse.parse(text.encode())
        assert (a.caption, a.body[0]) == (None, lead)


def test_dump_line_leading_into_the_player_is_text_not_its_title():
    a = newsparse.parse(dump("Accessibility links", "A Writer Remembers the Day the City Changed",
                             "The writer lost her job and now teaches girls at home, she told our reporter.",
                             "To hear the whole interview, click the link below:", "please wait",
                             "No media source currently available", "0:00 0:07:35 0:00", "Direct link"))
    assert a.body == ["The writer lost her job and now teaches girls at home, she told our reporter.",
                      "To hear the whole interview, click the link below:"]
    assert a.media_title is None


def test_dump_clip_caption_under_the_player_leaves_the_body():
    lines = ["Accessibility links", "Ambassador Answers Critics in Washington",
             "The ambassador wrote a long letter to the newspaper, defending his government's record.",
             "Hearing at the Helsinki Commission", "please wait", "No media source currently available",
             "0:00 0:18:43 0:00", "{under}",
             "The letter was published on Monday, two weeks after the hearing in the Senate building."]
    a = newsparse.parse(dump(*lines).replace(b"{under}", b"The ambassador speaking in Washington in 2013"))
    assert a.body == [lines[2], lines[-1]]
    # a sentence under the player is the text going on
    sentence = b"He repeated his view in a second interview the same week, saying nothing had changed."
    assert newsparse.parse(dump(*lines).replace(b"{under}", sentence)).body == [lines[2], sentence.decode(), lines[-1]]


def test_dump_credit_run_into_the_last_paragraph_leaves_it():
    a = newsparse.parse(dump("Accessibility links", "Court Upholds Sentence of Government Critic",
                             "The city court on Tuesday rejected the appeal of a government critic.",
                             "His lawyer said they would go to the Supreme Court. Compiled by RFE/RL's Kyrgyz Service. "
                             "To read the original story by RFE/RL's Kyrgyz Service, click here."))
    assert a.body == ["The city court on Tuesday rejected the appeal of a government critic.",
                      "His lawyer said they would go to the Supreme Court."]
    assert a.credits == ["Compiled by RFE/RL's Kyrgyz Service.",
                         "To read the original story by RFE/RL's Kyrgyz Service, click here."]


def test_dump_player_heading_does_not_end_the_text():
    # svoboda.org AMP programme pages: "Видеоверсия программы" heads the video; the transcript goes on,
    # and a title under the player's own text is the clip's, not the transcript's.
    first = "Ведущий: Сегодня у нас в студии два экономиста, и мы поговорим о ценах на хлеб этой зимой."
    second = "Ведущий: Начнём с простого вопроса о том, почему мука подорожала сильнее, чем зерно."
    a = newsparse.parse(dump("Цены на хлеб этой зимой", first, "Видеоверсия программы",
                             "Ваш браузер не поддерживает HTML5", "Почему мука дорожает быстрее зерна", second))
    assert a.body == [first, second]


def test_dump_pull_quote_with_its_name_leaves_the_body():
    first = "The council will vote next week on renaming the avenue after the poet, the mayor said."
    last = "Residents of the avenue are divided, a survey by a local newspaper found this month."
    quote = "A city should name its streets after the people who gave it a voice in hard years"
    text = f"Accessibility links\n\nCity Debates New Street Names\n\n{first}\n\n{quote}\nAnna Petrova\n\n{last}\n"
    a = newsparse.parse(text.encode())
    assert a.body == [first, last]
    # with a blank line between them, a name under a paragraph is not its attribution
    spaced = text.replace(f"{quote}\nAnna", f"{quote}.\n\nAnna")
    assert newsparse.parse(spaced.encode()).body == [first, quote + ".", "Anna Petrova", last]


def test_dump_promo_box_between_paragraphs_leaves_the_body():
    first = "The number of cases rose again on Thursday, the health ministry said in its daily report."
    last = "Schools will stay closed until the end of the month, the education minister said."
    a = newsparse.parse(dump("Accessibility links", "Cases Rise Again As Schools Stay Closed", first,
                             "Interactive Map: Where The Virus Has Spread", "Updated every day with new figures", last))
    assert a.body == [first, last]
    # a subheading has its text under it: kept
    b = newsparse.parse(dump("Accessibility links", "Cases Rise Again As Schools Stay Closed", first,
                             "What The Ministry Said", last))
    assert b.body == [first, "What The Ministry Said", last]


def test_dump_media_page_repeats_headline_as_media_title():
    a = newsparse.parse(dump("Accessibility links", "Evening Bulletin", "Evening Bulletin", "please wait",
                             "No media source currently available", "0:00 0:24:22 0:00", "Direct link",
                             "The day's main news in fifteen minutes."))
    assert (a.headline, a.media_title) == ("Evening Bulletin", "Evening Bulletin")
    assert a.body == ["The day's main news in fifteen minutes."]


def test_dump_credit_lines_leave_the_body():
    a = newsparse.parse(dump("Talks Resume In Vienna", "Delegations met for four hours.",
                             "Compiled by RFE/RL staff", "With reporting by Reuters and AFP"))
    assert a.body == ["Delegations met for four hours."]
    assert a.credits == ["Compiled by RFE/RL staff", "With reporting by Reuters and AFP"]


def test_dump_breakpoint_labels_flattened_on_one_line():
    a = newsparse.parse(dump("Market Prices Climb Again", "Bread rose by ten percent.", "XS SM MD LG"))
    assert a.body == ["Bread rose by ten percent."]


GENERIC_PAGE = b"""<!doctype html><html lang="de"><head><title>Ein Test | Zeitung</title>
<meta property="og:title" content="Ein Test"><meta name="author" content="Erika Muster">
<link rel="canonical" href="https://www.example.org/artikel/1"></head>
<body><nav><a href="/">Start</a><a href="/politik">Politik</a></nav>
<h1>Ein Test</h1><article><p>Der erste Absatz dieses Artikels ist lang genug, um zu zaehlen.</p>
<p>Der zweite Absatz erzaehlt, was danach geschah, und ist ebenfalls lang genug.</p></article>
<footer><p>Alle Rechte vorbehalten, diese Fusszeile ist kein Artikeltext.</p></footer></body></html>"""


def test_generic_fallback_is_marked_and_conservative():
    a = newsparse.parse(GENERIC_PAGE)
    assert a.extractor == "generic"
    assert (a.headline, a.byline, a.language, a.site) == ("Ein Test", "Erika Muster", "de", "example.org")
    assert a.body == ["Der erste Absatz dieses Artikels ist lang genug, um zu zaehlen.",
                      "Der zweite Absatz erzaehlt, was danach geschah, und ist ebenfalls lang genug."]
    assert a.page_type == "article"


def test_generic_page_without_text_invents_no_body():
    a = newsparse.parse(b"<html><head><title>Index</title></head><body><ul><li><a href='/a'>A</a></li>"
                        b"</ul></body></html>")
    assert (a.extractor, a.body, a.page_type, a.headline) == ("generic", [], "unknown", "Index")


def test_url_argument_used_without_canonical():
    a = newsparse.parse(dump("Headline Only Page", "One line of text."), url="https://www.rferl.org/a/1.html")
    assert (a.url, a.site) == ("https://www.rferl.org/a/1.html", "rferl.org")


def test_dateline_fused_to_first_paragraph_is_split():
    a = newsparse.parse(dump("Court Upholds Sentence", "ALMATY, Kazakhstan -- A court on Monday upheld the sentence.",
                             "The defence said it would appeal."))
    assert a.dateline == "ALMATY, Kazakhstan"
    assert a.body[0] == "A court on Monday upheld the sentence."


def test_ordinary_dash_is_not_a_dateline():
    a = newsparse.parse(dump("Prices Rise", "Bread -- and milk -- cost more this week.", "More follows."))
    assert a.dateline is None and a.body[0] == "Bread -- and milk -- cost more this week."


def test_the_word_pangea_in_a_page_does_not_make_it_pangea():
    page = GENERIC_PAGE.replace(b"Der zweite Absatz", b"Pangea war ein Superkontinent; der zweite Absatz")
    a = newsparse.parse(page)
    assert a.extractor == "generic" and len(a.body) == 2


def test_a_tealium_site_is_not_pangea():
    page = GENERIC_PAGE.replace(b"</head>", b"<script>var utag_data={page_type:\"article\"};</script></head>")
    assert newsparse.parse(page).extractor == "generic"


def test_broken_url_argument_is_ignored_not_raised():
    assert newsparse.parse(dump("Headline", "Body text."), url="http://[x").url is None
    assert newsparse.parse(GENERIC_PAGE.replace(b'<link rel="canonical" href="https://www.example.org/artikel/1">',
                                                b""), url="http://[x").url is None


PANGEA_URLS = b"""<html lang="en"><head>%s</head><body class="pg-article">
<h1 class="title pg-title">Title</h1><div id="article-content"><div class="wsw"><p>Text.</p></div></div>
</body></html>"""


def test_relative_canonical_resolved_against_the_given_url():
    a = newsparse.parse(PANGEA_URLS % b'<link rel="canonical" href="/a/123.html">', url="https://www.rferl.org/x")
    assert (a.url, a.site) == ("https://www.rferl.org/a/123.html", "rferl.org")


def test_blank_or_scripted_addresses_are_skipped():
    head = (b'<link rel="canonical" href="  "><meta property="og:url" content="https://www.rferl.org/a/9.html">'
            b'<script>var utag_data={language_service:"RFERL English",url:"javascript:alert(1)"};</script>')
    assert newsparse.parse(PANGEA_URLS % head).url == "https://www.rferl.org/a/9.html"
    head = b'<script>var utag_data={language_service:"RFERL English",url:"javascript:alert(1)"};</script>'
    assert newsparse.parse(PANGEA_URLS % head).url is None


def test_dump_of_only_credit_lines_is_no_article():
    a = newsparse.parse(dump("Headline Here", "With reporting by Reuters"))
    assert (a.body, a.credits, a.page_type, a.has_article) == ([], ["With reporting by Reuters"], "unknown", False)


# --- pages that list other pages -----------------------------------------------------------------

LISTING_PAGE = ("<html lang='en'><head><title>{title}</title><meta property='og:title' content='{title}'>"
                "<link rel='canonical' href='{url}'><script>var utag_data={{language_service:\"VOA English\"{utag}}};"
                "</script></head><body class='{cls}'>{h1}<div class='media-block'><h4 class='media-block__title'>"
                "Another story</h4><p>Its summary, a sentence long.</p></div></body></html>")


@pytest.mark.parametrize("url,utag,cls,h1,kind,section", [
    ("https://www.voanews.com/", ",page_type:\"Homepage\"", "pg-section pg-home", "<h1>VOA</h1>", "home", None),
    ("https://www.voanews.com/", "", "", "", "home", None),  # the site's root, nothing declared
    ("https://www.voanews.com/z/599", ",page_type:\"Section\"", "", "<h1>Africa</h1>", "section", "Africa"),
    ("https://www.rferl.org/z/16254", "", "", "<h1>Commentary</h1>", "section", "Commentary"),
    ("https://www.ozodlik.org/z/421/2015/1/6", "", "", "", "section", None),
    ("https://www.voanews.com/author/jane-doe/abc12", "", "pg-author", "<h1>Jane Doe</h1>", "author", None),
    ("https://www.rferl.org/s?k=bridge", "", "", "<h1>Search</h1>", "search", None),
])
def test_listing_pages_have_no_headline_of_their_own(url, utag, cls, h1, kind, section):
    page = LISTING_PAGE.format(title="Site Name - News", url=url, utag=utag, cls=cls, h1=h1).encode()
    a = newsparse.parse(page)
    assert (a.page_type, a.headline, a.body, a.byline, a.caption, a.section) == (kind, None, [], None, None, section)


def test_an_article_address_is_not_read_as_a_listing():
    page = LISTING_PAGE.format(title="Bridge Opens", url="https://www.rferl.org/a/bridge-opens/31234567.html",
                               utag="", cls="", h1="<h1>Bridge Opens</h1>").encode()
    assert newsparse.parse(page).headline == "Bridge Opens"


def test_a_static_page_title_makes_a_static_page():
    page = LISTING_PAGE.format(title="About", url="https://www.polygraph.info/p/8379.html", utag=",page_type:\"article\"",
                               cls="pg-article", h1="<h1>About</h1>").encode()
    a = newsparse.parse(page)
    assert (a.page_type, a.headline) == ("static", "About")
