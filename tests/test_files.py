"""newsparse.files: atomic writes (temporary names, modes, no file left behind) and reading page files."""

from __future__ import annotations

import os
import socket
import stat

import pytest

from newsparse import files
from newsparse.files import InputError, atomic_write, ordinary_mode, read_regular


def listing(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_file_gets_an_ordinary_mode_and_a_replaced_one_keeps_its_own(tmp_path):
    new = tmp_path / "sub" / "new.json"
    atomic_write(str(new), "é\n")
    assert new.read_bytes() == "é\n".encode() and mode_of(new) == 0o666 & ~current_umask()
    assert mode_of(new) == ordinary_mode()
    old = tmp_path / "old.json"
    old.write_text("before")
    old.chmod(0o640)
    atomic_write(str(old), b"after")
    assert old.read_bytes() == b"after" and mode_of(old) == 0o640
    atomic_write(str(old), "given", mode=0o604)  # a caller that looked already passes the mode
    assert old.read_text() == "given" and mode_of(old) == 0o604
    assert listing(tmp_path) == {"sub", "old.json"} and listing(tmp_path / "sub") == {"new.json"}


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_temporary_names_taken_by_others_are_passed_over(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_temp_names", iter(range(5)))
    stale = {f".newsparse-{os.getpid()}-{n}.tmp" for n in range(3)}  # left by an earlier process
    for name in stale:
        (tmp_path / name).write_text("someone else's")
    atomic_write(str(tmp_path / "page.json"), "mine")
    assert (tmp_path / "page.json").read_text() == "mine"
    assert listing(tmp_path) == stale | {"page.json"}
    assert all((tmp_path / name).read_text() == "someone else's" for name in stale)


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_no_temporary_file_is_left_after_an_error(tmp_path, monkeypatch, failure):
    (tmp_path / "page.json").write_text("earlier output")

    def fail(*args):
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(type(failure)):
        atomic_write(str(tmp_path / "page.json"), "new output")
    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(type(failure)):
        atomic_write(str(tmp_path / "other.json"), "new output")
    assert listing(tmp_path) == {"page.json"}
    assert (tmp_path / "page.json").read_text() == "earlier output"


def test_a_folder_removed_after_its_first_write_is_made_again(tmp_path):
    atomic_write(str(tmp_path / "a" / "b" / "one.json"), "1")
    (tmp_path / "a" / "b" / "one.json").unlink()
    (tmp_path / "a" / "b").rmdir()
    atomic_write(str(tmp_path / "a" / "b" / "two.json"), "2")
    assert listing(tmp_path / "a" / "b") == {"two.json"}


def test_read_regular_returns_the_bytes_and_the_stat_of_the_file_read(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>x</p>" * 10000)
    data, info = read_regular(str(page), 1000)
    assert data == page.read_bytes()[:1001]  # one byte over the limit tells the caller it is too large
    assert (info.st_dev, info.st_ino) == (os.stat(page).st_dev, os.stat(page).st_ino)
    assert read_regular(str(page), 10 ** 8)[0] == page.read_bytes()
    (tmp_path / "empty.html").write_bytes(b"")
    assert read_regular(str(tmp_path / "empty.html"), 100)[0] == b""


def test_read_regular_reads_on_after_a_short_read_until_the_size_or_the_end(tmp_path, monkeypatch):
    """A short read ends the reading only when it brings the total to the size fstat gave: a read
    cut short (by a signal, say) goes on, and so does a file whose stat tells no size."""
    page = tmp_path / "page.html"
    page.write_bytes(bytes(range(256)) * 40)
    real_read, calls = os.read, []

    def short_read(fd, n):
        calls.append(n)
        return real_read(fd, min(n, 1000))

    monkeypatch.setattr(os, "read", short_read)
    assert read_regular(str(page), 10 ** 6)[0] == page.read_bytes()
    assert len(calls) == 11  # 10 pieces of 1000 and a last one of 240 bytes, which is the size
    monkeypatch.setattr(os, "read", real_read)
    status = "/proc/self/status"  # a regular file whose st_size is 0
    if os.path.exists(status):
        assert os.stat(status).st_size == 0
        assert read_regular(status, 10 ** 6)[0].startswith(b"Name:")


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "fifo.html")  # opened without blocking: no writer is waited for
    (tmp_path / "folder.html").mkdir()
    (tmp_path / "broken.html").symlink_to(tmp_path / "gone.html")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "socket.html"))
        for name, reason in [("fifo.html", "not a regular file"), ("folder.html", "is a directory"),
                             ("socket.html", "not a regular file"), ("broken.html", "broken symbolic link"),
                             ("missing.html", "no such file"), ("/dev/null", "not a regular file")]:
            with pytest.raises(InputError) as caught:
                read_regular(str(tmp_path / name), 100)
            assert str(caught.value) == reason, name
