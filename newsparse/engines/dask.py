"""Articles of many web archives on Dask: one partition (one task) per archive, the fixed schema.

    from newsparse.engines import dask as nd
    bag = nd.articles_bag(paths)              # article rows (dicts), lazily
    df = nd.articles_dataframe(paths)         # pandas partitions, Arrow-typed from newsparse.schema
    nd.write_parquet(paths, "out/")           # out/part.0.parquet ... one file per archive

Needs the `dask` extra. With a distributed Client in scope the work runs on its workers, which
must be able to import newsparse (the same environment).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import MissingExtraError
from ..schema import arrow_schema
from . import archive_rows

EXTRA = "newsparse.engines.dask needs the 'dask' extra: pip install 'newsparse[dask]'"


def _dask():
    try:
        import dask.bag
        import dask.dataframe  # noqa: F401
    except ImportError:
        raise MissingExtraError(EXTRA) from None
    return dask


def _partition(paths) -> list[dict]:
    """A bag partition: the rows of its archives (one, as articles_bag makes them), as a list."""
    return [row for path in paths for row in archive_rows(path)]


def articles_bag(paths: Sequence[str | os.PathLike]):
    """A Dask bag of article rows (dicts: `source`, then the schema-2 keys), one partition per archive."""
    dask = _dask()
    paths = [os.fspath(p) for p in paths]
    return dask.bag.from_sequence(paths, partition_size=1).map_partitions(_partition)


def _meta():
    import pandas as pd

    return arrow_schema().empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def _frame(path: str):
    """One archive's articles as a pandas frame whose columns have the schema's Arrow types."""
    import pandas as pd
    import pyarrow as pa

    table = pa.Table.from_pylist(list(archive_rows(path)), schema=arrow_schema())
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def articles_dataframe(paths: Sequence[str | os.PathLike]):
    """A Dask dataframe of the articles, one partition per archive, its meta from the fixed schema
    (Arrow-backed pandas dtypes: lists and objects keep their types; nothing is inferred). A
    partition holds one archive's articles in memory (as a partition of articles_bag does): for
    archives of millions of records prefer write_parquet, which streams."""
    dask = _dask()
    return dask.dataframe.from_map(_frame, [os.fspath(p) for p in paths], meta=_meta())


def _write_one(item: tuple[int, str], outdir: str, width: int) -> tuple[str, str, int]:
    from ..formats.parquet import write_parquet as write

    index, path = item
    out = os.path.join(outdir, f"part.{index:0{width}d}.parquet")
    return path, out, write(out, archive_rows(path))


def write_parquet(paths: Sequence[str | os.PathLike], outdir: str | os.PathLike) -> list[tuple[str, str, int]]:
    """Parse every archive in a task of its own and write its articles to OUTDIR/part.N.parquet
    (N = the archive's place in PATHS, zero-padded so names sort in that order) with the fixed
    schema, streaming (flat memory) and atomically. Returns (archive, file written, rows) for
    each, in order. `pyarrow.dataset.dataset(OUTDIR)` or `dask.dataframe.read_parquet(OUTDIR)`
    reads them back as one table."""
    dask = _dask()
    paths, outdir = [os.fspath(p) for p in paths], os.fspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    width = len(str(max(len(paths) - 1, 0)))
    bag = dask.bag.from_sequence(list(enumerate(paths)), partition_size=1)
    return bag.map(_write_one, outdir, width).compute()
