"""The chrome lexicon: every row is recognised, folding is forgiving, real prose never is chrome."""

from __future__ import annotations

import json

import pytest

import newsparse
from newsparse import lexicon
from newsparse.lexicon import LABELS

# Every RFE/RL service language and VOA's main ones (issue 5), as the lexicon names them.
SERVICE_LANGUAGES = ["sq", "tr", "hy", "az", "ba", "be", "sh", "bg", "ce", "crh", "prs", "en", "ka", "hu", "kk", "ky",
                     "mk", "ps", "fa", "ro", "ru", "tg", "tt", "tk", "uk", "uz", "es", "zh", "ko", "fr"]


def rows(*categories):
    for lang, table in LABELS.items():
        for cat in categories:
            for label in table.get(cat, ()):
                yield pytest.param(lang, label, id=f"{lang}-{cat}-{label[:30]}")


@pytest.mark.parametrize("lang,label", list(rows(*lexicon.WHOLE_LINE)))
def test_every_whole_line_label_is_chrome_of_its_language(lang, label):
    assert lexicon.is_chrome(label)
    assert lang in lexicon.languages_of(label)


@pytest.mark.parametrize("lang,label", list(rows("legal")))
def test_every_legal_row_is_legal_and_chrome_also_with_its_continuation(lang, label):
    assert lexicon.is_legal(label)
    assert lexicon.is_legal(label + " Some words that follow it.")
    assert lexicon.is_chrome(label)
    assert lang in lexicon.languages_of(label)


@pytest.mark.parametrize("lang,label", list(rows("notice")))
def test_every_notice_is_chrome_but_not_legal(lang, label):
    assert lexicon.is_chrome(label + " More of the notice.")
    assert not lexicon.is_legal(label)
    assert lang in lexicon.languages_of(label)


@pytest.mark.parametrize("lang,label", list(rows("credit")))
def test_every_credit_opener_starts_a_credit(lang, label):
    assert lexicon.is_credit(f"{label} Reuters and AP")


def test_every_table_uses_known_categories_and_has_a_script():
    known = set(lexicon.WHOLE_LINE) | set(lexicon.OPENING) | {"byline", "source", "clock", "intro"}
    assert {cat for table in LABELS.values() for cat in table} <= known
    assert set(LABELS) <= set(lexicon.SCRIPTS)
    assert set(SERVICE_LANGUAGES) <= set(lexicon.SCRIPTS)


def test_no_row_is_written_twice_in_one_language():
    for lang, table in LABELS.items():
        keys = [lexicon._key(label) for cat in lexicon.WHOLE_LINE for label in table.get(cat, ())]
        assert len(keys) == len(set(keys)), lang


# --- folding -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,lang", [
    ("ACCESSIBILITY LINKS", "en"),                # case
    ("accessibility links", "en"),
    ("  Accessibility   links  ", "en"),          # spaces
    ("Breaking News:", "en"),                     # trailing colon
    ("Срочные новости", "ru"),                    # the page has a colon, this copy none
    ("СРОЧНЫЕ НОВОСТИ:", "ru"),
    ("ｌｏａｄ ｍｏｒｅ", "en"),                     # NFKC: full-width letters
    ("ЧУКУЛ КАБАР", "ky"),                        # without its "!"
    ("لینک‌های قابلیت دسترسی", "fa"),              # with ZWNJ
    ("لینکهای قابلیت دسترسی", "fa"),               # without it
    ("لينکهای قابليت دسترسی", "fa"),               # Arabic yeh for Persian yeh
    ("ТӀекхочийла долу линкаш", "ce"),             # real palochka (U+04C0) for the Latin I of the page
    ("Your browser doesn't support HTML5", "en"),  # straight apostrophe for the typographic one
    ("• 16x9 Image", "en"),                       # list bullet
    ("تفصیل…", "ps"),                             # ellipsis character for three dots
])
def test_folding(line, lang):
    assert lexicon.is_chrome(line)
    assert lang in lexicon.languages_of(line)


def test_legal_matching_ignores_case_spacing_and_quote_style():
    assert lexicon.is_legal("RFE/RL has been declared an “undesirable organization” by the Russian government.")
    assert lexicon.is_legal("rfe/rl has been declared an «undesirable organization» by the russian government")
    assert lexicon.is_legal("Настоящий материал (информация) произведен, распространен и(или) направлен "
                            "иностранным агентом ООО «Пример» либо касается деятельности иностранного агента. 18+")
    assert lexicon.is_legal("данное сообщение (материал) создано и (или) распространено иностранным средством "
                            "массовой информации, выполняющим функции иностранного агента, и (или) российским "
                            "юридическим лицом, выполняющим функции иностранного агента.")


# --- the three lines of the disclaimer ---------------------------------------------------------------

DISCLAIMER = [
    'RFE/RL has been declared an "undesirable organization" by the Russian government.',
    "If you are in Russia or the Russia-controlled parts of Ukraine and hold a Russian passport or are a "
    "stateless person residing permanently in Russia or the Russia-controlled parts of Ukraine, please note "
    "that you could face fines or imprisonment for sharing, liking, commenting on, or saving our content, or "
    "for contacting us.",
    "To find out more, click here.",
]


@pytest.mark.parametrize("line", DISCLAIMER)
def test_disclaimer_lines_are_legal(line):
    assert lexicon.is_legal(line)
    assert lexicon.is_chrome(line)
    assert lexicon.languages_of(line) == {"en"}


# --- prose is never chrome ---------------------------------------------------------------------------

BODY = [
    # English, including sentences that open with or contain label words
    "Live music returned to the square on Saturday for the first time since the war began.",
    "Related talks between the two delegations are expected to resume in Geneva next week.",
    "If you are in Russia, the ministry said, you should register with the consulate.",
    "RFE/RL has been declared an undesirable organization, and its Moscow bureau was closed in 2024.",
    "Reporting by the BBC showed that the convoy had crossed the border before dawn.",
    "I'm fine.",
    "I'm sure the river will rise again next spring, he said.",
    "Compiled from official data, the report shows that wages fell for a third year.",
    "Written by a prisoner in 1952, the letter reached his family only last month.",
    "Updated figures released on Monday put the number of displaced people at 3 million.",
    "By the end of the day, the river had risen by almost two meters.",
    "Talks begin Monday at 10:30 as the 2024 budget stalls",
    # Russian
    "Радио Свобода (RFE/RL) признано в России «нежелательной организацией» в феврале 2024 года.",
    "По материалам дела, обвиняемый перевёл деньги на счёт в другом банке.",
    "При участии России был подписан договор о прекращении огня.",
    "Срочно созванное заседание продолжалось до поздней ночи.",
    "Читайте также интервью с адвокатом, которое мы опубликовали вчера.",
    # Ukrainian
    "За матеріалами справи, посадовець отримав хабар у розмірі десяти тисяч доларів.",
    "Форум у Львові зібрав понад тисячу учасників з усієї країни.",
    # Persian, Dari, Pashto (with ZWNJ)
    "خبر فوری از تهران حاکی است که جلسه‌ی مجلس امروز برگزار نشد.",
    "بیشتر دانش‌آموزان این مدرسه دختر هستند و کلاس‌ها صبح برگزار می‌شود.",
    "په کابل کې د سوداګرو یوې ډلې نن غونډه وکړه.",
    # Georgian, Armenian
    "რადიო თავისუფლების ჟურნალისტი თბილისში სასამართლოს სხდომას დაესწრო.",
    "Երևանում այսօր կայացավ բողոքի ակցիա, որին մասնակցեցին հարյուրավոր մարդիկ։",
    # Kyrgyz, Kazakh, Tajik, Uzbek, Tatar
    "Бишкек убактысы менен саат 10:00дө башталган жыйын кечке чейин созулду.",
    "Пікірлер әртүрлі болды, бірақ көпшілік жобаны қолдады.",
    "Хабари нав дар бораи сохтмони нерӯгоҳ дирӯз интишор шуд.",
    "Тошкент вақти билан эрталаб соат саккизда йиғилиш бошланди.",
    # Latin-script services
    "Vanredno zasjedanje parlamenta sazvano je za ponedjeljak ujutro.",
    "Lajm i jashtëzakonshëm për qytetin u përhap shpejt në rrjetet sociale.",
    "Uživo smo pratili izbore u Sarajevu do kasno u noć.",
    "Soňky habar Aşgabatda ýaşaýan bir aýalyň sözleri bilen başlaýar.",
    "A legfrissebb hírek szerint a kormány hétfőn dönt a javaslatról.",
    "Europa Liberă a aflat că ministerul va anunța decizia mâine.",
    # VOA languages
    "Última hora en la frontera: cientos de familias esperan desde el amanecer.",
    "美国之音记者在华盛顿报道了这次会议。",
    "속보에 따르면 회담은 내일 다시 열릴 예정이다.",
    "Les dernières nouvelles du front arrivent lentement à Kinshasa.",
]


@pytest.mark.parametrize("line", BODY)
def test_body_prose_is_not_chrome(line):
    assert not lexicon.is_chrome(line)
    assert not lexicon.is_legal(line)
    assert not lexicon.is_credit(line)
    assert not lexicon.is_clock(line)
    assert lexicon.languages_of(line) == set()


# --- credits ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "With reporting by RFE/RL's Ukrainian Service",
    "With reporting by Reuters, AP, and AFP",
    "with additional reporting by Current Time",
    "Based on reporting by Reuters and AP",
    "compiled from Reuters reports",
    "Compiled from wire reports.",
    "To read the original story by RFE/RL's Kyrgyz Service, click here.",
    "Some information for this report came from AFP.",
    "Compiled by RFE/RL staff",
    "Compiled by RFE/RL's Kazakh Service.",
    "Reporting by Reuters and AFP",
    "I'm Anna Petrova.",
    "Anna Petrova wrote this story for VOA Learning English. John Smith was the editor.",
    "John Smith adapted this story for Learning English based on reports from AP.",
    # Learning English sign-offs as the real pages write them (U+2019, several sentences, dots in names)
    "I’m Anna Petrova.",
    "And I’m John Smith.",
    "VOA’s Anna Petrova reported this story. John Smith adapted it for Learning English. Mary Lee was the editor.",
    "John Smith adapted this story based on AP, Reuters and VOA News reports.",
    "John Smith adapted this story from VOANews.com and Reuters reports. Mary Lee was the editor.",
    "Anna Petrova wrote it for VOA Learning English and produced the program. Mary Lee was the editor.",
    "Anna Petrova wrote this story for VOA News. John Smith adapted and produced it for Learning English.",
    "Anna Petrova and John Smith adapted this story for Learning English. Mary Lee Jr. was the editor.",
    "(Відео Російської редакції Радіо Свобода)",
])
def test_credit_lines(line):
    assert lexicon.is_credit(line)


@pytest.mark.parametrize("line", [
    "Compiled from official data, the report shows that wages fell for a third year.",
    "With reporters barred from the court, the verdict was read behind closed doors.",
    "Compiled by the ministry, the list names 40 companies.",
    "Reporting by the BBC showed that the convoy had crossed the border before dawn.",
    "Відео показує, як рятувальники розбирають завали.",
    # a closing sentence about who reported or adapted something, not Learning English's sign-off
    "Reuters reported it.",
    "The Associated Press reported the story on Monday.",
    "He adapted quickly to life in the city.",
    "He adapted it for the stage.",
    "Anna Petrova adapted the novel for the stage. It opened in May.",
    "Smith wrote this letter to the governor in 1952, and the court read it aloud.",
    # long runs of capitalised words: the sign-off grammar reads them one way (no backtracking blow-up)
    " ".join(["Word"] * 300) + " wrote",
    "Ab Cd, and " * 60 + "adapted it",
])
def test_lines_that_only_look_like_credits(line):
    assert not lexicon.is_credit(line)


# --- bylines -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("By RFE/RL", "RFE/RL"),
    ("by RFE/RL's Ukrainian Service", "RFE/RL's Ukrainian Service"),
    ("RFE/RL", "RFE/RL"),
    ("By Jane Doe", "Jane Doe"),
    ("BY: Jane Doe", "Jane Doe"),
    ("Byron Smith", "Byron Smith"),
    ("Автор: Иван Петров", "Иван Петров"),
    ("Авторы — Иван Петров", "Иван Петров"),
    ("ავტორი ნინო ბერიძე", "ნინო ბერიძე"),
])
def test_strip_byline_prefix(text, name):
    assert lexicon.strip_byline_prefix(text) == name


@pytest.mark.parametrize("text,detail", [
    ("Source: State TV, November 3, 2024", "State TV, November 3, 2024"),
    ("SOURCE : State TV", "State TV"),
    ("Источник: Госканал", "Госканал"),
    ("Sources close to the ministry", "Sources close to the ministry"),  # no label: a word of the text
    ("Source:", None),
    (None, None),
])
def test_strip_source_label(text, detail):
    assert lexicon.strip_source_label(text) == detail


# --- patterns ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "XS", "SM", "MD", "LG", "XS SM MD LG", "xs sm md lg",
    "0:00 0:24:22 0:00", "0:00 3:45 0:00",
    "Радио Свобода © 2018 RFE/RL, Inc. | Все права защищены.",
    "2016 © Pangea Digital, Radio Free Europe/Radio Liberty",
    "ბლოგები / ნინო ბერიძე",
    "-", "—", "•",
    "Load more",
    "This image contains sensitive content which some people may find offensive or disturbing - Click to reveal",
    "This image contains sensitive content which some people may find offensive or disturbing.",
    "Click to reveal",
    "Показать больше Свернуть",
])
def test_chrome_patterns_and_joined_lines(line):
    assert lexicon.is_chrome(line)


@pytest.mark.parametrize("line", ["XS Motors recalled 40,000 cars", "LG unveils a folding phone",
                                  "The score was 0:00 at half time", "© Reuters"])
def test_patterns_do_not_take_prose(line):
    assert not lexicon.is_chrome(line)


def test_card_marker():
    assert lexicon.is_card_marker("16x9 Image")
    assert lexicon.is_card_marker("  • 16x9 Image")
    assert not lexicon.is_card_marker("16x9 Images of the war")


# --- clock lines and episode dates -------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "5-Ноябрь, 2024-жыл, шейшемби, Бишкек убактысы 16:30",
    "дүйшөмбү, 22-июль, 2019 Бишкек убактысы 16:31",
    "2024, 08 Noyabr, Cümə, Bakı vaxtı 02:51",
    "სამშაბათი, 28 ივნისი, 2016 თბილისის დრო 07:39",
    "سه شنبه ۴ اردیبهشت ۱۴۰۳ تهران ۱۱:۲۰",
    "شنبه ۳ قوس ۱۴۰۳ کابل ۰۲:۳۴",
    "چهارشنبه ۲۶ تیر ۱۳۹۸ ایران ۱۲:۵۸",
    "中国时间 18:27 2024年11月27日 星期三",
    "19 март 2018, Тошкент вақти: 02:08",
    "Sunday, March 01, 2015",
])
def test_clock_lines(line):
    assert lexicon.is_clock(line)
    assert not lexicon.is_chrome(line)  # chrome only above the headline: the caller decides


@pytest.mark.parametrize("line", [
    "Bakı vaxtı ilə saat 10:00-da başlayan məhkəmə iclası 2024-cü ilin ən uzun iclası oldu və axşama qədər "
    "davam etdi.",
    "June 21, 2021",
    "Parliament meets at 10:30 to vote on the 2025 budget and the new tax code",
])
def test_not_clock_lines(line):
    assert not lexicon.is_clock(line)


@pytest.mark.parametrize("line,expected", [
    ("June 21, 2021", True), ("15 января 2025", True), ("19. oktobar/listopad, 2025.", True),
    ("June 21, 2021 was the hottest day of the year", False), ("15 января 2025 года суд вынес приговор", False),
])
def test_episode_dates(line, expected):
    assert lexicon.is_episode_date(line) is expected


# --- rows checked against the real pages in ../shared (skipped without them) ---------------------------

SEEN_ON = {
    "voanews.com__americas-child-care-crisis-7585813.html": [
        "Accessibility links", "Skip to main content", "Skip to main Navigation", "Skip to Search", "Breaking News",
        "Print Options:", "Images", "Multimedia", "Embedded Content", "Cancel", "Comments", "Related", "Back to top",
        "Link has been copied to clipboard", "Click to reveal", "Follow Us", "Share on Facebook", "copy link",
        "This image contains sensitive content which some people may find offensive or disturbing.",
        "please wait", "Previous Next", "Show less", "Show more", "XS SM MD LG", "(CTRL+P)"],
    "polygraph.info__fact-check-russia-us-al-tanf-rukban-30279001.html": [
        "Most popular", "Most Viewed", "Email to a Friend", "logo-print", "Subscribe", "Follow us on Facebook"],
    "slobodnaevropa.org__jutarnji-program-za-srbiju-30657941.html": [
        "Dostupni linkovi", "Pređite na glavni sadržaj", "Pređite na glavnu navigaciju", "Pređite na pretragu",
        "Vanredno", "Uživo", "molimo pričekajte", "Direktan link", "Pop-out plejer", "Embed",
        "Kod je kopiran u vaš clipboard.", "The URL has been copied to your clipboard",
        "No live streaming currently available", "Podijelite", "Podijelite ovaj sadržaj", "Pošaljite prijatelju",
        "Pratite nas", "Nazad na vrh", "Pogledajte / Poslušajte", "Pogledajte sve epizode", "Više sadržaja",
        "Prikaži manje", "Copy to clipboard", "Pratite nas na Facebooku", "Prethodni", "Naredni", "Zatvori"],
}


def page_strings(path):
    """Short texts and label attributes of a page's elements, cleaned, without scripts and styles."""
    import lxml.html

    from newsparse.textutil import clean

    root = lxml.html.fromstring(path.read_bytes())
    for el in root.xpath("//script|//style"):
        el.drop_tree()
    found = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        values = [el.text_content()] + [el.get(a) or "" for a in ("title", "alt", "aria-label", "placeholder")]
        found.update(v for v in map(clean, values) if v and len(v) <= 120)
    return found, root


@pytest.mark.parametrize("name", sorted(SEEN_ON))
def test_rows_are_seen_on_real_pages(corpus, name):
    found, _ = page_strings(corpus / name)
    missing = [label for label in SEEN_ON[name] if label not in found]
    assert missing == []
    assert [label for label in SEEN_ON[name] if not lexicon.is_chrome(label)] == []


@pytest.mark.parametrize("name", ["voanews.com__americas-child-care-crisis-7585813.html",
                                  "polygraph.info__fact-check-russia-us-al-tanf-rukban-30279001.html"])
def test_real_body_paragraphs_are_not_chrome(corpus, name):
    _, root = page_strings(corpus / name)
    paragraphs = [p.text_content().strip() for p in root.xpath("//div[contains(@class, 'wsw')]//p")]
    paragraphs = [p for p in paragraphs if p]
    assert len(paragraphs) >= 20
    assert [p for p in paragraphs if lexicon.is_chrome(p) or lexicon.is_legal(p) or lexicon.is_credit(p)] == []


def test_long_lines_are_matched_by_their_opening_only():
    tail = " and the rest of a very long paragraph" * 40
    assert lexicon.is_legal(DISCLAIMER[1] + tail)
    assert lexicon.is_chrome(DISCLAIMER[0] + tail)
    assert lexicon.is_credit("With reporting by" + tail)
    assert not lexicon.is_chrome("Share" + tail)
    assert not lexicon.is_chrome(tail.strip())
    assert lexicon.languages_of(DISCLAIMER[0] + tail) == {"en"}


# --- labels2: VOA services' chrome (issue 12), each row seen on the real page named beside it in lexicon.py ---

LABELS2_ROWS = [
    ("zh", "skip", "無障礙鏈接"), ("zh", "breaking", "突發新聞"), ("zh", "player", "没有现场直播"),
    ("zh", "player", "0:00 0:00 直播"), ("zh", "widgets", "VOA卫视(直播)"),
    ("zh", "widgets", "欢迎在YouTube直播聊天室参与节目讨论"),
    ("uz", "player", "Iltimos, kuting..."), ("uz", "share", "Yuklab oling"),
    ("ur", "skip", "رسائی کے لنکس"),
    ("km", "skip", "ភ្ជាប់ទៅគេហទំព័រទាក់ទង"), ("km", "breaking", "ព័ត៌មានថ្មី"),
    ("my", "skip", "သုံးရလွယ်ကူစေသည့် Link များ"), ("my", "breaking", "နောက်ဆုံးရသတင်း"),
    ("bn", "skip", "অ্যাকসেসিবিলিটি লিংক"), ("th", "skip", "ลิ้งค์เชื่อมต่อ"), ("lo", "skip", "ລິ້ງ ສຳຫລັບເຂົ້າຫາ"),
    ("ha", "breaking", "Labari da Dumi-Duminsa"), ("ha", "widgets", "Karin bayani akan Rahotannin Taskar VOA"),
    ("om", "skip", "Xurree ittiin seenan"), ("am", "comments", "የፌስቡክ አስተያየት መስጫ"),
    ("fa", "player", "اِمبد"), ("fa", "player", "آغاز این برنامه در ساعت:"),
    ("fa", "player", "این برنامه به پایان رسیده است و تا دقایقی دیگر آرشیو می\u200cشود."),
    ("ps", "widgets", "د مشال ځانګړې پاڼې"),
    ("en", "comments", "Facebook Forum"), ("en", "share", "x"),
    ("en", "player", "Auto"),
]


@pytest.mark.parametrize("line", ["240p", "360p", "480p", "720p", "810p", "1080p", "144p", "  240P  ",
                                  "Auto 240p 360p 480p 720p", "360p 720p"])
def test_labels2_player_quality_menu_is_a_pattern(line):
    # the rows the VOA Hausa page showed ("240p" ... "810p") and any other resolution, alone or flattened
    assert lexicon.is_chrome(line)
    assert not lexicon.is_label(line, "player")  # a shape, not a row


@pytest.mark.parametrize("line", ["720p stream", "240", "p", "Auto repair shops reopened", "12p"])
def test_labels2_player_quality_menu_pattern_is_whole_line_resolutions_only(line):
    assert not lexicon.is_chrome(line)


@pytest.mark.parametrize("lang,category,label", LABELS2_ROWS, ids=[f"{lang}-{cat}-{label[:20]}"
                                                                   for lang, cat, label in LABELS2_ROWS])
def test_labels2_rows_are_labels_of_their_category_and_language(lang, category, label):
    assert label in LABELS[lang][category]
    assert lexicon.is_label(label, category)
    assert lexicon.is_label(f"  {label.upper()}  ", category)  # folded like every row
    assert lang in lexicon.languages_of(label)
    other = [cat for cat in lexicon.WHOLE_LINE if cat != category and lexicon.is_label(label, cat)]
    assert other == []


def test_labels2_persian_notice_matches_without_its_zero_width_non_joiner():
    # the rendering of the real page lost it
    assert lexicon.is_label("این برنامه به پایان رسیده است و تا دقایقی دیگر آرشیو میشود.", "player")


def test_labels2_facebook_forum_votes_english_not_hausa():
    # An English label on Hausa pages: it must not make an English page Hausa.
    assert lexicon.languages_of("Facebook Forum") == {"en"}


def test_labels2_uzbek_service_description_is_a_notice():
    notice = LABELS["uz"]["notice"][0]
    assert lexicon.is_chrome(notice + " O'zbek tilidagi ko'rsatuvlarda xalqaro hayot yoritiladi.")
    assert not lexicon.is_legal(notice)
    assert lexicon.languages_of(notice) == {"uz"}


def test_labels2_new_services_have_their_script():
    for lang, script in {"ur": "arab", "km": "khmr", "my": "mymr", "bn": "beng", "th": "thai", "ha": "latn",
                         "om": "latn", "am": "ethi", "lo": "laoo"}.items():
        assert lexicon.SCRIPTS[lang] == (script,)


@pytest.mark.parametrize("line", [
    "突發新聞發生後,記者在半小時內趕到現場採訪。",
    "直播节目没有现场观众,但网上观看的人很多。",
    "Labari da dumi-duminsa ya iso daga Kano a safiyar yau.",
    "Iltimos, kuting, dedi u va eshikni sekin yopdi.",
    "Auto sales rose 5% in May, the ministry said.",
    "The 720p stream was the only one that worked in the village.",
    "x = 4",
    "Yuklab oling degan tugmani bosgan foydalanuvchilar soni ikki baravar oshdi.",
])
def test_labels2_prose_with_label_words_is_not_chrome(line):
    assert not lexicon.is_chrome(line)
    assert lexicon.languages_of(line) == set()


_BODY2 = ["The council opened a new library for children on Monday, with more than ten thousand books.",
          "Officials said it would also open on Saturdays and hold reading hours for young children."]


@pytest.mark.parametrize("lang,label", [(lang, label) for lang, cat, label in LABELS2_ROWS
                                        if cat in ("skip", "breaking")])
def test_labels2_top_labels_are_stripped_from_a_dump(lang, label):
    import newsparse

    dump = "\n\n".join([label, "A New Library Opens in the City", *_BODY2, "XS\nSM\nMD\nLG"])
    art = newsparse.parse(dump.encode())
    assert art.headline == "A New Library Opens in the City"
    assert art.body == _BODY2
    assert label not in json.dumps(art.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("label", [label for _, cat, label in LABELS2_ROWS if cat in ("widgets", "comments")])
def test_labels2_end_labels_are_stripped_from_a_dump(label):
    import newsparse

    dump = "\n\n".join(["Accessibility links", "A New Library Opens in the City", *_BODY2, label,
                        "Farmers began the harvest after heavy rains in the north", "XS\nSM\nMD\nLG"])
    art = newsparse.parse(dump.encode())
    assert art.headline == "A New Library Opens in the City"
    assert label not in json.dumps(art.to_dict(), ensure_ascii=False)
    assert art.body[:2] == _BODY2


def test_labels2_player_lines_are_stripped_from_a_dump():
    import newsparse

    player = ["please wait", "  • Auto", "  • 240p", "  • 360p", "  • 480p", "  • 720p", "  • 810p",
              "No media source currently available", "0:00 0:03:20 0:00", "Iltimos, kuting...", "Yuklab oling",
              "没有现场直播", "0:00 0:00 直播"]
    dump = "\n\n".join(["Accessibility links", "A New Library Opens in the City", _BODY2[0], "\n".join(player),
                        _BODY2[1], "XS\nSM\nMD\nLG"])
    art = newsparse.parse(dump.encode())
    assert art.body == _BODY2
    blob = json.dumps(art.to_dict(), ensure_ascii=False)
    assert [line.strip(" •") for line in player if line.strip(" •") in blob] == []

# --- labels1: VOA Ukrainian, Albanian, Georgian and Martí rows (issue 12) ------------------------------
# Each row was seen on the real page named beside it in lexicon.py; the text dumps below are our own words.

NEW_ROWS = [
    ("uk", "widgets", "Інше за темою"),
    ("uk", "widgets", "Відео - найголовніше"),
    ("uk", "widgets", "Розсилка"),
    ("sq", "skip", "Lidhje"),
    ("ka", "widgets", "ეპიზოდები"),
    ("es", "widgets", "Vea todas las noticias de hoy"),
]


@pytest.mark.parametrize("lang,category,label", NEW_ROWS, ids=lambda v: str(v)[:24])
def test_labels1_rows_are_classified(lang, category, label):
    assert lexicon.is_label(label, category)
    assert lexicon.is_chrome(label)
    assert lang in lexicon.languages_of(label)


def _dump(*lines):
    return "\n\n".join(lines) + "\n\nXS\nSM\nMD\nLG\n"


@pytest.mark.parametrize("heading,headline,body,label", [
    ("Спеціальні потреби", "У Харкові відкрили нову бібліотеку для дітей",
     "Бібліотеку облаштували у колишньому складі, і вона працює щодня з ранку до вечора.", "Інше за темою"),
    ("Спеціальні потреби", "У Харкові відкрили нову бібліотеку для дітей",
     "Бібліотеку облаштували у колишньому складі, і вона працює щодня з ранку до вечора.", "Розсилка"),
    ("Enlaces de accesibilidad", "Cierran por obras la terminal de ómnibus de Santa Clara",
     "La terminal permanecerá cerrada dos meses mientras se reparan el techo y los andenes.",
     "Vea todas las noticias de hoy"),
])
def test_labels1_widget_headings_end_the_body(heading, headline, body, label):
    """A widget heading after the body is stripped, and the teaser titles that follow it go with it."""
    teaser = "Otra noticia breve sobre el tiempo" if label.startswith("Vea") else "Ще одна коротка новина про погоду"
    art = newsparse.parse(_dump(heading, headline, body, label, teaser).encode()).to_dict()
    assert art["headline"] == headline
    assert art["body"] == [body]


def test_labels1_albanian_heading_is_not_the_headline():
    headline = "Një urë e re lidh dy fshatrat e luginës"
    body = "Ura prej guri u ndërtua nga banorët me ndihmën e bashkisë gjatë verës."
    art = newsparse.parse(_dump("Lidhje", headline, body).encode()).to_dict()
    # without the row the heading is taken for the section kicker
    assert (art["headline"], art["section"], art["body"], art["language"]) == (headline, None, [body], "sq")


@pytest.mark.parametrize("notice", [
    "Голос Америки (VOA) надає новини та інформацію більш ніж 40 мовами. Далі йде решта опису служби.",
    "Підписуйтеся на Голос Америки Українською у Facebook та Telegram!",
])
def test_labels1_ukrainian_notices_are_chrome_not_legal(notice):
    assert lexicon.is_chrome(notice)
    assert not lexicon.is_legal(notice)
    assert "uk" in lexicon.languages_of(notice)


def test_labels1_follow_line_closing_the_body_is_stripped():
    body = "Фестиваль тривав два дні і зібрав понад п'ятсот відвідувачів з усього штату."
    follow = "Підписуйтеся на Голос Америки Українською у Facebook, Instagram та YouTube!"
    art = newsparse.parse(_dump("Спеціальні потреби", "У Портленді пройшов фестиваль вишиванок", body,
                                follow).encode()).to_dict()
    assert art["body"] == [body]


@pytest.mark.parametrize("line,expected", [
    ("დეკემბერი 13, 2024", True),
    ("ნოემბერი 25, 2024", True),
    ("იანვარი 2, 2025", True),
    ("დეკემბერი 13, 2024-ს ვაშინგტონში შეხვედრა გაიმართა", False),
])
def test_labels1_georgian_episode_dates(line, expected):
    assert lexicon.is_episode_date(line) is expected


def test_labels1_georgian_episode_list_is_stripped():
    headline = "ნიუ-იორკში ქართული პურის საცხობი გაიხსნა"
    text = "\n".join([headline, "ბრუკლინში ქართველმა ემიგრანტებმა საცხობი გახსნეს, სადაც ყოველ დილით ახალ პურს აცხობენ.",
                      "ეპიზოდები", "-", "ნოემბერი 25, 2024", "ვაშინგტონში ქართული ფილმი აჩვენეს",
                      "Facebook Forum"]) + "\n"
    art = newsparse.parse(text.encode()).to_dict()
    assert art["headline"] == headline
    assert art["body"] == ["ბრუკლინში ქართველმა ემიგრანტებმა საცხობი გახსნეს, სადაც ყოველ დილით ახალ პურს აცხობენ."]


@pytest.mark.parametrize("line", [
    "Розсилка повісток почалася ще в понеділок, кажуть мешканці району.",
    "Інше за темою дослідження питання залишається відкритим, кажуть науковці.",
    "Lidhje të reja ajrore me Tiranën do të hapen në pranverë.",
    "ეპიზოდები ამ ფილმიდან ბევრმა მაყურებელმა უკვე ნახა.",
    "Vea todas las noticias de hoy en la radio, dijo el locutor al despedirse.",
])
def test_labels1_prose_with_label_words_is_not_chrome(line):
    assert not lexicon.is_chrome(line)
    assert lexicon.languages_of(line) == set()
@pytest.mark.parametrize("line,credit,date", [
    ("A protest in Lima. (AP Photo/Jane Doe).", True, False),
    ("Протест у парламента (Фото: Иван Петров)", True, False),
    ("Soldiers near the front (Reuters)", True, False),
    ("A strike on a factory in the city of Soledar on May 24.", False, True),
    ("Students at a school in Pristina in 2019.", False, True),
    ("The talks (which began in May) ended without a deal.", False, False),
    ("Officials said the bridge would reopen on Monday.", False, False),
])
def test_caption_endings(line, credit, date):
    assert (lexicon.ends_with_photo_credit(line), lexicon.ends_with_date(line)) == (credit, date)
