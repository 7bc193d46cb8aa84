"""Failure classes of issue 12 closed as classes: each test states the rule any page of that kind obeys.

The texts are our own words in the shape of real Pangea text renderings (the fixtures named in
each section follow the real pages cited in their `follows`).
"""

from __future__ import annotations

import pytest

from newsparse import langid, lexicon
from newsparse.extract import shape, textdump

# --- 1. scripts of one service map to its language; Ethiopic is decided by words ------------------------


@pytest.mark.parametrize("text,script,lang", [
    ("សាលារៀនថ្មីមួយបើកនៅខេត្តសៀមរាប", "khmr", "km"),
    ("ရန်ကုန်မှာ ကလေးစာကြည့်တိုက်အသစ် ဖွင့်လှစ်", "mymr", "my"),
    ("ঢাকায় শিশুদের জন্য নতুন গ্রন্থাগার চালু", "beng", "bn"),
    ("โรงเรียนใหม่เปิดที่เชียงใหม่", "thai", "th"),
    ("ໂຮງຮຽນໃໝ່ເປີດຢູ່ວຽງຈັນ", "laoo", "lo"),
])
def test_script_of_one_service_is_its_language(text, script, lang):
    assert langid.script_of(text) == script
    assert langid.guess(text) == lang
    assert lexicon.SCRIPTS[lang] == (script,)


def test_ethiopic_is_amharic_or_tigrinya_by_frequent_words():
    assert langid.script_of("ቤተ መጻሕፍት ተከፈተ") == "ethi"
    amharic = "የከተማው ባለሥልጣናት ቤተ መጻሕፍቱ ቅዳሜም ክፍት እንደሚሆን ተናግረዋል። ይህ ቤተ መጻሕፍት ለልጆች ነው።"
    tigrinya = "ኣብ ከተማ ሓድሽ ቤት ንባብ ተኸፊቱ ኣሎ። እዚ ቤት ንባብ ንቆልዑ ዝኾነ እዩ።"
    assert langid.guess(amharic) == "am"
    assert langid.guess(tigrinya) == "ti"
    # no frequent word of either: ambiguous, so no guess
    assert langid.guess("ቤተ መጻሕፍት ተከፈተ") is None


def test_chromeless_dump_in_a_one_service_script_gets_its_language():
    dump = "ໂຮງຮຽນໃໝ່ເປີດຢູ່ວຽງຈັນ\n\n\nນັກຮຽນຫຼາຍຮ້ອຍຄົນໄດ້ມາຮຽນໃນມື້ທຳອິດ ແລະ ຄູອາຈານກໍດີໃຈຫຼາຍ.\n"
    assert textdump.extract(dump).language == "lo"


# --- 2. every script's full stop ends a sentence --------------------------------------------------------
# A dump with no chrome is a page only if some line reads as prose (a sentence): the sentences below end
# with their script's own full stop, as VOA Khmer, Burmese, Bangla, Amharic, Urdu and Chinese pages write.
_CHROMELESS = {
    "km": ("សាលារៀនថ្មីបើកនៅភូមិ", "សាលារៀនថ្មីមួយបានបើកទ្វារកាលពីថ្ងៃច័ន្ទ សម្រាប់ កុមារ ក្នុង ភូមិ នោះ។",
           "មន្ត្រីអប់រំ បាននិយាយថា សាលានេះ នឹងជួយ កុមារ ជាង បីរយ នាក់។"),
    "my": ("ကလေးစာကြည့်တိုက်အသစ် ဖွင့်လှစ်", "မြို့ထဲမှာ ကလေးတွေအတွက် စာကြည့်တိုက်အသစ် ဒီနေ့ ဖွင့်လိုက်ပါတယ်။",
           "အာဏာပိုင်တွေက စနေနေ့တွေမှာလည်း ဖွင့်ထားမယ်လို့ ပြောပါတယ်။"),
    "bn": ("শিশুদের জন্য নতুন গ্রন্থাগার", "শহরে শিশুদের জন্য একটি নতুন গ্রন্থাগার আজ চালু হয়েছে এবং অনেকে এসেছে।",
           "কর্মকর্তারা বলেছেন গ্রন্থাগারটি শনিবারও খোলা থাকবে বলে তারা আশা করেন।"),
    "am": ("ለልጆች አዲስ ቤተ መጻሕፍት ተከፈተ", "በከተማው ለልጆች የተዘጋጀ አዲስ ቤተ መጻሕፍት ዛሬ ተከፍቷል ብለዋል ባለሥልጣናቱ ደግሞ።",
           "ቤተ መጻሕፍቱ ቅዳሜም ክፍት እንደሚሆን የከተማው ባለሥልጣናት ተናግረዋል ይህ ነው።"),
    "ur": ("بچوں کے لیے نئی لائبریری", "شہر میں بچوں کے لیے ایک نئی لائبریری آج کھول دی گئی ہے۔",
           "حکام نے کہا کہ لائبریری ہفتے کے دن بھی کھلی رہے گی۔"),
    "zh": ("儿童图书馆开放", "市中心一座新的儿童图书馆今天正式开放，馆内藏书超过一万册。",
           "官员说，图书馆周末也会开放，并为孩子们举办讲故事活动。"),
}


@pytest.mark.parametrize("lang", sorted(_CHROMELESS))
def test_full_stop_of_each_script_makes_a_chromeless_dump_a_page(lang):
    headline, first, second = _CHROMELESS[lang]
    art = textdump.extract(f"{headline}\n\n\n{first}\n\n{second}\n")
    assert (art.page_type, art.headline, art.body) == ("article", headline, [first, second])


@pytest.mark.parametrize("line,ends", [
    ("កុមារ ជាង បីរយ នាក់។", True), ("ဖွင့်ထားမယ်လို့ ပြောပါတယ်။", True), ("খোলা থাকবে।", True),
    ("ተናግረዋል።", True), ("ہے۔", True), ("开放。", True), ("开放！", True), ("开放？", True),
    ("ቤተ መጻሕፍት ተከፈተ", False), ("শিশুদের জন্য নতুন গ্রন্থাগার", False),
])
def test_sentence_ends_of_every_script(line, ends):
    assert shape.ends_sentence(line) is ends


def test_unspaced_scripts_count_words_by_characters():
    # a Khmer sentence of two space-separated phrases still has the words of a paragraph
    assert shape.is_paragraph(_CHROMELESS["km"][1])
    assert shape.is_headline(_CHROMELESS["km"][0])


# --- 4. a chrome label of any language is never the caption ------------------------------------------------
# Fixture dump-fa-farda-audio-link follows the old Radio Farda audio item (its audio link line where a
# lead caption would be); here the rule for any chrome line, doubled or once, and a caption after one.
_PARAGRAPH = "The new library opened on Saturday after two years of repairs, the city's mayor said."


@pytest.mark.parametrize("chrome", ["Share", "Embed", "(rm) audio | [ 2:10 mins ]", "Поделиться", "اِمبد"])
def test_chrome_line_under_the_headline_is_no_caption(chrome):
    once = textdump.extract(f"City Library Reopens\n\n\n{chrome}\n{_PARAGRAPH}\n")
    doubled = textdump.extract(f"City Library Reopens\n\n{chrome}\n{chrome}\n\n{_PARAGRAPH}\n")
    for art in (once, doubled):
        assert (art.caption, art.body) == (None, [_PARAGRAPH])


def test_caption_after_a_chrome_line_is_still_the_caption():
    art = textdump.extract(f"City Library Reopens\n\nShare\n\nReaders in the new hall\nReaders in the new hall\n\n"
                           f"{_PARAGRAPH}\n")
    assert (art.caption, art.body) == ("Readers in the new hall", [_PARAGRAPH])


# --- 5. a comments heading ends the body the way a widget heading does ----------------------------------
# Fixture dump-uk-holosameryky-forum follows a VOA Ukrainian page with its "Форум" heading after the body.

@pytest.mark.parametrize("lang,heading", [(lang, heading) for lang, table in sorted(lexicon.LABELS.items())
                                          for heading in table.get("comments", ())])
def test_comments_heading_ends_the_body(lang, heading):
    teaser = "Another story's teaser, a sentence long enough to pass for a body paragraph here."
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\n{heading}\n\n{teaser}\nOther Story Title\n")
    assert art.body == [_PARAGRAPH]
    assert lexicon.ends_article(heading) and not lexicon.ends_article(_PARAGRAPH)


def test_comments_heading_before_any_body_does_not_end_it():
    art = textdump.extract(f"City Library Reopens\n\nComments\n\n{_PARAGRAPH}\n")
    assert art.body == [_PARAGRAPH]


# --- 3. a date alone on its line is never the headline, in any language of lexicon.MONTHS ---------------
# Fixture dump-lo-voalao-date-line follows a VOA Lao page (heading, date line, headline).
_DATE_LINES = ["27 ມັງກອນ 2008", "ມັງກອນ 27, 2008", "12 มีนาคม 2567", "៣ មករា ២០២៤", "5 de mayo de 2021",
               "14 березня 2022", "3 Ekim 2023", "۳۱ فروردین ۱۴۰۳", "۳ قوس ۱۴۰۳", "June 21, 2021",
               "Sunday, March 01, 2015", "lundi, 7 mai 2021 10:20", "15 января 2025", "21.11.2024", "2024-11-21"]


@pytest.mark.parametrize("line", _DATE_LINES)
def test_date_lines_of_every_language_are_no_headline(line):
    assert lexicon.is_date_line(line)
    assert not shape.is_headline(line)


@pytest.mark.parametrize("line", ["Elections on 5 May 2024", "Trump Meets Xi in Florida",
                                  "VOA60 Afrique du 7 mai 2021", "2008 Was a Hard Year for Farmers"])
def test_titles_holding_a_date_are_still_headlines(line):
    assert not lexicon.is_date_line(line)
    assert shape.is_headline(line)


@pytest.mark.parametrize("line", _DATE_LINES)
def test_date_line_above_or_under_the_headline_is_stripped(line):
    for dump in (f"Accessibility links\n\n{line}\n\nCity Library Reopens\n\n\n{_PARAGRAPH}\n",
                 f"Accessibility links\n\nCity Library Reopens\n\n{line}\n\n{_PARAGRAPH}\n"):
        art = textdump.extract(dump)
        assert (art.headline, art.body) == ("City Library Reopens", [_PARAGRAPH])


def test_date_line_inside_the_body_stays_a_subheading():
    # timelines use dates as subheadings: only a date before the first paragraph is the page's date line
    art = textdump.extract(f"City Library Reopens\n\n\n{_PARAGRAPH}\n\n27 January 2008\n\n{_PARAGRAPH[:-1]} again.\n")
    assert art.body == [_PARAGRAPH, "27 January 2008", _PARAGRAPH[:-1] + " again."]
