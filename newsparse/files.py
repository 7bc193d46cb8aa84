"""Reading inputs and writing outputs for the CLI: one-line reasons, atomic writes.

The library never touches files; this module is where the commands do.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Callable

from .errors import NewsparseError


class InputError(NewsparseError):
    """An input file could not be read."""


def read_input(path: str, max_bytes: int) -> bytes:
    """The bytes of PATH, or of stdin for "-"; InputError with a short reason otherwise."""
    if path == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file" if not os.path.islink(path) else "broken symbolic link") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(os.strerror(exc.errno) if exc.errno else str(exc)) from None


def parse_file(path: str, max_bytes: int, read: Callable[[str, int], bytes] = read_input,
               url: str | None = None):
    """Read and parse one input, for every command: any failure is a NewsparseError whose
    message is the one-line reason, an unexpected exception included ("internal error (...)";
    set NEWSPARSE_DEBUG to see its traceback instead)."""
    from . import api  # looked up at call time, so tests can stand in for api.parse

    try:
        return api.parse(read(path, max_bytes), url=url, max_bytes=max_bytes)
    except NewsparseError:
        raise
    except Exception as exc:
        if os.environ.get("NEWSPARSE_DEBUG"):
            raise
        raise NewsparseError(f"internal error ({type(exc).__name__}: {exc})") from exc


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode_for(path: str) -> int:
    """The mode of the file being replaced, else what a plain open() would give."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_current_umask()


def atomic_write(path: str, data: str | bytes) -> None:
    """Write to a temporary file beside PATH, then rename: never a half-written file."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".newsparse-", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; the result gets an ordinary file's mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise
        raise


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
