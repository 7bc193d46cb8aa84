"""Where each input's output goes under OUTDIR: one name per input, never outside OUTDIR."""

from __future__ import annotations

import itertools
import os

from .sources import Source, file_id

OUTPUT_SUFFIX = {"json": ".json", "text": ".txt"}


class OutputNames:
    """Where each input's output goes under OUTDIR, never the same place for two inputs.

    `a/b/page.html` -> `a/b/page.json`. A page whose folder holds another page
    with the same name up to the extension keeps its whole name
    (`x.html.json`, `x.htm.json`). If a name is still taken by an earlier
    input (two input folders with the same files), the later one keeps its
    whole name, then gets `~2`, `~3`... before the extension. The same path
    listed twice is a duplicate: claim() returns None.
    """

    def __init__(self, outdir: str, suffix: str):
        self.outdir, self.suffix = outdir, suffix
        self.real_outdir = os.path.realpath(outdir)
        self.claimed: dict[str, object] = {}  # output name -> the input file's identity
        self._checked_dir = ""

    def claim(self, source: Source) -> str | None:
        bases = itertools.chain((source.base, source.rel), (f"{source.rel}~{n}" for n in itertools.count(2)))
        real = file_id(source.path) or os.path.realpath(source.path)  # the same file, however spelled
        for candidate in bases:
            name = candidate + self.suffix
            owner = self.claimed.get(name)
            if owner is None:
                self.claimed[name] = real
                return os.path.join(self.outdir, name)
            if owner == real:
                return None

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
