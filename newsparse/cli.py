"""The `newsparse` command: a thin layer over newsparse.parse.

Subcommands other than `parse` live in their own modules and are imported
only when called, so `newsparse parse` starts without rich.
"""

from __future__ import annotations

import importlib
import sys

import click

from . import __version__
from .errors import NewsparseError
from .load import DEFAULT_MAX_BYTES
from .render import format_help, format_names

CONTEXT = {"help_option_names": ["-h", "--help"]}
INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C
CLOSED_PIPE = 141  # what the shell shows for a tool ended by SIGPIPE (`newsparse ... | head`)

# name -> "module:attribute", imported on first use.
LAZY_COMMANDS = {
    "batch": "newsparse.cli_batch:batch",
    "summary": "newsparse.cli_summary:summary",
}


class LazyGroup(click.Group):
    """A click group whose heavier commands are imported only when run."""

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attr = LAZY_COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
                return None
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        """Ctrl-C ends any command with the shell's code for it, 130, and no "Aborted!" (Click's
        own ending, exit 1): `batch` stops its run the same way. A reader of stdout that went away
        (`| head`) ends it quietly with CLOSED_PIPE (Click would exit 1)."""
        import errno

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            sys.exit(INTERRUPTED)
        except OSError as exc:
            if exc.errno != errno.EPIPE or exc.filename is not None:
                raise
            from .files import abandon_stdout

            abandon_stdout()
            sys.exit(CLOSED_PIPE)


def fail(source: str, reason: str) -> None:
    """The one-line error every command uses: names the input and the reason, exit 1. Control
    characters and bytes that are not UTF-8 in either are escaped (files.one_line)."""
    from .files import one_line

    click.echo(f"newsparse: {one_line(source)}: {one_line(reason)}", err=True)
    sys.exit(1)


def display_name(path: str) -> str:
    """PATH as reports and JSON show it: valid UTF-8 (files.text_name); `-` is <stdin>."""
    from .files import text_name

    return "<stdin>" if path == "-" else text_name(path)


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse inputs (or what they decompress to) larger than this.")


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="newsparse")
def cli():
    """Clean article data from saved RFE/RL, VOA and other Pangea CMS pages.

    \b
    Examples:
      newsparse parse page.html
      curl -s URL | newsparse parse - --format json
      newsparse batch saved/ -o clean/
      newsparse summary saved/
    """


@cli.command(context_settings=CONTEXT)
# PATH is a plain string: a folder or an unreadable file is a bad input (one line, exit 1, as in batch),
# not a usage error, so Click is not asked to check it.
@click.argument("path", type=click.Path(allow_dash=True, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(format_names("parse")), default="text", show_default=True,
              help=format_help("parse"))
@click.option("--indent", type=click.IntRange(0, 16), default=None, help="Pretty-print JSON with N spaces.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str), default=None,
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--url", default=None, help="The page's address, used when it names no canonical URL.")
@max_bytes_option
def parse(path, fmt, indent, output, url, max_bytes):
    """Extract the article from one saved page (HTML, gzip, MHTML, Safari web archive or text dump).

    PATH is a file, or - to read standard input.

    \b
    Examples:
      newsparse parse page.html
      newsparse parse page.html.gz --format json --indent 2
      cat page.txt | newsparse parse - -o article.txt
    """
    from .files import parse_file, same_file, write_output
    from .render import render

    name = display_name(path)
    if output and path != "-" and same_file(path, output):
        raise click.UsageError("the output file is the input file; refusing to overwrite it")
    try:
        article = parse_file(path, max_bytes, url=url)
    except NewsparseError as exc:
        fail(name, str(exc))
    rendered = render(fmt, article, indent=indent)
    if output:
        try:
            write_output(output, rendered)
        except OSError as exc:
            fail(output, f"cannot write ({exc.strerror or exc})")
    else:
        click.echo(rendered, nl=False)


def main():
    """Console-script entry point. A stdout that cannot be written (a full disk, /dev/full) is one
    line and exit 1, never a traceback, whether the write or the flush at exit fails; a reader
    that went away (`| head`) ends it quietly with CLOSED_PIPE, as Unix tools end."""
    import errno
    import os

    from .files import abandon_stdout

    try:
        try:
            cli(prog_name="newsparse")
        finally:
            sys.stdout.flush()
    except OSError as exc:
        if exc.errno == errno.EPIPE or exc.filename is not None:  # a closed pipe: click's own rule, quiet
            abandon_stdout()
            if exc.errno == errno.EPIPE:
                sys.exit(CLOSED_PIPE)
            raise
        abandon_stdout()
        fail("<stdout>", f"cannot write ({exc.strerror or os.strerror(exc.errno or 0)})")


if __name__ == "__main__":
    main()
