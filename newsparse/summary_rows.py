"""`newsparse summary` of many pages: the rows (found as `batch` finds pages, parsed in its pool),
their order, and the two views of them: a table sized to a terminal, or tab-separated values.

The table keeps one line per page at any width: Date, Lang, Words and Status take what they
hold, File and Byline a share (File shortened in the middle, where a path says least), and the
headline what is left. An error row puts its reason where the headline goes, so it widens no
column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from .batch import DEFAULT_GLOBS, Outcome, Settings, Source, Sources, Task, Unlistable, file_id, read_page, run
from .cli import display_name
from .errors import NewsparseError
from .extract.meta import instant
from .files import one_line, parse_file, text_name
from .summary import Summary, summarize

STATUS_STYLES = {"ok": "green", "no article": "yellow", "error": "red"}
ELLIPSIS = "…"


@dataclass
class Row:
    """One input: its summary, or the reason it has none. `source` is the path as reached (what
    JSON and TSV give programs); `shown` the path in the table, relative to the one folder given."""

    source: str
    summary: Summary | None = None
    error: str | None = None
    shown: str | None = None

    def __post_init__(self):
        self.shown = self.shown or self.source

    @property
    def status(self) -> str:
        return "error" if self.error else self.summary.status

    def to_dict(self) -> dict:
        """The JSON object: source, then every Summary key (empty on an error), status, error."""
        if self.summary:
            data = self.summary.to_dict()
        else:
            data = {f.name: [] if f.type.startswith("list") else None for f in fields(Summary)}
        return {"source": self.source, **data, "status": self.status, "error": self.error}


def summarize_file(path: str, max_bytes: int, shown: str | None = None) -> Row:
    """Read and parse one input in this process (a pipe or device refused, never waited on);
    any failure becomes the row's reason."""
    name = display_name(path)
    try:
        return Row(name, summary=summarize(parse_file(path, max_bytes, read=read_page)), shown=shown)
    except NewsparseError as exc:  # one bad page must not take the others down
        return Row(name, error=str(exc), shown=shown)


def row_of(path: str, outcome: Outcome, shown: str) -> Row:
    """The row of a page the pool (or batch's in-process loop) has done."""
    if outcome.error is not None:
        return Row(display_name(path), error=outcome.error, shown=shown)
    return Row(display_name(path), summary=Summary(**json.loads(outcome.line)), shown=shown)


@dataclass
class Found:
    """The pages to summarize, in input order, each with the name the table shows."""

    items: list  # Source | Unlistable
    shown: list[str]
    total: int  # pages found, before --limit cut them (when it could)


def find_pages(paths: tuple[str, ...], lists: list, limit: int | None, sort_key: str,
               globs: tuple[str, ...] = DEFAULT_GLOBS) -> Found:
    """Every page the inputs name, each once however its path is spelled (by device and inode).
    With --sort file, --limit cuts the list here, before any page is parsed; other orders need
    every page's summary first."""
    sources = Sources(paths, globs, lists=lists, dash_lists=False)
    relative = sources.one_walk()
    items, shown, seen = [], [], set()
    for item in sources:
        if isinstance(item, Source) and item.path != "-":
            key = file_id(item.path)
            if key is not None and key in seen:
                continue
            seen.add(key)
        items.append(item)
        shown.append(text_name(item.rel) if relative and isinstance(item, Source) else display_name(item.path))
    total = len(items)
    if limit and sort_key == "file":
        order = sorted(range(total), key=lambda i: shown[i])[:limit]
        items, shown = [items[i] for i in order], [shown[i] for i in order]
    return Found(items, shown, total)


def summarize_pages(found: Found, max_bytes: int, jobs: int, advance: Callable[[], None] = lambda: None,
                    stop: Callable[[], bool] = lambda: False) -> list[Row]:
    """A row per page, in the order found: pages parsed by batch's runner (a pool of JOBS
    workers, each page under batch's timeout); stdin and folders that failed, here."""
    settings = Settings(fmt="summary", max_bytes=max_bytes)

    def planned():
        for item in found.items:
            if isinstance(item, Unlistable):
                yield Task(item.path, None), Outcome(error=item.reason)
            elif item.path == "-":
                row = summarize_file("-", max_bytes)
                yield Task("-", None), Outcome(error=row.error) if row.error else \
                    Outcome(line=json.dumps(row.summary.to_dict()))
            else:
                yield Task(item.path, None), None

    rows: list[Row] = []

    def report(path: str, outcome: Outcome) -> None:
        rows.append(row_of(path, outcome, found.shown[len(rows)]))
        advance()

    work = sum(isinstance(item, Source) and item.path != "-" for item in found.items)
    run(planned(), settings, min(jobs, work), report, stop=stop)
    return rows


def sort_rows(rows: list[Row], key: str) -> list[Row]:
    """--sort: file in path order; date newest first; words most first. Errors and unknowns go last."""
    if key == "file":
        return sorted(rows, key=lambda r: r.shown)
    if key == "date":
        dated = [(r, instant(r.summary.published if r.summary else None)) for r in rows]
        return [r for r, _ in sorted((d for d in dated if d[1]), key=lambda d: d[1], reverse=True)] + \
            [r for r, moment in dated if not moment]
    return sorted(rows, key=lambda r: -(r.summary.words if r.summary else -1))


def tally(rows: list[Row], shown: int, found: int | None = None) -> str:
    """The line under the table: how many pages, how they fared, and how many are shown."""
    counts = {status: sum(r.status == status for r in rows) for status in STATUS_STYLES}
    text = f"{len(rows)} page{'' if len(rows) == 1 else 's'}: {counts['ok']} ok, " \
           f"{counts['no article']} no article, {counts['error']} failed"
    if found is not None and found > len(rows):
        return text + f" (the first {len(rows)} of {found} by file)"
    return text + (f" (showing {shown})" if shown < len(rows) else "")


# --- tab-separated values ------------------------------------------------------------------------

TSV_COLUMNS = ("source", "headline", "byline", "published", "language", "words", "status", "error")


def tsv_lines(rows: Iterable[Row]) -> Iterable[str]:
    """A header, then one line per page: what `grep`, `cut` and spreadsheets read. Tabs, newlines
    and other controls inside a value are escaped (`\\t`, `\\n`), so a page is always one line."""
    yield "\t".join(TSV_COLUMNS)
    for row in rows:
        s = row.summary
        values = [row.source, s and s.headline, s and s.byline, s and s.published, s and s.language,
                  s and str(s.words), row.status, row.error]
        yield "\t".join(one_line(v) if v else "" for v in values)


# --- the table ------------------------------------------------------------------------------------

HEADERS = ("File", "Headline", "Byline", "Date", "Lang", "Words", "Status")
OPTIONAL = ("Byline", "Date", "Lang")
LANG_MAX = 8
FILE_SHARE, BYLINE_SHARE = 0.35, 0.2  # of the width left after the fixed columns
FILE_MIN, BYLINE_MIN, HEADLINE_MIN = 12, 6, 20


def shorten_end(text: str, width: int) -> str:
    """TEXT in at most WIDTH cells, cut at the end with an ellipsis."""
    if cell_len(text) <= width:
        return text
    cut = Text(text)
    cut.truncate(width, overflow="ellipsis")
    return cut.plain


def shorten_middle(text: str, width: int) -> str:
    """TEXT in at most WIDTH cells, its middle replaced by an ellipsis: a path keeps its start and
    its file name (which gets the larger part)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    tail_cells = (width - 1) * 3 // 5
    head_cells = width - 1 - tail_cells
    head, tail = "", ""
    for ch in text:
        if cell_len(head + ch) > head_cells:
            break
        head += ch
    for ch in reversed(text[len(head):]):
        if cell_len(ch + tail) > width - 1 - cell_len(head):
            break
        tail = ch + tail
    return head + ELLIPSIS + tail


def cells(row: Row) -> tuple[str, ...]:
    s = row.summary
    if s is None:
        return row.shown, row.error, "", "", "", "", "error"
    return (row.shown, s.headline or "", s.byline or "", (s.published or "")[:10], s.language or "",
            f"{s.words:,}", row.status)


def widths(headers: tuple[str, ...], table: list[tuple[str, ...]], width: int, boxed: bool) -> list[int]:
    """Each column's width so that a row fits WIDTH cells: see the module docstring. HEADERS
    starts with File, Headline, Byline (when shown); the rest take what they hold."""
    natural = [max([cell_len(h)] + [cell_len(r[i]) for r in table]) for i, h in enumerate(headers)]
    if "Lang" in headers:
        natural[headers.index("Lang")] = min(natural[headers.index("Lang")], LANG_MAX)
    has_byline = "Byline" in headers
    fixed = natural[3:] if has_byline else natural[2:]
    overhead = 3 * len(headers) + 1 if boxed else 2 * (len(headers) - 1)
    free = width - overhead - sum(fixed)
    file_w = min(natural[0], max(FILE_MIN, int(free * FILE_SHARE)))
    byline_w = min(natural[2], max(BYLINE_MIN, int(free * BYLINE_SHARE))) if has_byline else 0
    short = min(natural[1], HEADLINE_MIN) - (free - file_w - byline_w)
    if short > 0 and has_byline:  # a narrow terminal: the byline gives way first, then the path
        cut = max(0, min(short, byline_w - BYLINE_MIN))
        byline_w, short = byline_w - cut, short - cut
    if short > 0:
        file_w -= max(0, min(short, file_w - FILE_MIN))
    headline_w = free - file_w - byline_w
    spare = headline_w - natural[1]
    if spare > 0:  # short headlines: what they leave goes to the paths, then to the bylines
        more = min(spare, natural[0] - file_w)
        file_w, spare = file_w + more, spare - more
        if has_byline:
            byline_w += min(spare, natural[2] - byline_w)
        headline_w = natural[1]
    return [max(1, w) for w in (file_w, headline_w, *([byline_w] if has_byline else []), *fixed)]


def rows_table(rows: list[Row], width: int, boxed: bool) -> Table:
    """The many-pages view: one line per page, every column sized for WIDTH; Byline, Date and
    Lang are left out when no page has one."""
    full = [cells(row) for row in rows]
    keep = [i for i, header in enumerate(HEADERS) if header not in OPTIONAL or any(r[i] for r in full)]
    headers = tuple(HEADERS[i] for i in keep)
    table = [tuple(r[i] for i in keep) for r in full]
    sizes = widths(headers, table, width, boxed)
    view = Table(box=box.ROUNDED if boxed else None, header_style="bold", pad_edge=boxed, show_edge=boxed,
                 padding=(0, 1), expand=False)
    for header, size in zip(headers, sizes):
        view.add_column(header, width=size, no_wrap=True, overflow="ellipsis",
                        justify="right" if header == "Words" else "left")
    for row, values in zip(rows, table):
        shown = [shorten_middle(values[0], sizes[0])] + [shorten_end(v, s) for v, s in zip(values[1:], sizes[1:])]
        styles = {"Headline": "bold" if row.summary else "red", "Status": STATUS_STYLES[row.status]}
        view.add_row(*(Text(v, style=styles.get(h, "")) for v, h in zip(shown, headers)))
    return view
