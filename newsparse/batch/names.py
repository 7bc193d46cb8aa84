"""Where each input's output goes under OUTDIR: one name per input, never outside OUTDIR."""

from __future__ import annotations

import itertools
import os
import stat
import zlib

from ..render import FORMATS
from .sources import Source, file_id

# The suffix of each format written a file per page (render.FORMATS).
OUTPUT_SUFFIX = {name: f.suffix for name, f in FORMATS.items() if f.suffix}


NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems
FOLDER = "folder"  # the owner of a name that this run's outputs use as a folder


def fit_name(name: str, suffix: str | None = None) -> str:
    """NAME (a file name, no folder) cut to NAME_MAX bytes when longer, deterministically: the start
    of its stem, `~`, 8 hex digits of the whole name's CRC-32, and SUFFIX if it ends so (`.jsonl.gz`),
    else its last extension (zlib is loaded already; hashlib would add 4 MB to every run)."""
    raw = os.fsencode(name)
    if len(raw) <= NAME_MAX:
        return name
    if suffix and name.endswith(suffix):
        stem, ext = name[:-len(suffix)], suffix
    else:
        stem, ext = os.path.splitext(name)
    tail = os.fsencode(f"~{zlib.crc32(raw):08x}{ext}")
    keep = os.fsencode(stem)[:NAME_MAX - len(tail)]
    while keep and (keep[-1] & 0xC0) == 0x80:  # never half a UTF-8 character
        keep = keep[:-1]
    if keep and keep[-1] >= 0xC0:
        keep = keep[:-1]
    return os.fsdecode(keep + tail)


def _taken_on_disk(path: str) -> bool:
    """Something other than a file (a folder, a FIFO, a device) already has the name PATH."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode))


class OutputNames:
    """Where each input's output goes under OUTDIR, never the same place for two inputs.

    `a/b/page.html` -> `a/b/page.json`. A page whose folder holds another page
    with the same name up to the extension keeps its whole name
    (`x.html.json`, `x.htm.json`). If a name is still taken by an earlier
    input (two input folders with the same files), by a folder of this run's
    outputs or by a folder (or anything not a file) already in OUTDIR, the later one
    keeps its whole name, then gets `~2`, `~3`... before the extension. A file name
    longer than 255 bytes is cut (fit_name). The same path listed twice is a
    duplicate: claim() returns None.

    The names given are remembered by output folder. ONE_WALK says the inputs are one
    folder walked depth first, which never comes back to a folder it has left: then only
    the folders on the current path are remembered, and memory stays flat however many
    pages the run has.
    """

    def __init__(self, outdir: str, suffix: str, one_walk: bool = False):
        self.outdir, self.suffix, self.one_walk = outdir, suffix, one_walk
        self.real_outdir = os.path.realpath(outdir)
        self.claimed: dict[str, dict[str, object]] = {}  # output folder -> {file name: input's identity}
        self._checked_dir = ""
        self._folder: str | None = None

    def claim(self, source: Source, suffix: str | None = None) -> str | None:
        """SOURCE's output path, with SUFFIX (a web archive's) in place of the run's; None for a
        path already claimed by the same file."""
        suffix = suffix or self.suffix
        bases = itertools.chain((source.base, source.rel), (f"{source.rel}~{n}" for n in itertools.count(2)))
        real = file_id(source.path) or os.path.realpath(source.path)  # the same file, however spelled
        for candidate in bases:
            here, name = os.path.split(candidate)
            name = fit_name(name + suffix, suffix)
            claims = self._enter(here)
            owner = claims.get(name)
            if owner is None:
                out = os.path.join(self.outdir, here, name)
                if _taken_on_disk(out):
                    claims[name] = FOLDER
                    continue
                claims[name] = real
                return out
            if owner == real:
                return None

    def _enter(self, folder: str) -> dict[str, object]:
        """The names given in output FOLDER. On moving to another folder its parents are marked
        as folders in theirs (no page may take their names) and, in one walk, folders left are
        forgotten."""
        if folder == self._folder:
            return self.claimed[folder]
        self._folder = folder
        if self.one_walk:
            for other in [k for k in self.claimed if k and k != folder and not folder.startswith(k + os.sep)]:
                del self.claimed[other]
        claims = self.claimed.setdefault(folder, {})
        child = folder
        while child:
            parent, name = os.path.split(child)
            above = self.claimed.setdefault(parent, {})
            if name in above:  # marked already, or a page's output has the name (its folder's pages fail)
                break
            above[name] = FOLDER
            child = parent
        return claims

    def escapes(self, out: str) -> bool:
        """True when a symbolic link inside OUTDIR would carry OUT outside it."""
        folder = os.path.dirname(out)
        if folder == self._checked_dir:
            return False
        real = os.path.realpath(folder)
        if real != self.real_outdir and not real.startswith(self.real_outdir + os.sep):
            return True
        self._checked_dir = folder
        return False


def up_to_date(source: str, out: str) -> bool:
    """The output exists and is at least as new as the input (--skip-existing)."""
    try:
        return os.stat(out).st_mtime_ns >= os.stat(source).st_mtime_ns
    except OSError:
        return False
