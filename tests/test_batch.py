"""`newsparse batch`: mirrored names, JSON Lines in order, resume, bad files, timeouts, Ctrl-C.

Pages are generated in tmp dirs (headline = the page's name, so every output
can be traced to its input); the seed fixture stands in for a real text dump.
Tests run as root, where chmod 000 does not stop a read: the unreadable file
is simulated by making open() raise PermissionError for that one path.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, refuse_locked_files, run_on_terminal, slow_driver
from newsparse import api, batch
from newsparse.cli import cli
from newsparse.render import to_text

SEED = FIXTURES / "rferl-biden-zelenskiy-call.txt"
SEED_HEADLINE = "Biden, Zelenskiy To Speak By Phone As U.S. Prepares For Series Of Talks With Russia"
BODY = "<p>A paragraph of the story, long enough for any extractor to keep it as body text.</p>"


def page(title: str, body: str = BODY) -> bytes:
    return f"<html lang=en><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}" \
           f"</article></body></html>".encode()


def write(root: pathlib.Path, rel: str, data: bytes = b"") -> pathlib.Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data or page(rel))
    return path


def tree(root: pathlib.Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def invoke(*args, input=None):
    return CliRunner().invoke(cli, ["batch", *map(str, args)], input=input)


def summary(parsed, skipped=0, failed=0, no_article=0):
    total = parsed + skipped + failed
    return (f"newsparse batch: {total} page{'' if total == 1 else 's'}: {parsed} parsed ({no_article} without an article), "
            f"{skipped} skipped, {failed} failed\n")


@pytest.fixture
def pages(tmp_path, monkeypatch):
    """A folder of good pages, with the working directory beside it so sources read `in/...`."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    write(root, "a/b/page.html")
    write(root, "a/x.html")
    write(root, "a/x.htm")
    write(root, "c/zipped.html.gz", gzip.compress(page("c/zipped.html.gz")))
    write(root, "c/saved.mhtml", b"MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n" + page("c/saved.mhtml"))
    write(root, "seed.txt", SEED.read_bytes())
    write(root, "notes.md", b"# not a page by name")
    return root


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("name, stem", [
    ("page.html", "page"), ("page.HTM", "page"), ("page.html.gz", "page"), ("page.gz", "page"),
    ("page.php", "page.php"), ("page.tar.gz", "page.tar"), (".html", ".html"), ("a.b.txt", "a.b"),
])
def test_page_stem(name, stem):
    assert batch.page_stem(name) == stem


@pytest.mark.parametrize("given, mirrored", [
    ("a/b.html", "a/b.html"), ("./a/./b.html", "a/b.html"), ("/abs/a/b.html", "abs/a/b.html"),
    ("../up/b.html", "up/b.html"), ("a/../../../b.html", "b.html"),
])
def test_mirror_path_never_climbs(given, mirrored):
    assert batch.mirror_path(given) == mirrored


def test_shared_stems():
    assert batch.shared_stems(["x.html", "x.htm", "y.html", "y.css", "z", "z.txt.gz", "z.txt"]) == {"x", "z"}


@settings(derandomize=True, deadline=None, database=None)  # the same examples on every run: CI is repeatable
@given(st.lists(st.text(alphabet="ab./~", min_size=1, max_size=10), max_size=25))
def test_outputs_stay_in_outdir_and_never_repeat(paths):
    names = batch.OutputNames("/out", ".json")
    given_out: dict[str, str] = {}
    for path in paths:
        rel = batch.mirror_path(path)
        out = names.claim(batch.Source(path, rel, batch.output_base(rel, set())))
        if out is None:
            # only a file listed again (however spelled) is left out
            assert os.path.realpath(path) in {os.path.realpath(p) for p in given_out}
            continue
        assert os.path.normpath(out).startswith("/out/") and out.endswith(".json")
        assert out not in given_out.values()
        given_out[path] = out


def test_outputs_mirror_inputs(pages):
    result = invoke("in", "-o", "out")
    assert result.exit_code == 0, result.output
    assert tree(pages.parent / "out") == {"a/b/page.json", "a/x.html.json", "a/x.htm.json", "c/zipped.json",
                                          "c/saved.json", "seed.json"}
    assert result.stdout == ""
    assert result.stderr == summary(6)
    for rel, src in [("a/b/page.json", "in/a/b/page.html"), ("a/x.htm.json", "in/a/x.htm"),
                     ("c/zipped.json", "in/c/zipped.html.gz")]:
        text = (pages.parent / "out" / rel).read_text()
        data = json.loads(text)
        assert text.startswith('{"source": ') and data["source"] == src
        assert data["headline"] == src.removeprefix("in/")
    assert json.loads((pages.parent / "out/seed.json").read_text())["headline"] == SEED_HEADLINE


def test_text_format_and_glob(pages):
    result = invoke("in", "-o", "out", "-f", "text", "--glob", "*.TXT", "--glob", "a/*.htm")
    assert result.exit_code == 0, result.output
    assert tree(pages.parent / "out") == {"seed.txt", "a/x.htm.txt"}
    assert (pages.parent / "out/seed.txt").read_text() == to_text(api.parse(SEED.read_bytes()))


def test_same_names_from_two_folders_and_a_repeated_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "one", "a.html")
    write(tmp_path / "two", "a.html")
    result = invoke("one", "two", "one/a.html", "-o", "out")
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "out") == {"a.json", "a.html.json", "one/a.json"}
    assert json.loads((tmp_path / "out/a.html.json").read_text())["source"] == "two/a.html"
    result = invoke("one/a.html", "one/a.html", "-o", "out2")
    assert result.stderr == summary(1, skipped=1)


def test_outdir_inside_input_is_not_walked(pages):
    for _ in range(2):  # text outputs end in .txt: a second walk would pick them up if it entered in/out
        result = invoke("in", "-o", "in/out", "-f", "text")
        assert result.exit_code == 0 and result.stderr == summary(6)
    assert {p for p in tree(pages) if p.startswith("out/")} == {
        "out/a/b/page.txt", "out/a/x.html.txt", "out/a/x.htm.txt", "out/c/zipped.txt", "out/c/saved.txt",
        "out/seed.txt"}


def test_symlinked_folder_is_not_followed(pages, tmp_path):
    write(tmp_path / "elsewhere", "outside.html")
    (pages / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = invoke("in", "-o", "out")
    assert result.exit_code == 0
    assert not any(p.startswith("link") for p in tree(tmp_path / "out"))


def test_symlink_in_outdir_cannot_carry_output_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in", "a/p.html")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/a").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = invoke("in", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == \
        "newsparse: in/a/p.html: its output out/a/p.json would leave OUTDIR (symbolic link)"
    assert not (tmp_path / "elsewhere").exists()


# ---------------------------------------------------------------- jsonl


def jsonl_sources(text: str) -> list[str]:
    records = [json.loads(line) for line in text.splitlines()]
    assert all(next(iter(r)) == "source" for r in records)
    return [r["source"] for r in records]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_in_input_order(pages, jobs):
    for i in range(40):
        write(pages, f"many/{i:03d}.html")
    result = invoke("in", "-f", "jsonl", "--jobs", jobs, *(["-o", "-"] if jobs == "2" else []))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")
    assert jsonl_sources(result.stdout) == ["in/a/b/page.html", "in/a/x.htm", "in/a/x.html",
                                            "in/c/saved.mhtml", "in/c/zipped.html.gz"] + \
        [f"in/many/{i:03d}.html" for i in range(40)] + ["in/seed.txt"]


def test_jsonl_to_file_leaves_out_failures(pages):
    write(pages, "a/bad.html", b"\x00\x01\x02" * 10)
    result = invoke("in", "-f", "jsonl", "-o", "all.jsonl", "--errors", "failed.jsonl")
    assert result.exit_code == 1 and result.stdout == ""
    lines = (pages.parent / "all.jsonl").read_text()
    assert jsonl_sources(lines) == ["in/a/b/page.html", "in/a/x.htm", "in/a/x.html", "in/c/saved.mhtml",
                                    "in/c/zipped.html.gz", "in/seed.txt"]
    assert (pages.parent / "failed.jsonl").read_text() == \
        '{"source": "in/a/bad.html", "error": "not a web page: binary data (contains NUL bytes)"}\n'


# ---------------------------------------------------------------- resume


def test_skip_existing_does_no_work_the_second_time(pages, monkeypatch):
    assert invoke("in", "-o", "out").exit_code == 0
    out = pages.parent / "out"
    before = {p: (out / p).stat().st_mtime_ns for p in tree(out)}

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    with monkeypatch.context() as patch:
        patch.setattr(api, "parse", must_not_parse)
        result = invoke("in", "-o", "out", "--skip-existing")
    assert result.exit_code == 0 and result.stderr == summary(0, skipped=6)
    assert {p: (out / p).stat().st_mtime_ns for p in tree(out)} == before
    later = time.time() + 10
    os.utime(pages / "a/x.htm", (later, later))  # edited since: parsed again, and only it
    result = invoke("in", "-o", "out", "--skip-existing", "--jobs", "2")
    assert result.stderr == summary(1, skipped=5)
    assert (out / "a/x.htm.json").stat().st_mtime_ns != before["a/x.htm.json"]


# ---------------------------------------------------------------- bad files


@pytest.fixture
def bad_pages(pages, monkeypatch):
    write(pages, "bad/empty.html", b"")
    (pages / "bad/empty.html").write_bytes(b"")
    write(pages, "bad/binary.html", bytes(range(256)) * 8)
    write(pages, "bad/locked.html")
    (pages / "bad/broken.html").symlink_to(pages / "bad/gone.html")
    os.mkfifo(pages / "bad/fifo.html")
    write(pages, "bad/good.html")
    refuse_locked_files(monkeypatch)
    return pages


BAD_REPORT = [
    "newsparse: in/bad/binary.html: not a web page: binary data (contains NUL bytes)",
    "newsparse: in/bad/broken.html: broken symbolic link",
    "newsparse: in/bad/empty.html: empty file",
    "newsparse: in/bad/fifo.html: not a regular file",
    "newsparse: in/bad/locked.html: permission denied",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_files_are_reported_and_the_rest_goes_on(bad_pages, jobs):
    result = invoke("in", "-o", "out", "--jobs", jobs, "--errors", "failed.jsonl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == BAD_REPORT + [summary(7, failed=5).rstrip("\n")]
    outputs = tree(bad_pages.parent / "out")
    assert "bad/good.json" in outputs and not {p for p in outputs if p.startswith("bad/") and p != "bad/good.json"}
    errors = [json.loads(x) for x in (bad_pages.parent / "failed.jsonl").read_text().splitlines()]
    assert [f"newsparse: {e['source']}: {e['error']}" for e in errors] == BAD_REPORT
    assert (bad_pages / "bad/empty.html").read_bytes() == b""  # inputs untouched


def test_file_vanishing_mid_run(pages, monkeypatch):
    real_parse = api.parse

    def parse_then_delete(data, **kwargs):
        (pages / "seed.txt").unlink(missing_ok=True)  # listed by the walk, gone before it is read
        return real_parse(data, **kwargs)

    monkeypatch.setattr(api, "parse", parse_then_delete)
    result = invoke("in", "-o", "out", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == "newsparse: in/seed.txt: no such file\n" + summary(5, failed=1)


def test_stdin_list_with_missing_and_climbing_paths(pages, monkeypatch):
    monkeypatch.chdir(pages / "a")
    listing = "x.html\n../c/zipped.html.gz\n\nmissing.html\n" + str(pages / "seed.txt") + "\n"
    result = invoke("-", "-o", "../../out", input=listing)
    assert result.exit_code == 1
    assert result.stderr == "newsparse: missing.html: no such file\n" + summary(3, failed=1)
    # x.html has a sibling x.htm on disk, so it keeps its whole name, listed or not
    assert tree(pages.parent / "out") == {"x.html.json", "c/zipped.json",
                                          str(pages / "seed.json").lstrip("/")}


def test_output_that_would_replace_its_input_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    result = invoke("-", "-o", ".", "-f", "text", input="seed.txt\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == \
        "newsparse: seed.txt: its output ./seed.txt is the input itself; not overwritten"
    assert (tmp_path / "seed.txt").read_bytes() == SEED.read_bytes()


# ---------------------------------------------------------------- usage


@pytest.mark.parametrize("args, message", [
    (["in"], "--format json writes one file per page: give the folder with -o OUTDIR"),
    (["in", "-f", "jsonl", "--skip-existing"], "--skip-existing works with one file per page"),
    (["in", "-o", "in"], "in is both an input and the output folder"),
    (["in", "-o", "in/seed.txt"], "OUTDIR in/seed.txt exists and is not a folder"),
    (["in/seed.txt", "-f", "jsonl", "-o", "in/seed.txt"], "in/seed.txt is both an input and an output file"),
    (["in", "-f", "jsonl", "-o", "in"], "in is a folder; give a file"),
    (["in", "-f", "jsonl", "-o", "x.jsonl", "--errors", "./x.jsonl"], "-o and --errors name the same file"),
    (["in", "-o", "out", "--jobs", "0"], "Invalid value for '-j' / '--jobs'"),
])
def test_usage_errors_exit_2(pages, args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (pages / "seed.txt").read_bytes() == SEED.read_bytes()


# ---------------------------------------------------------------- timeouts and dead workers


@pytest.fixture
def slow_page(pages, monkeypatch):
    write(pages, "a/slow.html", page("SLOW"))
    real_parse = api.parse

    def parse(data, **kwargs):
        if b"SLOW" in data:
            time.sleep(120)  # far past the timeout: the test only ends quickly if the page is stopped
        return real_parse(data, **kwargs)

    monkeypatch.setattr(api, "parse", parse)
    return pages


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_slow_page_is_stopped_and_the_run_goes_on(slow_page, jobs):
    result = invoke("in", "-o", "out", "--jobs", jobs, "--timeout", "0.5")
    assert result.exit_code == 1
    assert result.stderr == "newsparse: in/a/slow.html: took longer than 0.5 s; stopped\n" + summary(6, failed=1)
    assert len(tree(slow_page.parent / "out")) == 6
    assert not [p for p in tree(slow_page.parent / "out") if p.endswith(".tmp")]


def test_dying_worker_is_replaced(pages, monkeypatch):
    write(pages, "a/crash.html", page("CRASH"))
    real_parse = api.parse

    def parse(data, **kwargs):
        if b"CRASH" in data:
            os._exit(3)
        return real_parse(data, **kwargs)

    monkeypatch.setattr(api, "parse", parse)
    result = invoke("in", "-f", "jsonl", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr == "newsparse: in/a/crash.html: worker process died (exit code 3)\n" + \
        summary(6, failed=1)
    assert len(jsonl_sources(result.stdout)) == 6


@pytest.fixture
def chunks_sent(monkeypatch):
    """Every chunk the pool hands to a worker, as lists of page indexes (recorded in this process)."""
    sent: list[list[int]] = []
    real_send = batch.Worker.send

    def send(self, chunk):
        sent.append([index for index, _ in chunk])
        return real_send(self, chunk)

    monkeypatch.setattr(batch.Worker, "send", send)
    return sent


def many_pages(tmp_path, monkeypatch, count: int) -> list[str]:
    monkeypatch.chdir(tmp_path)
    for i in range(count):
        write(tmp_path / "in", f"{i:03d}.html")
    return [f"in/{i:03d}.html" for i in range(count)]


@pytest.mark.parametrize("trouble, reason", [("hang", "took longer than 1 s; stopped"),
                                             ("die", "worker process died (exit code 3)")])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_trouble_in_the_middle_of_a_chunk(tmp_path, monkeypatch, chunks_sent, trouble, reason, fmt):
    sources = many_pages(tmp_path, monkeypatch, 60)
    bad = 20  # chunks hold 1, 2, 4, 8, 16 pages: page 20 is in the middle of pages 15-30
    real_parse = api.parse

    def parse(data, **kwargs):
        if b"<h1>020.html<" in data:
            if trouble == "hang":
                time.sleep(120)  # the test ends quickly only if the page is stopped
            os._exit(3)
        return real_parse(data, **kwargs)

    monkeypatch.setattr(api, "parse", parse)
    target = ["-o", "out"] if fmt == "json" else ["-o", "all.jsonl"]
    result = invoke("in", "-f", fmt, "--jobs", "2", "--timeout", "1", *target)
    assert result.exit_code == 1
    assert result.stderr == f"newsparse: in/{bad:03d}.html: {reason}\n" + summary(59, failed=1)
    chunk = next(c for c in chunks_sent if bad in c)
    assert chunk[0] < bad < chunk[-1]  # pages before and after it in its chunk
    assert sum(bad in c for c in chunks_sent) == 1  # failed, never sent again
    sent_later = [i for c in chunks_sent[chunks_sent.index(chunk) + 1:] for i in c]
    assert all(i in sent_later for i in chunk if i != bad)  # the others of its chunk are sent again
    good = [s for i, s in enumerate(sources) if i != bad]
    if fmt == "jsonl":
        assert jsonl_sources((tmp_path / "all.jsonl").read_text()) == good  # each once, in order
    else:
        out = tmp_path / "out"
        assert tree(out) == {f"{i:03d}.json" for i in range(60) if i != bad}  # no temporary file
        assert all(json.loads((out / f"{i:03d}.json").read_text())["source"] == f"in/{i:03d}.html"
                   for i in range(60) if i != bad)


def test_slots_pair_a_page_with_its_start(monkeypatch):
    slots = batch.Slots(2)
    assert slots.get(0) == (batch.IDLE, slots.get(0)[1]) and slots.get(1)[0] == batch.IDLE
    monkeypatch.setattr(time, "monotonic_ns", lambda: 12345)
    slots.set(1, 7)
    assert slots.get(1) == (7, 12345) and slots.get(0)[0] == batch.IDLE
    slots.values[3] += 1  # slot 1 caught mid-write (seq odd), as a worker killed there leaves it
    assert slots.get(1) == (batch.IDLE, 0)
    slots.reset(1)  # for the worker that replaces it
    slots.set(1, 8)
    assert slots.get(1) == (8, 12345)


# ---------------------------------------------------------------- real processes


def test_subprocess_run_and_exit_codes(pages):
    run = [sys.executable, "-m", "newsparse", "batch"]
    ok = subprocess.run(run + ["in", "-o", "out", "-q"], capture_output=True, text=True, cwd=pages.parent, check=False)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")
    assert len(tree(pages.parent / "out")) == 6
    write(pages, "z/empty.html", b"")
    (pages / "z/empty.html").write_bytes(b"")
    bad = subprocess.run(run + ["in", "-o", "out"], capture_output=True, text=True, cwd=pages.parent, check=False)
    assert (bad.returncode, bad.stderr) == (1, "newsparse: in/z/empty.html: empty file\n" + summary(6, failed=1))
    usage = subprocess.run(run + ["in"], capture_output=True, text=True, cwd=pages.parent, check=False)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fifo_named_directly_is_refused_without_waiting(tmp_path, jobs):
    os.mkfifo(tmp_path / "pipe.html")
    write(tmp_path, "good.html")
    proc = subprocess.run([sys.executable, "-m", "newsparse", "batch", "pipe.html", "good.html", "-o", "out",
                           "--jobs", jobs], capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False)
    assert (proc.returncode, proc.stderr) == (1, "newsparse: pipe.html: not a regular file\n" + summary(1, failed=1))
    assert tree(tmp_path / "out") == {"good.json"}


def test_rich_is_imported_only_for_the_bar(pages):
    probe = "import sys; from newsparse.cli import main; sys.argv[0] = 'newsparse'\n" \
            "try:\n    main()\nfinally:\n    print('rich' in sys.modules, file=sys.stderr)"
    proc = subprocess.run([sys.executable, "-c", probe, "batch", "in", "-o", "out", "--jobs", "1"],
                          capture_output=True, text=True, cwd=pages.parent, check=False)
    assert proc.returncode == 0
    assert proc.stderr == summary(6) + "False\n"


# Runs `newsparse batch` with every page taking 50 ms, so Ctrl-C lands mid-run.
SLOW_DRIVER = slow_driver("newsparse.api")


@pytest.mark.parametrize("jobs, fmt, sig", [("1", "json", "INT"), ("2", "json", "INT"), ("2", "jsonl", "INT"),
                                            ("2", "json", "TERM")])
def test_ctrl_c_leaves_no_partial_files(tmp_path, jobs, fmt, sig):
    for i in range(300):
        write(tmp_path / "in", f"{i // 50}/{i:03d}.html")
    out = tmp_path / "out"
    target = ["-o", str(out)] if fmt == "json" else ["-o", str(tmp_path / "all.jsonl")]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "batch", "in", "-f", fmt, "--jobs", jobs, *target],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    written = (lambda: sum(p.endswith(".json") for p in tree(out))) if fmt == "json" else \
        (lambda: (tmp_path / "all.jsonl").exists() and (tmp_path / "all.jsonl").read_text().count("\n"))
    while not written() >= 5 and proc.poll() is None:
        time.sleep(0.02)
    if sig == "INT":
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground group gets it
    else:
        os.kill(proc.pid, signal.SIGTERM)  # what `kill` or a scheduler does: the main process only
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    report = stderr.splitlines()[-1]
    assert report.startswith("newsparse batch: interrupted after ") and report.endswith(" 0 skipped, 0 failed")
    done = int(report.split("interrupted after ")[1].split(" pages")[0])
    assert done < 300
    if fmt == "json":  # workers may have written a page or two the report had not reached yet
        files = tree(out)
        assert not [p for p in files if not p.endswith(".json")]  # no temporary files left
        assert all(json.loads((out / p).read_text())["headline"] for p in files)
        assert 5 <= len(files) and done <= len(files)
    else:  # lines are written as pages are reported: exactly what was done
        assert 5 <= done == len(jsonl_sources((tmp_path / "all.jsonl").read_text()))
    assert tree(tmp_path / "in") == {f"{i // 50}/{i:03d}.html" for i in range(300)}


def run_on_a_terminal(cwd, *args) -> tuple[int, str]:
    """Run batch with stderr on a pseudo-terminal; return its exit code and what the terminal showed."""
    return run_on_terminal(["batch", *args], "stderr", env={**os.environ, "COLUMNS": "100"}, cwd=cwd)


def test_progress_bar_only_on_a_terminal_and_not_quiet(pages):
    code, shown = run_on_a_terminal(pages.parent, "in", "-o", "out")
    assert code == 0
    assert "pages/s" in shown and "/6" in shown
    assert shown.rstrip().endswith(summary(6).rstrip())
    code, shown = run_on_a_terminal(pages.parent, "in", "-o", "out2", "-q")
    assert (code, shown) == (0, "")
    result = invoke("in", "-o", "out3")  # CliRunner's stderr is not a terminal
    assert result.stderr == summary(6)


def test_corpus_pages(corpus, tmp_path):
    result = invoke(corpus, "-o", tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 0
    names = {p.name for p in corpus.iterdir() if p.suffix == ".html"}
    assert tree(tmp_path / "out") == {n.removesuffix(".html") + ".json" for n in names}


def test_same_file_spelled_two_ways_is_done_once(pages):
    result = invoke("in/seed.txt", "./in/seed.txt", "-o", "out")
    assert result.exit_code == 0, result.output
    assert tree(pages.parent / "out") == {"in/seed.json"}


@pytest.mark.parametrize("args", [
    ["-f", "jsonl", "-o", "in/seed.txt"],
    ["-f", "jsonl", "-o", "in/new.jsonl"],
    ["-o", "out", "--errors", "in/seed.txt"],
])
def test_files_written_during_the_run_never_inside_an_input_folder(pages, args):
    before = (pages / "seed.txt").read_bytes()
    result = invoke("in", *args)
    assert result.exit_code == 2
    assert "is inside the input folder in: write it elsewhere" in result.stderr
    assert (pages / "seed.txt").read_bytes() == before


def test_errors_to_stdout_dash_is_a_usage_error(pages):
    result = invoke("in", "-o", "out", "--errors", "-")
    assert result.exit_code == 2 and "--errors takes a file" in result.stderr
