"""`newsparse batch` over web archives (issue 15): archives told by content among the files walked,
one JSON Lines output per archive (plain, gzip, zstd, written atomically), counts per skip reason,
record errors with file and offset, --skip-existing, --errors, --dedupe, filters, --jobs, --timeout,
and the missing `warc` extra.

Every archive is built here from the bundled fixtures (tests/warcbuild.py): no page of ../shared
goes into an archive.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import sys
import time

import pytest
from click.testing import CliRunner

import warcbuild as wb
from conftest import FIXTURES, slow_driver
import newsparse
from newsparse import batch
from newsparse.batch import archive_unit
from newsparse.cli import cli

pytest.importorskip("fastwarc")

PAGE = (FIXTURES / "rferl-no-byline.html").read_bytes()
OTHER = (FIXTURES / "rferl-several-authors.html").read_bytes()
RU = (FIXTURES / "rferl-cp1251-cyrillic.html").read_bytes()
URL, URL2 = "https://www.rferl.org/a/1.html", "https://www.rferl.org/a/2.html"
PROVENANCE = ("source", "archive", "captured", "truncated")
EXTRA_LINE = ("newsparse: in/sub/crawl.warc.gz: reading web archives needs the 'warc' extra: "
              "pip install 'newsparse[warc]'\n")


def invoke(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


def lines(path: pathlib.Path) -> list[dict]:
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    elif path.name.endswith(".zst"):
        import zstandard

        raw = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def tree(root: pathlib.Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def without_provenance(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in PROVENANCE}


# One record of every kind a crawl holds: what batch parses, and what it counts and skips.
def crawl_records() -> list[bytes]:
    return [
        wb.warcinfo(0),
        wb.record("request", wb.http_request(URL), n=1),
        wb.response(PAGE, n=2, chunk=7, encoding="gzip"),               # chunked and gzip together
        wb.record("metadata", b"via: x\r\nfetchTimeMs: 12\r\n", n=3),
        wb.response(PAGE, n=4, status=404),
        wb.response(b"\x89PNG\r\n\x1a\n" + bytes(64), n=5, content_type="image/png"),
        wb.record("revisit", wb.http_response(b""), n=6),
        wb.response(OTHER, n=7, uri=URL2),
    ]


CRAWL_LINE = ("newsparse batch: 1 archive (0 skipped, 0 failed): 8 records: 2 parsed (0 without an article), "
              "6 skipped (1 warcinfo, 1 request, 1 metadata, 1 revisit, 1 not 200, 1 not HTML), 0 failed\n")


@pytest.fixture
def crawl(tmp_path, monkeypatch):
    """in/sub/crawl.warc.gz (one gzip member per record) beside a page, working directory beside them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "crawl.warc.gz").write_bytes(wb.warc(crawl_records(), "gzip"))
    (tmp_path / "in" / "page.html").write_bytes(OTHER)
    return tmp_path / "in"


def test_an_archive_among_pages_gives_one_mirrored_jsonl_with_provenance(crawl):
    result = invoke("in", "-o", "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("newsparse batch: 1 page: 1 parsed (0 without an article), 0 skipped, 0 failed\n"
                             + CRAWL_LINE)
    assert tree(pathlib.Path("out")) == {"page.json", "sub/crawl.jsonl"}
    found = lines(pathlib.Path("out/sub/crawl.jsonl"))
    offsets = wb.offsets(crawl_records(), "gzip")
    assert [d["archive"] for d in found] == [
        {"file": "in/sub/crawl.warc.gz", "offset": offsets[2], "date": wb.DATE, "target_uri": URL,
         "record_id": "urn:uuid:00000000-0000-4000-8000-000000000002"},
        {"file": "in/sub/crawl.warc.gz", "offset": offsets[7], "date": wb.DATE, "target_uri": URL2,
         "record_id": "urn:uuid:00000000-0000-4000-8000-000000000007"}]
    assert [list(d)[0] for d in found] == ["source", "source"]
    assert {d["source"] for d in found} == {"in/sub/crawl.warc.gz"}
    assert [d["captured"] for d in found] == [wb.DATE, wb.DATE]
    # The chunked and gzipped body gives the JSON of the page read as a file, but for provenance.
    page_json = json.loads(pathlib.Path("out/page.json").read_text("utf-8"))
    assert without_provenance(found[1]) == without_provenance(page_json)
    assert found[0]["headline"] == newsparse.parse(PAGE, url=URL).headline


def test_an_archive_gives_json_lines_whatever_format_the_pages_get(crawl):
    result = invoke("in", "-o", "out", "-f", "text", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert tree(pathlib.Path("out")) == {"page.txt", "sub/crawl.jsonl"}
    assert [d["archive"]["target_uri"] for d in lines(pathlib.Path("out/sub/crawl.jsonl"))] == [URL, URL2]


@pytest.mark.parametrize("name, output", [
    ("crawl.html", "crawl.jsonl"),       # a WARC under a page's name is read as a WARC
    ("crawl.warc", "crawl.jsonl"),
    ("crawl.arc.gz", "crawl.jsonl"),     # a WARC under an ARC's name: the content decides
    ("saved.gz", "in/saved.jsonl"),      # a .gz page name holding a gzipped WARC, named on the command line
])
def test_archives_are_told_by_their_content_not_their_name(tmp_path, monkeypatch, name, output):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(wb.warc(crawl_records(), "whole-gzip" if name.endswith("gz") else None))
    result = invoke(*(["in"] if name != "saved.gz" else ["in/saved.gz"]), "-o", "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == CRAWL_LINE
    assert tree(tmp_path / "out") == {output}
    assert len(lines(tmp_path / "out" / output)) == 2


def test_every_archive_format_in_a_walked_folder(tmp_path, monkeypatch):
    pytest.importorskip("zstandard")
    pytest.importorskip("warcio")
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    root.mkdir()
    two = [wb.warcinfo(0), wb.response(PAGE, n=1), wb.response(OTHER, n=2, uri=URL2)]
    (root / "a.warc").write_bytes(wb.warc(two))
    (root / "b.warc.gz").write_bytes(wb.warc(two, "gzip"))
    (root / "c.warc.zst").write_bytes(wb.zstd_with_dictionary(two))
    (root / "d.arc.gz").write_bytes(wb.arc([(URL, wb.http_response(PAGE)), (URL2, wb.http_response(OTHER))],
                                           compress="gzip"))
    (root / "e.wacz").write_bytes(wb.wacz(wb.warc(two, "gzip")))
    (root / "notes.md").write_bytes(wb.warc(two))  # not in the globs: not read, whatever it holds
    result = invoke("in", "-o", "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("newsparse batch: 5 archives (0 skipped, 0 failed): 14 records: 10 parsed "
                             "(0 without an article), 4 skipped (4 warcinfo), 0 failed\n")
    assert tree(tmp_path / "out") == {f"{x}.jsonl" for x in "abcde"}
    bodies = {x: [without_provenance(d) for d in lines(tmp_path / "out" / f"{x}.jsonl")] for x in "abcde"}
    assert all(bodies[x] == bodies["a"] for x in "bcde")


@pytest.mark.parametrize("compress", ["gz", "zst"])
def test_compressed_output_holds_the_same_lines(crawl, compress):
    if compress == "zst":
        pytest.importorskip("zstandard")
    assert invoke("in", "-o", "plain", "--jobs", "1").exit_code == 0
    result = invoke("in", "-o", "out", "--jobs", "1", "--compress", compress)
    assert result.exit_code == 0, result.output
    assert tree(pathlib.Path("out")) == {"page.json", f"sub/crawl.jsonl.{compress}"}
    assert lines(pathlib.Path(f"out/sub/crawl.jsonl.{compress}")) == lines(pathlib.Path("plain/sub/crawl.jsonl"))


@pytest.mark.parametrize("dedupe", [[], ["--dedupe", "latest"]])
def test_archive_format_parquet_gives_the_same_rows_as_json_lines(crawl, dedupe):
    pytest.importorskip("pyarrow")
    from newsparse.formats.parquet import read_parquet

    assert invoke("in", "-o", "plain", "--jobs", "1", *dedupe).exit_code == 0
    result = invoke("in", "-o", "out", "--jobs", "2", "--archive-format", "parquet", *dedupe)
    assert result.exit_code == 0, result.output
    assert tree(pathlib.Path("out")) == {"page.json", "sub/crawl.parquet"}
    rows = read_parquet("out/sub/crawl.parquet")
    assert rows == lines(pathlib.Path("plain/sub/crawl.jsonl")) and len(rows) == 2
    assert result.stderr == "newsparse batch: 1 page: 1 parsed (0 without an article), 0 skipped, 0 failed\n" + CRAWL_LINE


def test_archive_format_parquet_with_compress_is_a_usage_error(crawl):
    result = invoke("in", "-o", "out", "--archive-format", "parquet", "--compress", "gz")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --compress is for JSON Lines; a Parquet file is compressed already"
    assert not os.path.exists("out")


def test_write_records_is_atomic_and_deterministic(tmp_path):
    target = tmp_path / "x.jsonl.gz"
    assert batch.write_records(str(target), [{"a": "ж"}, '{"b":1}'], "gz") == 2
    first = target.read_bytes()
    assert gzip.decompress(first) == '{"a": "ж"}\n{"b":1}\n'.encode()
    batch.write_records(str(target), [{"a": "ж"}, '{"b":1}'], "gz")
    assert target.read_bytes() == first  # no time or name in the gzip header

    def failing():
        yield {"a": 1}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.write_records(str(tmp_path / "y.jsonl"), failing())
    with pytest.raises(KeyboardInterrupt):
        batch.write_records(str(target), failing(), "gz")
    assert sorted(os.listdir(tmp_path)) == ["x.jsonl.gz"] and target.read_bytes() == first


def test_an_archive_that_cannot_be_read_on_leaves_no_output(crawl, monkeypatch):
    real = archive_unit.payloads

    def breaks_after_two(path, **kw):
        for n, item in enumerate(real(path, **kw)):
            if n == 3:
                raise OSError(5, "Input/output error")
            yield item

    monkeypatch.setattr(archive_unit, "payloads", breaks_after_two)
    result = invoke("in/sub/crawl.warc.gz", "-o", "out", "--jobs", "1", "--errors", "failed.jsonl")
    assert result.exit_code == 1
    assert result.stderr == ("newsparse: in/sub/crawl.warc.gz: cannot read (Input/output error)\n"
                             "newsparse batch: 1 archive (0 skipped, 1 failed): 0 records: 0 parsed "
                             "(0 without an article), 0 skipped, 0 failed\n")
    assert tree(pathlib.Path("out")) == set()  # no half-written output, no temporary file
    assert [json.loads(x) for x in pathlib.Path("failed.jsonl").read_text().splitlines()] == [
        {"source": "in/sub/crawl.warc.gz", "error": "cannot read (Input/output error)"}]


def test_ctrl_c_in_the_middle_of_an_archive_writes_nothing(crawl):
    calls = []

    def stop():  # asked before each record: the stop comes after the third
        calls.append(1)
        return len(calls) > 3

    sources = batch.Sources(["in/sub/crawl.warc.gz"])
    settings = batch.Settings()
    done = []
    completed = batch.run(batch.plan(sources, settings, "out", False), settings, 1,
                          lambda path, outcome: done.append(path), stop=stop)
    assert completed is False and done == [] and len(calls) == 4
    assert tree(pathlib.Path("out")) == set()  # neither the output nor its temporary file


def test_record_errors_name_file_and_offset_and_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    records = [wb.warcinfo(0), wb.response(PAGE, n=1),
               wb.record("response", wb.http_response(OTHER).replace(b"HTTP/1.1 200 OK", b"garbage"), n=2, uri=URL2),
               wb.response(OTHER, n=3, uri=URL2)]
    pathlib.Path("crawl.warc").write_bytes(wb.warc(records))
    bad = wb.offsets(records)[2]
    result = invoke("crawl.warc", "-o", "out", "--jobs", "1", "--errors", "failed.jsonl")
    assert result.exit_code == 1
    reason = f"malformed record at offset {bad}: no HTTP status line"
    assert result.stderr == (f"newsparse: crawl.warc: {reason}\n"
                             "newsparse batch: 1 archive (0 skipped, 0 failed): 4 records: 2 parsed "
                             "(0 without an article), 1 skipped (1 warcinfo), 1 failed\n")
    assert len(lines(tmp_path / "out" / "crawl.jsonl")) == 2
    assert [json.loads(x) for x in pathlib.Path("failed.jsonl").read_text().splitlines()] == [
        {"source": "crawl.warc", "error": reason, "file": "crawl.warc", "offset": bad}]


def test_a_truncated_record_is_written_flagged_and_counted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    records = [wb.response(PAGE, n=1), wb.record("response", wb.http_response(OTHER), n=2, uri=URL2,
                                                 extra=(("WARC-Truncated", "length"),))]
    pathlib.Path("crawl.warc").write_bytes(wb.warc(records))
    result = invoke("crawl.warc", "-o", "out", "--jobs", "1")
    assert result.exit_code == 0
    assert result.stderr == ("newsparse batch: 1 archive (0 skipped, 0 failed): 2 records: 2 parsed "
                             "(0 without an article), 0 skipped, 0 failed; 1 truncated\n")
    assert [d["truncated"] for d in lines(tmp_path / "out" / "crawl.jsonl")] == [False, True]


def test_skip_existing_works_per_archive(crawl):
    assert invoke("in", "-o", "out", "--jobs", "1").exit_code == 0
    before = pathlib.Path("out/sub/crawl.jsonl").stat().st_mtime_ns
    result = invoke("in", "-o", "out", "--jobs", "1", "--skip-existing")
    assert result.exit_code == 0
    assert result.stderr == ("newsparse batch: 1 page: 0 parsed (0 without an article), 1 skipped, 0 failed\n"
                             "newsparse batch: 1 archive (1 skipped, 0 failed): 0 records: 0 parsed "
                             "(0 without an article), 0 skipped, 0 failed\n")
    assert pathlib.Path("out/sub/crawl.jsonl").stat().st_mtime_ns == before
    later = time.time_ns() + 10**9
    os.utime("in/sub/crawl.warc.gz", ns=(later, later))  # the archive changed since: done again
    result = invoke("in", "-o", "out", "--jobs", "1", "--skip-existing")
    assert result.stderr.endswith(CRAWL_LINE)


def captures() -> list[bytes]:
    """The same article captured three times (the second a day later), and another page between."""
    later = "2024-03-06T06:07:08Z"
    return [wb.response(PAGE, n=1),
            wb.record("response", wb.http_response(PAGE, chunk=50), n=2, date=later),
            wb.response(OTHER, n=3, uri=URL2),
            wb.response(PAGE, n=4, encoding="gzip")]


@pytest.mark.parametrize("dedupe, kept", [(None, [1, 2, 3, 4]), ("first", [1, 3]), ("latest", [2, 3])])
def test_dedupe_keeps_one_article_per_canonical_url_and_body(tmp_path, monkeypatch, dedupe, kept):
    monkeypatch.chdir(tmp_path)
    pathlib.Path("crawl.warc.gz").write_bytes(wb.warc(captures(), "gzip"))
    result = invoke("crawl.warc.gz", "-o", "out", "--jobs", "1", *(["--dedupe", dedupe] if dedupe else []))
    assert result.exit_code == 0
    dropped = {None: "", "first": "; 2 duplicates dropped", "latest": "; 2 duplicates dropped"}[dedupe]
    assert result.stderr == (f"newsparse batch: 1 archive (0 skipped, 0 failed): 4 records: {len(kept)} parsed "
                             f"(0 without an article), 0 skipped, 0 failed{dropped}\n")
    found = lines(tmp_path / "out" / "crawl.jsonl")
    assert [int(d["archive"]["record_id"][-12:]) for d in found] == kept


def test_filters_apply_to_pages_and_records(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    root.mkdir()
    (root / "ru.html").write_bytes(RU)
    (root / "en.html").write_bytes(PAGE)
    (root / "audio.html").write_bytes((FIXTURES / "rferl-audio-programme.html").read_bytes())
    (root / "crawl.warc").write_bytes(wb.warc([wb.response(RU, n=1, content_type="text/html"),
                                               wb.response(PAGE, n=2, uri=URL2)]))
    result = invoke("in", "-o", "out", "--jobs", "1", "--language", "RU")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("newsparse batch: 3 pages: 1 parsed (0 without an article), 0 skipped, 0 failed, "
                             "2 filtered out\n"
                             "newsparse batch: 1 archive (0 skipped, 0 failed): 2 records: 1 parsed "
                             "(0 without an article), 0 skipped, 0 failed; 1 filtered out\n")
    assert tree(tmp_path / "out") == {"ru.json", "crawl.jsonl"}
    assert [d["language"].split("-")[0] for d in lines(tmp_path / "out" / "crawl.jsonl")] == ["ru"]
    result = invoke("in", "-o", "types", "--jobs", "1", "--page-type", "audio")
    assert tree(tmp_path / "types") == {"audio.json", "crawl.jsonl"}
    assert lines(tmp_path / "types" / "crawl.jsonl") == []
    words = batch.words(newsparse.parse(PAGE))
    result = invoke("in/en.html", "in/crawl.warc", "-o", "long", "--jobs", "1", "--min-words", words)
    assert result.exit_code == 0
    assert tree(tmp_path / "long") == {"in/en.json", "in/crawl.jsonl"}
    result = invoke("in/en.html", "-o", "longer", "--jobs", "1", "--min-words", words + 1)
    assert result.stderr == ("newsparse batch: 1 page: 0 parsed (0 without an article), 0 skipped, 0 failed, "
                             "1 filtered out\n")
    assert not os.path.exists("longer/in/en.json")


def test_language_filter_takes_bcp47_prefixes():
    assert batch.language_matches("ru-RU", ("ru",)) and batch.language_matches("ru", ("ru",))
    assert not batch.language_matches("rue", ("ru",)) and not batch.language_matches("ru", ("ru-ru",))
    assert not batch.language_matches(None, ("ru",))


def test_jobs_spread_archives_over_workers_with_the_same_outputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    root.mkdir()
    for n in range(5):
        (root / f"c{n}.warc.gz").write_bytes(wb.warc(crawl_records(), "gzip"))
        (root / f"p{n}.html").write_bytes(OTHER)
    one = invoke("in", "-o", "one", "--jobs", "1", "--dedupe", "latest")
    two = invoke("in", "-o", "two", "--jobs", "3", "--dedupe", "latest")
    assert one.exit_code == two.exit_code == 0
    assert one.stderr == two.stderr
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    for name in tree(tmp_path / "one"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_timeout_holds_for_each_record_and_the_archive_goes_on(crawl, monkeypatch, jobs):
    real = archive_unit.result_of

    def slow_on_the_second_page(payload, limit):
        if payload.info.target_uri == URL2:
            time.sleep(30)
        return real(payload, limit)

    monkeypatch.setattr(archive_unit, "result_of", slow_on_the_second_page)
    offset = wb.offsets(crawl_records(), "gzip")[7]
    started = time.monotonic()
    result = invoke("in/sub/crawl.warc.gz", "-o", "out", "--jobs", jobs, "--timeout", "0.3")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert result.stderr == (f"newsparse: in/sub/crawl.warc.gz: record at offset {offset}: took longer than "
                             "0.3 s; stopped\n"
                             "newsparse batch: 1 archive (0 skipped, 0 failed): 8 records: 1 parsed "
                             "(0 without an article), 6 skipped (1 warcinfo, 1 request, 1 metadata, 1 revisit, "
                             "1 not 200, 1 not HTML), 1 failed\n")
    assert len(lines(pathlib.Path("out/in/sub/crawl.jsonl"))) == 1


def test_a_record_stuck_past_its_own_alarm_has_its_worker_killed_and_the_archive_fails(crawl, monkeypatch):
    import signal

    real = archive_unit.result_of

    def stuck_on_the_second_page(payload, limit):  # as a parse inside one C call: no alarm gets in
        if payload.info.target_uri == URL2:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(30)
        return real(payload, limit)

    monkeypatch.setattr(archive_unit, "result_of", stuck_on_the_second_page)
    started = time.monotonic()
    result = invoke("in/sub/crawl.warc.gz", "in/page.html", "-o", "out", "--jobs", "2", "--timeout", "0.3")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert result.stderr == ("newsparse: in/sub/crawl.warc.gz: took longer than 0.3 s; stopped\n"
                             "newsparse batch: 1 page: 1 parsed (0 without an article), 0 skipped, 0 failed\n"
                             "newsparse batch: 1 archive (0 skipped, 1 failed): 0 records: 0 parsed "
                             "(0 without an article), 0 skipped, 0 failed\n")
    assert tree(pathlib.Path("out")) == {"in/page.json"}  # no output for the archive, no temporary file


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_without_the_warc_extra_one_line_names_it_and_exits_2_before_any_output(crawl, monkeypatch, jobs):
    monkeypatch.setitem(sys.modules, "fastwarc", None)  # as if not installed: its import fails
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    result = invoke("in", "-o", "out", "--jobs", jobs)  # in/page.html comes before the archive
    assert (result.exit_code, result.stderr, result.stdout) == (2, EXTRA_LINE, "")
    assert tree(pathlib.Path("out")) == set()
    result = invoke("in/page.html", "-o", "out", "--jobs", jobs)  # pages alone need no extra
    assert result.exit_code == 0 and tree(pathlib.Path("out")) == {"in/page.json"}


def test_without_the_warc_extra_plan_stops_at_the_first_archive(crawl, monkeypatch):
    monkeypatch.setitem(sys.modules, "fastwarc", None)
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    planned = batch.plan(batch.Sources(["in"]), batch.Settings(), "out", False)
    task, known = next(planned)
    assert (task.path, task.kind, known) == ("in/page.html", "page", None)
    with pytest.raises(newsparse.MissingExtraError):
        next(planned)


def test_compress_zst_without_zstandard_is_one_line_and_exit_2(crawl, monkeypatch):
    monkeypatch.setitem(sys.modules, "zstandard", None)
    result = invoke("in", "-o", "out", "--compress", "zst")
    assert (result.exit_code, result.stderr) == (
        2, "newsparse: --compress zst needs the 'warc' extra: pip install 'newsparse[warc]'\n")
    assert not os.path.exists("out")


def test_an_archive_in_a_jsonl_stream_is_refused_and_the_pages_go_on(crawl):
    result = invoke("in", "-f", "jsonl", "-o", "pages.jsonl", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == (
        "newsparse: in/sub/crawl.warc.gz: a web archive is written to a file of its own under OUTDIR: "
        "give -o OUTDIR with --format text, json, markdown\n"
        "newsparse batch: 1 page: 1 parsed (0 without an article), 0 skipped, 0 failed\n"
        "newsparse batch: 1 archive (0 skipped, 1 failed): 0 records: 0 parsed (0 without an article), "
        "0 skipped, 0 failed\n")
    assert [json.loads(x)["source"] for x in pathlib.Path("pages.jsonl").read_text().splitlines()] == ["in/page.html"]


# Runs `newsparse batch` with every record taking 50 ms, so a signal lands in the middle of an archive.
SLOW_DRIVER = slow_driver("newsparse.archive.records")


@pytest.mark.parametrize("jobs, sig", [("1", "INT"), ("2", "INT"), ("2", "TERM")])
def test_a_signal_mid_archive_leaves_whole_outputs_only(tmp_path, jobs, sig):
    import signal
    import subprocess

    from conftest import ROOT

    records = [wb.response(PAGE, n=n, uri=f"https://www.rferl.org/a/{n}.html") for n in range(20)]
    (tmp_path / "in").mkdir()
    for name in ("a", "b", "c", "d"):
        (tmp_path / "in" / f"{name}.warc.gz").write_bytes(wb.warc(records, "gzip"))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "batch", "in", "-o", str(out), "--jobs", jobs],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    while not any(p.endswith(".jsonl") for p in tree(out)) and proc.poll() is None:
        time.sleep(0.02)  # the first archive is written: the next ones are under way
    time.sleep(0.3)
    if sig == "INT":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.splitlines()[-1].startswith("newsparse batch: interrupted after ")
    files = tree(out)
    assert 1 <= len(files) < 4 and all(p.endswith(".jsonl") for p in files)  # no temporary file left
    assert all(len(lines(out / p)) == 20 for p in files)  # each whole
