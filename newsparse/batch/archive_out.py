"""The output of one web archive: a JSON Lines file, plain, gzip or zstd, or a Parquet file of the
fixed schema (--archive-format parquet), written atomically.

Kept apart from reading and parsing so that other writers (Parquet, the engines) sit beside
it: `write_records(path, dicts, compress)` is the whole interface.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable

from ..errors import MissingExtraError
from ..files import atomic_stream
from ..render import json_line

COMPRESSIONS = {None: ".jsonl", "gz": ".jsonl.gz", "zst": ".jsonl.zst"}  # --compress -> the output's suffix
ARCHIVE_FORMATS = ("jsonl", "parquet")  # --archive-format
ZSTD_EXTRA = "--compress zst needs the 'warc' extra: pip install 'newsparse[warc]'"
_BUFFER = 1 << 16


def output_suffix(archive_format: str, compress: str | None) -> str:
    """The suffix an archive's output gets in place of the archive's extension."""
    return ".parquet" if archive_format == "parquet" else COMPRESSIONS[compress]


def check_compression(compress: str | None) -> None:
    """Raise MissingExtraError now, before any work, when COMPRESS needs a module that is missing."""
    if compress == "zst":
        try:
            import zstandard  # noqa: F401
        except ImportError:
            raise MissingExtraError(ZSTD_EXTRA) from None


class _Descriptor(io.RawIOBase):
    """A file descriptor as a binary stream that does not close it (atomic_stream does)."""

    def __init__(self, fd: int):
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]
        return len(data)


def write_records(path: str, records: Iterable[dict | str], compress: str | None = None,
                  mode: int | None = None, fsync: bool = False, archive_format: str = "jsonl") -> int:
    """Write RECORDS to PATH as JSON Lines, one object a line, UTF-8 as is; COMPRESS is None, "gz"
    or "zst". Each record is a dict, or a line that is one already rendered (no newline). With
    ARCHIVE_FORMAT "parquet", the records are the rows of one Parquet file of the fixed schema
    (formats/parquet.py; its own temporary file and rename, so MODE is not kept).

    Written to a temporary file beside PATH and renamed when every record is written: an error,
    Ctrl-C or SIGTERM while RECORDS are produced leaves no PATH and no temporary file. The gzip
    header holds no time and no name, so the same records give the same bytes. Returns how many
    records were written.
    """
    if archive_format == "parquet":
        from ..formats.parquet import write_parquet

        return write_parquet(path, (json.loads(r) if isinstance(r, str) else r for r in records), fsync=fsync)
    check_compression(compress)
    count = 0
    with atomic_stream(path, mode, fsync) as fd:
        target = _Descriptor(fd)
        try:
            count = _write(io.BufferedWriter(target, _BUFFER), records, compress)
        finally:
            target.fd = -1  # never written again once atomic_stream closes it (a buffer left on error)
    return count


def _write(raw: io.BufferedWriter, records: Iterable[dict | str], compress: str | None) -> int:
    if compress == "gz":
        import gzip

        stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
    elif compress == "zst":
        import zstandard

        stream = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    else:
        stream = raw
    count = 0
    for record in records:
        line = record if isinstance(record, str) else json_line(record)
        stream.write(line.encode("utf-8") + b"\n")
        count += 1
    if stream is not raw:
        stream.close()  # the compressed stream's end (gzip and zstd leave `raw` open)
    raw.flush()
    return count
