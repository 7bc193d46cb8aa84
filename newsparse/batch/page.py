"""One page of a batch: read, parse under the timeout, render and write it; every failure an Outcome."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .. import files
from ..errors import NewsparseError
from ..files import atomic_write, ordinary_mode, read_input, read_regular, text_name
from ..load import DEFAULT_MAX_BYTES
from ..model import Article
from ..render import FORMATS
from .filters import kept
from .sources import PAGE

if TYPE_CHECKING:
    from ..archive.spans import Span
    from .archive_unit import ArchiveCounts


SPLIT_BYTES = 64 << 20  # an archive at least this large is read by several workers at --jobs 2 and more
SPLIT_ENV = "NEWSPARSE_SPLIT_BYTES"  # overrides SPLIT_BYTES (tests force splitting with a low value)


def split_threshold() -> int:
    """SPLIT_BYTES, or NEWSPARSE_SPLIT_BYTES when it is set to a whole number."""
    value = os.environ.get(SPLIT_ENV, "").strip()
    return int(value) if value.isdigit() else SPLIT_BYTES


@dataclass(frozen=True)
class Settings:
    fmt: str = "json"  # a name of render.FORMATS: a file per page, or a stream format's lines handed back
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 30.0  # seconds; 0 for no limit
    protected: frozenset = frozenset()  # (st_dev, st_ino) of inputs an output could land on (see plan)
    fsync: bool = False  # flush each output to the disk before its rename
    compress: str | None = None  # a web archive's JSON Lines: None, "gz" or "zst" (archive_out)
    archive_format: str = "jsonl"  # a web archive's output: "jsonl" or "parquet" (archive_out)
    dedupe: str | None = None  # within a web archive: None, "first" or "latest" capture (archive_unit)
    page_types: frozenset = frozenset()  # keep only these page_type values (empty: all)
    languages: tuple = ()  # keep only these languages, lower case (filters.language_matches)
    min_words: int = 0  # keep only articles of at least this many words
    split_bytes: int = field(default_factory=lambda: split_threshold())  # split.py: archives this large are cut

    def keeps(self, article: Article) -> bool:
        """The article passes --page-type, --language and --min-words."""
        return kept(article, self.page_types, self.languages, self.min_words)


class Outcome(NamedTuple):
    """What became of one page. `line` is its JSON Lines record (jsonl only)."""

    error: str | None = None
    has_article: bool = False
    line: str | None = None
    skipped: bool = False
    fatal: bool = False  # no page can be written (the disk is full): the run stops
    filtered: bool = False  # parsed, and left out by --page-type, --language or --min-words
    records: "ArchiveCounts | None" = None  # a web archive's: what became of its records


SKIPPED = Outcome(skipped=True)


class PageTimeout(BaseException):
    """Raised by the in-process alarm; a BaseException so no `except Exception` swallows it."""


def timeout_reason(seconds: float) -> str:
    return f"took longer than {seconds:g} s; stopped"


def read_page(path: str, max_bytes: int) -> bytes:
    """The bytes of a page file (stdin for "-"), refusing FIFOs and devices without waiting on them."""
    return read_input(path, max_bytes) if path == "-" else read_regular(path, max_bytes)[0]


HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def write_uninterrupted(path: str, text: str, mode: int | None = None, fsync: bool = False) -> None:
    """atomic_write with Ctrl-C and SIGTERM held back until it is done.

    A signal that lands just after atomic_write has created its temporary file
    (creating a file can take milliseconds on a busy disk) would leave that
    file behind; held back, it takes effect a moment later, after the rename.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        atomic_write(path, text, mode, fsync)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


Parsed = tuple[Article, os.stat_result]  # the article and the stat of the file it was read from


def parse_file(path: str, settings: Settings) -> Parsed | Outcome:
    """The page's Article and its file's stat, or the failed Outcome with a one-line reason."""
    info = []

    def read(path: str, max_bytes: int) -> bytes:
        data, stat_result = read_regular(path, max_bytes)
        info.append(stat_result)
        return data

    try:
        return files.parse_file(path, settings.max_bytes, read=read), info[0]
    except NewsparseError as exc:  # one odd page must not stop the run: its reason is reported
        return Outcome(error=str(exc))


def on_alarm(signum, frame):
    """The SIGALRM handler of --timeout in this process (pages here, an archive's records)."""
    raise PageTimeout


@contextlib.contextmanager
def page_alarm(settings: Settings):
    """How --jobs 1 keeps to --timeout: the parse function for the run, with SIGALRM raising
    PageTimeout while the run lasts (the handler is installed once, not once a page).

    The alarm interrupts Python code; a page stuck inside one C call (libxml2,
    a regular expression) is stopped when that call returns. Worker processes
    (--jobs 2 and more) are killed instead, which always works. Signals can only
    be handled in the main thread: elsewhere pages run without a timeout.
    """
    if not settings.timeout or threading.current_thread() is not threading.main_thread():
        yield parse_file
        return
    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        yield parse_file_with_alarm  # which disarms the timer after each page
    finally:
        signal.signal(signal.SIGALRM, previous)


def parse_file_with_alarm(path: str, settings: Settings) -> Parsed | Outcome:
    """parse_file stopped by SIGALRM after the timeout (inside page_alarm)."""
    try:
        signal.setitimer(signal.ITIMER_REAL, settings.timeout)
        try:
            return parse_file(path, settings)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except PageTimeout:
        return Outcome(error=timeout_reason(settings.timeout))


# A write that fails so for every page: the run stops at the first instead of failing them all.
FULL = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


def deliver(article: Article, source: os.stat_result, path: str, out: str | None,
            settings: Settings) -> Outcome:
    """Render the article: a stream format's record (a JSON line, a CSV row) handed back, else a
    file written atomically (never over an input: output_mode). The path in `source` is
    text_name's, so the JSON is UTF-8 whatever bytes the file name has.
    """
    fmt = FORMATS[settings.fmt]
    rendered = fmt.render(article, text_name(path), None)
    if fmt.stream:
        return Outcome(has_article=article.has_article, line=rendered)
    mode = output_mode(out, source, settings)
    if isinstance(mode, Outcome):
        return mode
    try:
        write_uninterrupted(out, rendered, mode, settings.fsync)
    except OSError as exc:
        return write_failure(out, exc)
    return Outcome(has_article=article.has_article)


def output_mode(out: str, source: os.stat_result, settings: Settings) -> int | Outcome:
    """The mode OUT gets (an earlier output's, else an ordinary file's), or the failed Outcome
    when OUT is the input itself (SOURCE, the stat of the file read) or another input of the
    run (settings.protected): one stat of OUT tells all three."""
    try:
        existing = os.stat(out)
    except OSError:
        return ordinary_mode()
    if (existing.st_dev, existing.st_ino) == (source.st_dev, source.st_ino):
        return Outcome(error=f"its output {out} is the input itself; not overwritten")
    if (existing.st_dev, existing.st_ino) in settings.protected:
        return Outcome(error=f"its output {out} is another input of this run; not overwritten")
    return existing.st_mode & 0o7777


def write_failure(out: str, exc: OSError) -> Outcome:
    """The Outcome of an output that could not be written; a full disk stops the run."""
    return Outcome(error=f"cannot write {out} ({exc.strerror or exc})", fatal=exc.errno in FULL)


def process(path: str, out: str | None, settings: Settings,
            parse: Callable[[str, Settings], Parsed | Outcome] = parse_file) -> Outcome:
    """Read, parse and write one page; every failure becomes an Outcome (an unexpected one too:
    one page must never end the run or a worker)."""
    parsed = parse(path, settings)
    if isinstance(parsed, Outcome):
        return parsed
    if not settings.keeps(parsed[0]):
        return Outcome(filtered=True)
    try:
        return deliver(*parsed, path, out, settings)
    except Exception as exc:
        if os.environ.get("NEWSPARSE_DEBUG"):
            raise
        return Outcome(error=f"internal error ({type(exc).__name__}: {exc})")


Report = Callable[[str, Outcome], None]


class Task(NamedTuple):
    """One unit of work: an input, where its output goes, and its kind (sources.PAGE or ARCHIVE)."""

    path: str
    out: str | None
    kind: str = PAGE
    span: "Span | None" = None  # a PART's range of its archive (split.py)
