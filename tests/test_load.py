"""Bytes in: containers (gzip, MHTML), browser save formats and character encodings.

The fixtures/format-* golden files cover each format end to end; these tests
pin the rules behind them one by one, with exact expectations.
"""

from __future__ import annotations

import base64
import gzip
import plistlib
import quopri
import re

import pytest
from bs4.dammit import UnicodeDammit
from hypothesis import given, settings
from hypothesis import strategies as st

import newsparse
from newsparse import encoding as enc
from newsparse import mhtml
from newsparse.errors import InputTooLargeError, NotAPageError
from newsparse.load import load

# Own sentences in the languages of Pangea's services, each with the legacy
# encodings its pages used.
SENTENCES = {
    "ru": "Вчера вечером в центре города прошла встреча жителей с представителями администрации. "
          "Люди жаловались на состояние дорог и на то, что автобусы ходят редко.",
    "uk": "Минулого тижня у Львові відкрили нову бібліотеку для дітей. Її будували майже два роки, "
          "і тепер там є читальна зала та майстерня.",
    "be": "У невялікай вёсцы на поўначы краіны зноў адкрылася пошта. Мясцовыя жыхары доўга чакалі гэтага.",
    "bg": "Общинският съвет гласува нов бюджет за следващата година. Ремонтът на площада ще бъде отложен.",
    "mk": "Владата објави дека од следниот месец ќе почне изградба на нов мост преку реката.",
    "sr": "Градска скупштина је усвојила одлуку о реконструкцији старе пијаце. Радови почињу на пролеће.",
    "kk": "Қала әкімдігі жаңа саябақ салуды жоспарлап отыр. Тұрғындар бұл жобаны қолдайтындарын айтты.",
    "fa": "شوراي شهر روز گذشته درباره طرح تازه حمل و نقل عمومي گفتگو کرد. بسياري از ساکنان مي گويند "
          "اتوبوس ها بسيار شلوغ هستند.",
    "ar": "أعلنت البلدية أمس عن خطة جديدة لتحسين شبكة المياه في الأحياء القديمة.",
    "hu": "A városi tanács tegnap elfogadta az új költségvetést. A főtér felújítását elhalasztják.",
    "cs": "Městská rada včera schválila nový rozpočet. Podle starosty půjde více peněz na školy.",
    "pl": "Rada miejska przyjęła wczoraj nowy budżet. Remont rynku zostanie przełożony.",
    "bs": "Gradsko vijeće je jučer usvojilo novi budžet. Prema riječima načelnika, više novca će ići za škole.",
    "ro": "Consiliul local a aprobat ieri noul buget. Mai mulţi bani vor merge către şcoli şi grădiniţe.",
    "tr": "Belediye meclisi dün yeni bütçeyi kabul etti. Okullara ve kreşlere daha fazla para ayrılacak.",
    "lt": "Miesto taryba vakar patvirtino naują biudžetą. Daugiau pinigų skirs mokykloms ir darželiams.",
    "sq": "Këshilli bashkiak miratoi dje buxhetin e ri. Më shumë para do të shkojnë për shkollat.",
    "fr": "Le conseil municipal a adopté hier le nouveau budget. La rénovation de la place sera reportée à l'été.",
}
CODECS = [
    ("ru", "cp1251"), ("ru", "koi8-r"), ("ru", "iso8859-5"), ("ru", "cp866"),
    ("uk", "cp1251"), ("uk", "koi8-u"), ("be", "cp1251"), ("bg", "cp1251"), ("mk", "cp1251"),
    ("sr", "cp1251"), ("sr", "iso8859-5"), ("kk", "kz1048"),
    ("fa", "cp1256"), ("ar", "cp1256"), ("ar", "iso8859-6"),
    ("hu", "cp1250"), ("hu", "iso8859-2"), ("cs", "cp1250"), ("cs", "iso8859-2"), ("pl", "cp1250"),
    ("pl", "iso8859-2"), ("bs", "cp1250"), ("bs", "iso8859-2"), ("ro", "cp1250"),
    ("tr", "cp1254"), ("lt", "cp1257"), ("sq", "cp1252"), ("fr", "cp1252"),
]
# A realistic head: tens of kilobytes of ASCII script before the first word of text.
HEAD = "<!DOCTYPE html><html><head>" + "<script>var a = 1; function f(b) { return b + 1 }</script>\n" * 600


def as_page(text: str) -> str:
    return HEAD + "</head><body><div class='wsw'>" + "".join(f"<p>{s}</p>" for s in text.split(". ")) + "</div>"


@pytest.mark.parametrize("lang,codec", CODECS, ids=[f"{lang}-{codec}" for lang, codec in CODECS])
@pytest.mark.parametrize("shape", ["sentence", "page"])
def test_detection_reads_the_text_back(lang, codec, shape):
    text = SENTENCES[lang] if shape == "sentence" else as_page(SENTENCES[lang])
    data = text.encode(codec)
    name = enc.choose(data)
    assert data.decode(name) == text


# VOA's Chinese and Korean services: double-byte encodings.
CJK = {
    "zh": "美国之音记者报道，本周在首都举行的会议上，来自十多个国家的代表讨论了气候变化对农业的影响。"
          "专家们说，今年的干旱让许多农民的收成减少了一半。",
    "zh-Hant": "美國之音記者報道，本週在首都舉行的會議上，來自十多個國家的代表討論了氣候變化對農業的影響。"
               "專家們說，今年的乾旱讓許多農民的收成減少了一半。",
    "ko": "미국의소리 기자의 보도에 따르면, 이번 주 수도에서 열린 회의에서 여러 나라의 대표들이 기후 변화가 "
          "농업에 미치는 영향을 논의했습니다. 전문가들은 올해 가뭄으로 많은 농민들의 수확이 절반으로 줄었다고 말했습니다.",
}


@pytest.mark.parametrize("lang,codec,found", [("zh", "gbk", "gb18030"), ("zh", "gb2312", "gb18030"),
                                              ("zh-Hant", "big5", "big5"), ("ko", "euc-kr", "cp949")])
@pytest.mark.parametrize("shape", ["sentence", "page"])
def test_double_byte_detection(lang, codec, found, shape):
    text = CJK[lang][:60] if shape == "sentence" else as_page(CJK[lang])
    data = text.encode(codec)
    assert enc.choose(data) == found
    assert data.decode(found) == text


@pytest.mark.parametrize("lang,codec", [("pl", "cp1250"), ("ru", "cp1251"), ("fa", "cp1256"), ("hu", "iso8859-2")])
def test_single_byte_text_is_not_read_as_double_byte(lang, codec):
    text = as_page(SENTENCES[lang])
    name = enc.detect(text.encode(codec))
    assert name not in ("gb18030", "big5", "cp949")
    assert text.encode(codec).decode(name) == text


@pytest.mark.parametrize("lang,codec", [("ru", "koi8-r"), ("ru", "cp866"), ("fa", "cp1256"), ("cs", "iso8859-2"),
                                        ("cs", "cp1250"), ("tr", "cp1254"), ("lt", "cp1257")])
def test_detection_names_the_codec(lang, codec):
    assert enc.detect(as_page(SENTENCES[lang]).encode(codec)) == codec


# Detection scores candidates in the order of an upper bound and stops early; it must pick what
# scoring every candidate picks. Samples: each sentence in every candidate codec (right and
# wrong readings), and arbitrary bytes.
@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_pruned_search_picks_what_full_ranking_picks(lang):
    for codec, _ in enc.CANDIDATES:
        data = SENTENCES[lang].encode(codec, "replace")
        sample = enc._sample(data)
        if sample:
            assert enc.best_candidate(sample) == enc.rank(data, sample)[0], codec


# A word as detection reads it, as one regex: a run of letter bytes (ASCII letters, any non-ASCII
# byte) that holds a non-ASCII byte. The oracle for _words, which cuts them with translate and split.
_WORD = re.compile(rb"(?<![A-Za-z\x80-\xff])[A-Za-z]*+[\x80-\xff][A-Za-z\x80-\xff]*+")


@given(st.lists(st.sampled_from([b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c", b"\x1c", b"A", b"z", b"0", b"<",
                                 b"-", b"\x7f", b"\x80", b"\xc0", b"\xe9", b"\xff"]), max_size=60))
@settings(max_examples=500, derandomize=True, deadline=None)
def test_words_are_the_letter_runs_that_hold_a_non_ascii_byte(pieces):
    window = b"".join(pieces)
    assert enc._words(window) == b" ".join(_WORD.findall(window))


@given(st.binary(min_size=1, max_size=400))
@settings(max_examples=300, derandomize=True, deadline=None)
def test_pruned_search_on_any_bytes(sample):
    assert enc.best_candidate(sample) == enc.rank(b"", sample)[0]


@pytest.mark.parametrize("codec", [c for c, _ in enc.CANDIDATES] + ["gb18030", "big5"])
def test_byte_table_reads_each_byte_alone(codec):
    """The table is built with one decode of all 256 bytes; a double-byte codec, where that decode
    pairs bytes up, falls back to reading them one by one. Either way, each entry is its byte alone."""
    table = enc._table(codec)
    assert len(table) == 256
    for b, (ch, cls, script) in enumerate(table):
        alone = bytes([b]).decode(codec, "replace")
        assert (ch, cls, script) == (alone, enc._char_class(alone), enc._script(alone)), (codec, b)


@pytest.mark.parametrize("lang,codec,declared,used", [
    ("ru", "cp1251", "iso-8859-1", "cp1251"),   # the old server default on a Russian page
    ("ru", "koi8-r", "windows-1251", "koi8-r"),
    ("ru", "cp1251", "koi8-r", "cp1251"),
    ("uk", "cp1251", "koi8-u", "cp1251"),
    ("fa", "cp1256", "windows-1251", "cp1256"),
    ("cs", "cp1250", "windows-1252", "cp1250"),
    ("hu", "iso8859-2", "iso-8859-2", "iso8859-2"),  # a right declaration stands
    ("fr", "cp1252", "iso-8859-1", "cp1252"),
    ("ru", "cp1251", "utf-8", "cp1251"),             # declared UTF-8, legacy bytes
])
def test_wrong_single_byte_declaration_is_overridden(lang, codec, declared, used):
    data = as_page(SENTENCES[lang]).encode(codec)
    assert enc.choose(data, declared) == used


def test_a_declaration_the_bytes_agree_with_is_kept():
    # German reads the same in windows-1250 and windows-1252: the page's word stands.
    data = as_page("Der Stadtrat hat gestern den Haushalt für Schulen und Kindergärten beschlossen.").encode("cp1250")
    assert enc.choose(data, "windows-1250") == "cp1250"


def test_declared_legacy_but_utf8_bytes_is_utf8():
    data = ("<meta charset='windows-1251'>" + SENTENCES["uk"]).encode("utf-8")
    assert enc.choose(data) == "utf-8"


@pytest.mark.parametrize("label,name", [
    ("iso-8859-1", "cp1252"), ("ISO-8859-1", "cp1252"), ("us-ascii", "cp1252"), ("latin1", "cp1252"),
    ("windows-1251", "cp1251"), ("x-cp1251", "cp1251"), ("iso-8859-9", "cp1254"),
    ("koi8-r", "koi8-r"), ("utf8", "utf-8"), ("UTF-8", "utf-8"), ("no-such-charset", None), ("", None),
])
def test_labels_read_as_browsers_read_them(label, name):
    assert enc.codec_for_label(label) == name


def test_unknown_part_charset_falls_back_to_the_page_declaration():
    data = "<meta charset='koi8-r'><p>Привет, мир</p>".encode("koi8-r")
    assert enc.decode(data, "x-bogus")[1] == "koi8-r"


MIXED = ("<html><body><p>Jo\u00e3o Ara\u00fajo runs a caf\u00e9 in S\u00e3o Paulo.</p>".encode("utf-8")
         + b"<p>\x93Nobody should go hungry,\x94 he said \x96 twice. It\x92s true.</p>"
         + "<p>Ещё немного текста по-русски.</p></body></html>".encode("utf-8"))


def test_stray_cp1252_bytes_in_utf8_are_read_as_cp1252():
    text, name = enc.decode(MIXED)
    assert name == "utf-8"
    assert "<p>\u201cNobody should go hungry,\u201d he said \u2013 twice. It\u2019s true.</p>" in text
    assert "Jo\u00e3o Ara\u00fajo" in text and "Ещё немного" in text


def test_stray_byte_repair_matches_beautiful_soup_detwingle():
    assert enc.decode(MIXED)[0] == UnicodeDammit.detwingle(MIXED).decode("utf-8")


def test_legacy_text_with_an_accidental_utf8_pair_is_not_mixed():
    # "przyjęła" in windows-1250 holds \xea\xb3, which looks like the start of UTF-8.
    data = SENTENCES["pl"].encode("cp1250")
    assert not enc.mostly_utf8(data)
    assert enc.choose(data) == "cp1250"


@pytest.mark.parametrize("bom,codec", [
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
])
def test_byte_order_marks(bom, codec):
    html = "<html lang='ka'><body><h1 class='pg-title'>თბილისი</h1></body></html>"
    page = load(bom + html.encode(codec))
    assert page.kind == "html"
    assert page.html.decode("utf-8") == html


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    html = "<html><head><title>Ереван</title></head><body><p>Երևանում նոր այգի է բացվել։</p></body></html>"
    page = load(html.encode(codec))
    assert (page.kind, page.encoding) == ("html", codec)
    assert page.html.decode("utf-8") == html


def test_gzip_concatenated_members():
    html = "<html><body><p>Алматыда жаңа саябақ ашылды.</p></body></html>".encode("utf-8")
    page = load(gzip.compress(html[:20]) + gzip.compress(html[20:]))
    assert (page.container, page.html) == ("gzip", html)


def test_gzip_twice_and_zero_padding():
    html = b"<html><body><p>twice</p></body></html>"
    assert load(gzip.compress(gzip.compress(html)) + b"\x00" * 512).html == html


def test_gzip_bomb_stops_at_the_limit():
    bomb = gzip.compress(b"<html><body>" + b"a" * 5_000_000)
    with pytest.raises(InputTooLargeError) as err:
        load(bomb, max_bytes=1_000_000)
    assert str(err.value) == "decompresses to more than 1,000,000 bytes (--max-bytes)"


def test_truncated_gzip():
    data = gzip.compress(b"<html><body>" + bytes(range(256)) * 64)
    with pytest.raises(NotAPageError) as err:
        load(data[: len(data) // 2])
    assert str(err.value) == "truncated gzip data"


@pytest.mark.parametrize("data,message", [
    (b"<p>" + b"x" * 200, "larger than 100 bytes (--max-bytes)"),
    ("<p>" + "x" * 200, "longer than 100 characters (--max-bytes)"),
])
def test_size_limit(data, message):
    with pytest.raises(InputTooLargeError) as err:
        load(data, max_bytes=100)
    assert str(err.value) == message


def test_stray_nul_bytes_are_dropped_like_browsers_do():
    page = (b"<html><head><title>A page with a stray NUL</title><meta name='description' content='"
            + b"words " * 30 + b"'></head><body><div id='article-content'><div class=\"wsw\">"
            b"<p>A paragraph with one stray\x00 byte in it.</p></div></div></body></html>")
    assert newsparse.parse(page).body == ["A paragraph with one stray byte in it."]
    assert newsparse.parse(page.decode("ascii")).body == ["A paragraph with one stray byte in it."]


def test_many_nul_bytes_are_binary():
    with pytest.raises(NotAPageError) as err:
        load(b"<html>" + b"\x00" * 200 + b"</html>")
    assert str(err.value) == "not a web page: binary data (contains NUL bytes)"


# --- browser "saved from url" comments ------------------------------------------------------

SAVED = ("<!DOCTYPE html>\n<!-- saved from url=(0048)https://www.rferl.org/a/saved-page/33000001.html -->\n"
         "<html lang='en'><head>{head}<title>T</title></head><body class='pg-article'>"
         "<h1 class='title pg-title'>Saved Headline</h1><div id='article-content'><div class='wsw'>"
         "<p>The body of the saved page.</p></div></div></body></html>")


def test_saved_from_comment_gives_the_url_when_the_page_names_none():
    article = newsparse.parse(SAVED.format(head="").encode())
    assert (article.url, article.site) == ("https://www.rferl.org/a/saved-page/33000001.html", "rferl.org")


def test_canonical_link_wins_over_the_saved_from_comment():
    head = "<link rel='canonical' href='https://www.rferl.org/a/canonical/33000001.html'>"
    assert newsparse.parse(SAVED.format(head=head).encode()).url == "https://www.rferl.org/a/canonical/33000001.html"


def test_saved_from_comment_on_a_page_outside_pangea():
    page = (b"<!-- saved from url=(0032)https://example.org/news/1.html -->\n<html><body><article>"
            b"<h1>Elsewhere</h1><p>A paragraph long enough to be the body of this page.</p></article></body></html>")
    article = newsparse.parse(page)
    assert (article.extractor, article.url, article.site) == ("generic", "https://example.org/news/1.html",
                                                              "example.org")


def test_saved_from_comment_in_a_legacy_encoding_page():
    page = SAVED.format(head="<meta charset='windows-1251'>").replace("Saved Headline", "Заголовок страницы")
    article = newsparse.parse(page.encode("cp1251"))
    assert (article.headline, article.url) == ("Заголовок страницы", "https://www.rferl.org/a/saved-page/33000001.html")


@pytest.mark.parametrize("address", ["about:internet", "file:///C:/Users/me/Desktop/page.html", "http://[broken/a"])
def test_saved_from_comment_that_is_no_web_address_is_ignored(address):
    page = SAVED.format(head="").replace("https://www.rferl.org/a/saved-page/33000001.html", address)
    assert newsparse.parse(page.encode()).url is None


def test_url_argument_wins_over_the_saved_from_comment():
    article = newsparse.parse(SAVED.format(head="").encode(), url="https://www.rferl.org/a/given/1.html")
    assert article.url == "https://www.rferl.org/a/given/1.html"


# --- MHTML ----------------------------------------------------------------------------------

PAGE = ("<html lang='uk'><head><meta charset='utf-8'><title>T</title></head><body class='pg-article'>"
        "<h1 class='title pg-title'>Заголовок статті</h1><div id='article-content'><div class='wsw'>"
        "<p>Перший абзац статті, довгий і з дужками (ось так) та апострофом — пам’ять.</p>"
        "</div></div></body></html>")


def archive(*parts: tuple[str, bytes], top: str = "", boundary: str = "----MultipartBoundary--abc----",
            close: bool = True) -> bytes:
    """An MHTML file as Chrome writes one: CRLF lines, one boundary line before each part."""
    out = ("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n" + top
           + f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n').encode()
    for headers, body in parts:
        out += f"--{boundary}\r\n{headers}\r\n".encode() + body + b"\r\n"
    if close:
        out += f"--{boundary}--\r\n".encode()
    return out


def qp_part(html: str, location="https://www.radiosvoboda.org/a/1.html", extra="") -> tuple[str, bytes]:
    return (f"Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {location}\r\n{extra}", quopri.encodestring(html.encode("utf-8")).replace(b"\n", b"\r\n"))


def b64_part(data: bytes, ctype="text/html; charset=\"windows-1251\"", location="https://www.svaboda.org/a/2.html"):
    return (f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: base64\r\nContent-Location: {location}\r\n",
            base64.encodebytes(data).replace(b"\n", b"\r\n"))


IMAGE = ("Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://gdb.rferl.org/1.png\r\n",
         base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))


def test_quoted_printable_splits_multibyte_letters_across_soft_breaks():
    data = archive(qp_part(PAGE * 3), IMAGE)
    assert b"=\r\n" in data  # soft line breaks, some inside UTF-8 sequences
    article = newsparse.parse(data)
    assert article.headline == "Заголовок статті"
    assert article.body == ["Перший абзац статті, довгий і з дужками (ось так) та апострофом — пам’ять."]
    assert article.url == "https://www.radiosvoboda.org/a/1.html"


def test_base64_part_with_charset_in_its_header_only():
    page = PAGE.replace("<meta charset='utf-8'>", "").replace("статті", "артыкула")
    part = mhtml.main_part(archive(b64_part(page.encode("cp1251"))))
    assert (part.charset, part.location) == ("windows-1251", "https://www.svaboda.org/a/2.html")
    assert newsparse.parse(archive(b64_part(page.encode("cp1251")))).headline == "Заголовок артыкула"


def test_base64_without_padding_still_decodes():
    headers, body = b64_part(b"<html><body><p>pad</p></body></html>!", ctype="text/html")
    assert mhtml.main_part(archive((headers, body.rstrip(b"=\r\n")))).payload == b"<html><body><p>pad</p></body></html>!"


def test_start_parameter_picks_the_root_part():
    frame = qp_part("<html><body><p>an ad frame</p></body></html>", location="cid:frame-1@mhtml.blink",
                    extra="Content-ID: <frame-1@mhtml.blink>\r\n")
    root = qp_part(PAGE, extra="Content-ID: <frame-0@mhtml.blink>\r\n")
    data = archive(frame, root).replace(b'type="text/html";', b'type="text/html"; start="<frame-0@mhtml.blink>";')
    assert newsparse.parse(data).headline == "Заголовок статті"


def _body_parts_by_regex(body: bytes, boundary: str) -> list[bytes]:
    """The delimiter rule as one regex, as mhtml had it: the oracle for its bytes.find version."""
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + re.escape(boundary.encode("latin-1", "replace"))
                           + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    parts, start = [], None
    for m in delimiter.finditer(body):
        if start is not None:
            parts.append(body[start:m.start()])
        if m.group(1):
            return parts
        start = m.end()
    return parts + [body[start:]] if start is not None else parts


@given(st.sampled_from(["B", "-", "--", "", "a-", "=_x"]), st.data())
@settings(max_examples=500, derandomize=True, deadline=None)
def test_body_parts_split_where_the_delimiter_rule_says(boundary, data):
    """Delimiters preceded by CRLF, LF or the start; closing `--`; blanks before the line break;
    a line break that ends one delimiter cannot start the next; near-misses that are not one."""
    dashed = b"--" + boundary.encode()
    pieces = [b"\r", b"\n", b"-", b" ", b"\t", b"a", dashed, b"\r\n" + dashed, dashed + b"--"]
    body = b"".join(data.draw(st.lists(st.sampled_from(pieces), max_size=14)))
    assert mhtml._body_parts(body, boundary) == _body_parts_by_regex(body, boundary)


def test_parts_after_the_page_are_not_parsed(monkeypatch):
    """The page usually comes first in an archive of dozens of images: their headers are never read."""
    headers_read = []
    real_split = mhtml._split
    monkeypatch.setattr(mhtml, "_split", lambda data: headers_read.append(data[:20]) or real_split(data))
    part = mhtml.main_part(archive(qp_part(PAGE), *[IMAGE] * 30))
    assert "Заголовок".encode() in part.payload
    assert len(headers_read) == 2  # the archive's own headers, then the page's


def test_first_html_part_without_start():
    other = qp_part("<html><body><p>second page</p></body></html>")
    assert "Заголовок".encode() in mhtml.main_part(archive(qp_part(PAGE), other)).payload


def test_snapshot_location_when_the_part_has_none():
    headers, body = qp_part(PAGE, location="cid:frame-0@mhtml.blink")
    data = archive((headers, body), top="Snapshot-Content-Location: https://www.rferl.org/a/snap/3.html\r\n")
    assert newsparse.parse(data).url == "https://www.rferl.org/a/snap/3.html"


def test_truncated_archive_still_yields_its_page():
    data = archive(qp_part(PAGE), close=False)
    assert newsparse.parse(data).headline == "Заголовок статті"


def test_badly_folded_subject_does_not_hide_the_content_type():
    top = "Subject: =?utf-8?Q?=D0=97=D0=B0=\r\n=D0=B3?=\r\n"
    assert newsparse.parse(archive(qp_part(PAGE), top=top)).headline == "Заголовок статті"


def test_nested_multipart():
    inner = archive(qp_part(PAGE), boundary="inner-b").split(b"\r\n\r\n", 1)[1]
    headers = 'Content-Type: multipart/alternative; boundary="inner-b"\r\n'
    assert newsparse.parse(archive((headers, inner))).headline == "Заголовок статті"


def test_archive_without_a_page():
    with pytest.raises(NotAPageError) as err:
        load(archive(IMAGE))
    assert str(err.value) == "MHTML archive without an HTML part"


def test_single_part_mht():
    data = (b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://www.rferl.org/a/4.html\r\n\r\n"
            + quopri.encodestring(PAGE.encode("utf-8")))
    article = newsparse.parse(data)
    assert (article.headline, article.url) == ("Заголовок статті", "https://www.rferl.org/a/4.html")


# --- Safari web archives -----------------------------------------------------------------------

def webarchive(main: dict) -> bytes:
    return plistlib.dumps({"WebMainResource": main, "WebSubresources": []}, fmt=plistlib.FMT_BINARY)


def test_webarchive_charset_and_address():
    page = PAGE.replace("<meta charset='utf-8'>", "").replace("статті", "артыкула").encode("cp1251")
    data = webarchive({"WebResourceData": page, "WebResourceTextEncodingName": "windows-1251",
                       "WebResourceURL": "https://www.svaboda.org/a/5.html", "WebResourceMIMEType": "text/html"})
    article = newsparse.parse(data)
    assert (article.headline, article.url) == ("Заголовок артыкула", "https://www.svaboda.org/a/5.html")
    assert load(data).container == "webarchive"


@pytest.mark.parametrize("data,message", [
    (b"bplist00" + b"\x00" * 40, "broken Safari web archive"),
    (plistlib.dumps({"WebMainResource": {"WebResourceURL": "x"}}, fmt=plistlib.FMT_BINARY), "broken Safari web archive"),
    (plistlib.dumps(["not", "an", "archive"], fmt=plistlib.FMT_BINARY), "broken Safari web archive"),
    (webarchive({"WebResourceData": "text, not bytes"}), "Safari web archive without a page"),
])
def test_broken_webarchive(data, message):
    with pytest.raises(NotAPageError) as err:
        load(data)
    assert str(err.value) == message


# --- the real pages, wrapped in every container and encoding (skipped without ../shared) ----

def chrome_mhtml(html: bytes, url: str) -> bytes:
    return archive(qp_part(html.decode("utf-8"), location=url))


def ie_mht(html: bytes, url: str) -> bytes:
    return archive(b64_part(html, ctype='text/html; charset="utf-8"', location=url))


WRAPPERS = {
    "gzip": lambda html, url: gzip.compress(html),
    "gzip twice": lambda html, url: gzip.compress(gzip.compress(html)),
    "utf-8 BOM": lambda html, url: b"\xef\xbb\xbf" + html,
    "utf-16-le BOM": lambda html, url: b"\xff\xfe" + html.decode("utf-8").encode("utf-16-le"),
    "utf-16-be, no BOM": lambda html, url: html.decode("utf-8").encode("utf-16-be"),
    "chrome mhtml": chrome_mhtml,
    "ie mht": ie_mht,
    "saved-from comment": lambda html, url: f"<!-- saved from url=({len(url):04d}){url} -->\n".encode() + html,
    "safari webarchive": lambda html, url: webarchive({"WebResourceData": html, "WebResourceURL": url,
                                                        "WebResourceTextEncodingName": "UTF-8"}),
}
# Legacy encodings the page's own text fits in, with its <meta charset="utf-8"> left as it was.
LEGACY = {"voanews.com": "cp1252", "polygraph.info": "cp1252", "slobodnaevropa.org": "cp1250"}


def corpus_pages(corpus):
    return sorted(p for p in corpus.glob("*.html"))


@pytest.mark.parametrize("wrapper", list(WRAPPERS))
def test_corpus_pages_read_the_same_in_every_container(corpus, wrapper):
    for path in corpus_pages(corpus):
        html = path.read_bytes()
        expected = newsparse.parse(html).to_dict()
        wrapped = WRAPPERS[wrapper](html, expected["url"] or "https://www.rferl.org/a/1.html")
        assert newsparse.parse(wrapped).to_dict() == expected, path.name


def test_corpus_pages_in_a_legacy_encoding_under_a_wrong_declaration(corpus):
    for path in corpus_pages(corpus):
        html = path.read_bytes()
        codec = LEGACY[path.name.split("__")[0]]
        legacy = html.decode("utf-8").encode(codec, "xmlcharrefreplace")  # as a legacy CMS wrote them
        assert legacy != html and b'charset="utf-8"' in legacy.lower()
        assert newsparse.parse(legacy).to_dict() == newsparse.parse(html).to_dict(), path.name
