"""What is done with each kind of input: a page is parsed into one output, a web archive's records
into one JSON Lines file. The one function the run and the workers call, whatever the kind."""

from __future__ import annotations

from collections.abc import Callable

from .archive_unit import process_archive, process_part
from .page import Outcome, Parsed, Settings, Task, parse_file, process
from .sources import ARCHIVE, PART


def work(task: Task, settings: Settings, parse: Callable[[str, Settings], Parsed | Outcome] = parse_file,
         tick: Callable[[], None] | None = None, stop: Callable[[], bool] | None = None) -> Outcome:
    """TASK's Outcome. PARSE reads a page (under the run's alarm); an archive sets its own alarm per
    record, calls TICK before each and STOP between them (archive_unit.process_archive)."""
    if task.kind == ARCHIVE:
        return process_archive(task.path, task.out, settings, tick, stop)
    if task.kind == PART:
        return process_part(task.path, task.out, task.span, settings, tick, stop)
    return process(task.path, task.out, settings, parse)
