"""Issue 14, what a new user trips over: errors the same in every command, signals, closed pipes,
mistakes that are named instead of silently taken, one vocabulary of options.

Process behaviour (Ctrl-C, a reader that goes away) is tested with real processes, signals and pipes.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT, slow_driver
from newsparse.cli import cli
from test_batch import page, summary, write
from test_batch_faults import STUCK_DRIVER

SEED = FIXTURES / "rferl-biden-zelenskiy-call.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
STOPPING = "newsparse batch: stopping after the pages under way (Ctrl-C again to stop at once)"


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(map(str, args)), input=input)


def popen(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsparse", *map(str, args)], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def line_within(stream, seconds: float) -> bytes:
    """The next line of STREAM if it comes within SECONDS, else b""."""
    ready, _, _ = select.select([stream], [], [], seconds)
    return stream.readline() if ready else b""


# --- Ctrl-C ---------------------------------------------------------------------------------------

def reading_stdin(pid: int) -> bool:
    """PID is blocked in read(0, ...) (Linux x86-64: syscall 0 on descriptor 0)."""
    try:
        return open(f"/proc/{pid}/syscall").read().startswith("0 0x0 ")
    except OSError:
        return False


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/syscall") or os.uname().machine != "x86_64",
                    reason="tells that the process waits on stdin from Linux x86-64's /proc/PID/syscall")
def test_ctrl_c_while_parse_reads_stdin_exits_130_without_aborted():
    proc = popen("parse", "-", stdin=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not reading_stdin(proc.pid):  # started up, and waiting for the page
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out, err) == (130, b"", b"")


def test_first_ctrl_c_of_a_batch_says_stopping_at_once(tmp_path):
    write(tmp_path / "in", "000-stuck.html")  # holds its worker for minutes: the run cannot end by itself
    for i in range(1, 40):
        write(tmp_path / "in", f"{i:03d}.html")
    proc = subprocess.Popen([sys.executable, "-c", STUCK_DRIVER, "batch", "in", "-o", "out", "--jobs", "2",
                             "--timeout", "0"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=ENV, start_new_session=True)
    deadline = time.monotonic() + 60
    while not ((tmp_path / "out").is_dir() and len(os.listdir(tmp_path / "out")) >= 3):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    assert line_within(proc.stderr, 5).decode().rstrip("\n") == STOPPING
    assert proc.poll() is None  # said while the page under way still holds the run
    os.killpg(proc.pid, signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert rest.decode().splitlines()[-1].startswith("newsparse batch: interrupted after ")


# --- a reader that goes away ----------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_jsonl_into_head_ends_quietly(tmp_path, jobs):
    for i in range(400):  # far more than a pipe holds
        write(tmp_path / "in", f"{i:03d}.html", page(f"page {i} " + "x" * 200))
    proc = popen("batch", "in", "-f", "jsonl", "--jobs", jobs, cwd=tmp_path)
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does once it has its line
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert json.loads(first)["source"] == "in/000.html"
    assert (proc.returncode, err) == (141, b"")


def test_summary_into_a_closed_pipe_ends_quietly(tmp_path):
    for i in range(300):
        write(tmp_path / "in", f"{i:03d}.html", page(f"page {i} " + "y" * 300))
    proc = popen("summary", "in", "-f", "json", "--jobs", "2", cwd=tmp_path)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert (proc.returncode, err) == (141, b"")


# --- errors the same in every command -------------------------------------------------------------

def test_unwritable_outdir_stops_once_with_one_line(tmp_path, monkeypatch):
    for i in range(5):
        write(tmp_path / "in", f"{i}.html")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    real_open = os.open

    def refusing(path, *args, **kwargs):  # the tests run as root, whom chmod does not stop
        if os.path.dirname(os.fspath(path)) == "out" and os.fspath(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    result = invoke("batch", "in", "-o", "out", "--jobs", 1)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "newsparse: out: cannot write in this folder (Permission denied)\n"
    assert os.listdir("out") == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in any folder")
def test_unwritable_outdir_for_real(tmp_path):
    write(tmp_path / "in", "a.html")
    (tmp_path / "out").mkdir(mode=0o555)
    result = popen("batch", "in", "-o", "out", cwd=tmp_path)
    _, err = result.communicate(timeout=60)
    assert (result.returncode, err) == (1, b"newsparse: out: cannot write in this folder (Permission denied)\n")


def test_one_page_is_one_page(tmp_path, monkeypatch):
    write(tmp_path / "in", "a.html")
    monkeypatch.chdir(tmp_path)
    result = invoke("batch", "in", "-o", "out", "--jobs", 1)
    assert (result.exit_code, result.stderr) == (0, "newsparse batch: 1 page: 1 parsed (0 without an article), "
                                                    "0 skipped, 0 failed\n")
    assert summary(1) == result.stderr


@pytest.mark.parametrize("command", [["parse"], ["summary"], ["batch", "-f", "jsonl"], ["batch", "-o", "out"]])
def test_a_folder_named_like_a_page_is_one_line_and_exit_1(tmp_path, monkeypatch, command):
    (tmp_path / "x.html").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke(*command, "x.html")
    reason = "is a directory" if command == ["parse"] else "no page files in this folder"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == f"newsparse: x.html: {reason}"
    if command[0] == "batch":
        assert result.stderr.splitlines()[1:] == [
            "newsparse batch: 1 page: 0 parsed (0 without an article), 0 skipped, 1 failed"]
    else:
        assert len(result.stderr.splitlines()) == 1


# --- a text that is not a page ---------------------------------------------------------------------

ROBOTS = "User-agent: *\nDisallow: /search\nDisallow: /admin/\n\nSitemap: https://www.example.org/sitemap.xml\n"


def test_robots_txt_is_no_article(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "robots.txt").write_text(ROBOTS)
    monkeypatch.chdir(tmp_path)
    data = json.loads(invoke("parse", "in/robots.txt", "-f", "json").stdout)
    assert (data["page_type"], data["headline"], data["body"], data["blocks"]) == ("unknown", None, [], [])
    result = invoke("batch", "in", "-f", "jsonl", "--jobs", 1)
    assert (result.exit_code, result.stderr) == (
        0, "newsparse batch: 1 page: 1 parsed (1 without an article), 0 skipped, 0 failed\n")
    row = json.loads(invoke("summary", "in", "-f", "json").stdout)
    assert (row["source"], row["status"], row["words"]) == ("in/robots.txt", "no article", 0)


# --- mistakes named, not silently taken ------------------------------------------------------------

def test_url_that_is_not_an_address_is_a_usage_error():
    result = invoke("parse", SEED, "--url", "not a url")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for '--url': 'not a url' is not an http(s) "
                                              "address such as https://www.rferl.org/a/123.html")
    assert invoke("parse", SEED, "--url", "https://www.rferl.org/a/1.html").exit_code == 0


def test_indent_with_text_output_is_a_warning():
    result = invoke("parse", SEED, "--indent", 2)
    assert result.exit_code == 0
    assert result.stderr == "newsparse: warning: --indent is for -f json; the text output is not indented\n"
    assert result.stdout == invoke("parse", SEED).stdout


def test_output_named_for_another_format_is_a_warning(tmp_path):
    out = tmp_path / "x.json"
    result = invoke("parse", SEED, "-o", out)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"newsparse: warning: {out} is written as text (-f text); give -f json for json\n"
    assert out.read_text() == invoke("parse", SEED).stdout
    quiet = invoke("parse", SEED, "-f", "json", "-o", tmp_path / "y.json")
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_output_dash_is_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("parse", SEED, "-f", "json", "-o", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == invoke("parse", SEED, "-f", "json").stdout
    assert os.listdir(tmp_path) == []  # no file named -


@pytest.mark.parametrize("glob", ["html", ".html"])
def test_glob_written_as_an_extension_is_taken_as_one(tmp_path, monkeypatch, glob):
    write(tmp_path / "in", "a.html")
    write(tmp_path / "in", "b.htm")
    monkeypatch.chdir(tmp_path)
    result = invoke("batch", "in", "-f", "jsonl", "--glob", glob, "--jobs", 1)
    assert result.exit_code == 0
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["in/a.html"]
    assert result.stderr == (f"newsparse: warning: --glob {glob} is taken as *.html (a pattern matches whole "
                             "file names)\n" + summary(1))
    exact = invoke("batch", "in", "-f", "jsonl", "--glob", "b.htm", "--jobs", 1)  # a name stays a name
    assert [json.loads(line)["source"] for line in exact.stdout.splitlines()] == ["in/b.htm"]


# --- help ------------------------------------------------------------------------------------------

def test_top_level_help_shows_whole_command_descriptions():
    result = invoke("--help")
    commands = result.stdout.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in commands] == ["batch", "parse", "summary"]
    assert not any(line.endswith("...") for line in commands)
    assert "at least as new" in invoke("batch", "--help").stdout


# Every page takes 50 ms, and the first one parsed leaves a file `started`: the run is under way.
MARKING_DRIVER = slow_driver("newsparse.api", mark="started")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_a_summary_with_130_and_no_traceback(tmp_path, jobs):
    for i in range(200):
        write(tmp_path / "in", f"{i:03d}.html")
    proc = subprocess.Popen([sys.executable, "-c", MARKING_DRIVER, "summary", "in", "--jobs", jobs], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (tmp_path / "started").exists():
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, b"", b"")


def test_batch_output_dash_is_stdout_or_a_usage_error(tmp_path, monkeypatch):
    write(tmp_path / "in", "a.html")
    monkeypatch.chdir(tmp_path)
    lines = invoke("batch", "in", "-f", "jsonl", "-o", "-", "--jobs", 1)
    assert lines.exit_code == 0 and json.loads(lines.stdout)["source"] == "in/a.html"
    files = invoke("batch", "in", "-f", "json", "-o", "-")
    assert files.exit_code == 2 and files.stderr.splitlines()[-1] == (
        "Error: -o - is stdout, for -f jsonl or csv; --format json writes one file per page into -o OUTDIR")
    assert sorted(os.listdir(tmp_path)) == ["in"]  # no folder named -


def test_output_named_md_while_writing_json_is_a_warning(tmp_path):
    out = tmp_path / "x.md"
    result = invoke("parse", SEED, "-f", "json", "-o", out)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"newsparse: warning: {out} is written as json (-f json); give -f markdown for markdown\n"
    quiet = invoke("parse", SEED, "-f", "markdown", "-o", tmp_path / "y.md")
    assert (quiet.exit_code, quiet.stderr) == (0, "")
