"""newsparse as it was at a git revision beside the working tree's, on the same pages in one process.

    python bench/ab.py REV [--rounds 5] [--passes 10]

Exports the package as it was at REV (`git archive`) into a temporary folder under another name,
imports it next to the working tree's newsparse, checks that both give the same JSON on every HTML
page (naming the pages where they differ), then times a bare lxml parse, REV and the working tree
page by page in turn, rotating which goes first, in CPU time. Prints per group of pages (whole
Pangea pages of each layout, format fixtures, ../shared/corpus) the median [lowest-highest] over the
rounds of REV ÷ floor, working tree ÷ floor and working tree ÷ REV.

For judging a speed change: this virtual machine's speed drifts by tens of percent over minutes,
so runs of bench/speed.py made before and after a change cannot be compared. A run against HEAD
with nothing changed reads within about 3 % of 1.00x here: a smaller difference is not measured.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile

import lxml.html

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages import ROOT, cold_parser, cpu_seconds_in_turn, kind_of, page_group, page_paths, spread  # noqa: E402

import newsparse  # noqa: E402

OLD = "newsparse_at_rev"


def import_revision(rev: str, into: str):
    """The package at REV, importable as OLD (the package imports its own modules relatively)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "newsparse"], capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"ab: git archive {rev}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    os.rename(os.path.join(into, "newsparse"), os.path.join(into, OLD))
    sys.path.insert(0, into)
    old = importlib.import_module(OLD)
    if not importlib.import_module(f"{OLD}.api").load.__module__.startswith(OLD):
        sys.exit(f"ab: {rev} imports newsparse by name: its copy would run the working tree's code")
    return old


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="a git revision, e.g. HEAD~3 or a commit")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--passes", type=int, default=10, help="passes over the pages in each round")
    args = ap.parse_args(argv)
    pages = [(p.name, p.read_bytes()) for p in page_paths() if kind_of(p) == "HTML"]
    with tempfile.TemporaryDirectory(prefix="newsparse-ab-") as tmp:
        old = import_revision(args.rev, tmp)
        parsers = [lxml.html.fromstring, cold_parser(old), cold_parser(newsparse)]
        differ = [name for name, data in pages if parsers[1](data).to_dict() != parsers[2](data).to_dict()]
        if differ:
            print(f"different JSON from {args.rev} on {len(differ)} pages: {', '.join(differ)}")
        tools = [lambda name, data, parse=parse: parse(data) for parse in parsers]
        rounds = [cpu_seconds_in_turn(tools, pages, args.passes) for _ in range(args.rounds)]
    print(f"{len(pages)} HTML pages, {args.rounds} rounds of {args.passes} passes; CPU time, median [lowest-highest]")
    print(f"{'pages':8} {'n':>3}  {args.rev + ' ÷ floor':>22}  {'now ÷ floor':>22}  {'now ÷ ' + args.rev:>22}")
    for group in sorted({page_group(name) for name, _ in pages}):
        seconds = [r[group] for r in rounds]
        count = sum(page_group(name) == group for name, _ in pages)
        print(f"{group:8} {count:>3}  {spread([s[1] / s[0] for s in seconds], unit='x'):>22}  "
              f"{spread([s[2] / s[0] for s in seconds], unit='x'):>22}  "
              f"{spread([s[2] / s[1] for s in seconds], unit='x'):>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
