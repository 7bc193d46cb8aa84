"""Running newsparse inside the engines people already use for archives (Dask, Spark): no
scheduler of our own, only the functions those engines call on their workers.

Each engine module imports its engine lazily; `archive_rows` is what both hand a worker: the
articles of one archive as rows of the fixed schema (newsparse.schema.ROW_FIELDS), the same
objects `batch` writes as JSON, read lazily so memory stays flat however large the archive.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..archive import records
from ..errors import NotAnArchiveError
from ..files import text_name
from ..model import Article


def archive_rows(path: str | os.PathLike) -> Iterator[dict]:
    """The articles of the archive at PATH as rows: `source` (the archive's path, as batch's JSON
    names it) then the schema-2 keys. Records without a page and records in error are left out
    (`newsparse.archive.records` reports them); a file that is no archive raises
    NotAnArchiveError naming it, so a task over a wrong file fails loudly instead of giving nothing."""
    path = os.fspath(path)
    source = text_name(path)
    try:
        for _info, result in records(path):
            if isinstance(result, Article):
                yield {"source": source, **result.to_dict()}
    except NotAnArchiveError as exc:
        raise NotAnArchiveError(f"{source}: {exc}") from None
