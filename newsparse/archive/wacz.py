"""WACZ (Webrecorder's zip of WARCs): the WARC files under archive/, one after another."""

from __future__ import annotations

import zipfile
from typing import IO, Iterator

from ..errors import NotAnArchiveError


def members(stream: IO[bytes]) -> Iterator[tuple[str, IO[bytes]]]:
    """(name, open stream) for each archive/*.warc, *.warc.gz, *.warc.zst in the zip, in name order."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotAnArchiveError(f"broken WACZ file ({exc})") from None
    with archive:
        names = sorted(n for n in archive.namelist()
                       if n.startswith("archive/") and n.lower().endswith((".warc", ".warc.gz", ".warc.zst")))
        for name in names:
            with archive.open(name) as member:
                yield name, member
