"""A batch run: plan every page's output, then process them in one process or a pool, reporting in input order."""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from ..archive.results import SKIP_REASONS
from ..archive.warc import fastwarc
from ..render import FORMATS
from .archive_out import output_suffix
from .archive_unit import NONE, Abandoned
from .names import OUTPUT_SUFFIX, OutputNames, up_to_date
from .page import Outcome, Report, Settings, Task, page_alarm
from .pool import Pool
from .sources import ARCHIVE, Passed, Source, Unlistable, kind_of
from .split import Splitter
from .units import work


class Tally:
    """The counts of the final report: pages, and web archives with their records."""

    def __init__(self):
        self.parsed = self.no_article = self.skipped = self.failed = self.filtered = 0
        self.archives = self.archives_skipped = self.archives_failed = 0
        self.records: Counter[str] = Counter()  # ArchiveCounts' numbers, summed
        self.record_skips: Counter[str] = Counter()  # by reason

    def add(self, outcome: Outcome) -> None:
        if outcome.records is not None:
            self._add_archive(outcome)
        elif outcome.skipped:
            self.skipped += 1
        elif outcome.error is not None:
            self.failed += 1
        elif outcome.filtered:
            self.filtered += 1
        else:
            self.parsed += 1
            self.no_article += not outcome.has_article

    def _add_archive(self, outcome: Outcome) -> None:
        self.archives += 1
        if outcome.skipped:
            self.archives_skipped += 1
            return
        if outcome.error is not None:
            self.archives_failed += 1
            return
        counts = outcome.records
        for field in ("records", "parsed", "no_article", "failed", "filtered", "duplicates", "truncated"):
            self.records[field] += getattr(counts, field)
        self.record_skips.update(dict(counts.skipped))

    @property
    def total(self) -> int:
        return self.parsed + self.skipped + self.failed + self.filtered

    @property
    def any_failed(self) -> bool:
        return bool(self.failed or self.archives_failed or self.records["failed"])

    def summary(self) -> str:
        """The pages' line, then the archives' when there were any (lines apart)."""
        lines = []
        if self.total or not self.archives:
            lines.append(f"{self.total} page{'' if self.total == 1 else 's'}: {self.parsed} parsed ({self.no_article} without an article), "
                         f"{self.skipped} skipped, {self.failed} failed"
                         + (f", {self.filtered} filtered out" if self.filtered else ""))
        if self.archives:
            lines.append(self._archive_line())
        return "\n".join(lines)

    def _archive_line(self) -> str:
        r = self.records
        skipped = sum(self.record_skips.values())
        reasons = ", ".join(f"{self.record_skips[k]} {k}" for k in SKIP_REASONS if self.record_skips[k])
        line = (f"{self.archives} archive{'s' * (self.archives != 1)} ({self.archives_skipped} skipped, "
                f"{self.archives_failed} failed): {r['records']} records: {r['parsed']} parsed "
                f"({r['no_article']} without an article), {skipped} skipped"
                + (f" ({reasons})" if reasons else "") + f", {r['failed']} failed")
        dropped = "duplicates dropped" if r["duplicates"] > 1 else "duplicate dropped"
        extra = [f"{r[k]} {label}" for k, label in (("filtered", "filtered out"), ("duplicates", dropped),
                                                   ("truncated", "truncated")) if r[k]]
        return line + "".join(f"; {e}" for e in extra)


def inputs_in_reach(sources: Iterable, outdir: str) -> frozenset:
    """(st_dev, st_ino) of every input an output could land on: those inside OUTDIR (through
    symbolic links too) and those with other hard links. A pass over the inputs before the run,
    so no output replaces a page the run reads later, or read earlier, whatever the order."""
    root = os.path.realpath(outdir) + os.sep
    found, folders = set(), {}
    for item in sources:
        if not isinstance(item, Source):
            continue
        try:
            info = os.lstat(item.path)
            if stat.S_ISLNK(info.st_mode):
                info, inside = os.stat(item.path), (os.path.realpath(item.path) + os.sep).startswith(root)
            else:
                folder = os.path.dirname(item.path)
                inside = folders.get(folder)
                if inside is None:
                    if len(folders) > 4096:
                        folders.clear()
                    inside = folders[folder] = (os.path.realpath(folder) + os.sep).startswith(root)
        except OSError:
            continue
        if inside or info.st_nlink > 1:
            found.add((info.st_dev, info.st_ino))
    return frozenset(found)


JSONL_ARCHIVE = ("a web archive is written to a file of its own under OUTDIR: give -o OUTDIR with --format "
                 + ", ".join(name for name, f in FORMATS.items() if f.suffix))


def plan(sources: Iterable, settings: Settings, outdir: str | None,
         skip_existing: bool) -> Iterator[tuple[Task, Outcome | None]]:
    """(task, outcome known without parsing) for every input, in input order.

    Each file's kind is told here, by its first bytes (sources.kind_of); the first web archive
    met without the `warc` extra raises MissingExtraError, so the run stops there (`batch` looks
    for one before the run: first_archive).
    """
    one_walk = getattr(sources, "one_walk", lambda: False)()
    names = OutputNames(outdir, OUTPUT_SUFFIX[settings.fmt], one_walk) if outdir is not None else None
    archive_suffix = output_suffix(settings.archive_format, settings.compress)
    for item in sources:
        if isinstance(item, Passed):
            yield Task(item.path, None), Outcome(error=item.reason, skipped=True)
            continue
        if isinstance(item, Unlistable):
            yield Task(item.path, None), Outcome(error=item.reason)
            continue
        kind = kind_of(item.path)
        archive = kind == ARCHIVE
        counts = NONE if archive else None
        if names is None:
            if archive:
                yield Task(item.path, None, kind), Outcome(error=JSONL_ARCHIVE, records=NONE)
            else:
                yield Task(item.path, None, kind), None
            continue
        if archive:
            fastwarc()  # MissingExtraError, naming the extra
        out = names.claim(item, archive_suffix if archive else None)
        task = Task(item.path, out, kind)
        if out is None:
            yield task, Outcome(skipped=True, records=counts)  # listed twice
        elif names.escapes(out):
            yield task, Outcome(error=f"its output {out} would leave OUTDIR (symbolic link)", records=counts)
        elif skip_existing and up_to_date(item.path, out):
            yield task, Outcome(skipped=True, records=counts)
        else:
            yield task, None


def first_archive(sources: Iterable) -> str | None:
    """The path of the first web archive among SOURCES (a pass that reads each file's first bytes),
    or None: asked only when the `warc` extra is missing, so a run that would stop at its first
    archive stops before it writes anything."""
    for item in sources:
        if isinstance(item, Source) and kind_of(item.path) == ARCHIVE:
            return item.path
    return None


def has_warc_extra() -> bool:
    """FastWARC can be imported (found, not imported: a run of pages only does without it)."""
    import importlib.util

    try:
        return importlib.util.find_spec("fastwarc") is not None
    except (ImportError, ValueError):
        return False


def run(planned: Iterable, settings: Settings, jobs: int, report: Report,
        stop: Callable[[], bool] = lambda: False) -> bool:
    """Process every planned input, calling report(input, outcome) in input order.

    One job runs in this process; more run in forked worker processes.
    Returns False when stop() turned true before the end: inputs already
    done are reported, those under way are abandoned (no partial files).
    """
    if jobs <= 1:
        with page_alarm(settings) as parse:
            for task, known in planned:
                if stop():
                    return False
                try:
                    outcome = known if known is not None else work(task, settings, parse, stop=stop)
                except Abandoned:
                    return False
                report(task.path, outcome)
        return True
    splitter = Splitter(settings, jobs, report, stop)  # a large archive's records over the workers
    try:
        pool = Pool(jobs, settings)
        try:
            completed = pool.run(splitter.expand(planned), splitter.report, stop)
            pool.close(gently=completed)
            return completed
        except Abandoned:  # stopped while a split archive's parts were joined: nothing written
            pool.close(gently=False)
            return False
        except KeyboardInterrupt:  # a second Ctrl-C: stop now, whatever the workers are doing
            pool.kill()
            raise
        except BaseException:
            try:
                pool.close(gently=False)
            finally:
                pool.kill()
            raise
    finally:
        splitter.close()
