"""One large web archive over several workers (issue 15, batch/split.py): at --jobs 2 an archive
of at least NEWSPARSE_SPLIT_BYTES is cut into record-offset ranges, and its output and counts are
byte for byte those of the archive read whole at --jobs 1. Splitting is forced here with a
threshold of 1 byte; every archive is built from the bundled fixtures (tests/warcbuild.py).
"""

from __future__ import annotations

import os
import pathlib
import sys
import time

import pytest
import warcbuild as wb
from click.testing import CliRunner
from conftest import FIXTURES, slow_driver

from newsparse.archive import spans as spans_module
from newsparse.batch import page, split
from newsparse.cli import cli

pytest.importorskip("fastwarc")

PAGES = [(FIXTURES / name).read_bytes() for name in
         ("rferl-no-byline.html", "rferl-several-authors.html", "rferl-cp1251-cyrillic.html")]
SUFFIX = {None: ".warc", "gzip": ".warc.gz"}


def crawl(count: int = 60, bad: int | None = None) -> list[bytes]:
    """COUNT responses of the fixtures, a request and a 404 every so often, record BAD malformed."""
    records = [wb.warcinfo(0)]
    for n in range(1, count + 1):
        body = PAGES[n % len(PAGES)]
        if n == bad:
            records.append(wb.record("response", wb.http_response(body).replace(b"HTTP/1.1 200 OK", b"garbage"),
                                     n=n, uri=f"https://www.rferl.org/a/{n}.html"))
        else:
            records.append(wb.response(body, n=n, uri=f"https://www.rferl.org/a/{n}.html"))
        if n % 7 == 0:
            records.append(wb.record("request", wb.http_request(f"https://www.rferl.org/a/{n}.html"), n=1000 + n))
        if n % 11 == 0:
            records.append(wb.response(PAGES[0], n=2000 + n, status=404))
    return records


def tree(root: pathlib.Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def cuts(monkeypatch):
    """Splitting forced (a 1-byte threshold), and the number of ranges each split archive got."""
    monkeypatch.setenv(page.SPLIT_ENV, "1")
    made = []
    real = split.spans

    def counted(*args):
        found = real(*args)
        made.append(len(found))
        return found

    monkeypatch.setattr(split, "spans", counted)
    return made


def run(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


@pytest.mark.parametrize("compress", [None, "gzip"])
@pytest.mark.parametrize("output", [[], ["--compress", "gz"], ["--compress", "zst"], ["--archive-format", "parquet"]])
def test_a_split_archive_gives_the_bytes_and_counts_of_the_archive_read_whole(tmp_path, monkeypatch, cuts,
                                                                              compress, output):
    if output[-1:] == ["parquet"]:
        pytest.importorskip("pyarrow")
    monkeypatch.chdir(tmp_path)
    name = "crawl" + SUFFIX[compress]
    pathlib.Path(name).write_bytes(wb.warc(crawl(), compress))
    whole = run(name, "-o", "one", "--jobs", "1", *output)
    assert cuts == []  # --jobs 1 never splits
    parts = run(name, "-o", "two", "--jobs", "2", *output)
    assert cuts == [2]
    assert whole.exit_code == parts.exit_code == 0, parts.stderr
    assert parts.stderr == whole.stderr == (
        "newsparse batch: 1 archive (0 skipped, 0 failed): 74 records: 60 parsed (0 without an article), "
        "14 skipped (1 warcinfo, 8 request, 5 not 200), 0 failed\n")
    assert tree(tmp_path / "one") == tree(tmp_path / "two") == {"crawl" + (
        ".parquet" if output[-1:] == ["parquet"] else f".jsonl.{output[1]}" if output else ".jsonl")}
    for out in tree(tmp_path / "one"):
        assert (tmp_path / "one" / out).read_bytes() == (tmp_path / "two" / out).read_bytes()
    if output[-1:] == ["parquet"]:
        import pyarrow.parquet as pq

        rows = pq.read_table(tmp_path / "two" / "crawl.parquet").to_pylist()
        assert rows == pq.read_table(tmp_path / "one" / "crawl.parquet").to_pylist() and len(rows) == 60


def test_a_record_error_in_one_range_is_reported_with_its_offset(tmp_path, monkeypatch, cuts):
    monkeypatch.chdir(tmp_path)
    records = crawl(bad=50)
    pathlib.Path("crawl.warc").write_bytes(wb.warc(records))
    bad = wb.offsets(records)[next(i for i, r in enumerate(records) if b"garbage" in r)]
    ranges = spans_module.spans("crawl.warc", "warc", 2, 1 << 26)
    assert ranges[1].start <= bad < ranges[1].end  # in the second range
    whole = run("crawl.warc", "-o", "one", "--jobs", "1", "--errors", "e1.jsonl")
    parts = run("crawl.warc", "-o", "two", "--jobs", "2", "--errors", "e2.jsonl")
    assert cuts == [2]
    assert whole.exit_code == parts.exit_code == 1
    assert parts.stderr == whole.stderr == (
        f"newsparse: crawl.warc: malformed record at offset {bad}: no HTTP status line\n"
        "newsparse batch: 1 archive (0 skipped, 0 failed): 74 records: 59 parsed (0 without an article), "
        "14 skipped (1 warcinfo, 8 request, 5 not 200), 1 failed\n")
    assert pathlib.Path("e1.jsonl").read_bytes() == pathlib.Path("e2.jsonl").read_bytes()
    assert (tmp_path / "one" / "crawl.jsonl").read_bytes() == (tmp_path / "two" / "crawl.jsonl").read_bytes()


def test_ranges_start_at_records_and_their_records_are_the_whole_files(tmp_path):
    from newsparse.archive import payloads

    records = crawl(30)
    for compress in (None, "gzip"):
        path = str(tmp_path / ("crawl" + SUFFIX[compress]))
        pathlib.Path(path).write_bytes(wb.warc(records, compress))
        kind = spans_module.splittable(path)
        ranges = spans_module.spans(path, kind, 3, 1 << 26)
        assert len(ranges) == 3 and ranges[0].start == 0 and ranges[-1].end == os.path.getsize(path)
        assert {r.start for r in ranges} <= set(wb.offsets(records, compress))
        assert [r.last for r in ranges] == [False, False, True]
        read = [item for r in ranges for item in spans_module.payloads_in(path, r, 1 << 26)]
        assert read == list(payloads(path))
        stopped = spans_module.spans(path, kind, 3, 1 << 26, stop=lambda: True)  # Ctrl-C during the scan
        assert stopped == [spans_module.Span(0, os.path.getsize(path), True, kind)]


def test_archives_read_only_from_the_start_and_dedupe_runs_are_not_split(tmp_path, monkeypatch):
    records = crawl(10)
    files = {"whole.warc.gz": wb.warc(records, "whole-gzip"), "crawl.warc.zst": wb.zstd_with_dictionary(records),
             "crawl.arc": wb.arc([("https://www.rferl.org/a/1.html", PAGES[0])]),
             "crawl.wacz": wb.wacz(wb.warc(records, "gzip"))}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        assert spans_module.splittable(str(tmp_path / name)) is None, name
    (tmp_path / "crawl.warc").write_bytes(wb.warc(records))
    task = page.Task(str(tmp_path / "crawl.warc"), str(tmp_path / "out" / "crawl.jsonl"), "archive")
    for dedupe, expected in ((None, 2), ("first", 1), ("latest", 1)):
        settings = page.Settings(split_bytes=1, dedupe=dedupe)
        splitter = split.Splitter(settings, 2, lambda path, outcome: None, lambda: False)
        tasks = [t for t, _ in splitter.expand([(task, None)])]
        assert len(tasks) == expected
        splitter.close()
    assert not (tmp_path / "out").exists() or tree(tmp_path / "out") == set()  # part files removed
    big = page.Settings(split_bytes=os.path.getsize(tmp_path / "crawl.warc") + 1)
    assert [t for t, _ in split.Splitter(big, 2, print, lambda: False).expand([(task, None)])] == [task]


def test_the_threshold_is_64_mb_unless_the_environment_says(monkeypatch):
    monkeypatch.delenv(page.SPLIT_ENV, raising=False)
    assert page.Settings().split_bytes == 64 * 1024 * 1024
    monkeypatch.setenv(page.SPLIT_ENV, "4096")
    assert page.Settings().split_bytes == 4096


# Runs `newsparse batch` with every record taking 50 ms, so a signal lands while the ranges are read.
SLOW_DRIVER = slow_driver("newsparse.archive.records")


@pytest.mark.parametrize("sig", ["INT", "TERM"])
def test_a_signal_mid_split_leaves_no_output_and_no_part(tmp_path, sig):
    import signal
    import subprocess

    from conftest import ROOT

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(wb.warc(crawl(60), "gzip"))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "batch", "in", "-o", str(out), "--jobs", "2"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), page.SPLIT_ENV: "1"})
    while not tree(out) and proc.poll() is None:
        time.sleep(0.02)  # the part files are made: their workers are under way (1.5 s each)
    time.sleep(0.5)
    assert proc.poll() is None
    if sig == "INT":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.splitlines()[-1].startswith("newsparse batch: interrupted after ")
    assert tree(out) == set()  # neither the output nor a part or a temporary file


def test_the_timeout_holds_for_each_record_of_a_range(tmp_path, monkeypatch, cuts):
    from newsparse.batch import archive_unit

    real = archive_unit.result_of
    slow_uri = "https://www.rferl.org/a/45.html"

    def slow_on_one_page(payload, limit):
        if payload.info.target_uri == slow_uri:
            time.sleep(30)
        return real(payload, limit)

    monkeypatch.setattr(archive_unit, "result_of", slow_on_one_page)  # the forked workers have it too
    monkeypatch.chdir(tmp_path)
    records = crawl()
    pathlib.Path("crawl.warc").write_bytes(wb.warc(records))
    offset = wb.offsets(records)[next(i for i, r in enumerate(records) if slow_uri.encode() + b"\r\n" in r)]
    started = time.monotonic()
    result = run("crawl.warc", "-o", "out", "--jobs", "2", "--timeout", "0.3")
    assert time.monotonic() - started < 10 and cuts == [2]
    assert result.exit_code == 1
    assert result.stderr == (
        f"newsparse: crawl.warc: record at offset {offset}: took longer than 0.3 s; stopped\n"
        "newsparse batch: 1 archive (0 skipped, 0 failed): 74 records: 59 parsed (0 without an article), "
        "14 skipped (1 warcinfo, 8 request, 5 not 200), 1 failed\n")


def _hostile(trap: str) -> list[bytes]:
    records = [wb.response(PAGES[0], n=n, uri=f"https://www.rferl.org/a/{n}.html") for n in range(12)]
    block = wb.http_response(PAGES[0])
    if trap == "lying Content-Length":
        records[5] = wb.record("response", block, n=5, length=len(block) + 500)
    elif trap == "short Content-Length":
        records[6] = wb.record("response", block, n=6, length=len(block) - 300)
    elif trap == "bad header":
        records[4] = records[4].replace(b"WARC-Record-ID", b"X-Nothing")
    else:
        records.insert(3, b"garbage between records\r\n\r\n")
    return records


@pytest.mark.parametrize("trap", ["lying Content-Length", "short Content-Length", "bad header", "garbage"])
@pytest.mark.parametrize("compress", [None, "gzip"])
@pytest.mark.parametrize("cut", [1.0, 0.6])
def test_the_ranges_of_a_hostile_archive_read_as_the_whole_file(tmp_path, trap, compress, cut):
    from newsparse.archive import payloads

    data = wb.warc(_hostile(trap), compress)
    path = str(tmp_path / ("crawl" + SUFFIX[compress]))
    pathlib.Path(path).write_bytes(data[:int(len(data) * cut)])
    whole = list(payloads(path))
    assert len(whole) >= 7
    for parts in (2, 3, 5):
        ranges = spans_module.spans(path, spans_module.splittable(path), parts, 1 << 26)
        assert len(ranges) > 1
        assert [item for r in ranges for item in spans_module.payloads_in(path, r, 1 << 26)] == whole


def test_an_output_that_cannot_be_written_fails_as_when_read_whole_and_leaves_no_part(tmp_path, monkeypatch, cuts):
    import errno

    from newsparse.batch import archive_out, archive_unit

    def full_disk(path, *args, **kwargs):
        if path.endswith(".jsonl"):  # the archive's output; not a part file (.tmp)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return archive_out.write_records(path, *args, **kwargs)

    monkeypatch.setattr(archive_unit, "write_records", full_disk)  # the forked workers have it too
    monkeypatch.setattr(split, "write_records", full_disk)
    monkeypatch.chdir(tmp_path)
    pathlib.Path("crawl.warc").write_bytes(wb.warc(crawl(20)))
    whole = run("crawl.warc", "-o", "one", "--jobs", "1")
    parts = run("crawl.warc", "-o", "two", "--jobs", "2")
    assert cuts == [2]
    assert whole.exit_code == parts.exit_code == 1
    assert parts.stderr.splitlines()[0] == "newsparse: crawl.warc: cannot write two/crawl.jsonl (No space left on device); the run stops"
    assert parts.stderr == whole.stderr.replace("one/", "two/")
    assert tree(tmp_path / "two") == set()  # the part files are removed


def test_an_archive_whose_part_files_cannot_be_made_is_read_whole(tmp_path, monkeypatch, cuts):
    made = []

    def refused(path):
        if made:
            raise OSError(28, "No space left on device")
        made.append(page.files.create_temp_beside(path))  # the first part is made, the second is not
        return made[-1]

    monkeypatch.setattr(split, "create_temp_beside", refused)
    monkeypatch.chdir(tmp_path)
    pathlib.Path("crawl.warc").write_bytes(wb.warc(crawl(20)))
    whole = run("crawl.warc", "-o", "one", "--jobs", "1")
    parts = run("crawl.warc", "-o", "two", "--jobs", "2")
    assert cuts == [2] and len(made) == 1
    assert parts.exit_code == whole.exit_code == 0 and parts.stderr == whole.stderr
    assert tree(tmp_path / "two") == {"crawl.jsonl"}  # the first part file removed
    assert (tmp_path / "two" / "crawl.jsonl").read_bytes() == (tmp_path / "one" / "crawl.jsonl").read_bytes()
