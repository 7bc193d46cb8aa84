"""Clean many saved pages in one run: find them, name their outputs, parse them, report in input order.

The `batch` command (cli_batch) only reads options and draws progress; what is
read, where it is written and what is counted is decided here, so it can be
tested without a terminal. Nothing here holds the results of the run: each
page's outcome is handed to a callback in input order and then dropped.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import itertools
import mmap
import os
import re
import select
import signal
import sys
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple, TextIO

from . import files
from .errors import NewsparseError
from .files import atomic_write, ordinary_mode, read_input, read_regular
from .load import DEFAULT_MAX_BYTES
from .model import Article
from .render import to_json, to_text

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".mhtml", ".mht", ".webarchive")
DEFAULT_GLOBS = tuple(f"*{suffix}{gz}" for gz in ("", ".gz") for suffix in PAGE_SUFFIXES)
OUTPUT_SUFFIX = {"json": ".json", "text": ".txt"}

# How far results may run ahead of the oldest unfinished page (memory stays
# flat while a slow page holds up the in-order report), and how many chunks
# each worker has queued so it never waits for the next one.
WINDOW = 256
DEPTH = 2
# Pages go to a worker in chunks, one message each way per chunk: the first chunk
# has one page and each next one twice as many, up to CHUNK (a small run is still
# spread over every worker), and no more than CHUNK_CHARS of paths (queued chunks
# never fill a pipe, so sending one never waits on a worker stuck on a page).
CHUNK = 16
CHUNK_CHARS = 8192
# How long a stopped worker gets to clean up its temporary file before SIGKILL.
GRACE = 1.0
# The longest the main process waits without looking at Ctrl-C and timeouts.
TICK = 0.2


# ---------------------------------------------------------------- inputs


class Source(NamedTuple):
    """One input page: `path` is opened and reported; `rel` is mirrored under OUTDIR."""

    path: str
    rel: str
    base: str  # what its output is named before the format's suffix (see output_base)


def page_stem(name: str) -> str:
    """NAME without `.gz` and one page extension: `page.html.gz` -> `page`; other names stay whole."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    root, ext = os.path.splitext(base)
    if ext.lower() in PAGE_SUFFIXES:
        base = root
    return base or name


def output_base(rel: str, shared: set[str]) -> str:
    """REL without its page extension (`a/page.html` -> `a/page`), or whole when SHARED (the
    stems that more than one file of its folder reduces to) holds its stem."""
    folder, name = os.path.split(rel)
    stem = page_stem(name)
    return rel if stem in shared else os.path.join(folder, stem)


def shared_stems(names: Iterable[str]) -> set[str]:
    """Stems that more than one page-named file in a folder reduces to (x.html and x.htm)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for name in names:
        stem = page_stem(name)
        if stem == name:
            continue
        (shared if stem in seen else seen).add(stem)
    return shared


def matches(rel: str, globs: tuple[str, ...]) -> bool:
    """Glob on the file name (or on the relative path when the pattern has a /), ignoring case."""
    on_name, on_path = _glob_patterns(globs)
    rel = rel.lower()
    return bool(on_name and on_name.match(rel[rel.rfind("/") + 1:]) or on_path and on_path.match(rel))


@functools.lru_cache(maxsize=8)
def _glob_patterns(globs: tuple[str, ...]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The globs as two regexes, for the name and for the whole relative path: a walk asks
    about every file it meets, and fourteen fnmatch calls a file cost 3 us."""
    def joined(patterns):
        return re.compile("|".join(fnmatch.translate(g.lower()) for g in patterns)) if patterns else None
    return joined([g for g in globs if "/" not in g]), joined([g for g in globs if "/" in g])


def mirror_path(path: str) -> str:
    """PATH made relative and unable to climb: `/a/b`, `../a/b` and `a/./b` all become `a/b`."""
    parts = [p for p in os.path.normpath(path).split(os.sep) if p not in ("", ".", "..")]
    return os.path.join(*parts) if parts else os.path.basename(path)


def file_id(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Unlistable(NamedTuple):
    """A folder the walk could not read: reported as a failure, the walk goes on."""

    path: str
    reason: str


def walk(folder: str, globs: tuple[str, ...], excluded: frozenset = frozenset(),
         rel: str = "") -> Iterator[Source | Unlistable]:
    """Pages under FOLDER in sorted order. Symlinked folders are not entered (the walk never
    leaves the input); folders and files in EXCLUDED, (st_dev, st_ino) pairs such as
    OUTDIR's, are passed over."""
    here = os.path.join(folder, rel) if rel else folder
    try:
        entries = sorted(os.scandir(here), key=lambda e: e.name)
    except OSError as exc:
        yield Unlistable(here, f"cannot list folder ({exc.strerror or exc})")
        return
    shared = shared_stems(e.name for e in entries)
    inodes = {ino for _, ino in excluded}
    for entry in entries:
        entry_rel = os.path.join(rel, entry.name)
        if entry.inode() in inodes and (entry.stat(follow_symlinks=False).st_dev, entry.inode()) in excluded:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(folder, globs, excluded, entry_rel)
        elif matches(entry_rel, globs):
            yield Source(os.path.join(folder, entry_rel), entry_rel, output_base(entry_rel, shared))


class Sources:
    """Every page the inputs name, in order: files as given, folders walked, `-` lines from stdin.

    Files named directly or on stdin are taken whatever their extension; the
    glob picks files inside folders. A folder that cannot be listed is yielded
    as an Unlistable, and the rest goes on.
    """

    def __init__(self, inputs: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS,
                 excluded: frozenset = frozenset(), stdin: TextIO | None = None):
        self.inputs, self.globs, self.excluded = list(inputs), globs, excluded
        self.stdin = stdin
        self._listing: tuple[str | None, set[str]] = (None, set())

    def __iter__(self) -> Iterator[Source | Unlistable]:
        for given in self.inputs:
            if given == "-":
                for line in self.stdin if self.stdin is not None else sys.stdin:
                    path = line.rstrip("\r\n")
                    if path:
                        yield self.direct(path)
            elif os.path.isdir(given):
                yield from walk(given, self.globs, self.excluded)
            else:
                yield self.direct(given)

    def count(self) -> int | None:
        """How many pages a run will see (a second walk); None when stdin is among the inputs."""
        if "-" in self.inputs:
            return None
        return sum(1 for _ in self)

    def direct(self, path: str) -> Source:
        folder = os.path.dirname(path)
        if self._listing[0] != folder:  # inputs usually come folder by folder: list each once
            try:
                names = os.listdir(folder or ".")
            except OSError:
                names = []
            self._listing = (folder, shared_stems(names))
        rel = mirror_path(path)
        return Source(path, rel, output_base(rel, self._listing[1]))


# ---------------------------------------------------------------- outputs


class OutputNames:
    """Where each input's output goes under OUTDIR, never the same place for two inputs.

    `a/b/page.html` -> `a/b/page.json`. A page whose folder holds another page
    with the same name up to the extension keeps its whole name
    (`x.html.json`, `x.htm.json`). If a name is still taken by an earlier
    input (two input folders with the same files), the later one keeps its
    whole name, then gets `~2`, `~3`... before the extension. The same path
    listed twice is a duplicate: claim() returns None.
    """

    def __init__(self, outdir: str, suffix: str):
        self.outdir, self.suffix = outdir, suffix
        self.real_outdir = os.path.realpath(outdir)
        self.claimed: dict[str, object] = {}  # output name -> the input file's identity
        self._checked_dir = ""

    def claim(self, source: Source) -> str | None:
        bases = itertools.chain((source.base, source.rel), (f"{source.rel}~{n}" for n in itertools.count(2)))
        real = file_id(source.path) or os.path.realpath(source.path)  # the same file, however spelled
        for candidate in bases:
            name = candidate + self.suffix
            owner = self.claimed.get(name)
            if owner is None:
                self.claimed[name] = real
                return os.path.join(self.outdir, name)
            if owner == real:
                return None

    def escapes(self, out: str) -> bool:
        """True when a symbolic link inside OUTDIR would carry OUT outside it."""
        folder = os.path.dirname(out)
        if folder == self._checked_dir:
            return False
        real = os.path.realpath(folder)
        if real != self.real_outdir and not real.startswith(self.real_outdir + os.sep):
            return True
        self._checked_dir = folder
        return False


def up_to_date(source: str, out: str) -> bool:
    """The output exists and is at least as new as the input (--skip-existing)."""
    try:
        return os.stat(out).st_mtime_ns >= os.stat(source).st_mtime_ns
    except OSError:
        return False


# ---------------------------------------------------------------- one page


@dataclass(frozen=True)
class Settings:
    fmt: str = "json"  # text, json (a file per page) or jsonl (lines handed back)
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 30.0  # seconds; 0 for no limit


class Outcome(NamedTuple):
    """What became of one page. `line` is its JSON Lines record (jsonl only)."""

    error: str | None = None
    has_article: bool = False
    line: str | None = None
    skipped: bool = False


SKIPPED = Outcome(skipped=True)


class PageTimeout(BaseException):
    """Raised by the in-process alarm; a BaseException so no `except Exception` swallows it."""


def timeout_reason(seconds: float) -> str:
    return f"took longer than {seconds:g} s; stopped"


def read_page(path: str, max_bytes: int) -> bytes:
    """The bytes of a page file (stdin for "-"), refusing FIFOs and devices without waiting on them."""
    return read_input(path, max_bytes) if path == "-" else read_regular(path, max_bytes)[0]


HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def write_uninterrupted(path: str, text: str, mode: int | None = None) -> None:
    """atomic_write with Ctrl-C and SIGTERM held back until it is done.

    A signal that lands just after atomic_write has created its temporary file
    (creating a file can take milliseconds on a busy disk) would leave that
    file behind; held back, it takes effect a moment later, after the rename.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        atomic_write(path, text, mode)
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


def _on_alarm(signum, frame):
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
    previous = signal.signal(signal.SIGALRM, _on_alarm)
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


def deliver(article: Article, source: os.stat_result, path: str, out: str | None,
            settings: Settings) -> Outcome:
    """Render the article: a JSON Lines record handed back (jsonl), else a file written atomically.

    One stat of the output tells both whether it is the input itself (SOURCE, the stat of the
    file read) and the mode to keep when it replaces an earlier output.
    """
    if settings.fmt == "text":
        rendered = to_text(article)
    else:
        rendered = to_json(article, extra={"source": path}) + "\n"
    if settings.fmt == "jsonl":
        return Outcome(has_article=article.has_article, line=rendered)
    try:
        existing = os.stat(out)
    except OSError:
        mode = ordinary_mode()
    else:
        if (existing.st_dev, existing.st_ino) == (source.st_dev, source.st_ino):
            return Outcome(error=f"its output {out} is the input itself; not overwritten")
        mode = existing.st_mode & 0o7777
    try:
        write_uninterrupted(out, rendered, mode)
    except OSError as exc:
        return Outcome(error=f"cannot write {out} ({exc.strerror or exc})")
    return Outcome(has_article=article.has_article)


def process(path: str, out: str | None, settings: Settings,
            parse: Callable[[str, Settings], Parsed | Outcome] = parse_file) -> Outcome:
    """Read, parse and write one page; every failure becomes an Outcome."""
    parsed = parse(path, settings)
    return parsed if isinstance(parsed, Outcome) else deliver(*parsed, path, out, settings)


# ---------------------------------------------------------------- the run


class Tally:
    """The counts of the final report."""

    def __init__(self):
        self.parsed = self.no_article = self.skipped = self.failed = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.skipped:
            self.skipped += 1
        elif outcome.error is not None:
            self.failed += 1
        else:
            self.parsed += 1
            self.no_article += not outcome.has_article

    @property
    def total(self) -> int:
        return self.parsed + self.skipped + self.failed

    def summary(self) -> str:
        return (f"{self.total} pages: {self.parsed} parsed ({self.no_article} without an article), "
                f"{self.skipped} skipped, {self.failed} failed")


Report = Callable[[str, Outcome], None]
Task = tuple[str, "str | None"]  # (input path, output path)


def plan(sources: Iterable, settings: Settings, outdir: str | None,
         skip_existing: bool) -> Iterator[tuple[str, str | None, Outcome | None]]:
    """(input, output, outcome known without parsing) for every page, in input order."""
    names = OutputNames(outdir, OUTPUT_SUFFIX[settings.fmt]) if outdir is not None else None
    for item in sources:
        if isinstance(item, Unlistable):
            yield item.path, None, Outcome(error=item.reason)
            continue
        if names is None:
            yield item.path, None, None
            continue
        out = names.claim(item)
        if out is None:
            yield item.path, None, SKIPPED  # listed twice
        elif names.escapes(out):
            yield item.path, out, Outcome(error=f"its output {out} would leave OUTDIR (symbolic link)")
        elif skip_existing and up_to_date(item.path, out):
            yield item.path, out, SKIPPED
        else:
            yield item.path, out, None


def run(planned: Iterable, settings: Settings, jobs: int, report: Report,
        stop: Callable[[], bool] = lambda: False) -> bool:
    """Process every planned page, calling report(input, outcome) in input order.

    One job runs in this process; more run in forked worker processes.
    Returns False when stop() turned true before the end: pages already
    done are reported, pages under way are abandoned (no partial files).
    """
    if jobs <= 1:
        with page_alarm(settings) as parse:
            for path, out, known in planned:
                if stop():
                    return False
                report(path, known if known is not None else process(path, out, settings, parse))
        return True
    pool = Pool(jobs, settings)
    completed = False
    try:
        completed = pool.run(planned, report, stop)
        return completed
    finally:
        pool.close(gently=completed)


# ---------------------------------------------------------------- worker processes

IDLE = -1  # a worker's slot when it is on no page


class Slots:
    """Where each worker says which page it is on and since when, in memory shared with the main
    process: the main process reads it at each wake-up and stops a page over the timeout, so
    chunks of pages need no message per page.

    One slot per worker position, three 64-bit integers (seq, page index, start in
    time.monotonic_ns(): CLOCK_MONOTONIC is the same clock in every process), in an anonymous
    shared mapping made before the workers are forked. Only the worker writes its slot, and it
    brackets each write with seq, odd while the write is under way (a seqlock): a read that sees
    seq odd or changed is taken again, so an index is never paired with another page's start.
    (x86 keeps stores, and loads, in program order, which is all a seqlock needs.)
    """

    def __init__(self, count: int):
        self.memory = mmap.mmap(-1, 3 * 8 * count)
        self.values = memoryview(self.memory).cast("q")
        for slot in range(count):
            self.reset(slot)

    def reset(self, slot: int) -> None:
        """SLOT on no page, before a worker is started in it (a killed one may have left it mid-write)."""
        self.values[3 * slot: 3 * slot + 3] = array("q", (0, IDLE, 0))

    def set(self, slot: int, index: int) -> None:
        """In the worker: it starts page INDEX now (IDLE: it is on none)."""
        values, base = self.values, 3 * slot
        values[base] += 1
        values[base + 1] = index
        values[base + 2] = time.monotonic_ns()
        values[base] += 1

    def get(self, slot: int) -> tuple[int, int]:
        """(page index, start ns) of the worker in SLOT; IDLE while it is between pages."""
        values, base = self.values, 3 * slot
        for _ in range(1000):
            seq = values[base]
            index, started = values[base + 1], values[base + 2]
            if not seq % 2 and values[base] == seq:
                return index, started
        return IDLE, 0  # caught mid-write each time (or the worker died mid-write): between pages


Chunk = list[tuple[int, Task]]  # (page index, task), in input order


def _worker_main(conn, settings: Settings, slots: Slots, slot: int) -> None:
    """A worker: chunks of pages in, a list of outcomes out per chunk, and in SLOT the page it
    is on. Ctrl-C is the parent's business; SIGTERM exits through Python so atomic_write removes
    its temporary file. Its copies of the parent's stdout and stderr are set aside unflushed,
    so nothing the parent buffered is written twice."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        outcomes = []
        for index, task in chunk:
            slots.set(slot, index)
            outcomes.append(process(*task, settings))
        slots.set(slot, IDLE)  # before sending: a worker waiting for the parent to read is on no page
        conn.send(outcomes)


class Worker:
    """One forked process, its slot and the chunks sent to it; the first of `chunks` is the one running."""

    def __init__(self, context, settings: Settings, slots: Slots, slot: int):
        self.slot = slot
        slots.reset(slot)
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, settings, slots, slot), daemon=True)
        self.process.start()
        child.close()
        self.chunks: deque[Chunk] = deque()

    def send(self, chunk: Chunk) -> None:
        self.chunks.append(chunk)
        self.conn.send(chunk)

    def death(self) -> str:
        self.process.join(GRACE)
        code = self.process.exitcode
        how = f"killed by signal {-code}" if code and code < 0 else f"exit code {code}"
        return f"worker process died ({how})"

    def stop(self, gently: bool) -> None:
        """End the process: ask it to finish (gently) or terminate it, and kill it if it lingers."""
        try:
            if gently:
                self.conn.send(None)
            else:
                self.process.terminate()
        except OSError:
            pass
        self.process.join(GRACE if not gently else None)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class Pool:
    """Worker processes with a per-page timeout: a page over it has its worker killed and
    replaced, and is reported as failed; the other pages sent to that worker are sent again.

    Pages are numbered in input order and handed out in chunks; finished ones wait in `done`
    until every earlier page is reported, and no page is handed out more than WINDOW ahead
    of the report, so what is held stays small however long the run.
    """

    def __init__(self, jobs: int, settings: Settings):
        # Imported here: a run with --jobs 1 does without multiprocessing.
        from multiprocessing import get_all_start_methods, get_context

        self.settings = settings
        self.timeout_ns = int(settings.timeout * 1e9)
        # fork: workers start in milliseconds with everything already imported.
        self.context = get_context("fork" if "fork" in get_all_start_methods() else None)
        self.slots = Slots(jobs)
        self.workers: list[Worker] = []
        self.by_fd: dict[int, Worker] = {}
        self.poll = select.poll()
        for slot in range(jobs):
            self.start_worker(slot)
        self.retry: deque[tuple[int, Task]] = deque()
        self.done: dict[int, tuple[str, Outcome]] = {}
        self.next_index = self.next_report = 0
        self.chunk_size = 1
        self.exhausted = False

    def start_worker(self, slot: int) -> None:
        worker = Worker(self.context, self.settings, self.slots, slot)
        if slot < len(self.workers):
            self.workers[slot] = worker
        else:
            self.workers.append(worker)
        self.by_fd[worker.conn.fileno()] = worker
        self.poll.register(worker.conn.fileno(), select.POLLIN)

    def close(self, gently: bool) -> None:
        for worker in self.workers:
            worker.stop(gently)

    def replace(self, worker: Worker, reason: str, culprit: int | None = None) -> None:
        """Fail page CULPRIT (by default the page WORKER's slot shows, else its first one) with
        REASON, send its other pages again and start a new worker in its place.

        A chunk's outcomes come back only when the whole chunk is done, so the pages before
        the culprit in its chunk are done a second time: harmless, as the same output is
        written again atomically (a rename over the first) and JSON Lines are written only
        by this process, as pages are reported.
        """
        fd = worker.conn.fileno()
        self.poll.unregister(fd)
        del self.by_fd[fd]
        worker.stop(gently=False)
        pending = [item for chunk in worker.chunks for item in chunk]
        if culprit is None:
            culprit, _ = self.slots.get(worker.slot)
            if culprit == IDLE and pending:  # died between pages: its next page (a worker that
                culprit = pending[0][0]       # cannot even start must not be replaced forever)
        for index, (path, _) in pending:
            if index == culprit:
                self.done[index] = (path, Outcome(error=reason))
        self.retry.extendleft(reversed([item for item in pending if item[0] != culprit]))
        self.start_worker(worker.slot)

    def run(self, planned: Iterable, report: Report, stop: Callable[[], bool]) -> bool:
        planned = iter(planned)
        while True:
            if not stop():
                self.hand_out(planned)
            while self.next_report in self.done:
                report(*self.done.pop(self.next_report))
                self.next_report += 1
            if stop():
                return False
            if not any(w.chunks for w in self.workers):
                if self.exhausted and not self.retry:
                    return True
                continue
            self.collect()
            self.stop_overdue()

    def hand_out(self, planned: Iterator) -> None:
        """Give chunks to the least busy workers until each has DEPTH or the window is full."""
        while True:
            worker = min(self.workers, key=lambda w: len(w.chunks))
            if len(worker.chunks) >= DEPTH:
                return
            chunk = self.next_chunk(planned)
            if not chunk:
                return
            self.chunk_size = min(CHUNK, 2 * self.chunk_size)
            try:
                worker.send(chunk)
            except OSError:
                self.replace(worker, worker.death())

    def next_chunk(self, planned: Iterator) -> Chunk:
        """Up to chunk_size pages (CHUNK_CHARS of paths): pages to send again first, then new ones."""
        chunk: Chunk = []
        chars = 0
        while len(chunk) < self.chunk_size and chars < CHUNK_CHARS:
            if self.retry:
                index, task = self.retry.popleft()
            elif self.exhausted or self.next_index >= self.next_report + WINDOW:
                break
            else:
                try:
                    path, out, known = next(planned)
                except StopIteration:
                    self.exhausted = True
                    break
                index, self.next_index = self.next_index, self.next_index + 1
                if known is not None:
                    self.done[index] = (path, known)
                    continue
                task = (path, out)
            chunk.append((index, task))
            chars += len(task[0]) + len(task[1] or "")
        return chunk

    def collect(self) -> None:
        """Take the outcomes that are ready, waiting at most until the next timeout or TICK."""
        wait = TICK
        if self.timeout_ns:
            now = time.monotonic_ns()
            for worker in self.workers:
                index, started = self.slots.get(worker.slot)
                if worker.chunks and index != IDLE:
                    wait = min(wait, (started + self.timeout_ns - now) / 1e9)
            wait = max(0.0, wait)
        for fd, _ in self.poll.poll(wait * 1000):
            worker = self.by_fd[fd]
            try:
                outcomes = worker.conn.recv()
            except (EOFError, OSError):
                self.replace(worker, worker.death())
                continue
            for (index, (path, _)), outcome in zip(worker.chunks.popleft(), outcomes, strict=True):
                self.done[index] = (path, outcome)

    def stop_overdue(self) -> None:
        """Kill a worker whose page has run past the timeout, and fail that page."""
        if not self.timeout_ns:
            return
        now = time.monotonic_ns()
        for worker in list(self.workers):
            index, started = self.slots.get(worker.slot)
            if worker.chunks and index != IDLE and now - started > self.timeout_ns:
                self.replace(worker, timeout_reason(self.settings.timeout), culprit=index)
