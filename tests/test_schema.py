"""The fixed schema (newsparse.schema): one table that every Article key, nested keys too, is in."""

from __future__ import annotations

import pytest

import newsparse
from newsparse import schema
from newsparse.model import ArchiveRecord, Article, Block, Claim, Image, LiveEntry
from test_fixtures import CASES, source_of

FULL = Article(
    headline="h", byline="b", authors=["a"], caption="c", body=["p"], blocks=[Block("heading", "p")],
    credits=["cr"], published="2024-01-01T00:00:00+03:00", updated="u", published_utc="2023-12-31T21:00:00Z",
    updated_utc="uu", url="https://www.rferl.org/a/1.html", site="rferl.org", site_name="RFE/RL", language="en",
    page_type="factcheck", section="s", description="d", dateline="DL", tags=["t"], images=[Image("i", "c", "cr")],
    media_title="m", claim=Claim("t", "s", "sd", "v", "vs"), live_entries=[LiveEntry("10:00", "t", ["b"])],
    glossary=["g"], captured="2024-01-01T00:00:00Z", archive=ArchiveRecord("x.warc", 12, "r", "d", "u"),
    truncated=True)


def keys(value, t):
    """Every key path of VALUE (a to_dict value), descending into lists of objects and objects."""
    if isinstance(t, schema.List):
        return keys(value[0], t.item) if value else set()
    if isinstance(t, schema.Struct):
        return {f.name for f in t.fields} | {f"{f.name}.{k}" for f in t.fields for k in keys(value[f.name], f.type)}
    return set()


def paths_of(d: dict, prefix: str = "") -> set[str]:
    out = set()
    for k, v in d.items():
        out.add(prefix + k)
        if isinstance(v, list) and v and isinstance(v[0], dict):
            out |= paths_of(v[0], f"{prefix}{k}.")
        elif isinstance(v, dict):
            out |= paths_of(v, f"{prefix}{k}.")
    return out


def test_every_article_key_is_in_the_table_and_every_field_is_a_key():
    table = [f.name for f in schema.ARTICLE_FIELDS]
    assert table == list(Article().to_dict())  # same keys, same order, empty article
    assert keys(FULL.to_dict(), schema.Struct(schema.ARTICLE_FIELDS)) == paths_of(FULL.to_dict())
    assert [f.name for f in schema.ROW_FIELDS] == ["source", *table]


@pytest.mark.parametrize("article", [Article(), FULL], ids=["empty", "full"])
def test_the_models_values_have_the_tables_types(article):
    assert schema.row_conforms(article.to_dict(), schema.ARTICLE_FIELDS)


def test_every_fixture_conforms():
    for exp in CASES:
        row = {"source": "x", **newsparse.parse(source_of(exp).read_bytes()).to_dict()}
        assert schema.row_conforms(row), exp.name


def test_conforms_can_fail():
    row = {"source": "x", **FULL.to_dict()}
    assert not schema.row_conforms({**row, "truncated": 1})
    assert not schema.row_conforms({**row, "schema": True})
    assert not schema.row_conforms({**row, "body": None})
    assert not schema.row_conforms({**row, "claim": {"text": "t"}})
    assert not schema.row_conforms({k: v for k, v in row.items() if k != "url"})
    assert schema.row_mismatch({**row, "live_entries": [{"time": None, "title": None, "body": None}]}) == \
        "live_entries[0].body: null"
    assert schema.row_mismatch({**row, "source": None}) == "source: null"


def test_spark_ddl_is_derived_from_the_table():
    ddl = schema.SPARK_DDL
    assert ddl.startswith("`source` STRING NOT NULL, `schema` INT NOT NULL, `extractor` STRING NOT NULL, ")
    assert "`blocks` ARRAY<STRUCT<`type`: STRING NOT NULL, `text`: STRING NOT NULL>> NOT NULL, " in ddl
    assert "`claim` STRUCT<`text`: STRING, `source`: STRING, `source_detail`: STRING, `verdict`: STRING, " \
           "`verdict_summary`: STRING>, " in ddl
    assert "`live_entries` ARRAY<STRUCT<`time`: STRING, `title`: STRING, `body`: ARRAY<STRING> NOT NULL>> NOT NULL" in ddl
    assert "`archive` STRUCT<`file`: STRING, `offset`: BIGINT, `record_id`: STRING, `date`: STRING, " \
           "`target_uri`: STRING>, " in ddl
    assert ddl.endswith("`truncated` BOOLEAN NOT NULL")
    assert ddl.count("`") == 2 * (len(schema.ROW_FIELDS) + 5 + 3 + 5 + 2 + 3)


def test_arrow_schema_is_derived_from_the_table():
    pa = pytest.importorskip("pyarrow")
    arrow = schema.arrow_schema()
    assert arrow.names == [f.name for f in schema.ROW_FIELDS]
    assert arrow.field("schema").type == pa.int32() and not arrow.field("schema").nullable
    assert arrow.field("headline").type == pa.string() and arrow.field("headline").nullable
    assert arrow.field("authors").type == pa.list_(pa.field("element", pa.string()))
    assert arrow.field("archive").type.field("offset").type == pa.int64()
    assert arrow.field("live_entries").type.value_type.field("body").type.value_type == pa.string()
    assert arrow.field("truncated").type == pa.bool_()
    assert arrow.metadata == {b"newsparse_schema": b"2"}
