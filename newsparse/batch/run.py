"""A batch run: plan every page's output, then process them in one process or a pool, reporting in input order."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator

from .names import OUTPUT_SUFFIX, OutputNames, up_to_date
from .page import SKIPPED, Outcome, Report, Settings, page_alarm, process
from .pool import Pool
from .sources import Passed, Source, Unlistable


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
        return (f"{self.total} page{'' if self.total == 1 else 's'}: {self.parsed} parsed ({self.no_article} without an article), "
                f"{self.skipped} skipped, {self.failed} failed")


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


def plan(sources: Iterable, settings: Settings, outdir: str | None,
         skip_existing: bool) -> Iterator[tuple[str, str | None, Outcome | None]]:
    """(input, output, outcome known without parsing) for every page, in input order."""
    one_walk = getattr(sources, "one_walk", lambda: False)()
    names = OutputNames(outdir, OUTPUT_SUFFIX[settings.fmt], one_walk) if outdir is not None else None
    for item in sources:
        if isinstance(item, Passed):
            yield item.path, None, Outcome(error=item.reason, skipped=True)
            continue
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
    try:
        completed = pool.run(planned, report, stop)
        pool.close(gently=completed)
        return completed
    except KeyboardInterrupt:  # a second Ctrl-C: stop now, whatever the workers are doing
        pool.kill()
        raise
    except BaseException:
        try:
            pool.close(gently=False)
        finally:
            pool.kill()
        raise
