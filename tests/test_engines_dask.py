"""Dask: article rows of archives on a 2-worker LocalCluster (processes, offline), equal to what
newsparse.archive.records gives and to `newsparse batch`'s output over the same archives, one
partition per archive, Parquet with the fixed schema."""

from __future__ import annotations

import os

import pytest

from engine_archives import PAGES, batch_rows, build, expected
from newsparse import schema
from newsparse.errors import NotAnArchiveError

pytest.importorskip("fastwarc")
pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from newsparse.engines import archive_rows  # noqa: E402
from newsparse.engines import dask as nd  # noqa: E402

@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """A 1,000-record archive (per-record gzip) and a small plain one: both workers get a partition."""
    folder = tmp_path_factory.mktemp("archives")
    return (build(folder / "big.warc.gz", 1000), build(folder / "small.warc", 12, start=5000, compress=None),
            build(folder / "other.warc.gz", 5, start=7000))


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1", silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


def test_write_parquet_of_a_thousand_records_equals_batch(archives, client, tmp_path):
    big, small, _ = archives
    done = nd.write_parquet([big, small], tmp_path / "out")
    want = batch_rows([big, small], tmp_path / "batch")  # what `newsparse batch` writes for them
    assert len(want) == 1012 and want[1000:] == expected(small)  # and what archive.records gives
    outs = [str(tmp_path / "out" / "part.0.parquet"), str(tmp_path / "out" / "part.1.parquet")]
    assert done == [(big, outs[0], 1000), (small, outs[1], 12)]
    assert sorted(os.listdir(tmp_path / "out")) == ["part.0.parquet", "part.1.parquet"]
    import pyarrow.dataset as ds

    table = ds.dataset(str(tmp_path / "out"), format="parquet").to_table()
    assert table.schema.equals(schema.arrow_schema())
    assert table.to_pylist() == want
    assert len(client.scheduler_info()["workers"]) == 2


def test_bag_has_one_partition_per_archive_and_the_records_rows(archives, client):
    _, small, other = archives
    bag = nd.articles_bag([small, other])
    assert bag.npartitions == 2
    assert bag.compute() == expected(small) + expected(other)
    assert all(schema.row_conforms(row) for row in bag.take(3, npartitions=1))


def test_dataframe_meta_is_the_fixed_schema(archives, client):
    _, small, other = archives
    df = nd.articles_dataframe([small, other])
    assert df.npartitions == 2
    assert list(df.columns) == [f.name for f in schema.ROW_FIELDS]
    assert str(df.dtypes["archive"]).startswith("struct<file: string, offset: int64")
    assert str(df.dtypes["truncated"]) == "bool[pyarrow]"
    got = df.compute()
    assert list(got.dtypes) == list(df.dtypes)
    import pyarrow as pa

    rows = pa.Table.from_pandas(got, schema=schema.arrow_schema(), preserve_index=False).to_pylist()
    assert rows == expected(small) + expected(other)
    sites = sum(r["site"] == "rferl.org" for r in rows)
    assert 0 < sites < len(rows) and (df["site"] == "rferl.org").sum().compute() == sites


def test_a_file_that_is_no_archive_fails_naming_it(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGES[0])
    with pytest.raises(NotAnArchiveError, match=f"^{page}: not a web archive"):
        list(archive_rows(page))
