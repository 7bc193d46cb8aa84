"""`newsparse summary`: what a saved page is, who wrote it, when, and what it says.

One page gets a panel, several pages (or a folder) a table with a row per page.
rich is imported only here, so `newsparse parse` starts without it. On a
terminal the output has colours and boxes; anywhere else it is plain text.
"""

from __future__ import annotations

import io
import json
import os
import sys
from dataclasses import dataclass, fields
from datetime import datetime

import click
from rich import box
from rich.console import Console, Group
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .batch import DEFAULT_GLOBS, Unlistable, read_page, walk
from .cli import CONTEXT, display_name, fail, max_bytes_option
from .errors import NewsparseError
from .extract.meta import instant
from .files import one_line, parse_file
from .summary import WORDS_PER_MINUTE, Summary, direction, summarize
from .textutil import shorten_middle

STATUS_STYLES = {"ok": "green", "no article": "yellow", "error": "red"}
LABEL_STYLE = "cyan"
LABEL_WIDTH = len("Language")  # the longest label, so every grid of the panel lines up


# --- finding and summarizing pages ----------------------------------------------------------------

@dataclass
class Row:
    """One input: its summary, or the reason it has none."""

    file: str
    summary: Summary | None = None
    error: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else self.summary.status

    def to_dict(self) -> dict:
        """The --json object: file, status, error, then every Summary key (empty on an error)."""
        if self.summary:
            data = self.summary.to_dict()
        else:
            data = {f.name: [] if f.type.startswith("list") else None for f in fields(Summary)}
        return {"file": self.file, **data, "status": self.status, "error": self.error}


def summarize_file(path: str, max_bytes: int) -> Row:
    """Read and parse one input; any failure becomes the row's reason, never an exception."""
    name = display_name(path)
    try:
        return Row(name, summary=summarize(parse_file(path, max_bytes, read=read_page)))
    except NewsparseError as exc:  # one bad page must not take the others down
        return Row(name, error=str(exc))


def summarize_paths(paths: tuple[str, ...], max_bytes: int) -> list[Row]:
    """A row per file; a folder stands for the pages in it, found as `batch` finds them
    (an error row when it has none, or for a subfolder that cannot be listed)."""
    rows = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = [Row(item.path, error=item.reason) if isinstance(item, Unlistable)
                     else summarize_file(item.path, max_bytes) for item in walk(path, DEFAULT_GLOBS)]
            rows.extend(found or [Row(path, error="no page files in this folder")])
        else:
            rows.append(summarize_file(path, max_bytes))
    return rows


def sort_rows(rows: list[Row], key: str) -> list[Row]:
    """--sort: file in path order; date newest first; words most first. Errors and unknowns go last."""
    if key == "file":
        return sorted(rows, key=lambda r: r.file)
    if key == "date":
        dated = [(r, instant(r.summary.published if r.summary else None)) for r in rows]
        return [r for r, _ in sorted((d for d in dated if d[1]), key=lambda d: d[1], reverse=True)] + \
            [r for r, moment in dated if not moment]
    return sorted(rows, key=lambda r: -(r.summary.words if r.summary else -1))


# --- rendering -------------------------------------------------------------------------------------

class Wrapped:
    """Text that wraps between words. A word wider than the space it gets is cut with an
    ellipsis, never silently. A block of right-to-left text (`block=True`) is aligned right;
    beside a label it stays next to the label."""

    def __init__(self, text: str, style: str = "", block: bool = False) -> None:
        self.text = text
        self.style = style
        self.justify = "right" if block and direction(text) == "rtl" else "left"

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, Text(self.text))

    def __rich_console__(self, console, options):
        width = max(options.max_width, 1)
        words = []
        for word in self.text.split():
            if Text(word).cell_len > width:
                cut = Text(word)
                cut.truncate(width, overflow="ellipsis")
                word = cut.plain
            words.append(word)
        yield Text(" ".join(words), style=self.style, justify=self.justify, overflow="fold")


class Middle:
    """One line of text shortened in the middle to the width it gets (a url, a path: both ends
    say more than the middle)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, Text(self.text))

    def __rich_console__(self, console, options):
        yield Text(shorten_middle(self.text, max(options.max_width, 1)), style=self.style, no_wrap=True)


def when(value: str | None, *, date_only: bool = False) -> str:
    """An ISO date as people read it: "2024-04-28 03:00 UTC-04:00"; unparseable values as given."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if date_only or len(value) <= 10:
        return f"{moment:%Y-%m-%d}"
    shown = f"{moment:%Y-%m-%d %H:%M}"
    offset = moment.utcoffset()
    if offset is None:
        return shown
    return f"{shown} UTC" + ("" if not offset else f"{moment:%z}"[:3] + ":" + f"{moment:%z}"[3:])


def facts(pairs: list[tuple[str, str | Text | Middle | None]]):
    """A two-column grid of labels and values, rows with no value left out."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=LABEL_STYLE, no_wrap=True, width=LABEL_WIDTH)
    grid.add_column()
    for label, value in pairs:
        if value:
            grid.add_row(label, Wrapped(value) if isinstance(value, str) else value)
    return grid


def status_text(row: Row) -> Text:
    label = f"error: {row.error}" if row.error else row.status
    return Text(label, style=STATUS_STYLES[row.status])


def page_view(row: Row, boxed: bool):
    """The one-page view: a panel on a terminal, the same lines without the frame elsewhere."""
    s = row.summary
    parts = [Wrapped(s.headline, style="bold", block=True) if s.headline else Text("(no headline)", style="dim")]
    dates = when(s.published) + (f" · updated {when(s.updated)}" if s.updated else "")
    site = " — ".join(x for x in (s.site, s.site_name) if x)
    parts.append(facts([("By", s.byline), ("Date", dates), ("Site", site), ("Url", Middle(s.url) if s.url else None),
                        ("Language", s.language), ("Type", s.page_type), ("Claim", s.claim),
                        ("Verdict", s.verdict)]))
    if s.caption:
        caption = Wrapped(s.caption, style="dim", block=True)
        parts.append(Panel(caption, box=box.ROUNDED, border_style="dim", title="caption", title_align="left")
                     if boxed else facts([("Caption", s.caption)]))
    for i, paragraph in enumerate(s.lead):
        parts.append(Text(""))
        parts.append(Wrapped(f"{s.dateline} — {paragraph}" if i == 0 and s.dateline else paragraph, block=True))
    parts.append(Text(""))
    if s.reading_minutes is None:  # not prose: a reading time would be absurd (summary.reading_time)
        reading = f"{s.words:,} words · not prose, no reading time"
    elif s.words:
        reading = f"{s.words:,} words · about {s.reading_minutes} min read at {WORDS_PER_MINUTE} words/min"
    else:
        reading = "0 words"
    stripped = f"{s.stripped} {s.stripped_unit[:-1] if s.stripped == 1 else s.stripped_unit} of page chrome removed"
    parts.append(facts([("Words", reading), ("Credits", "\n".join(s.credits)), ("Stripped", stripped),
                        ("Status", None if s.status == "ok" else status_text(row))]))
    body = Group(*parts)
    if not boxed:
        return body
    return Framed(body, row.file)


class Framed:
    """The panel of one page, its frame titled with the file name, shortened in the middle to the
    width the panel gets (a path keeps its start and its file name; rich would cut the end)."""

    FRAME = 6  # columns of the top edge around the title: "╭─ " and " ─╮"

    def __init__(self, body, file: str) -> None:
        self.body, self.file = body, file

    def __rich_console__(self, console, options):
        title = shorten_middle(self.file, max(options.max_width - self.FRAME, 1))
        yield Panel(self.body, title=Text(title), title_align="left", box=box.ROUNDED, padding=(0, 1))


def rows_table(rows: list[Row], boxed: bool) -> Table:
    """The many-pages view: one row per page."""
    table = Table(box=box.ROUNDED if boxed else None, header_style="bold", pad_edge=boxed,
                  show_edge=boxed, padding=(0, 1), expand=True)
    table.add_column("File", overflow="fold", ratio=3)
    table.add_column("Headline", ratio=5)
    table.add_column("Byline", ratio=2)
    table.add_column("Date", no_wrap=True)
    table.add_column("Lang", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("Status", max_width=24)
    for row in rows:
        s = row.summary
        if s is None:
            table.add_row(row.file, "", "", "", "", "", status_text(row))
            continue
        table.add_row(row.file, Wrapped(s.headline or ""), Wrapped(s.byline or ""), when(s.published, date_only=True),
                      s.language or "", f"{s.words:,}", status_text(row))
    return table


def tally(rows: list[Row], shown: int) -> str:
    """The line under the table: how many pages, how they fared."""
    counts = {status: sum(r.status == status for r in rows) for status in STATUS_STYLES}
    text = f"{len(rows)} page{'' if len(rows) == 1 else 's'}: {counts['ok']} ok, {counts['no article']} no article, {counts['error']} failed"
    return text + (f" (showing {shown})" if shown < len(rows) else "")


def make_console(color: bool | None, width: int | None) -> tuple[Console, bool]:
    """A console writing to a string, and whether output is for a terminal (colours and boxes).

    Auto: a terminal gets both, with colours off when NO_COLOR is set; FORCE_COLOR
    counts as a terminal. --color forces both (and beats NO_COLOR, as no-color.org
    asks); --no-color turns colours off."""
    auto = color is None
    terminal = bool(color) or (auto and os.environ.get("FORCE_COLOR", "") != "") \
        or sys.stdout.isatty()
    no_color = color is False or (auto and os.environ.get("NO_COLOR", "") != "")
    console = Console(file=io.StringIO(), force_terminal=terminal, no_color=no_color, width=width,
                      highlight=False, emoji=False, markup=False, legacy_windows=False,
                      force_jupyter=False, force_interactive=False)
    return console, terminal


def emit(console: Console, terminal: bool, *renderables) -> None:
    for renderable in renderables:
        console.print(renderable)
    text = "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())
    click.echo(text, color=terminal)


# --- the command -----------------------------------------------------------------------------------

@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option("--sort", "sort_key", type=click.Choice(["file", "date", "words"]), default="file",
              show_default=True, help="Order of the rows: file path, date (newest first), words (most first).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show only the first N rows.")
@click.option("--json", "as_json", is_flag=True,
              help="Summary data as JSON Lines: one object per page, one page per line.")
@click.option("--color/--no-color", default=None,
              help="Force colours and boxes even when not a terminal, or turn colours off. "
                   "Default: both on a terminal, colours off when NO_COLOR is set.")
@click.option("--width", type=click.IntRange(min=20), default=None,
              help="Render for a terminal N columns wide (default: the terminal's width, else 80).")
@max_bytes_option
def summary(paths, sort_key, limit, as_json, color, width, max_bytes):
    """Show what saved pages are: headline, byline, date, lead, word count.

    One PATH (a file, or - for standard input) gets a panel. Several files or
    a FOLDER (searched recursively for .html .htm .xhtml .txt .mhtml .mht .webarchive and
    their .gz) get a table with one row per page; a page that fails is a row
    with its reason, and the exit code is 1.

    \b
    Examples:
      newsparse summary page.html
      newsparse summary saved/ --sort date --limit 20
      newsparse summary saved/ --json | jq .headline
    """
    single = len(paths) == 1 and (paths[0] == "-" or not os.path.isdir(paths[0]))
    rows = summarize_paths(paths, max_bytes)
    if single and rows[0].error and not as_json:  # with --json the error row is printed like any other
        fail(rows[0].file, rows[0].error)
    shown = sort_rows(rows, sort_key)[:limit]
    failed = [r for r in rows if r.error]
    if as_json:
        for row in shown:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
    else:
        console, terminal = make_console(color, width)
        if single:
            emit(console, terminal, page_view(rows[0], boxed=terminal))
        else:
            emit(console, terminal, rows_table(shown, boxed=terminal), Text(tally(rows, len(shown)), style="dim"))
    for row in failed:
        click.echo(f"newsparse: {one_line(row.file)}: {one_line(row.error)}", err=True)
    if failed:
        raise SystemExit(1)
