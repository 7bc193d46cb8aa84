"""Where a batch's pages come from: files as given, folders walked in sorted order, `-` lines from stdin.

Also how an input's name becomes the stem its output is named by.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import NamedTuple, TextIO

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".mhtml", ".mht", ".webarchive")
DEFAULT_GLOBS = tuple(f"*{suffix}{gz}" for gz in ("", ".gz") for suffix in PAGE_SUFFIXES)


class Source(NamedTuple):
    """One input page: `path` is opened and reported; `rel` is mirrored under OUTDIR."""

    path: str
    rel: str
    base: str  # what its output is named before the format's suffix (see output_base)


def page_stem(name: str) -> str:
    """NAME without `.gz` and one page extension: `page.html.gz` -> `page`; other names stay whole."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    root, ext = os.path.splitext(base)
    if ext.lower() in PAGE_SUFFIXES:
        base = root
    return base or name


def output_base(rel: str, shared: set[str]) -> str:
    """REL without its page extension (`a/page.html` -> `a/page`), or whole when SHARED (the
    stems that more than one file of its folder reduces to) holds its stem."""
    folder, name = os.path.split(rel)
    stem = page_stem(name)
    return rel if stem in shared else os.path.join(folder, stem)


def shared_stems(names: Iterable[str]) -> set[str]:
    """Stems that more than one page-named file in a folder reduces to (x.html and x.htm)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for name in names:
        stem = page_stem(name)
        if stem == name:
            continue
        (shared if stem in seen else seen).add(stem)
    return shared


def matches(rel: str, globs: tuple[str, ...]) -> bool:
    """Glob on the file name (or on the relative path when the pattern has a /), ignoring case."""
    on_name, on_path = _glob_patterns(globs)
    rel = rel.lower()
    return bool(on_name and on_name.match(rel[rel.rfind("/") + 1:]) or on_path and on_path.match(rel))


@functools.lru_cache(maxsize=8)
def _glob_patterns(globs: tuple[str, ...]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The globs as two regexes, for the name and for the whole relative path: a walk asks
    about every file it meets, and fourteen fnmatch calls a file cost 3 us."""
    def joined(patterns):
        return re.compile("|".join(fnmatch.translate(g.lower()) for g in patterns)) if patterns else None
    return joined([g for g in globs if "/" not in g]), joined([g for g in globs if "/" in g])


def mirror_path(path: str) -> str:
    """PATH made relative and unable to climb: `/a/b`, `../a/b` and `a/./b` all become `a/b`."""
    parts = [p for p in os.path.normpath(path).split(os.sep) if p not in ("", ".", "..")]
    return os.path.join(*parts) if parts else os.path.basename(path)


def file_id(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Unlistable(NamedTuple):
    """A folder the walk could not read: reported as a failure, the walk goes on."""

    path: str
    reason: str


def walk(folder: str, globs: tuple[str, ...], excluded: frozenset = frozenset(),
         rel: str = "") -> Iterator[Source | Unlistable]:
    """Pages under FOLDER in sorted order. Symlinked folders are not entered (the walk never
    leaves the input); folders and files in EXCLUDED, (st_dev, st_ino) pairs such as
    OUTDIR's, are passed over."""
    here = os.path.join(folder, rel) if rel else folder
    try:
        entries = sorted(os.scandir(here), key=lambda e: e.name)
    except OSError as exc:
        yield Unlistable(here, f"cannot list folder ({exc.strerror or exc})")
        return
    shared = shared_stems(e.name for e in entries)
    inodes = {ino for _, ino in excluded}
    for entry in entries:
        entry_rel = os.path.join(rel, entry.name)
        if entry.inode() in inodes and (entry.stat(follow_symlinks=False).st_dev, entry.inode()) in excluded:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(folder, globs, excluded, entry_rel)
        elif matches(entry_rel, globs):
            yield Source(os.path.join(folder, entry_rel), entry_rel, output_base(entry_rel, shared))


class Sources:
    """Every page the inputs name, in order: files as given, folders walked, `-` lines from stdin.

    Files named directly or on stdin are taken whatever their extension; the
    glob picks files inside folders. A folder that cannot be listed is yielded
    as an Unlistable, and the rest goes on.
    """

    def __init__(self, inputs: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS,
                 excluded: frozenset = frozenset(), stdin: TextIO | None = None):
        self.inputs, self.globs, self.excluded = list(inputs), globs, excluded
        self.stdin = stdin
        self._listing: tuple[str | None, set[str]] = (None, set())

    def __iter__(self) -> Iterator[Source | Unlistable]:
        for given in self.inputs:
            if given == "-":
                for line in self.stdin if self.stdin is not None else sys.stdin:
                    path = line.rstrip("\r\n")
                    if path:
                        yield self.direct(path)
            elif os.path.isdir(given):
                yield from walk(given, self.globs, self.excluded)
            else:
                yield self.direct(given)

    def count(self) -> int | None:
        """How many pages a run will see (a second walk); None when stdin is among the inputs."""
        if "-" in self.inputs:
            return None
        return sum(1 for _ in self)

    def direct(self, path: str) -> Source:
        folder = os.path.dirname(path)
        if self._listing[0] != folder:  # inputs usually come folder by folder: list each once
            try:
                names = os.listdir(folder or ".")
            except OSError:
                names = []
            self._listing = (folder, shared_stems(names))
        rel = mirror_path(path)
        return Source(path, rel, output_base(rel, self._listing[1]))
