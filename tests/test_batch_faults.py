"""`batch` (and `parse -o`) under faults: inputs never overwritten, devices and FIFOs, symbolic links,
odd names, deep trees, killed parents and workers, stale temporaries, Ctrl-C twice, full disks.

The process faults run real processes with real signals; a full disk is a /dev/full of the
test's own (mknod in tmp_path: a regression can never replace the machine's) or a small tmpfs
(skipped where mounting is not allowed). Pages are generated as in test_batch.
"""

from __future__ import annotations

import errno
import json
import os
import pathlib
import signal
import stat
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from newsparse import batch, files
from test_batch import SEED, SLOW_DRIVER, invoke, page, summary, tree, write

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def newsparse(*args, cwd, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsparse", *map(os.fsencode, map(str, args))], cwd=cwd,
                          capture_output=True, env=ENV, timeout=120, check=False, **kwargs)


def children(pid: int) -> set[int]:
    """The processes whose parent is PID (its workers), from /proc."""
    found = set()
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*/children"):
        found.update(int(p) for p in task.read_text().split())
    return found


def alive(pid: int) -> bool:
    """PID exists and is not a zombie."""
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@pytest.fixture
def full(tmp_path) -> pathlib.Path:
    """A device that is always full, like /dev/full (root only)."""
    path = tmp_path / "full"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("mknod needs root")
    return path


def wait_until(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# ---------------------------------------------------------------- 1. no output on another input


def test_output_on_a_later_input_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "x/a.html")
    later = write(tmp_path, "clean/x/a.json", b'{"a page": "kept as it was"}')
    result = invoke("x/a.html", "clean/x/a.json", "-o", "clean")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == \
        "newsparse: x/a.html: its output clean/x/a.json is another input of this run; not overwritten"
    assert later.read_bytes() == b'{"a page": "kept as it was"}'


def test_output_on_an_earlier_input_listed_on_stdin_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "x/a.txt", SEED.read_bytes())
    earlier = write(tmp_path, "clean/x/a.txt", SEED.read_bytes())
    result = invoke("-", "-o", "clean", "-f", "text", input="clean/x/a.txt\nx/a.txt\n")
    assert result.exit_code == 1
    assert "newsparse: x/a.txt: its output clean/x/a.txt is another input of this run; not overwritten" \
        in result.stderr
    assert earlier.read_bytes() == SEED.read_bytes()
    assert tree(tmp_path / "clean") == {"x/a.txt", "clean/x/a.txt"}


def test_walked_page_never_replaces_a_named_input_in_outdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a/c.html")
    named = write(tmp_path, "b/c.txt", SEED.read_bytes())
    result = invoke("a", "b/c.txt", "-o", "b", "-f", "text")
    assert result.exit_code == 1
    assert named.read_bytes() == SEED.read_bytes()


def test_hard_link_of_an_input_is_never_an_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/a.html")
    second = write(tmp_path, "in2/z.html")
    (tmp_path / "out").mkdir()
    os.link(second, tmp_path / "out" / "a.json")
    result = invoke("in", "in2", "-o", "out")
    assert result.exit_code == 1
    assert "its output out/a.json is another input of this run; not overwritten" in result.stderr
    assert second.read_bytes() == page("in2/z.html")


# ---------------------------------------------------------------- 2. parse -o: devices, FIFOs, links


def test_parse_output_to_a_device_writes_it_and_keeps_it_a_device(tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("mknod needs root")
    proc = newsparse("parse", SEED, "-o", null, cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["null"]  # no temporary file beside it


def test_parse_output_to_a_full_device_is_one_line(tmp_path, full):
    proc = newsparse("parse", SEED, "-o", full, cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, f"newsparse: {full}: cannot write (No space left on device)\n".encode())
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_parse_output_to_a_fifo_writes_into_it_or_refuses_without_a_reader(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = newsparse("parse", SEED, "-o", fifo, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == f"newsparse: {fifo}: cannot write (a FIFO that no process reads)\n".encode()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader now: the output fits the pipe's buffer
    try:
        proc = newsparse("parse", SEED, "-o", fifo, cwd=tmp_path)
        out = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert proc.returncode == 0
    assert out.decode().startswith("Biden, Zelenskiy To Speak By Phone")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_parse_output_through_a_symbolic_link_keeps_the_link(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    proc = newsparse("parse", SEED, "-o", "link.txt", cwd=tmp_path)
    assert proc.returncode == 0
    assert os.readlink(tmp_path / "link.txt") == "real.txt"
    assert (tmp_path / "real.txt").read_text().startswith("Biden, Zelenskiy")


@pytest.mark.parametrize("args", [["parse", SEED], ["summary", SEED], ["parse", SEED, "-f", "json"]])
def test_full_stdout_is_one_line(tmp_path, full, args):
    with open(full, "wb") as stdout:
        proc = subprocess.run([sys.executable, "-m", "newsparse", *map(str, args)], cwd=tmp_path, stdout=stdout,
                              stderr=subprocess.PIPE, env=ENV, timeout=120, check=False)
    assert (proc.returncode, proc.stderr) == (1, b"newsparse: <stdout>: cannot write (No space left on device)\n")


# ---------------------------------------------------------------- 3. symbolic links


def test_symlinks_in_a_walked_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    secret = write(tmp_path, "elsewhere/secret.txt", SEED.read_bytes())
    write(tmp_path, "in/ok.html")
    (tmp_path / "in/inside.html").symlink_to("ok.html")
    (tmp_path / "in/outside.html").symlink_to(secret)
    result = invoke("in", "-o", "out")
    assert result.exit_code == 0
    assert result.stderr == ("newsparse: in/outside.html: a symbolic link to a file outside in; not read "
                             "(--follow-symlinks reads it)\n" + summary(2, skipped=1))
    assert tree(tmp_path / "out") == {"ok.json", "inside.json"}
    errors = tmp_path / "failed.jsonl"
    result = invoke("in", "-o", "out2", "--errors", errors)
    assert result.exit_code == 0 and errors.read_text() == ""  # passed over, not failed
    result = invoke("in", "-o", "out3", "--follow-symlinks")
    assert result.exit_code == 0 and result.stderr == summary(3)
    assert tree(tmp_path / "out3") == {"ok.json", "inside.json", "outside.json"}
    result = invoke("in/outside.html", "-o", "out4")  # named: read as given
    assert result.exit_code == 0 and tree(tmp_path / "out4") == {"in/outside.json"}


# ---------------------------------------------------------------- 4, 11. odd names


def test_names_that_are_not_utf8_or_hold_a_newline(tmp_path):
    (tmp_path / "in").mkdir()
    for name in (b"caf\xe9.html", b"ok.html"):
        (tmp_path / "in" / os.fsdecode(name)).write_bytes(page("odd"))
    (tmp_path / "in" / os.fsdecode(b"bad\xff\n.html")).write_bytes(b"")
    for jobs in ("1", "2"):
        proc = newsparse("batch", "in", "-o", f"out{jobs}", "--jobs", jobs, "--errors", f"err{jobs}.jsonl",
                         cwd=tmp_path)
        assert proc.returncode == 1
        assert proc.stderr.decode("utf-8") == "newsparse: in/bad\\xff\\n.html: empty file\n" + summary(2, failed=1)
        assert sorted(os.listdir(tmp_path / f"out{jobs}")) == sorted([os.fsdecode(b"caf\xe9.json"), "ok.json"])
        record = json.loads((tmp_path / f"out{jobs}" / os.fsdecode(b"caf\xe9.json")).read_bytes().decode("utf-8"))
        assert record["source"] == "in/caf\\xe9.html"
        assert json.loads((tmp_path / f"err{jobs}.jsonl").read_bytes().decode("utf-8")) == \
            {"source": "in/bad\\xff\n.html", "error": "empty file"}
    proc = newsparse("summary", "in", "-f", "json", cwd=tmp_path)
    files_listed = [json.loads(line)["source"] for line in proc.stdout.decode("utf-8").splitlines()]
    assert files_listed == ["in/bad\\xff\n.html", "in/caf\\xe9.html", "in/ok.html"]
    assert proc.stderr.decode("utf-8") == "newsparse: in/bad\\xff\\n.html: empty file\n"
    listed = b"in/caf\xe9.html\nin/ok.html\n"
    proc = newsparse("batch", "-", "-f", "jsonl", cwd=tmp_path, input=listed)
    assert proc.returncode == 0
    assert [json.loads(line)["source"] for line in proc.stdout.decode("utf-8").splitlines()] == \
        ["in/caf\\xe9.html", "in/ok.html"]


def test_parse_error_names_escape_control_characters(tmp_path):
    (tmp_path / "a\nb\x1b.html").write_bytes(b"")
    proc = newsparse("parse", "a\nb\x1b.html", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, b"newsparse: a\\nb\\x1b.html: empty file\n")


def test_one_line_and_text_name():
    assert files.one_line("a\nb\r\tc\x1b[0m\x7f\x85\u2028") == "a\\nb\\r\\tc\\x1b[0m\\x7f\\x85\\u2028"
    assert files.text_name(os.fsdecode(b"caf\xe9")) == "caf\\xe9"
    assert files.text_name("café\n") == "café\n"


# ---------------------------------------------------------------- 5. deep folders


@pytest.fixture
def deep_tmp(tmp_path):
    """tmp_path, emptied after the test by rm -r: Python 3.11's shutil.rmtree (and so pytest's
    clean-up of old temporary folders, in every later session) fails on a 1,000-deep tree."""
    yield tmp_path
    subprocess.run(["rm", "-rf", str(tmp_path / "in"), str(tmp_path / "out")], check=True, timeout=120)


def test_a_thousand_deep_folder_is_walked_and_mirrored(deep_tmp, monkeypatch):
    tmp_path = deep_tmp
    monkeypatch.chdir(tmp_path)
    deep = pathlib.Path("in", *["d"] * 1000)
    files.make_folders(str(deep))  # os.makedirs would recurse 1,000 times
    (deep / "p.html").write_bytes(page("deep"))
    write(tmp_path, "in/top.html")
    result = invoke("in", "-o", "out", "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, summary(2))
    assert (tmp_path / "out" / deep.relative_to("in") / "p.json").is_file()
    assert [s.rel for s in batch.walk("in", batch.DEFAULT_GLOBS)] == [str(deep.relative_to("in") / "p.html"),
                                                                      "top.html"]


# ---------------------------------------------------------------- 10. names taken by folders, long names


def test_output_name_held_by_a_folder_takes_the_next_free_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/x.json/inner.html")
    write(tmp_path, "in2/x.html")
    result = invoke("in", "in2", "-o", "out")
    assert (result.exit_code, result.stderr) == (0, summary(2))
    assert tree(tmp_path / "out") == {"x.json/inner.json", "x.html.json"}
    (tmp_path / "stale").mkdir()
    (tmp_path / "stale/x.json").mkdir()  # a folder already in OUTDIR
    result = invoke("in2", "-o", "stale")
    assert (result.exit_code, tree(tmp_path / "stale")) == (0, {"x.html.json"})


def test_long_names_are_cut_deterministically(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stem = "é" * 123 + "abcde"  # 251 bytes: with .txt the input is 255, with .json the output 256
    write(tmp_path, f"in/{stem}.txt", SEED.read_bytes())
    for out in ("out", "out2"):
        result = invoke("in", "-o", out)
        assert (result.exit_code, result.stderr) == (0, summary(1))
    (name,) = os.listdir(tmp_path / "out")
    assert os.listdir(tmp_path / "out2") == [name] and len(os.fsencode(name)) <= 255
    assert name == batch.fit_name(stem + ".json") and name.startswith("é" * 120) and name.endswith(".json")
    assert batch.fit_name("short.json") == "short.json"


def test_memory_of_names_stays_flat_over_one_walk(tmp_path):
    names = batch.OutputNames(str(tmp_path / "out"), ".json", one_walk=True)
    for i in range(5000):
        rel = f"{i // 50:03d}/{i:05d}.html"
        assert names.claim(batch.Source(f"in/{rel}", rel, rel[:-5])) == str(tmp_path / "out" / rel[:-5]) + ".json"
    assert sum(len(claims) for claims in names.claimed.values()) <= 50 + 100 + 1
    several = batch.OutputNames(str(tmp_path / "out"), ".json")  # several inputs: every name is kept
    for i in range(200):
        several.claim(batch.Source(f"in/{i}.html", f"{i // 50}/{i}.html", f"{i // 50}/{i}"))
    assert several.claim(batch.Source("in2/0.html", "0/0.html", "0/0")) == str(tmp_path / "out/0/0.html.json")


# ---------------------------------------------------------------- 6, 7, 8. processes and signals


def test_kill_9_of_the_parent_at_jobs_2_leaves_no_worker(tmp_path):
    for i in range(200):
        write(tmp_path / "in", f"{i:03d}.html")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "batch", "in", "-o", "out", "--jobs", "2"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                            start_new_session=True)
    assert wait_until(lambda: len(tree(tmp_path / "out")) >= 4 if (tmp_path / "out").exists() else False)
    workers = children(proc.pid)
    assert len(workers) == 2
    proc.kill()
    proc.wait()
    assert wait_until(lambda: not any(alive(w) for w in workers), 60), "workers outlived their parent"


def test_stale_temporaries_are_removed_and_only_those(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/a/x.html")
    out = tmp_path / "out"
    (out / "a" / "deeper").mkdir(parents=True)
    dead = [out / ".newsparse-99999999-0.tmp", out / "a" / "deeper" / ".newsparse-99999999-7.tmp"]
    kept = [out / f".newsparse-{os.getpid()}-0.tmp", out / ".newsparse-x-1.tmp", out / "a" / "mine.tmp",
            out / ".newsparse-99999999-1.tmp.bak"]
    for path in dead + kept:
        path.write_text("partial")
    result = invoke("in", "-o", "out", "--skip-existing")
    assert result.exit_code == 0
    assert not any(p.exists() for p in dead) and all(p.exists() for p in kept)


def test_kill_9_then_resume_equals_a_clean_run(tmp_path):
    for i in range(120):
        write(tmp_path / "in", f"{i // 30}/{i:03d}.html")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "batch", "in", "-o", "out", "--jobs", "1"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    assert wait_until(lambda: (tmp_path / "out").exists() and len(tree(tmp_path / "out")) >= 10)
    proc.kill()
    proc.wait()
    (tmp_path / "out" / "0" / ".newsparse-99999999-3.tmp").write_text('{"half": ')  # as a kill leaves one
    assert newsparse("batch", "in", "-o", "out", "--skip-existing", "-q", cwd=tmp_path).returncode == 0
    assert newsparse("batch", "in", "-o", "clean", "-q", cwd=tmp_path).returncode == 0
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    assert all((tmp_path / "out" / p).read_bytes() == (tmp_path / "clean" / p).read_bytes()
               for p in tree(tmp_path / "clean"))


# A page named stuck*.html holds SIGINT and SIGTERM back for two minutes: what a long libxml2 call
# amounts to (Python's handlers run only when the C call returns); SIGKILL still ends it.
STUCK_DRIVER = """
import signal, sys, time
import newsparse.api as api
real = api.parse
def parse(data, **kwargs):
    if b"stuck" in data[:200]:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        time.sleep(120)
    time.sleep(0.01)
    return real(data, **kwargs)
api.parse = parse
from newsparse.cli import main
sys.argv[0] = "newsparse"
main()
"""


def test_double_ctrl_c_exits_130_at_once_with_a_worker_in_a_c_call(tmp_path):
    write(tmp_path / "in", "000-stuck.html")
    for i in range(1, 100):
        write(tmp_path / "in", f"{i:03d}.html")
    proc = subprocess.Popen([sys.executable, "-c", STUCK_DRIVER, "batch", "in", "-o", "out", "--jobs", "2",
                             "--timeout", "0"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=ENV, start_new_session=True)
    assert wait_until(lambda: (tmp_path / "out").exists() and len(tree(tmp_path / "out")) >= 3)
    workers = children(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.3)
    started = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert time.monotonic() - started < 15  # the stuck worker is killed, not waited for (it would take minutes)
    assert proc.returncode == 130
    assert stderr.decode().splitlines()[-1].startswith("newsparse batch: interrupted after ")
    assert "Traceback" not in stderr.decode()
    assert wait_until(lambda: not any(alive(w) for w in workers), 30)
    assert not [p for p in tree(tmp_path / "out") if not p.endswith(".json")]


# ---------------------------------------------------------------- 9. write errors and full disks


@pytest.mark.parametrize("args, shown", [
    (["-f", "jsonl", "-o", "FULL"], ""),
    (["-o", "out", "--errors", "FULL"], "newsparse: in/empty.html: empty file\n"),  # then its record fails
])
def test_full_device_for_jsonl_or_errors_is_one_line(tmp_path, full, args, shown):
    write(tmp_path, "in/a.html")
    (tmp_path / "in/empty.html").write_bytes(b"")
    proc = newsparse("batch", "in", *[str(full) if a == "FULL" else a for a in args], "-q", "--jobs", "1",
                     cwd=tmp_path)
    assert (proc.returncode, proc.stderr.decode()) == \
        (1, shown + f"newsparse: {full}: cannot write (No space left on device)\n")
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@pytest.fixture
def small_disk(tmp_path):
    """A 200 KB tmpfs (root only): a real full disk."""
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)], check=True,
                       capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False, timeout=30)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_full_disk_stops_the_run_with_one_line(tmp_path, small_disk, fmt):
    big = "<p>" + "A sentence of the story that takes room on the disk. " * 40 + "</p>"
    for i in range(200):
        write(tmp_path / "in", f"{i:03d}.html", page(f"{i:03d}", big * 2))
    target = ["-o", str(small_disk / "out")] if fmt == "json" else ["-f", "jsonl", "-o", str(small_disk / "all.jsonl")]
    proc = newsparse("batch", "in", *target, "--jobs", "1", cwd=tmp_path)
    lines = proc.stderr.decode().splitlines()
    assert proc.returncode == 1 and len(lines) == 1, lines
    assert "cannot write" in lines[0] and "(No space left on device)" in lines[0]
    if fmt == "json":
        done = {p for p in tree(small_disk / "out")}
        assert done and all(p.endswith(".json") for p in done)  # no temporary file left
        assert all(json.loads((small_disk / "out" / p).read_text())["headline"] for p in done)  # none cut short
    else:
        text = (small_disk / "all.jsonl").read_text()
        assert text.endswith("\n") and all(json.loads(line) for line in text.splitlines())


def test_write_failure_on_every_page_stops_at_the_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(5):
        write(tmp_path, f"in/{i}.html")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(files, "_write_all", full)
    result = invoke("in", "-o", "out", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == "newsparse: in/0.html: cannot write out/0.json (No space left on device); the run stops\n"
    assert tree(tmp_path / "out") == set()


def test_fsync_flushes_each_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/a.html")
    write(tmp_path, "in/b.html")
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    assert invoke("in", "-o", "out", "--jobs", "1").exit_code == 0 and synced == []
    assert invoke("in", "-o", "out2", "--jobs", "1", "--fsync").exit_code == 0 and len(synced) == 2
    assert all((tmp_path / "out2" / n).read_bytes() == (tmp_path / "out" / n).read_bytes() for n in ("a.json", "b.json"))
