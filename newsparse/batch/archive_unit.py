"""One web archive of a batch: its records read, parsed under the per-page timeout, filtered,
deduplicated and written as one JSON Lines file, and what became of every record counted.

The archive is one unit of work (one worker has it from start to end), or a large one's range
of records is (process_part; split.py cuts and joins); its records are the pages of a file:
each parse is stopped at --timeout and reported, and the archive goes on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..archive import SKIP_REASONS, Payload, RecordError, RecordInfo, Skipped, payloads
from ..archive.records import result_of
from ..archive.spans import Span, payloads_in
from ..errors import NewsparseError
from ..files import text_name
from ..model import Article
from ..render import to_json
from .archive_out import write_records
from .page import Outcome, PageTimeout, Settings, on_alarm, output_mode, timeout_reason, write_failure

DEDUPE = ("first", "latest")


class ArchiveCounts(NamedTuple):
    """What became of an archive's records; plain values, so it pickles back from a worker."""

    records: int = 0
    parsed: int = 0  # articles written (what the filters kept, one per duplicate set)
    no_article: int = 0  # of those, pages that hold no article (home, section pages)
    skipped: tuple[tuple[str, int], ...] = ()  # (reason, count), SKIP_REASONS order, counts > 0
    failed: int = 0
    filtered: int = 0  # parsed and left out by --page-type, --language or --min-words
    duplicates: int = 0  # left out by --dedupe
    truncated: int = 0  # written and flagged "truncated": true
    errors: tuple[tuple[str, int, str], ...] = ()  # (file, offset, reason) of each failed record


NONE = ArchiveCounts()


class Abandoned(BaseException):
    """The run was asked to stop (Ctrl-C) while an archive was under way: its output is not
    written (write_records removes the temporary file) and the run ends."""


class _ReadError(Exception):
    """The archive could not be read on (not an archive after all, an I/O error): one line."""


class _Tally:
    def __init__(self):
        self.records = self.failed = self.filtered = self.duplicates = 0
        self.parsed = self.no_article = self.truncated = 0
        self.skipped: Counter[str] = Counter()
        self.errors: list[tuple[str, int, str]] = []

    def wrote(self, flags: int) -> None:
        self.parsed += 1
        self.no_article += not flags & HAS_ARTICLE
        self.truncated += bool(flags & TRUNCATED)

    def counts(self) -> ArchiveCounts:
        skipped = tuple((r, self.skipped[r]) for r in SKIP_REASONS if self.skipped[r])
        return ArchiveCounts(self.records, self.parsed, self.no_article, skipped, self.failed, self.filtered,
                             self.duplicates, self.truncated, tuple(self.errors))


HAS_ARTICLE, TRUNCATED = 1, 2
Kept = tuple[tuple[str, bytes] | None, str, str, int]  # (dedupe key, capture time, JSON line, flags)


@contextlib.contextmanager
def record_timer(settings: Settings):
    """The function that parses one record's page under --timeout: SIGALRM raises PageTimeout
    while the archive is read (installed once for it, in the main process or a worker), and
    a record over the time is a RecordError, the archive going on. As for pages, a parse stuck
    in one C call is stopped when it returns (a worker's is killed by the pool, see `tick`)."""
    def parse(payload: Payload):
        return result_of(payload, settings.max_bytes)

    if not settings.timeout or threading.current_thread() is not threading.main_thread():
        yield parse
        return

    def timed(payload: Payload):
        try:
            signal.setitimer(signal.ITIMER_REAL, settings.timeout)
            try:
                return parse(payload)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except PageTimeout:
            return RecordError(f"record at offset {payload.info.offset}: {timeout_reason(settings.timeout)}")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        yield timed
    finally:
        signal.signal(signal.SIGALRM, previous)


def _key(article: Article, info: RecordInfo) -> tuple[str, bytes]:
    """One article however often captured: its canonical url (else the record's) and its body."""
    import hashlib

    body = "\n".join(article.body).encode("utf-8", "surrogatepass")
    return article.url or info.target_uri or "", hashlib.blake2b(body, digest_size=16).digest()


def _kept(path: str, settings: Settings, tally: _Tally, parse: Callable, tick: Callable | None,
          stop: Callable[[], bool] | None, span: Span | None = None) -> Iterator[Kept]:
    """Every record's article that the filters keep, in record order; the rest counted. With
    SPAN, only the records of that range of the archive (a PART, split.py)."""
    source = text_name(path)
    try:
        read = payloads(path, max_bytes=settings.max_bytes) if span is None else \
            payloads_in(path, span, settings.max_bytes)
        for info, item in read:
            if stop is not None and stop():
                raise Abandoned
            tally.records += 1
            if tick is not None:  # at every record: a long run of records without a page is no stuck parse
                tick()
            if isinstance(item, Payload):
                item = parse(item)
            if isinstance(item, Skipped):
                tally.skipped[item.reason] += 1
            elif isinstance(item, RecordError):
                tally.failed += 1
                tally.errors.append((info.file or path, info.offset, item.reason))
            elif not settings.keeps(item):
                tally.filtered += 1
            else:
                flags = HAS_ARTICLE * item.has_article | TRUNCATED * bool(item.truncated)
                yield (_key(item, info) if settings.dedupe else None, item.captured or info.date or "",
                       to_json(item, extra={"source": source}), flags)
    except (NewsparseError, OSError) as exc:  # written outputs raise elsewhere: these are the reading's
        raise _ReadError(str(exc) if isinstance(exc, NewsparseError) else
                         f"cannot read ({exc.strerror or exc})") from None


def _first(items: Iterator[Kept], tally: _Tally) -> Iterator[str]:
    seen: set[tuple[str, bytes]] = set()
    for key, _, line, flags in items:
        if key in seen:
            tally.duplicates += 1
            continue
        seen.add(key)
        tally.wrote(flags)
        yield line


def _latest(items: Iterator[Kept], tally: _Tally) -> Iterator[str]:
    """The latest capture of each article (the later record on a tie), in record order: the lines
    wait in a temporary file, and only each article's key, time and record number in memory."""
    import tempfile

    best: dict[tuple[str, bytes], tuple[str, int]] = {}
    flags_of = bytearray()
    with tempfile.TemporaryFile() as spool:
        for index, (key, captured, line, flags) in enumerate(items):
            spool.write(line.encode("utf-8") + b"\n")
            flags_of.append(flags)
            held = best.get(key)
            if held is None or captured >= held[0]:
                best[key] = (captured, index)
        winners = {index for _, index in best.values()}
        best.clear()
        spool.seek(0)
        for index, raw in enumerate(spool):
            if index in winners:
                tally.wrote(flags_of[index])
                yield raw[:-1].decode("utf-8")
            else:
                tally.duplicates += 1


def _all(items: Iterator[Kept], tally: _Tally) -> Iterator[str]:
    for _, _, line, flags in items:
        tally.wrote(flags)
        yield line


DEDUPERS = {None: _all, "first": _first, "latest": _latest}


def process_archive(path: str, out: str, settings: Settings, tick: Callable[[], None] | None = None,
                    stop: Callable[[], bool] | None = None) -> Outcome:
    """Read the archive at PATH and write its articles to OUT (archive_out.write_records); the
    Outcome's `records` counts every record. TICK is called at each record (the pool restarts
    the worker's timeout clock); STOP, asked between records, abandons the archive."""
    try:
        source = os.stat(path)
    except OSError as exc:
        return Outcome(error=f"cannot read ({exc.strerror or exc})", records=NONE)
    mode = output_mode(out, source, settings)
    if isinstance(mode, Outcome):
        return mode._replace(records=NONE)
    tally = _Tally()

    def write(parse: Callable) -> None:
        kept = _kept(path, settings, tally, parse, tick, stop)
        write_records(out, DEDUPERS[settings.dedupe](kept, tally), settings.compress, mode, settings.fsync,
                      settings.archive_format)

    return _written(out, settings, tally, write)


def _written(out: str, settings: Settings, tally: _Tally, write: Callable[[Callable], None]) -> Outcome:
    """The Outcome of WRITE(parse) (parse: the record parser under --timeout), which reads the
    records, counts them in TALLY and writes OUT: every failure one line."""
    try:
        with record_timer(settings) as parse:
            write(parse)
    except _ReadError as exc:
        return Outcome(error=str(exc), records=NONE)
    except OSError as exc:
        return write_failure(out, exc)._replace(records=NONE)
    except Exception as exc:
        if os.environ.get("NEWSPARSE_DEBUG"):
            raise
        return Outcome(error=f"internal error ({type(exc).__name__}: {exc})", records=NONE)
    return Outcome(has_article=tally.parsed > tally.no_article, records=tally.counts())


def process_part(path: str, out: str, span: Span, settings: Settings, tick: Callable[[], None] | None = None,
                 stop: Callable[[], bool] | None = None) -> Outcome:
    """process_archive for the records of SPAN only, written to the part file OUT as plain JSON
    Lines whatever the run's output (split.py joins the parts into it); `records` counts them."""
    tally = _Tally()

    def write(parse: Callable) -> None:
        write_records(out, _all(_kept(path, settings, tally, parse, tick, stop, span), tally))

    return _written(out, settings, tally, write)
