"""Articles of web archives on Spark: a `mapPartitions` function and the fixed schema as DDL.

    from newsparse.engines.spark import SPARK_DDL, map_partition
    rdd = spark.sparkContext.parallelize(paths, len(paths))      # one task per archive
    df = spark.createDataFrame(rdd.mapPartitions(map_partition), schema=SPARK_DDL)
    df.write.parquet("out/")

Nothing here imports pyspark: the workers import this module, so it must be importable where
newsparse is installed (the `warc` extra on every worker; PYSPARK_PYTHON the same python on
the driver and the workers). The archive paths must be readable from every worker (a shared
file system or local copies).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..schema import SPARK_DDL
from . import archive_rows

__all__ = ["SPARK_DDL", "map_partition", "archive_path"]


def archive_path(item) -> str:
    """The path an input row names: a path (str or os.PathLike), or a Row or tuple whose first
    field (or `path` field) is one, as `spark.read.text` or a DataFrame of paths gives."""
    if isinstance(item, (str, os.PathLike)):
        return os.fspath(item)
    named = getattr(item, "asDict", None)
    if named is not None:
        fields = named()
        if "path" in fields:
            return os.fspath(fields["path"])
    if isinstance(item, (tuple, list)) and item:
        return os.fspath(item[0])
    raise TypeError(f"not an archive path or a row holding one: {item!r}")


def map_partition(items: Iterable) -> Iterator[dict]:
    """For `rdd.mapPartitions`: the article rows (dicts with SPARK_DDL's fields, in its order) of
    every archive the partition names, read lazily one record at a time."""
    for item in items:
        yield from archive_rows(archive_path(item))
