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

from conftest import FIXTURES, ROOT
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

def test_ctrl_c_while_parse_reads_stdin_exits_130_without_aborted():
    proc = popen("parse", "-", stdin=subprocess.PIPE)
    time.sleep(1.0)  # imported and waiting on stdin
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
    proc = popen("summary", "in", "--json", cwd=tmp_path)
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
