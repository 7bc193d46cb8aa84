"""Worker processes for `--jobs 2` and more: chunks of pages out, outcomes back, a timeout per page."""

from __future__ import annotations

import functools
import mmap
import os
import select
import signal
import sys
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from ..files import remove_temps_of
from .archive_unit import NONE
from .page import HELD_SIGNALS, Outcome, Report, Settings, Task, timeout_reason
from .sources import RECORDS
from .units import work

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
# How much later than a page's the pool's clock starts for a record of an archive: the worker's own
# alarm stops a slow record (and the archive goes on); the pool kills only a worker stuck in C.
LEAD_NS = int(GRACE * 1e9)

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

    def set(self, slot: int, index: int, lead_ns: int = 0) -> None:
        """In the worker: it starts page INDEX now (IDLE: it is on none); LEAD_NS later, for a
        record of an archive, whose own alarm should stop it before the pool kills the worker."""
        values, base = self.values, 3 * slot
        values[base] += 1
        values[base + 1] = index
        values[base + 2] = time.monotonic_ns() + lead_ns
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


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send this worker SIGTERM when the process that forked it dies (a kill -9 of
    the parent runs no clean-up of its own), and leave now if that has already happened."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed pipe ends below still end the worker
        pass
    if os.getppid() != parent:
        sys.exit(1)


def _worker_main(conn, settings: Settings, slots: Slots, slot: int, parent: int, inherited) -> None:
    """A worker: chunks of pages in, a list of outcomes out per chunk, and in SLOT the page it
    is on. Ctrl-C is the parent's business; SIGTERM exits through Python so atomic_write removes
    its temporary file. Its copies of the parent's stdout and stderr are set aside unflushed,
    so nothing the parent buffered is written twice. The parent's ends of every pipe, which
    fork copied here (INHERITED), are closed: then the parent's death is an end of file here,
    and no worker keeps another's pipe open."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)  # held since the fork (see Worker)
    for end in inherited:
        end.close()
    _die_with_parent(parent)
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
            # An archive's records are its pages: the timeout clock restarts at each.
            tick = functools.partial(slots.set, slot, index, LEAD_NS) if task.kind in RECORDS else None
            outcomes.append(work(task, settings, tick=tick))
        slots.set(slot, IDLE)  # before sending: a worker waiting for the parent to read is on no page
        conn.send(outcomes)


class Worker:
    """One forked process, its slot and the chunks sent to it; the first of `chunks` is the one running."""

    def __init__(self, context, settings: Settings, slots: Slots, slot: int, others: Iterable = ()):
        self.slot = slot
        slots.reset(slot)
        self.conn, child = context.Pipe()
        inherited = [self.conn, *others]  # the parent's ends, closed in the worker
        self.process = context.Process(target=_worker_main, daemon=True,
                                       args=(child, settings, slots, slot, os.getpid(), inherited))
        # The child must never run the parent's handlers (a Ctrl-C landing between the fork and
        # _worker_main would raise the parent's KeyboardInterrupt there): signals are held across
        # the fork, and the worker lets them in once its own handlers are set.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
        try:
            self.process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
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
            self.kill()
        self.conn.close()

    def kill(self) -> None:
        """SIGKILL, at once: then remove the temporary file it may have left beside its outputs."""
        self.process.kill()
        self.process.join()
        remove_temps_of(self.process.pid, (os.path.dirname(task.out) for chunk in self.chunks
                                           for _, task in chunk if task.out))


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
        others = [w.conn for w in self.workers if w.slot != slot]
        worker = Worker(self.context, self.settings, self.slots, slot, others)
        if slot < len(self.workers):
            self.workers[slot] = worker
        else:
            self.workers.append(worker)
        self.by_fd[worker.conn.fileno()] = worker
        self.poll.register(worker.conn.fileno(), select.POLLIN)

    def close(self, gently: bool) -> None:
        for worker in self.workers:
            worker.stop(gently)

    def kill(self) -> None:
        """Stop every worker at once (a second Ctrl-C): no wait for a page stuck in a C call."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.kill()
            worker.conn.close()

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
        for index, task in pending:
            if index == culprit:
                self.done[index] = (task.path, Outcome(error=reason, records=NONE if task.kind in RECORDS else None))
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
                    task, known = next(planned)
                except StopIteration:
                    self.exhausted = True
                    break
                index, self.next_index = self.next_index, self.next_index + 1
                if known is not None:
                    self.done[index] = (task.path, known)
                    continue
            chunk.append((index, task))
            chars += len(task.path) + len(task.out or "")
            if task.kind in RECORDS:  # an archive is many pages' work: alone, so the others spread
                break
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
            for (index, task), outcome in zip(worker.chunks.popleft(), outcomes, strict=True):
                self.done[index] = (task.path, outcome)

    def stop_overdue(self) -> None:
        """Kill a worker whose page has run past the timeout, and fail that page."""
        if not self.timeout_ns:
            return
        now = time.monotonic_ns()
        for worker in list(self.workers):
            index, started = self.slots.get(worker.slot)
            if worker.chunks and index != IDLE and now - started > self.timeout_ns:
                self.replace(worker, timeout_reason(self.settings.timeout), culprit=index)
