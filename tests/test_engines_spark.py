"""Spark: map_partition on local[2] with SPARK_DDL, rows equal to batch's and archive.records' (`pytest -m spark`:
left out of the default run, as a session takes seconds to start); reading input rows runs by default."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from newsparse import schema
from newsparse.engines import spark as ns
from engine_archives import batch_rows, build, expected


def test_archive_path_takes_paths_rows_and_tuples(tmp_path):
    class Row(tuple):
        def asDict(self):
            return {"path": self[1], "size": self[0]}

    assert ns.archive_path("a.warc") == "a.warc"
    assert ns.archive_path(tmp_path / "a.warc") == str(tmp_path / "a.warc")
    assert ns.archive_path(("a.warc",)) == "a.warc"
    assert ns.archive_path(Row((3, "b.warc"))) == "b.warc"
    with pytest.raises(TypeError, match="not an archive path or a row holding one: 3"):
        ns.archive_path(3)


@pytest.fixture(scope="module")
def spark():
    """A local[2] session: two Python worker processes, the same python as the driver."""
    pytest.importorskip("pyspark")
    pytest.importorskip("fastwarc")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java 17")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable  # the same python
    session = (SparkSession.builder.master("local[2]").appName("newsparse-test")
               .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archives")
    return build(folder / "big.warc.gz", 1000), build(folder / "small.warc", 12, start=5000, compress=None)


@pytest.mark.spark
def test_map_partitions_with_the_ddl_equals_batch(spark, archives, tmp_path):
    paths = list(archives)
    rdd = spark.sparkContext.parallelize(paths, len(paths)).mapPartitions(ns.map_partition)
    df = spark.createDataFrame(rdd, schema=ns.SPARK_DDL)
    assert df.schema.simpleString().startswith("struct<source:string,schema:int,extractor:string,")
    assert df.columns == [f.name for f in schema.ROW_FIELDS]
    want = batch_rows(paths, tmp_path / "batch")  # what `newsparse batch` writes for the same archives
    assert want[1000:] == expected(paths[1])  # and what archive.records gives
    got = [row.asDict(recursive=True) for row in df.collect()]
    assert got == want and len(got) == 1012
    # Spark's own Parquet, read back with the DDL (no inference), gives the same rows.
    out = str(tmp_path / "out")
    df.write.parquet(out)
    back = spark.read.schema(ns.SPARK_DDL).parquet(out)
    assert sorted((r.asDict(recursive=True) for r in back.collect()), key=lambda r: (r["source"], r["archive"]["offset"])) \
        == sorted(want, key=lambda r: (r["source"], r["archive"]["offset"]))


@pytest.mark.spark
def test_rows_of_paths_from_a_dataframe(spark, archives):
    paths = spark.createDataFrame([(archives[1],)], "path STRING")
    df = spark.createDataFrame(paths.rdd.mapPartitions(ns.map_partition), schema=ns.SPARK_DDL)
    assert [r.asDict(recursive=True) for r in df.collect()] == expected(archives[1])
