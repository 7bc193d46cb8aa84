"""Where a batch's inputs come from: files as given, folders walked in sorted order, lists of paths.

Two kinds of input go through the same pipeline: a page (one file, one article) and a web
archive (one file, many records), told apart by their first bytes (`kind_of`), whatever their
name. Also how an input's name becomes the stem its output is named by.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple, TextIO

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".mhtml", ".mht", ".webarchive")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".arc", ".arc.gz", ".wacz")
DEFAULT_GLOBS = (tuple(f"*{suffix}{gz}" for gz in ("", ".gz") for suffix in PAGE_SUFFIXES)
                 + tuple(f"*{suffix}" for suffix in ARCHIVE_SUFFIXES))
PAGE, ARCHIVE = "page", "archive"  # the kinds of input (Source.kind)
PART = "archive part"  # a kind of task only: one record-offset range of a large archive (split.py)
RECORDS = (ARCHIVE, PART)  # the kinds of task whose pages are an archive's records


class Source(NamedTuple):
    """One input: `path` is opened and reported; `rel` is mirrored under OUTDIR."""

    path: str
    rel: str
    base: str  # what its output is named before the format's suffix (see output_base)
    kind: str = PAGE  # PAGE or ARCHIVE (kind_of), decided when the run is planned


def kind_of(path: str) -> str:
    """ARCHIVE when the file's first bytes are a web archive's (archive.detect), else PAGE: a
    `.gz` may be a page or a WARC, and a WARC may have any name. Anything that is not a regular
    file, or cannot be read, is a PAGE: reading it as one gives its one-line reason."""
    from ..archive.detect import HEAD_BYTES, detect

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        return PAGE
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return PAGE
        head = os.read(fd, HEAD_BYTES)
    except OSError:
        return PAGE
    finally:
        os.close(fd)
    return ARCHIVE if detect(head) else PAGE


def page_stem(name: str) -> str:
    """NAME without `.gz` and one page extension (`page.html.gz` -> `page`) or without an archive
    extension (`crawl.warc.gz` -> `crawl`); other names stay whole."""
    lower = name.lower()
    for suffix in ARCHIVE_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    base = name[:-3] if lower.endswith(".gz") else name
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


class Passed(Unlistable):
    """A file the walk passes over on purpose (a symbolic link out of the folder): `batch` reports
    it as skipped; other walkers see an Unlistable."""

    __slots__ = ()


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _listing(folder: str, rel: str):
    """The entries of FOLDER/REL in sorted order, and the stems they share; or an Unlistable."""
    here = os.path.join(folder, rel) if rel else folder
    try:
        entries = sorted(os.scandir(here), key=lambda e: e.name)
    except OSError as exc:
        return Unlistable(here, f"cannot list folder ({exc.strerror or exc})")
    return rel, iter(entries), shared_stems(e.name for e in entries)


def walk(folder: str, globs: tuple[str, ...], excluded: frozenset = frozenset(),
         follow_links: bool = False) -> Iterator[Source | Unlistable | Passed]:
    """Pages under FOLDER in sorted order, depth first, with a stack of open folders instead of
    recursion (so any depth is walked). Symlinked folders are not entered; a symlinked file
    that points outside FOLDER is passed over unless FOLLOW_LINKS (the walk never leaves the
    input by itself). Folders and files in EXCLUDED, (st_dev, st_ino) pairs such as
    OUTDIR's, are passed over."""
    top = _listing(folder, "")
    if isinstance(top, Unlistable):
        yield top
        return
    stack = [top]
    inodes = {ino for _, ino in excluded}
    root = None  # FOLDER's real path, found when a link is first met
    while stack:
        rel, entries, shared = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        entry_rel = os.path.join(rel, entry.name)
        if entry.inode() in inodes and (entry.stat(follow_symlinks=False).st_dev, entry.inode()) in excluded:
            continue
        if entry.is_dir(follow_symlinks=False):
            below = _listing(folder, entry_rel)
            if isinstance(below, Unlistable):
                yield below
            else:
                stack.append(below)
        elif matches(entry_rel, globs):
            path = os.path.join(folder, entry_rel)
            if entry.is_symlink() and not follow_links:
                root = root or os.path.realpath(folder)
                if not _inside(os.path.realpath(path), root):
                    yield Passed(path, f"a symbolic link to a file outside {folder}; not read "
                                       "(--follow-symlinks reads it)")
                    continue
            yield Source(path, entry_rel, output_base(entry_rel, shared))


class Sources:
    """Every page the inputs name, in order: files as given, folders walked, then the paths in
    each list (`--from-list FILE`, `-` for stdin), one a line.

    Files named directly or in a list are taken whatever their extension; the
    glob picks files inside folders. A folder that cannot be listed, or holds no
    page file, is yielded as an Unlistable, and the rest goes on. `-` among the
    inputs is a page on stdin, or (DASH_LISTS, batch's older spelling of
    `--from-list -`) a list of paths on stdin.
    """

    def __init__(self, inputs: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS,
                 excluded: frozenset = frozenset(), stdin: TextIO | BinaryIO | None = None,
                 follow_links: bool = False, lists: Iterable[BinaryIO | TextIO] = (), dash_lists: bool = True):
        self.inputs, self.globs, self.excluded = list(inputs), globs, excluded
        self.stdin, self.follow_links = stdin, follow_links
        self._listing: tuple[str | None, set[str]] = (None, set())
        self.lists = [stream for stream in lists]
        if dash_lists and "-" in self.inputs:
            self.inputs.remove("-")
            self.lists.insert(0, self.stdin if self.stdin is not None else sys.stdin)
        self._spools: list = [None] * len(self.lists)  # each list's paths in a temporary file, for every pass

    def __iter__(self) -> Iterator[Source | Unlistable | Passed]:
        for given in self.inputs:
            if given == "-":
                yield Source("-", "-", "-")
            elif os.path.isdir(given):
                found = False
                for item in walk(given, self.globs, self.excluded, self.follow_links):
                    found = True
                    yield item
                if not found:
                    yield Unlistable(given, "no page files in this folder")
            else:
                yield self.direct(given)
        for number in range(len(self.lists)):
            for path in self._listed_paths(number):
                yield self.direct(path)

    def _listed_paths(self, number: int) -> Iterator[str]:
        """The paths of list NUMBER, one a line, as the file system's names (bytes that are not
        UTF-8 kept, as os.fsdecode does). The first pass reads the list to its end into a
        temporary file, so every pass (the count, the check of inputs, the run) sees the same
        paths, from stdin or a pipe too, and memory stays flat however long it is."""
        if self._spools[number] is None:
            import tempfile  # here: it loads random and hashlib, 4 MB that a run without a list does without

            stream = getattr(self.lists[number], "buffer", self.lists[number])
            spool = self._spools[number] = tempfile.TemporaryFile()
            for line in stream:
                line = line if isinstance(line, bytes) else os.fsencode(line)
                path = line.rstrip(b"\r\n")
                if path:
                    spool.write(path + b"\n")
        spool = self._spools[number]
        spool.seek(0)
        for line in spool:
            yield os.fsdecode(line[:-1])

    def count(self) -> int:
        """How many pages a run will see (a pass before the run)."""
        return sum(1 for _ in self)

    def one_walk(self) -> bool:
        """The inputs are one folder (see OutputNames)."""
        return len(self.inputs) == 1 and not self.lists and self.inputs[0] != "-" and os.path.isdir(self.inputs[0])

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
