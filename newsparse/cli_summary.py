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
from datetime import datetime

import click
from rich import box
from rich.console import Console, Group
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .cli import CONTEXT, fail, from_list_option, max_bytes_option, open_lists
from .batch import DEFAULT_GLOBS
from .cli_batch import Bar, Quiet, default_jobs, glob_option, glob_patterns
from .files import one_line
from .summary import WORDS_PER_MINUTE, direction
from .summary_rows import (STATUS_STYLES, Row, find_pages, rows_table, sort_rows, summarize_file, summarize_pages,
                           tally, tsv_lines)
from .textutil import shorten_middle
LABEL_STYLE = "cyan"
LABEL_WIDTH = len("Language")  # the longest label, so every grid of the panel lines up


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
    return Framed(body, row.source)


class Framed:
    """The panel of one page, its frame titled with the file name, shortened in the middle to the
    width the panel gets (a path keeps its start and its file name; rich would cut the end)."""

    FRAME = 6  # columns of the top edge around the title: "╭─ " and " ─╮"

    def __init__(self, body, file: str) -> None:
        self.body, self.file = body, file

    def __rich_console__(self, console, options):
        title = shorten_middle(self.file, max(options.max_width - self.FRAME, 1))
        yield Panel(self.body, title=Text(title), title_align="left", box=box.ROUNDED, padding=(0, 1))


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

FORMATS = ("text", "tsv", "json")


@click.command(context_settings=CONTEXT, short_help="Show what saved pages are: headline, byline, date, words.")
@click.argument("paths", nargs=-1, metavar="[PATH]...", type=click.Path(allow_dash=True, path_type=str))
@from_list_option
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text: a panel, or a table for several pages (the default on a terminal); tsv: a header "
                   "and one line per page (the default for several pages when piped); json: JSON Lines.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="The same as -f json (older spelling).")
@click.option("--sort", "sort_key", type=click.Choice(["file", "date", "words"]), default="file",
              show_default=True, help="Order of the rows: file path, date (newest first), words (most first).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N rows; with --sort file only N pages are parsed.")
@glob_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of CPUs].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--color/--no-color", default=None,
              help="Force colours and boxes even when not a terminal, or turn colours off. "
                   "Default: both on a terminal, colours off when NO_COLOR is set.")
@click.option("--width", type=click.IntRange(min=20), default=None,
              help="Render for a terminal N columns wide (default: the terminal's width, else 80).")
@max_bytes_option
def summary(paths, lists, fmt, as_json, sort_key, limit, globs, jobs, quiet, color, width, max_bytes):
    """Show what saved pages are: headline, byline, date, lead, word count.

    One PATH (a file, or - for a page on standard input) gets a panel. Several
    files, a FOLDER (searched recursively for .html .htm .xhtml .txt .mhtml .mht
    .webarchive and their .gz) or --from-list FILE (paths one per line, - for
    stdin) get a table with one line per page on a terminal, tab-separated
    values when piped. A page that fails is a row with its reason, and the
    exit code is 1.

    \b
    Examples:
      newsparse summary page.html
      newsparse summary saved/ --sort date --limit 20
      newsparse summary saved/ -f json | jq .headline
      find saved -name '*.html' | newsparse summary --from-list - > pages.tsv
    """
    if not paths and not lists:
        raise click.UsageError("give a PATH (a file or folder), - for stdin, or --from-list FILE")
    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json is -f json: it cannot go with -f {fmt}")
    fmt = "json" if as_json else fmt
    streams = open_lists(lists, paths)
    single = len(paths) == 1 and not lists and (paths[0] == "-" or not os.path.isdir(paths[0]))
    if single:
        rows, found = [summarize_file(paths[0], max_bytes)], None
        if rows[0].error and fmt != "json":  # in JSON the error row is printed like any other
            fail(rows[0].source, rows[0].error)
    else:
        pages = find_pages(paths, streams, limit, sort_key, glob_patterns(globs) or DEFAULT_GLOBS)
        found = pages.total
        bar = Bar(len(pages.items)) if not quiet and sys.stderr.isatty() else Quiet()
        try:
            rows = summarize_pages(pages, max_bytes, jobs or default_jobs(), advance=bar.advance)
        finally:
            bar.close()
        if len(paths) == 1 and not lists and len(rows) == 1 and rows[0].error and fmt != "json":
            fail(rows[0].source, rows[0].error)  # the one folder given failed (no pages): as a page would
    shown = sort_rows(rows, sort_key)[:limit]
    failed = [r for r in rows if r.error]
    console, terminal = make_console(color, width)
    if fmt == "json":
        for row in shown:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
    elif fmt == "tsv" or (fmt is None and not terminal and not single):
        for line in tsv_lines(shown):
            click.echo(line)
    elif single:
        emit(console, terminal, page_view(rows[0], boxed=terminal))
    else:
        emit(console, terminal, rows_table(shown, console.width, boxed=terminal),
             Text(tally(rows, len(shown), found), style="dim"))
    # On a terminal the table shows each failure already: stderr repeats them only elsewhere.
    table_on_screen = terminal and fmt in (None, "text") and not single and sys.stdout.isatty() \
        and sys.stderr.isatty()
    for row in failed if not table_on_screen else ():
        click.echo(f"newsparse: {one_line(row.source)}: {one_line(row.error)}", err=True)
    if failed:
        raise SystemExit(1)
