"""Web archives: one trap per archive, each built at test time from our own fixture pages (warcbuild)."""

from __future__ import annotations

import io
import pickle

import pytest

import newsparse
from newsparse import archive
from newsparse.archive import RecordError, RecordInfo, Skipped

import warcbuild as wb
from conftest import FIXTURES

pytest.importorskip("fastwarc")

URL = "https://www.rferl.org/a/1.html"
PAGE = (FIXTURES / "rferl-no-byline.html").read_bytes()
OTHER = (FIXTURES / "rferl-several-authors.html").read_bytes()
PROVENANCE = ("archive", "captured", "truncated")


def plain_json(page: bytes = PAGE) -> dict:
    """What `parse` makes of the page itself: what every archived copy must give, but provenance."""
    return without_provenance(newsparse.parse(page, url=URL).to_dict())


def without_provenance(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in PROVENANCE}


def results(data: bytes, max_bytes: int = newsparse.load.DEFAULT_MAX_BYTES):
    return list(archive.records(io.BytesIO(data), max_bytes=max_bytes))


def articles(data: bytes):
    return [(info, r) for info, r in results(data) if isinstance(r, newsparse.Article)]


def only_article(data: bytes) -> newsparse.Article:
    found = articles(data)
    assert len(found) == 1, results(data)
    return found[0][1]


@pytest.mark.parametrize("http", [
    {"chunk": 7},                          # chunked, small chunks
    {"chunk": 1},                          # one byte a chunk
    {"encoding": "gzip"},
    {"encoding": "deflate"},
    pytest.param({"encoding": "br"}, id="br"),
    {"chunk": 5, "encoding": "gzip"},      # chunked and gzip together (FastWARC's auto-decoding stops here)
    {"lf_only": True},                     # bare-LF HTTP header lines
], ids=lambda h: "-".join(f"{k}={v}" for k, v in h.items()))
def test_encoded_or_chunked_body_gives_the_plain_pages_json(http):
    if http.get("encoding") == "br":
        pytest.importorskip("brotli")
    art = only_article(wb.warc([wb.warcinfo(), wb.response(PAGE, **http)]))
    assert without_provenance(art.to_dict()) == plain_json()
    assert art.truncated is False


@pytest.mark.parametrize("compress", [None, "gzip", "whole-gzip"])
def test_every_record_in_order_with_offsets_ids_and_provenance(compress, tmp_path):
    recs = [wb.warcinfo(), wb.record("request", wb.http_request(URL), n=1), wb.response(PAGE, n=2),
            wb.response(OTHER, n=3, uri="https://www.rferl.org/a/2.html")]
    path = tmp_path / ("a.warc" + (".gz" if compress else ""))
    path.write_bytes(wb.warc(recs, compress))
    got = list(archive.records(path))
    offsets = wb.offsets(recs, "gzip" if compress == "gzip" else None)  # whole-file gzip: decompressed
    assert [info.offset for info, _ in got] == offsets
    assert [r for _, r in got[:2]] == [Skipped("warcinfo"), Skipped("request")]
    first, second = got[2][1], got[3][1]
    assert first.archive.to_dict() == {"file": str(path), "offset": offsets[2],
                                       "record_id": "urn:uuid:00000000-0000-4000-8000-000000000002",
                                       "date": wb.DATE, "target_uri": URL}
    assert first.captured == wb.DATE and first.truncated is False
    assert without_provenance(first.to_dict()) == plain_json()
    assert without_provenance(second.to_dict()) == without_provenance(
        newsparse.parse(OTHER, url="https://www.rferl.org/a/2.html").to_dict())


def test_records_without_a_page_are_skipped_with_their_reason():
    recs = [wb.warcinfo(), wb.record("request", wb.http_request(URL), n=1),
            wb.record("metadata", b"via: https://www.rferl.org/\r\nfetchTimeMs: 12\r\n", n=2),
            wb.record("revisit", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", n=3,
                      extra=(("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),)),
            wb.response(b"<html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>",
                        n=4, status=404),
            wb.response(b"\x89PNG\r\n\x1a\n" + bytes(200), n=5, content_type="image/png"),
            wb.response(b"body { color: red }", n=6, content_type="text/css"),
            wb.response(PAGE, n=7)]
    got = results(wb.warc(recs, "gzip"))
    assert [r for _, r in got[:-1]] == [Skipped(x) for x in
                                        ("warcinfo", "request", "metadata", "revisit", "not 200", "not HTML", "not HTML")]
    assert all(s.reason in archive.SKIP_REASONS for _, s in got[:-1])
    assert isinstance(got[-1][1], newsparse.Article)


def test_warc_truncated_record_is_parsed_and_flagged():
    rec = wb.record("response", wb.http_response(PAGE), extra=(("WARC-Truncated", "length"),))
    art = only_article(wb.warc([rec]))
    assert art.truncated is True
    assert art.to_dict()["truncated"] is True
    assert art.headline == newsparse.parse(PAGE).headline


@pytest.mark.parametrize("compress", [None, "gzip", "zstd"])
def test_content_length_larger_than_the_record_is_flagged_and_the_next_record_read_again(compress):
    lying = wb.record("response", wb.http_response(PAGE), n=1, length=len(wb.http_response(PAGE)) + 3000)
    recs = [wb.warcinfo(), lying, wb.response(OTHER, n=2), wb.response(PAGE, n=3)]
    if compress == "zstd":
        pytest.importorskip("zstandard")
        head, frames = wb.zstd_parts(recs)
        data, starts = head + b"".join(frames), [len(head) + sum(map(len, frames[:i])) for i in range(len(frames))]
    else:
        data, starts = wb.warc(recs, compress), wb.offsets(recs, compress)
    got = results(data)
    first = got[1][1]
    assert isinstance(first, newsparse.Article) and first.truncated is True
    assert without_provenance(first.to_dict()) == plain_json()
    assert got[2] == (got[1][0], RecordError(
        f"malformed record at offset {starts[1]}: its Content-Length runs past its end "
        f"into the next record, read again at offset {starts[2]}"))
    again, last = got[3], got[4]
    assert again[0].offset == starts[2] and again[0].record_id.endswith("000000000002")
    assert without_provenance(again[1].to_dict()) == without_provenance(newsparse.parse(OTHER, url=URL).to_dict())
    assert last[0].offset == starts[3] and isinstance(last[1], newsparse.Article)  # and reading goes on
    assert len(got) == 5


def test_content_length_larger_than_the_record_in_a_stream_that_cannot_seek():
    lying = wb.record("response", wb.http_response(PAGE), n=1, length=len(wb.http_response(PAGE)) + 3000)
    recs = [wb.warcinfo(), lying, wb.response(OTHER, n=2), wb.response(PAGE, n=3)]
    got = list(archive.records(Pipe(wb.warc(recs))))
    assert got[2][1] == RecordError(f"malformed record at offset {wb.offsets(recs)[1]}: its Content-Length runs "
                                    "past its end into the next record, which is lost")
    assert got[3][0].record_id.endswith("000000000003")


class Pipe(io.RawIOBase):
    """A stream that cannot seek, as stdin or a socket."""

    def __init__(self, data: bytes):
        self._b = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buf):
        return self._b.readinto(buf)


@pytest.mark.parametrize("compress", [None, "gzip"])
def test_file_cut_at_60_percent_is_reported_never_a_silent_end(compress):
    recs = [wb.warcinfo()] + [wb.response(PAGE, n=i) for i in range(1, 6)]
    data = wb.warc(recs, compress)
    got = results(data[: len(data) * 6 // 10])
    assert isinstance(got[-1][1], RecordError)
    assert got[-1][1].reason.startswith(f"file cut short at offset {got[-1][0].offset}")
    assert all(isinstance(r, newsparse.Article) for _, r in got[1:-2])


def test_malformed_record_is_reported_and_the_rest_read():
    recs = [wb.warcinfo(), wb.response(PAGE, n=1),
            b"WARC/1.1\r\nWARC-Date: 2024-03-05T06:07:08Z\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n",
            wb.response(OTHER, n=2)]
    got = results(wb.warc(recs))
    assert got[2] == (RecordInfo(None, wb.offsets(recs)[2], None, wb.DATE, None, "unknown"), RecordError(
        f"malformed record header at offset {wb.offsets(recs)[2]}: no WARC-Type or WARC-Record-ID header"))
    assert isinstance(got[3][1], newsparse.Article)


def test_uris_in_angle_brackets_are_stripped():
    rec = wb.record("response", wb.http_response(PAGE), angle=True, version="1.0")
    art = only_article(wb.warc([rec]))
    assert art.archive.target_uri == URL
    assert art.archive.record_id == "urn:uuid:00000000-0000-4000-8000-000000000001"


def test_zstd_with_arhiveteams_dictionary_frame():
    pytest.importorskip("zstandard")
    recs = [wb.warcinfo(), wb.response(PAGE, n=1, encoding="gzip", chunk=100), wb.response(OTHER, n=2)]
    for compressed_dict in (True, False):
        data = wb.zstd_with_dictionary(recs, compressed_dict=compressed_dict)
        assert archive.detect(data[:4096]) == "warc.zst"
        found = articles(data)
        assert [without_provenance(a.to_dict()) for _, a in found] == [
            plain_json(), without_provenance(newsparse.parse(OTHER, url=URL).to_dict())]


def test_arc_file_plain_and_gzipped():
    pytest.importorskip("warcio")
    pages = [(URL, wb.http_response(PAGE)), ("https://www.rferl.org/a/2.html", wb.http_response(OTHER, chunk=64))]
    for compress, kind in ((None, "arc"), ("gzip", "arc.gz"), ("whole-gzip", "arc.gz")):
        blob = wb.arc(pages, compress=compress)
        assert archive.detect(blob[:4096]) == kind
        found = articles(blob)
        assert len(found) == 2
        info, art = found[0]
        assert info.type == "response" and info.record_id is None and info.target_uri == URL
        assert art.captured == "2024-03-05T06:07:08Z"
        assert without_provenance(art.to_dict()) == plain_json()


def test_wacz_reads_the_warcs_under_archive(tmp_path):
    path = tmp_path / "c.wacz"
    path.write_bytes(wb.wacz(wb.warc([wb.warcinfo(), wb.response(PAGE)], "gzip")))
    info, art = only_article_with_info(archive.records(path))
    assert info.file == f"{path}#archive/data.warc.gz"
    assert without_provenance(art.to_dict()) == plain_json()


def only_article_with_info(found):
    found = [(i, r) for i, r in found if isinstance(r, newsparse.Article)]
    assert len(found) == 1
    return found[0]


def test_results_pickle_and_unpickle_equal():
    got = results(wb.warc([wb.warcinfo(), wb.response(PAGE), wb.response(b"x", status=404, n=2)]))
    assert pickle.loads(pickle.dumps(got)) == got


def test_non_seekable_stream_is_read_too():
    data = wb.warc([wb.warcinfo(), wb.response(PAGE)], "gzip")
    found = list(archive.records(Pipe(data)))
    assert without_provenance(found[1][1].to_dict()) == plain_json()


def test_parse_record_reads_one_record_as_a_cdx_range_fetch_returns_it():
    recs = [wb.warcinfo(), wb.response(PAGE, n=1, encoding="gzip", chunk=9), wb.response(OTHER, n=2)]
    data = wb.warc(recs, "gzip")
    starts = wb.offsets(recs, "gzip") + [len(data)]
    one = data[starts[1]:starts[2]]
    art = newsparse.parse_record(one)
    assert without_provenance(art.to_dict()) == plain_json()
    assert art.archive.offset == 0 and art.archive.record_id.endswith("000000000001")
    assert newsparse.parse_record(wb.warc([recs[1]])).headline == art.headline  # plain, not gzip
    with pytest.raises(newsparse.NotAPageError, match="the record holds no page: warcinfo"):
        newsparse.parse_record(data[:starts[1]])
    with pytest.raises(newsparse.NotAPageError, match="not a WARC or ARC record"):
        newsparse.parse_record(PAGE)


def test_not_an_archive_raises_one_clear_error():
    with pytest.raises(newsparse.NotAnArchiveError, match="not a web archive"):
        list(archive.records(io.BytesIO(PAGE)))


@pytest.mark.parametrize("compress", [None, "gzip", "zstd", "whole-gzip"])
@pytest.mark.parametrize("into", [3, 12, 200])
def test_file_cut_just_after_a_record_start_is_reported(compress, into, tmp_path):
    """Cut a few bytes into the last record (its first header line, or its gzip/zstd member's
    header): FastWARC ends quietly there; newsparse says the file is cut short."""
    recs = [wb.warcinfo(), wb.response(PAGE, n=1), wb.response(OTHER, n=2)]
    if compress == "zstd":
        pytest.importorskip("zstandard")
        head, frames = wb.zstd_parts(recs)
        data, start = head + b"".join(frames), len(head) + sum(map(len, frames[:-1]))
    elif compress == "whole-gzip":
        data = wb.warc(recs, "whole-gzip")
        start = len(data) // 2
    else:
        data = wb.warc(recs, compress)
        start = wb.offsets(recs, compress)[-1]
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:start + into])
    for got in (list(archive.records(path)), results(data[:start + into])):
        assert isinstance(got[-1][1], RecordError), got[-1]
        assert got[-1][1].reason.startswith("file cut short"), got[-1]
        if compress != "whole-gzip":  # one stream: the reader may stop before its first record
            assert isinstance(got[1][1], newsparse.Article)  # the records before it are all there


GREEK = "Το ποτάμι κυλά κάτω από τη γέφυρα της πόλης"


@pytest.mark.parametrize("charset, codec, text", [  # a WHATWG label (as browsers accept) and Python's codec
    ("iso-8859-7", "iso-8859-7", GREEK), ("shift_jis", "shift_jis", "川が町の真ん中を流れる"),
    ("windows-874", "cp874", "แม่น้ำไหลผ่านกลางเมือง")])
def test_the_http_charset_reaches_decoding(charset, codec, text):
    """A page that declares no charset of its own, in an encoding the byte statistics alone take for
    another: the Content-Type header's charset decides."""
    page = (f"<html><head><title>{text}</title></head><body><article><h1>{text}</h1>"
            f"<p>{text}. {text}.</p></article></body></html>").encode(codec)
    labelled = only_article(wb.warc([wb.response(page, content_type=f"text/html; charset={charset}")]))
    assert labelled.headline == text
    unlabelled = only_article(wb.warc([wb.response(page, content_type="text/html")]))
    assert unlabelled.headline != text  # what the header is needed for


def test_without_the_extra_one_line_names_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "fastwarc", None)
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    with pytest.raises(newsparse.MissingExtraError) as caught:
        list(archive.records(io.BytesIO(wb.warc([wb.warcinfo()]))))
    assert str(caught.value) == "reading web archives needs the 'warc' extra: pip install 'newsparse[warc]'"


@pytest.mark.parametrize("cut_body", [
    lambda: wb.http_response(PAGE, chunk=200)[:-5],                      # chunked, last (zero) chunk missing
    lambda: wb.http_response(PAGE, encoding="gzip")[:-2000],             # gzip stream ends early
    lambda: wb.http_response(PAGE)[:-3000],                              # fewer bytes than HTTP Content-Length
], ids=["chunked", "gzip", "content-length"])
def test_a_body_that_ends_early_is_parsed_and_flagged(cut_body):
    block = cut_body()
    art = only_article(wb.warc([wb.record("response", block)]))  # the WARC record itself is whole
    assert art.truncated is True
    assert art.headline == newsparse.parse(PAGE).headline


def test_a_body_labelled_gzip_that_is_not_stays_readable_and_a_broken_one_is_an_error():
    mislabelled = wb.http_response(PAGE, extra=(("Content-Encoding", "gzip"),))
    art = only_article(wb.warc([wb.record("response", mislabelled)]))
    assert without_provenance(art.to_dict()) == plain_json()
    broken = wb.http_response(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, extra=(("Content-Encoding", "gzip"),))
    (info, err), = results(wb.warc([wb.record("response", broken)]))
    assert isinstance(err, RecordError)
    assert err.reason.startswith(f"malformed record at offset {info.offset}: broken gzip body")


def test_a_conversion_record_holding_a_text_dump():
    dump = (FIXTURES / "rferl-biden-zelenskiy-call.txt").read_bytes()
    rec = wb.record("conversion", dump, content_type="text/plain; charset=utf-8", uri=URL)
    art = only_article(wb.warc([rec]))
    assert without_provenance(art.to_dict()) == without_provenance(newsparse.parse(dump, url=URL).to_dict())
    response = wb.response(dump, content_type="text/plain")  # robots.txt and the like: no page
    assert [r for _, r in results(wb.warc([response]))] == [Skipped("not HTML")]


def test_continuation_and_unknown_types_are_skipped():
    recs = [wb.record("continuation", b"rest of a segmented record", n=1, content_type="application/http"),
            wb.record("x-custom", b"whatever", n=2)]
    assert [r for _, r in results(wb.warc(recs))] == [Skipped("continuation"), Skipped("other type")]


def test_a_record_over_max_bytes_is_an_error_and_reading_goes_on():
    small = b"<html><head><title>Small</title></head><body><article><h1>Small</h1><p>A short page.</p></article></body></html>"
    recs = [wb.response(small, n=1), wb.response(PAGE, n=2), wb.response(small, n=3)]
    got = list(archive.records(io.BytesIO(wb.warc(recs)), max_bytes=10_000))
    assert got[1][1] == RecordError(f"record at offset {wb.offsets(recs)[1]} is larger than 10,000 bytes (--max-bytes)")
    assert isinstance(got[0][1], newsparse.Article) and isinstance(got[2][1], newsparse.Article)


def test_a_gzip_bomb_body_stops_at_max_bytes():
    bomb = wb.http_response(b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>", encoding="gzip")
    assert len(bomb) < 20_000
    (info, err), = results(wb.warc([wb.record("response", bomb)]), 1_000_000)
    assert err == RecordError(f"record at offset {info.offset}: a record's body decompresses to more than "
                              "1,000,000 bytes (--max-bytes)")



def test_a_resource_record_and_an_http2_status_line():
    resource = wb.record("resource", PAGE, content_type="text/html; charset=utf-8", uri=URL, n=1)
    http2 = wb.record("response", wb.http_response(PAGE).replace(b"HTTP/1.1 200 OK", b"HTTP/2 200", 1), n=2)
    found = articles(wb.warc([resource, http2]))
    assert [without_provenance(a.to_dict()) for _, a in found] == [plain_json(), plain_json()]
    assert [i.type for i, _ in found] == ["resource", "response"]


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05T06:07:08Z", "2024-03-05T06:07:08Z"),
    ("2024-03-05T06:07:08.123456Z", "2024-03-05T06:07:08Z"),       # WARC 1.1 sub-second precision
    ("2024-03-05T08:07:08+02:00", "2024-03-05T06:07:08Z"),
    ("20240305060708", "2024-03-05T06:07:08Z"),                     # ARC
    ("2024", "2024-01-01T00:00:00Z"),
    ("yesterday", None), ("", None), (None, None), ("20241305060708", None),
])
def test_archive_dates_in_one_form(value, expected):
    from newsparse.archive.stamps import warc_date

    assert warc_date(value) == expected


def test_real_pages_read_from_an_archive_equal_their_parse(corpus):
    """The three real saved pages, put into a WARC at test time (never committed), chunked, gzipped
    and Wayback-rewritten: every copy extracts as the page itself does."""
    pages = sorted(corpus.glob("*.html"))
    recs, expected = [wb.warcinfo()], []
    for i, path in enumerate(pages):
        page = path.read_bytes()
        art = newsparse.parse(page)
        url = art.url or f"https://www.rferl.org/a/{i}.html"
        want = without_provenance(newsparse.parse(page, url=url).to_dict())
        wayback_uri = f"https://web.archive.org/web/{wb.WAYBACK_TS}/{url}"
        recs += [wb.response(page, n=3 * i + 1, uri=url, chunk=97, encoding="gzip"),
                 wb.response(page, n=3 * i + 2, uri=url, encoding="br" if _has("brotli") else None, lf_only=True),
                 wb.response(wb.wayback_rewrite(page, url=url), n=3 * i + 3, uri=wayback_uri)]
        expected += [want] * 3
    found = articles(wb.warc(recs, "gzip"))
    assert [without_provenance(a.to_dict()) for _, a in found] == expected
    assert [a.captured for _, a in found][2] == "2024-03-05T06:07:08Z"


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def test_a_br_body_without_brotli_is_one_record_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "brotli", None)
    body = wb.http_response(b"\x8b\x02\x80<html></html>\x03", extra=(("Content-Encoding", "br"),))
    recs = [wb.record("response", body, n=1), wb.response(PAGE, n=2)]
    got = results(wb.warc(recs))
    assert got[0][1] == RecordError(f"record at offset 0: a br body needs Brotli, in the 'warc' extra: "
                                    "pip install 'newsparse[warc]'")
    assert isinstance(got[1][1], newsparse.Article)
