"""A batch run: plan every page's output, then process them in one process or a pool, reporting in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .names import OUTPUT_SUFFIX, OutputNames, up_to_date
from .page import SKIPPED, Outcome, Report, Settings, page_alarm, process
from .pool import Pool
from .sources import Unlistable


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
