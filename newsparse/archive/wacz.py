"""WACZ (Webrecorder's zip of WARCs): the WARC files under archive/, one after another."""

from __future__ import annotations

import zipfile
from typing import IO, Iterator

from ..errors import NotAnArchiveError

WARC_NAMES = (".warc", ".warc.gz", ".warc.zst")


def members(stream: IO[bytes]) -> Iterator[tuple[str, int, IO[bytes] | Exception]]:
    """(name, offset in the zip, open stream or the error opening it) for each archive/*.warc,
    *.warc.gz, *.warc.zst in the zip, in name order."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise NotAnArchiveError(f"broken WACZ file ({exc})") from None
    with archive:
        infos = sorted((i for i in archive.infolist()
                        if i.filename.startswith("archive/") and i.filename.lower().endswith(WARC_NAMES)),
                       key=lambda i: i.filename)
        for info in infos:
            try:
                member = archive.open(info)
            except Exception as exc:  # BadZipFile, an unsupported compression, a broken local header...
                yield info.filename, info.header_offset, exc
                continue
            with member:
                yield info.filename, info.header_offset, member
