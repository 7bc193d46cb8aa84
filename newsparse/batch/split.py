"""One large web archive over several workers: cut into record-offset ranges (archive/spans.py),
each range parsed by a worker into a part file, and the parts joined in record order into the
archive's one output, so the output and the counts are those of the archive read whole.

Only at --jobs 2 and more, for archives of at least Settings.split_bytes (SPLIT_BYTES, 64 MB;
NEWSPARSE_SPLIT_BYTES overrides it) that spans.splittable accepts, and never with --dedupe
(which must see every record of the archive at once). The part files are temporary files of
this process beside the output (`.newsparse-PID-N.tmp`); a part's worker writes it atomically,
and every part is removed once joined, or when the run ends without joining it.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator

from ..archive import SKIP_REASONS
from ..archive.spans import spans, splittable
from ..files import create_temp_beside
from .archive_out import write_records
from .archive_unit import NONE, Abandoned, ArchiveCounts
from .page import Outcome, Report, Settings, Task, output_mode, write_failure
from .sources import ARCHIVE, PART


class _Archive:
    """A split archive under way: its task, its part files, and the parts' outcomes so far."""

    def __init__(self, task: Task, parts: list[str]):
        self.task, self.parts = task, parts
        self.outcomes: list[Outcome] = []

    def remove_parts(self) -> None:
        for part in self.parts:
            try:
                os.unlink(part)
            except OSError:
                pass
        self.parts = []


def merged(outcomes: Iterable[Outcome]) -> ArchiveCounts:
    """The counts of the whole archive from its parts' (in record order): sums, errors in order."""
    numbers, skipped, errors = Counter(), Counter(), []
    for outcome in outcomes:
        counts = outcome.records
        for field in ("records", "parsed", "no_article", "failed", "filtered", "duplicates", "truncated"):
            numbers[field] += getattr(counts, field)
        skipped.update(dict(counts.skipped))
        errors.extend(counts.errors)
    return NONE._replace(**numbers, skipped=tuple((r, skipped[r]) for r in SKIP_REASONS if skipped[r]),
                         errors=tuple(errors))


class Splitter:
    """Between `plan` and the pool: `expand` turns a large archive's task into its parts' tasks,
    and `report` (the run's report for the pool) joins them when the last part is reported
    (reports come in input order, so every earlier part is done by then)."""

    def __init__(self, settings: Settings, jobs: int, report: Report, stop: Callable[[], bool]):
        self.settings, self.jobs, self.downstream, self.stop = settings, jobs, report, stop
        self.expected: deque[_Archive | None] = deque()  # what each task handed out is, in order
        self.under_way: list[_Archive] = []

    def _spans(self, task: Task) -> list | None:
        """TASK's ranges when it is an archive to split (two or more), else None."""
        settings = self.settings
        if task.kind != ARCHIVE or settings.dedupe or task.out is None:
            return None
        try:
            if os.path.getsize(task.path) < settings.split_bytes:
                return None
            kind = splittable(task.path)
            cut = spans(task.path, kind, self.jobs, settings.max_bytes, self.stop) if kind else []
        except OSError:
            return None  # the worker reading it whole says why
        return cut if len(cut) > 1 else None

    def expand(self, planned: Iterable[tuple[Task, Outcome | None]]) -> Iterator[tuple[Task, Outcome | None]]:
        for task, known in planned:
            cut = self._spans(task) if known is None else None
            if cut is None:
                self.expected.append(None)
                yield task, known
                continue
            archive = _Archive(task, [])
            try:
                for _ in cut:
                    fd, part = create_temp_beside(task.out)
                    os.close(fd)
                    archive.parts.append(part)
            except OSError:  # no part file can be made there: read whole, its worker says why
                archive.remove_parts()
                self.expected.append(None)
                yield task, known
                continue
            self.under_way.append(archive)
            for span, part in zip(cut, archive.parts):
                self.expected.append(archive)
                yield Task(task.path, part, PART, span), None

    def report(self, path: str, outcome: Outcome) -> None:
        archive = self.expected.popleft()
        if archive is None:
            self.downstream(path, outcome)
            return
        archive.outcomes.append(outcome)
        if len(archive.outcomes) == len(archive.parts):
            try:
                whole = self.join(archive)
            finally:
                archive.remove_parts()
                self.under_way.remove(archive)
            self.downstream(path, whole)

    def join(self, archive: _Archive) -> Outcome:
        """The archive's Outcome: its parts' lines written, in order, as the archive's output."""
        task, settings = archive.task, self.settings
        for part, outcome in zip(archive.parts, archive.outcomes):
            if outcome.error is not None:  # the archive fails whole, as when read whole, naming its output
                return outcome._replace(error=outcome.error.replace(part, task.out), records=NONE)
        try:
            mode = output_mode(task.out, os.stat(task.path), settings)
        except OSError as exc:
            return Outcome(error=f"cannot read ({exc.strerror or exc})", records=NONE)
        if isinstance(mode, Outcome):
            return mode._replace(records=NONE)
        try:
            write_records(task.out, self._lines(archive.parts), settings.compress, mode, settings.fsync,
                          settings.archive_format)
        except OSError as exc:
            return write_failure(task.out, exc)._replace(records=NONE)
        counts = merged(archive.outcomes)
        return Outcome(has_article=counts.parsed > counts.no_article, records=counts)

    def _lines(self, parts: list[str]) -> Iterator[str]:
        for part in parts:
            with open(part, "rb") as fh:
                for raw in fh:
                    if self.stop():
                        raise Abandoned
                    yield raw[:-1].decode("utf-8")

    def close(self) -> None:
        """Remove the part files of archives not joined (the run stopped, or failed)."""
        for archive in self.under_way:
            archive.remove_parts()
        self.under_way.clear()
