"""The JSON schema as one typed field table: Parquet, Dask and Spark get their schemas from it.

Engines that infer a schema from the data get it wrong on real runs (a column that is null in
the first thousand rows becomes a null type; an empty list has no element type), so every key
of `Article.to_dict()`, nested ones included, is typed here and nowhere else. `arrow_schema()`
and `SPARK_DDL` are derived from the table; tests check it against the model, key for key.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import SCHEMA_VERSION


class Field(NamedTuple):
    """One key: its name, its type (a name of SCALARS, or List / Struct), and whether it can be null."""

    name: str
    type: object
    nullable: bool = True


class List(NamedTuple):
    item: object


class Struct(NamedTuple):
    fields: tuple[Field, ...]


# Scalar types: (pyarrow type's name, Spark SQL type, Python type of a value).
SCALARS = {
    "string": ("string", "STRING", str),
    "int32": ("int32", "INT", int),
    "int64": ("int64", "BIGINT", int),
    "bool": ("bool_", "BOOLEAN", bool),
}

STRINGS = List("string")

BLOCK = Struct((Field("type", "string", False), Field("text", "string", False)))
IMAGE = Struct((Field("src", "string"), Field("caption", "string"), Field("credit", "string")))
CLAIM = Struct(tuple(Field(name, "string") for name in ("text", "source", "source_detail", "verdict",
                                                        "verdict_summary")))
LIVE_ENTRY = Struct((Field("time", "string"), Field("title", "string"), Field("body", STRINGS, False)))
ARCHIVE = Struct((Field("file", "string"), Field("offset", "int64"), Field("record_id", "string"),
                  Field("date", "string"), Field("target_uri", "string")))

# Every key of Article.to_dict(), in its order (schema 2).
ARTICLE_FIELDS: tuple[Field, ...] = (
    Field("schema", "int32", False),
    Field("extractor", "string", False),
    Field("page_type", "string", False),
    Field("headline", "string"),
    Field("byline", "string"),
    Field("authors", STRINGS, False),
    Field("published", "string"),
    Field("updated", "string"),
    Field("published_utc", "string"),
    Field("updated_utc", "string"),
    Field("caption", "string"),
    Field("dateline", "string"),
    Field("body", STRINGS, False),
    Field("blocks", List(BLOCK), False),
    Field("credits", STRINGS, False),
    Field("url", "string"),
    Field("site", "string"),
    Field("site_name", "string"),
    Field("language", "string"),
    Field("section", "string"),
    Field("description", "string"),
    Field("tags", STRINGS, False),
    Field("images", List(IMAGE), False),
    Field("media_title", "string"),
    Field("claim", CLAIM),
    Field("live_entries", List(LIVE_ENTRY), False),
    Field("glossary", STRINGS, False),
    Field("captured", "string"),
    Field("archive", ARCHIVE),
    Field("truncated", "bool", False),
)

# A row of batch output and of the engines: the input's path (`source`, as in batch's JSON), then the article.
ROW_FIELDS: tuple[Field, ...] = (Field("source", "string", False), *ARTICLE_FIELDS)


def _spark_type(t) -> str:
    if isinstance(t, List):
        return f"ARRAY<{_spark_type(t.item)}>"
    if isinstance(t, Struct):
        return "STRUCT<" + ", ".join(f"`{f.name}`: {_spark_type(f.type)}{'' if f.nullable else ' NOT NULL'}"
                                     for f in t.fields) + ">"
    return SCALARS[t][1]


def spark_ddl(fields: tuple[Field, ...] = ROW_FIELDS) -> str:
    """The fields as a Spark DDL string (`spark.createDataFrame(rdd, schema=...)`, `spark.read.schema(...)`)."""
    return ", ".join(f"`{f.name}` {_spark_type(f.type)}{'' if f.nullable else ' NOT NULL'}" for f in fields)


SPARK_DDL = spark_ddl()


def _arrow_type(pa, t):
    if isinstance(t, List):  # items named as Parquet names them, so a file's schema reads back equal
        return pa.list_(pa.field("element", _arrow_type(pa, t.item)))
    if isinstance(t, Struct):
        return pa.struct([_arrow_field(pa, f) for f in t.fields])
    return getattr(pa, SCALARS[t][0])()


def _arrow_field(pa, f: Field):
    return pa.field(f.name, _arrow_type(pa, f.type), nullable=f.nullable)


def arrow_schema(fields: tuple[Field, ...] = ROW_FIELDS):
    """The fields as a pyarrow schema (pyarrow imported here: it is the optional `parquet` extra)."""
    import pyarrow as pa

    return pa.schema([_arrow_field(pa, f) for f in fields], metadata={"newsparse_schema": str(SCHEMA_VERSION)})


def mismatch(value, t, nullable: bool = True, where: str = "") -> str | None:
    """Where VALUE (a to_dict value) departs from type T (`body[2]`, `claim`), or None when it has it.

    pyarrow converts what it can (a string given for a list of strings becomes a list of its
    letters), so rows are checked against the table before they are written."""
    if value is None:
        return None if nullable else f"{where or 'the row'}: null"
    if isinstance(t, List):
        if not isinstance(value, list):
            return f"{where}: not a list"
        return next(filter(None, (mismatch(v, t.item, True, f"{where}[{i}]") for i, v in enumerate(value))), None)
    if isinstance(t, Struct):
        names = [f.name for f in t.fields]
        if not isinstance(value, dict) or set(value) != set(names):
            return f"{where or 'the row'}: not an object with the keys {', '.join(names)}"
        return next(filter(None, (mismatch(value[f.name], f.type, f.nullable, f"{where}.{f.name}" if where else f.name)
                                  for f in t.fields)), None)
    kind = SCALARS[t][2]
    if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
        return None
    return f"{where}: not {t}"


def row_mismatch(row: dict, fields: tuple[Field, ...] = ROW_FIELDS) -> str | None:
    """Where ROW departs from FIELDS (the batch and engine row by default), or None."""
    return mismatch(row, Struct(fields), nullable=False)


def row_conforms(row: dict, fields: tuple[Field, ...] = ROW_FIELDS) -> bool:
    return row_mismatch(row, fields) is None
