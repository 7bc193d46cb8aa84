"""Parquet output: the fixed schema, rows read back equal to the JSON output, `batch -f parquet`."""

from __future__ import annotations

import builtins
import json
import os

import pytest
from click.testing import CliRunner

import newsparse
from conftest import FIXTURES
from newsparse.cli import cli
from newsparse.formats import parquet
from test_fixtures import CASES, source_of

pq = pytest.importorskip("pyarrow.parquet")


def fixture_rows() -> list[dict]:
    return [{"source": str(source_of(exp)), **newsparse.parse(source_of(exp).read_bytes()).to_dict()}
            for exp in CASES]


def test_every_fixture_reads_back_equal_to_its_json(tmp_path):
    rows = fixture_rows()
    out = tmp_path / "all.parquet"
    assert parquet.write_parquet(str(out), rows, row_group=7) == len(rows)  # several row groups
    back = parquet.read_parquet(str(out))
    assert back == [json.loads(json.dumps(r, ensure_ascii=False)) for r in rows]
    assert pq.ParquetFile(out).metadata.num_row_groups == -(-len(rows) // 7)
    assert pq.read_schema(out).equals(parquet.arrow_schema(), check_metadata=True)
    assert os.listdir(tmp_path) == ["all.parquet"]


def test_no_rows_is_a_file_with_the_schema(tmp_path):
    out = tmp_path / "none.parquet"
    assert parquet.write_parquet(str(out), []) == 0
    assert pq.read_table(out).num_rows == 0 and pq.read_schema(out).names[0] == "source"


def test_a_row_of_the_wrong_type_raises_and_leaves_nothing(tmp_path):
    row = fixture_rows()[0]
    out = tmp_path / "x.parquet"
    with pytest.raises(ValueError, match=r"^a row not of the schema: body: not a list$"):
        parquet.write_parquet(str(out), [row, {**row, "body": "one string, not a list"}])
    with pytest.raises(ValueError, match=r"^a row not of the schema: images\[0\]\.src: not string$"):
        parquet.write_parquet(str(out), [{**row, "images": [{"src": 1, "caption": None, "credit": None}]}])
    assert os.listdir(tmp_path) == []


def test_a_writer_stopped_midway_leaves_no_file(tmp_path):
    def rows():
        yield from fixture_rows()[:3]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parquet.write_parquet(str(tmp_path / "x.parquet"), rows(), row_group=2)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_parquet_equals_batch_jsonl(tmp_path, jobs):
    runner = CliRunner()
    jsonl = runner.invoke(cli, ["batch", str(FIXTURES), "-f", "jsonl", "-j", jobs])
    assert jsonl.exit_code == 0, jsonl.output
    out = tmp_path / "sub" / "pages.parquet"
    result = runner.invoke(cli, ["batch", str(FIXTURES), "-f", "parquet", "-o", str(out), "-j", jobs])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in jsonl.stdout.splitlines()]
    pages = [p for p in FIXTURES.iterdir() if not p.name.endswith(".json")]
    assert parquet.read_parquet(str(out)) == lines and len(lines) == len(pages)
    assert result.stderr == jsonl.stderr  # the same report, line for line
    assert result.stderr.startswith(f"newsparse batch: {len(lines)} pages: {len(lines)} parsed (")
    assert os.listdir(out.parent) == ["pages.parquet"]


@pytest.mark.parametrize("args,reason", [
    ([], "--format parquet writes one file: give it with -o FILE"),
    (["-o", "-"], "--format parquet writes one file: give it with -o FILE"),
    (["-o", "x.parquet", "--skip-existing"],
     "--skip-existing works with one file per page (--format json, text or markdown), not parquet"),
])
def test_batch_parquet_usage_errors(tmp_path, args, reason):
    result = CliRunner().invoke(cli, ["batch", str(FIXTURES), "-f", "parquet", *args])
    assert result.exit_code == 2 and result.stderr.endswith(f"Error: {reason}\n")


def test_without_pyarrow_one_line_names_the_extra(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.split(".")[0] == "pyarrow":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    out = tmp_path / "x.parquet"
    result = CliRunner().invoke(cli, ["batch", str(FIXTURES), "-f", "parquet", "-o", str(out)])
    assert (result.exit_code, result.stderr) == \
        (2, "newsparse: writing Parquet needs the 'parquet' extra: pip install 'newsparse[parquet]'\n")
    assert not out.exists()
    archives = CliRunner().invoke(cli, ["batch", str(FIXTURES), "--archive-format", "parquet", "-o", str(tmp_path / "o")])
    assert (archives.exit_code, archives.stderr) == (2, result.stderr)  # before any page: no OUTDIR made
    assert not (tmp_path / "o").exists()
    with pytest.raises(newsparse.errors.MissingExtraError):
        parquet.write_parquet(str(out), [])


def test_batch_parquet_leaves_failures_out_and_reports_them(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "a.html").write_bytes((FIXTURES / "rferl-no-byline.html").read_bytes())
    (pages / "bad.html").write_bytes(b"\x00\x01\x02" * 10)
    (pages / "c.html").write_bytes((FIXTURES / "voa-video.html").read_bytes())
    out = tmp_path / "pages.parquet"
    result = CliRunner().invoke(cli, ["batch", str(pages), "-f", "parquet", "-o", str(out), "-j", "1",
                                      "--errors", str(tmp_path / "failed.jsonl")])
    assert result.exit_code == 1
    assert result.stderr == f"newsparse: {pages}/bad.html: not a web page: binary data (contains NUL bytes)\n" \
                            "newsparse batch: 3 pages: 2 parsed (0 without an article), 0 skipped, 1 failed\n"
    assert [r["source"] for r in parquet.read_parquet(str(out))] == [f"{pages}/a.html", f"{pages}/c.html"]
    assert json.loads((tmp_path / "failed.jsonl").read_text())["source"] == f"{pages}/bad.html"


def test_batch_parquet_into_a_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(FIXTURES), "-f", "parquet", "-o", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.endswith(f"Error: {tmp_path} is a folder; give a file\n")
    assert os.listdir(tmp_path) == []
