"""`newsparse batch`: clean a whole folder of saved pages; the rules live in newsparse.batch.

This module only turns options into a run, draws the progress bar (rich is
imported only when one is shown) and prints the report.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
import threading

import click

from . import batch as runner
from .cli import CLOSED_PIPE, CONTEXT, INTERRUPTED, fail, from_list_option, max_bytes_option, open_lists, warn
from .errors import MissingExtraError
from .files import InputError, abandon_stdout, check_writable, one_line, remove_stale_temps, same_file, text_name
from .render import FORMATS, format_help, format_names

STOPPING = "newsparse batch: stopping after the pages under way (Ctrl-C again to stop at once)\n"


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class CtrlC:
    """The first Ctrl-C (or SIGTERM) asks the run to stop after the pages under way; a second stops
    at once (KeyboardInterrupt: workers are killed, not waited for); any more are ignored while
    it does."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.requested = self.hurried = False
        self.previous: dict = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = {sig: signal.signal(sig, self.handle) for sig in self.SIGNALS}
        return self

    def __exit__(self, *exc):
        for sig, handler in self.previous.items():
            # After a stop, later signals are ignored until the exit: the run is already ending,
            # and an uncaught KeyboardInterrupt would end the process by SIGINT instead of 130.
            signal.signal(sig, signal.SIG_IGN if self.requested else handler)

    def handle(self, signum, frame):
        if self.hurried:
            return
        if self.requested:
            self.hurried = True
            raise KeyboardInterrupt
        self.requested = True
        # At once, so the key is seen to work: os.write, as a handler must not re-enter a buffered
        # stream; on a terminal the line starts by clearing the progress bar's, which redraws below.
        prefix = "\r\x1b[2K" if sys.stderr.isatty() else ""
        try:
            os.write(sys.stderr.fileno(), (prefix + STOPPING).encode())
        except (OSError, ValueError, AttributeError):  # no real stderr (a test runner's)
            pass

    def __call__(self) -> bool:
        return self.requested


class Stop(Exception):
    """The run cannot go on (an output that cannot be written: a full disk): its one line."""


class ClosedPipe(Exception):
    """Whoever read the JSON Lines on stdout went away (`| head`): the run ends quietly."""


class Lines:
    """Whole lines, written one by one: a stopped run leaves valid JSON Lines. When a write fails
    (a full disk) the file is cut back to its last whole line and the run stops (Stop)."""

    def __init__(self, path: str | None):
        self.path = path or "<stdout>"
        self.fd, self.good = None, 0  # the file's descriptor, and the bytes of whole lines written
        if path:
            try:
                self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
            except OSError as exc:
                fail(path, f"cannot write ({exc.strerror or exc})")

    def write(self, line: str) -> None:
        data = line.encode("utf-8")
        try:
            if self.fd is None:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                return
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view):]
            self.good += len(data)
        except OSError as exc:
            if self.fd is None:
                abandon_stdout()
                if exc.errno == errno.EPIPE:
                    raise ClosedPipe from None
            else:
                try:
                    os.ftruncate(self.fd, self.good)
                except OSError:
                    pass
            raise Stop(f"newsparse: {one_line(self.path)}: cannot write ({exc.strerror or exc})") from None

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def needs_parquet() -> None:
    """Parquet output without pyarrow: one line naming the extra, exit 2 (before any page is read)."""
    from .formats import parquet

    try:
        parquet.require()
    except MissingExtraError as exc:
        usage_failure(str(exc))


class ParquetRows:
    """The run's pages as one Parquet file (-f parquet): each JSON Lines record the workers hand back
    becomes a row of the fixed schema. The file appears when the run ends (a stopped run's holds
    the pages done, as its JSON Lines would); one that cannot be written stops the run (Stop)."""

    def __init__(self, path: str, fsync: bool = False):
        from .formats.parquet import ParquetSink

        self.path = path
        try:
            self.sink = ParquetSink(path, fsync=fsync)
        except OSError as exc:
            fail(path, f"cannot write ({exc.strerror or exc})")

    def write(self, line: str) -> None:
        try:
            self.sink.write(json.loads(line))
        except OSError as exc:
            self._give_up(exc)

    def close(self) -> None:
        if self.sink is not None:
            try:
                self.sink.close()
            except OSError as exc:
                self._give_up(exc)
            self.sink = None

    def _give_up(self, exc: OSError):
        self.sink.abort()
        self.sink = None
        raise Stop(f"newsparse: {one_line(self.path)}: cannot write ({exc.strerror or exc})") from None


class Quiet:
    """No progress bar: failure lines go straight to stderr."""

    def print(self, line: str) -> None:
        click.echo(line, err=True)

    def advance(self) -> None:
        pass

    def close(self) -> None:
        pass


class Bar:
    """rich's progress bar on stderr: pages done, pages/s, time left; lines print above it."""

    def __init__(self, total: int | None):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TimeRemainingColumn
        from rich.text import Text

        class Speed(ProgressColumn):
            def render(self, task):
                return Text(f"{task.speed or 0:.0f} pages/s")

        self.progress = Progress(BarColumn(), MofNCompleteColumn(), Speed(), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("pages", total=total)
        self.progress.start()

    def print(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def advance(self) -> None:
        self.progress.advance(self.task)

    def close(self) -> None:
        self.progress.stop()


glob_option = click.option(
    "--glob", "globs", multiple=True, metavar="PATTERN",
    help="Which files in folders are read (repeatable; default: *.html *.htm *.xhtml *.txt "
         "*.mhtml *.mht *.webarchive and their .gz, and the web archives *.warc *.warc.gz *.warc.zst "
         "*.arc *.arc.gz *.wacz). Matched on the name, ignoring case; an extension (html, .html) is "
         "taken as *.html; web archives are told by their content.")


def glob_patterns(globs: tuple[str, ...]) -> tuple[str, ...]:
    """--glob as given, but an extension (`html`, `.html`: how the defaults are written) is taken
    as `*.html`, with a note: as a pattern it would match no file name and the run would do nothing."""
    patterns = []
    for glob in globs:
        bare = glob[1:] if glob.startswith(".") else glob
        if bare and not any(c in glob for c in "*?[/") and (glob.startswith(".") or "." not in bare):
            warn(f"--glob {glob} is taken as *.{bare} (a pattern matches whole file names)")
            glob = f"*.{bare}"
        patterns.append(glob)
    return tuple(patterns)


def check_paths(inputs, output: str | None, fmt: str, errors: str | None, skip_existing: bool,
                lists: tuple[str, ...] = ()) -> None:
    """Usage errors found before any page is read: exit 2 with the reason."""
    stream = FORMATS[fmt].stream
    if not stream and not output:
        raise click.UsageError(f"--format {fmt} writes one file per page: give the folder with -o OUTDIR")
    if not stream and output == "-":
        streams = " or ".join(name for name in format_names("batch") if FORMATS[name].stream and FORMATS[name].stdout)
        raise click.UsageError(f"-o - is stdout, for -f {streams}; --format {fmt} writes one file per page into "
                               "-o OUTDIR")
    if stream and not FORMATS[fmt].stdout and (not output or output == "-"):
        raise click.UsageError(f"--format {fmt} writes one file: give it with -o FILE")
    if stream and skip_existing:
        raise click.UsageError(f"--skip-existing works with one file per page (--format json, text or "
                               f"markdown), not {fmt}")
    if inputs.count("-") + lists.count("-") > 1:
        raise click.UsageError("stdin can be read once: give - or --from-list - once")
    if errors == "-":
        raise click.UsageError("--errors takes a file (failures are also shown on stderr)")
    written = [p for p in (output, errors) if p and p != "-"]
    if len(written) == 2 and os.path.realpath(output) == os.path.realpath(errors):
        raise click.UsageError("-o and --errors name the same file")
    if not stream and output and os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"OUTDIR {output} exists and is not a folder")
    for path in written if stream else [p for p in written if p != output]:
        if os.path.isdir(path):
            raise click.UsageError(f"{path} is a folder; give a file")
    for given in inputs:
        for path in written:
            if given != "-" and same_file(given, path):
                what = "the output folder" if os.path.isdir(path) else "an output file"
                raise click.UsageError(f"{given} is both an input and {what}")
    # A file written while the walk reads (JSON Lines, --errors) must not be able to replace a page:
    # never inside an input folder, and with lists of paths never an existing page-like file.
    files = [p for p in written if p != output or stream]
    for given in inputs:
        if given != "-" and os.path.isdir(given):
            root = os.path.realpath(given)
            for path in files:
                if os.path.realpath(path).startswith(root + os.sep):
                    raise click.UsageError(f"{path} is inside the input folder {given}: write it elsewhere")
    if "-" in inputs or lists:
        for path in files:
            if os.path.isfile(path) and runner.matches(os.path.basename(path), runner.DEFAULT_GLOBS):
                raise click.UsageError(f"{path} exists and looks like a page that a list of paths may name: "
                                       "write it elsewhere")


@click.command(context_settings=CONTEXT, short_help="Clean a folder of saved pages into mirrored JSON or text files.")
@click.argument("inputs", nargs=-1, metavar="[INPUT]...", type=click.Path(allow_dash=True, path_type=str))
@from_list_option
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="OUTDIR for json/text/markdown (created if needed); FILE for jsonl/csv (default, or -: stdout).")
@click.option("-f", "--format", "fmt", type=click.Choice(format_names("batch")), default="json",
              show_default=True, help=format_help("batch"))
@glob_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of CPUs].")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop a page after this many seconds and report it (0: no limit).")
@click.option("--skip-existing", is_flag=True, help="Resume: skip pages whose output exists and is at least as new.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Also write the failures to FILE as JSON Lines {source, error}.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; failures are still shown.")
@click.option("--follow-symlinks", is_flag=True,
              help="Also read symbolic links in folders that point outside them (files named are always read).")
@click.option("--fsync", is_flag=True, help="Flush each output to the disk before renaming it into place.")
@click.option("--compress", type=click.Choice(["gz", "zst"]), default=None,
              help="Web archives: write OUTDIR/.../NAME.jsonl.gz or .jsonl.zst instead of .jsonl.")
@click.option("--archive-format", type=click.Choice(runner.ARCHIVE_FORMATS), default="jsonl", show_default=True,
              help="Web archives: one JSON Lines file each, or one Parquet file of the fixed schema "
                   "(NAME.parquet; the parquet extra).")
@click.option("--dedupe", type=click.Choice(runner.DEDUPE), default=None,
              help="Web archives: one article per canonical url and body, its first or latest capture.")
@click.option("--page-type", "page_types", multiple=True, metavar="TYPE",
              help="Keep only articles of this page_type (repeatable): article, video, liveblog...")
@click.option("--language", "languages", multiple=True, metavar="TAG",
              help="Keep only articles in this language (repeatable; ru keeps ru and ru-RU).")
@click.option("--min-words", type=click.IntRange(min=0), default=0, metavar="N",
              help="Keep only articles of at least N words.")
@max_bytes_option
def batch(inputs, lists, output, fmt, globs, jobs, timeout, skip_existing, errors_path, quiet, follow_symlinks, fsync,
          compress, archive_format, dedupe, page_types, languages, min_words, max_bytes):
    """Clean every saved page under INPUT... into mirrored files under OUTDIR.

    INPUT is a file or a folder (walked recursively); --from-list FILE (or -
    for stdin) names pages one per line, and so does - as an INPUT (the older
    spelling of --from-list -). `a/b/page.html` becomes `OUTDIR/a/b/page.json`;
    a web archive (WARC, ARC, WACZ: told by its content) `a/x.warc.gz`
    becomes `OUTDIR/a/x.jsonl`, one article a line (or `a/x.parquet`).
    Exit code 0 when every page was parsed, 1 when any failed, 2 for usage
    errors, 130 when stopped by Ctrl-C (or SIGTERM), 141 (quietly) when the
    reader of the JSON Lines on stdout goes away (`| head`).

    \b
    Examples:
      newsparse batch saved/ -o clean/
      newsparse batch saved/ -o clean/ --skip-existing --errors failed.jsonl
      find saved -name '*.html' | newsparse batch --from-list - -f jsonl -o pages.jsonl
      newsparse batch crawl.warc.gz -o clean/ --dedupe latest --compress zst
    """
    if not inputs and not lists:
        raise click.UsageError("give an INPUT (a file or folder) or --from-list FILE")
    check_paths(inputs, output, fmt, errors_path, skip_existing, lists)
    try:
        runner.check_compression(compress)
    except MissingExtraError as exc:
        usage_failure(str(exc))
    if archive_format == "parquet" and compress:
        raise click.UsageError("--compress is for JSON Lines; a Parquet file is compressed already")
    if "parquet" in (fmt, archive_format):
        needs_parquet()
    streams = open_lists(lists, inputs, dash_is_list=True)
    chosen = FORMATS[fmt]
    outdir = None if chosen.stream else output
    tally, screen, lines, errors = runner.Tally(), Quiet(), None, None

    def report(path: str, outcome: runner.Outcome) -> None:
        tally.add(outcome)
        if outcome.line is not None:
            lines.write(outcome.line)
        for file, offset, reason in outcome.records.errors if outcome.records else ():
            screen.print(f"newsparse: {one_line(file)}: {one_line(reason)}")
            if errors:
                errors.write(json.dumps({"source": text_name(path), "error": text_name(reason),
                                         "file": text_name(file), "offset": offset}, ensure_ascii=False) + "\n")
        if outcome.error is not None:
            line = f"newsparse: {one_line(path)}: {one_line(outcome.error)}"
            if outcome.fatal:
                raise Stop(line + "; the run stops")
            screen.print(line)
            if errors and not outcome.skipped:
                errors.write(json.dumps({"source": text_name(path), "error": text_name(outcome.error)},
                                        ensure_ascii=False) + "\n")
        screen.advance()

    completed, stopped, missing = False, None, None
    try:
        with CtrlC() as ctrl_c:  # from the first step: a Ctrl-C while inputs are looked over stops the run too
            if outdir:
                try:
                    os.makedirs(outdir, exist_ok=True)
                except OSError as exc:
                    fail(outdir, f"cannot create folder ({exc.strerror or exc})")
                try:
                    check_writable(outdir)  # once, before any page: not a failure for every page
                except InputError as exc:
                    fail(outdir, str(exc))
                remove_stale_temps(outdir)  # a killed run's: a resumed tree equals a clean run's
            # Parquet rows come from the workers as JSON Lines records, decoded where the file is written.
            lines = None if not chosen.stream else ParquetRows(output, fsync) if fmt == "parquet" else \
                Lines(None if output == "-" else output)
            if lines and chosen.header:
                lines.write(chosen.header())
            errors = Lines(errors_path) if errors_path else None
            excluded = frozenset(filter(None, map(runner.file_id, filter(None, (outdir, output, errors_path)))))
            sources = runner.Sources(inputs, glob_patterns(globs) or runner.DEFAULT_GLOBS, excluded,
                                     follow_links=follow_symlinks, lists=streams)
            if outdir and not runner.has_warc_extra():
                archive = runner.first_archive(sources)
                if archive is not None:
                    raise MissingExtraError(f"{one_line(archive)}: {runner.WARC_EXTRA}")
            settings = runner.Settings(fmt=fmt, max_bytes=max_bytes, timeout=timeout, fsync=fsync,
                                       protected=runner.inputs_in_reach(sources, outdir) if outdir else frozenset(),
                                       compress=compress, archive_format=archive_format, dedupe=dedupe,
                                       page_types=frozenset(page_types),
                                       languages=tuple(map(runner.language_tag, languages)),
                                       min_words=min_words)
            if not quiet and sys.stderr.isatty():
                screen = Bar(sources.count())
            planned = runner.plan(sources, settings, outdir, skip_existing)
            completed = runner.run(planned, settings, jobs or default_jobs(), report, stop=ctrl_c)
    except KeyboardInterrupt:
        pass
    except Stop as exc:
        stopped = str(exc)
    except ClosedPipe:
        sys.exit(CLOSED_PIPE)
    except MissingExtraError as exc:  # the first web archive met, without the `warc` extra
        missing = str(exc)
    finally:
        screen.close()
        for stream in (lines, errors):
            if stream:
                try:
                    stream.close()
                except Stop as exc:  # the Parquet file could not be finished
                    stopped = stopped or str(exc)
    if missing:
        usage_failure(missing)
    if stopped:
        click.echo(stopped, err=True)
        sys.exit(1)
    if not completed:
        summary = tally.summary().replace("\n", "\nnewsparse batch: ")
        click.echo(f"newsparse batch: interrupted after {summary}", err=True)
        sys.exit(INTERRUPTED)
    if not quiet:
        for line in tally.summary().split("\n"):
            click.echo(f"newsparse batch: {line}", err=True)
    sys.exit(1 if tally.any_failed else 0)


def usage_failure(reason: str) -> None:
    """A run that cannot start (an extra it needs is missing): one line, exit 2."""
    click.echo(f"newsparse: {reason}", err=True)
    sys.exit(2)
