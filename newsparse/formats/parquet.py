"""Rows (batch's JSON objects: `source` then the schema-2 keys) into one Parquet file, typed by
newsparse.schema, never by inference.

Written in row groups as rows come (memory stays flat over a million-record archive) to a
temporary file beside the target, renamed into place when closed: a run stopped or failed
midway leaves no half-written file. pyarrow is imported only here, when a file is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .. import files
from ..errors import MissingExtraError
from ..schema import ROW_FIELDS, arrow_schema, row_mismatch

ROW_GROUP = 1000  # rows buffered before a row group is written: ~10 MB of articles
EXTRA = "writing Parquet needs the 'parquet' extra: pip install 'newsparse[parquet]'"


def require() -> None:
    """Raise MissingExtraError (the message names the extra) when pyarrow is not installed."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingExtraError(EXTRA) from None


class ParquetSink:
    """One Parquet file written row by row: write(row) any number of times, then close() (which
    renames it into place) or abort() (which removes the temporary file). A context manager
    closes on success and aborts on any exception."""

    def __init__(self, path: str, row_group: int = ROW_GROUP, fsync: bool = False):
        require()
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa, self.path, self.row_group, self.fsync = pa, path, row_group, fsync
        self.schema = arrow_schema(ROW_FIELDS)
        self.rows = 0
        self._buffer: list[dict] = []
        self._fd, self._tmp = files.create_temp_beside(path)
        self._file = os.fdopen(self._fd, "wb")
        self._writer = None
        try:
            self._writer = pq.ParquetWriter(self._file, self.schema, compression="zstd")
        except BaseException:
            self.abort()
            raise

    def write(self, row: dict) -> None:
        """Add a row; ValueError names the first key whose value does not have the schema's type."""
        wrong = row_mismatch(row)
        if wrong:
            raise ValueError(f"a row not of the schema: {wrong}")
        self._buffer.append(row)
        if len(self._buffer) >= self.row_group:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write_table(self._pa.Table.from_pylist(self._buffer, schema=self.schema))
            self.rows += len(self._buffer)
            self._buffer = []

    def close(self) -> None:
        """Write what is buffered, end the file and rename it into place."""
        try:
            self._flush()
            self._writer.close()
            self._file.flush()
            if self.fsync:
                os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self._tmp, self.path)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Give the file up: no output, no temporary file left."""
        for part in (self._writer, self._file):
            try:
                if part is not None:
                    part.close()
            except Exception:  # a writer given up midway may not end its file: it is removed anyway
                pass
        self._writer = None
        try:
            os.unlink(self._tmp)
        except FileNotFoundError:
            pass

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def write_parquet(path: str, rows: Iterable[dict], row_group: int = ROW_GROUP, fsync: bool = False) -> int:
    """Write ROWS (dicts with ROW_FIELDS' keys) to PATH atomically; returns how many were written.

    A row whose values do not have the schema's types raises ValueError naming the key: the
    schema is fixed, so a wrong row is a bug to see, not a column to widen."""
    with ParquetSink(path, row_group, fsync) as sink:
        for row in rows:
            sink.write(row)
    return sink.rows


def read_parquet(path: str) -> list[dict]:
    """The rows of a file write_parquet wrote, as the dicts batch's JSON gives."""
    require()
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()
