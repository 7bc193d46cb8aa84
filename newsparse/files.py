"""Reading inputs and writing outputs for the CLI: one-line reasons, atomic writes.

The library never touches files; this module is where the commands do.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import stat
import sys
from collections.abc import Callable

from .errors import NewsparseError


class InputError(NewsparseError):
    """An input file could not be read."""


# C0 and C1 controls, DEL and the Unicode line and paragraph separators: anything that would
# break a one-line report or move a terminal's cursor.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def text_name(path: str) -> str:
    """PATH as valid text: bytes of a name that are not UTF-8 (held as surrogates by os.fsdecode)
    become `\\xNN`, so JSON and reports stay UTF-8 (windows-1251 archives have such names)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def one_line(text: str) -> str:
    """TEXT safe for a one-line report: text_name, and control characters as `\\n`, `\\x1b`, `\\u2028`."""
    text = text_name(text)
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], text)


def _reason(path: str, exc: OSError) -> InputError:
    """The one-line reason for an input that could not be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file" if not os.path.islink(path) else "broken symbolic link")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory")
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    return InputError(os.strerror(exc.errno) if exc.errno else str(exc))


def read_input(path: str, max_bytes: int) -> bytes:
    """The bytes of PATH, or of stdin for "-"; InputError with a short reason otherwise."""
    if path == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise _reason(path, exc) from None


def read_regular(path: str, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Up to MAX_BYTES + 1 bytes of the regular file PATH, and its stat (the file that was read).

    Opened without blocking and checked after the open (one stat, and no window between
    the check and the open): a FIFO or a device is refused as "not a regular file" instead
    of waiting for a writer; a folder is "is a directory".
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        try:  # a socket gives ENXIO: name it as what it is
            irregular = exc.errno not in (errno.ENOENT, errno.EACCES) and not stat.S_ISREG(os.stat(path).st_mode)
        except OSError:
            irregular = False
        raise (InputError("not a regular file") if irregular else _reason(path, exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file")
        # One read of the whole file (st_size + 1 also sees its end), then until EOF or the limit:
        # never a buffer of MAX_BYTES for a small page, and a file that grew is still cut at the limit.
        # A short read that brings the total to the size fstat gave is the end: no read to see EOF.
        left = max_bytes + 1
        parts = []
        while left > 0:
            asked = min(left, max(info.st_size + 1, 1 << 16))
            part = os.read(fd, asked)
            if not part:
                break
            parts.append(part)
            left -= len(part)
            if len(part) < asked and max_bytes + 1 - left == info.st_size:
                break
        return (parts[0] if len(parts) == 1 else b"".join(parts)), info
    except OSError as exc:
        raise _reason(path, exc) from None
    finally:
        os.close(fd)


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


_umask: int | None = None


def ordinary_mode() -> int:
    """What a plain open() gives a new file: 0o666 less the umask (read once per process)."""
    global _umask
    if _umask is None:
        _umask = os.umask(0)
        os.umask(_umask)
    return 0o666 & ~_umask


_made_dirs: set[str] = set()  # folders this process has made or found: made once per folder
_temp_names = itertools.count()
TEMP_NAME = re.compile(r"\.newsparse-(\d+)-\d+\.tmp")  # what _create_temp names; nothing else is removed


def _create_temp(directory: str) -> tuple[int, str]:
    """A new file `.newsparse-PID-N.tmp` in DIRECTORY, made with an ordinary file's mode.

    The process id and a counter make the name unique among running writers (forked
    workers included); O_EXCL makes sure, and a name left by an earlier process that had
    the same id is passed over.
    """
    pid = os.getpid()
    while True:
        tmp = os.path.join(directory, f".newsparse-{pid}-{next(_temp_names)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), tmp
        except FileExistsError:
            continue


def check_writable(directory: str) -> None:
    """Create and remove one temporary file in DIRECTORY, as every output will be created: an
    OUTDIR that refuses it (permissions, a read-only disk) is one error before the run, not one
    a page. Raises InputError naming the reason."""
    try:
        fd, tmp = _create_temp(directory)
    except OSError as exc:
        raise InputError(f"cannot write in this folder ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(tmp)


def make_folders(directory: str) -> None:
    """os.makedirs without its recursion (one level a call: a 1,000-deep tree would exhaust the stack)."""
    missing = []
    while directory and not os.path.isdir(directory):
        missing.append(directory)
        directory = os.path.dirname(directory)
    for folder in reversed(missing):
        try:
            os.mkdir(folder)
        except FileExistsError:
            if not os.path.isdir(folder):
                raise


def _ensure_folder(directory: str, again: bool = False) -> None:
    if again:
        _made_dirs.discard(directory)
    if directory not in _made_dirs:
        make_folders(directory)
        _made_dirs.add(directory)
        if len(_made_dirs) > 4096:  # a cache, not a record: memory stays flat over any number of folders
            _made_dirs.clear()


def atomic_write(path: str, data: str | bytes, mode: int | None = None, fsync: bool = False) -> None:
    """Write to a temporary file beside PATH, then rename: never a half-written file.

    The result gets MODE, by default the mode of the file it replaces, else an
    ordinary file's (what open() would give it); a caller that has just looked at
    PATH passes what it found (ordinary_mode() when there is no file). FSYNC flushes
    the file to the disk before the rename (it then survives a power failure too).
    """
    with atomic_stream(path, mode, fsync) as fd:
        _write_all(fd, data)


@contextlib.contextmanager
def atomic_stream(path: str, mode: int | None = None, fsync: bool = False):
    """atomic_write for an output written piece by piece (a web archive's JSON Lines): the
    temporary file's descriptor, renamed to PATH when the block ends and removed when it raises
    (an error, Ctrl-C, SIGTERM's SystemExit), so PATH is only ever whole or untouched."""
    directory = os.path.dirname(path) or os.curdir
    _ensure_folder(directory)
    if mode is None:
        try:
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            mode = ordinary_mode()
    try:
        fd, tmp = _create_temp(directory)
    except FileNotFoundError:  # the folder was removed since: make it again
        _ensure_folder(directory, again=True)
        fd, tmp = _create_temp(directory)
    try:
        try:
            if mode != ordinary_mode():
                os.fchmod(fd, mode)
            yield fd
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise
        raise


def create_temp_beside(path: str) -> tuple[int, str]:
    """An open temporary file (descriptor, name) in PATH's folder, made if needed, for a writer
    that streams its output and renames it to PATH at the end (Parquet); the name is the one
    remove_stale_temps knows, so a killed writer's file is cleaned up like atomic_write's."""
    directory = os.path.dirname(path) or os.curdir
    _ensure_folder(directory)
    try:
        return _create_temp(directory)
    except FileNotFoundError:  # the folder was removed since: make it again
        _ensure_folder(directory, again=True)
        return _create_temp(directory)


def _write_all(fd: int, data: str | bytes) -> None:
    view = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
    while view:
        view = view[os.write(fd, view):]


def write_output(path: str, data: str | bytes) -> None:
    """Write the output file of `parse -o`: a device or FIFO is opened and written (never
    replaced by a regular file), a symbolic link is written through to the file it names,
    anything else atomically.

    A FIFO that no process reads is refused (ENXIO) instead of waiting for a reader.
    """
    try:
        target = os.stat(path)
    except OSError:
        target = None
    if target is not None and not stat.S_ISREG(target.st_mode):
        if stat.S_ISDIR(target.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(errno.ENXIO, "a FIFO that no process reads", path) from None
            raise
        try:
            os.set_blocking(fd, True)
            _write_all(fd, data)
        finally:
            os.close(fd)
        return
    atomic_write(os.path.realpath(path) if target is not None and os.path.islink(path) else path, data)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, as someone else's
        return True
    return True


def remove_stale_temps(folder: str) -> int:
    """Remove the temporary files that newsparse processes no longer running left under FOLDER
    (a kill -9 leaves one): only names of _create_temp's pattern whose process id is gone.
    The tree is walked iteratively, never through symbolic links. Returns how many were removed."""
    removed, stack = 0, [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                found = TEMP_NAME.fullmatch(entry.name)
                if found and entry.is_file(follow_symlinks=False) and not _alive(int(found.group(1))):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


def remove_temps_of(pid: int, folders) -> None:
    """Remove the temporary files process PID (killed, so it could not) may have left in FOLDERS."""
    prefix = f".newsparse-{pid}-"
    for folder in set(folders):
        try:
            names = [n for n in os.listdir(folder or os.curdir) if n.startswith(prefix) and TEMP_NAME.fullmatch(n)]
        except OSError:
            continue
        for name in names:
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def abandon_stdout() -> None:
    """Point stdout's descriptor at /dev/null after a write to it failed (a full disk), so the
    flush at exit of what is still buffered cannot fail a second time with a traceback."""
    try:
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test runner's): nothing to do
        return
    os.dup2(null, fd)
    os.close(null)


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
