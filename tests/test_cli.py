"""`newsparse parse` through Click's CliRunner: exact output and exit codes."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, refuse_locked_files
from newsparse.cli import cli

SEED = FIXTURES / "rferl-biden-zelenskiy-call.txt"
HEADLINE = "Biden, Zelenskiy To Speak By Phone As U.S. Prepares For Series Of Talks With Russia"


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input)
    return invoke


def test_text_output_layout(run):
    result = run("parse", str(SEED))
    assert result.exit_code == 0
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == f"{HEADLINE}\nRFE/RL"
    assert blocks[1].startswith("Photo: Ukrainian President Volodymyr Zelenskiy (left)")  # set apart
    assert blocks[2].startswith("U.S. President Joe Biden is scheduled")
    assert blocks[-1] == "With reporting by RFE/RL's Ukrainian Service\n"
    assert len(blocks) == 1 + 1 + 17 + 1
    assert result.stderr == ""


def test_json_output_is_one_object_without_escapes(run):
    result = run("parse", str(SEED), "--format", "json")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    data = json.loads(result.stdout)
    assert data["headline"] == HEADLINE and data["schema"] == 2
    assert "’" in result.stdout and "\\u" not in result.stdout


def test_json_indent(run):
    result = run("parse", str(SEED), "-f", "json", "--indent", "2")
    assert result.stdout.startswith('{\n  "schema": 2,\n')


def test_stdin_bytes_gzip(run):
    result = run("parse", "-", "-f", "json", input=gzip.compress(SEED.read_bytes()))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["headline"] == HEADLINE


def test_output_file_written(run, tmp_path):
    out = tmp_path / "sub" / "a.json"
    result = run("parse", str(SEED), "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["byline"] == "RFE/RL"
    assert [p.name for p in out.parent.iterdir()] == ["a.json"]  # no temporary file left


def test_refuses_to_overwrite_input(run, tmp_path):
    page = tmp_path / "p.txt"
    page.write_bytes(SEED.read_bytes())
    result = run("parse", str(page), "-o", str(page))
    assert result.exit_code == 2
    assert page.read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a web page: a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a web page: a PNG image"),
    (bytes(range(256)) * 4, "not a web page: binary data (contains NUL bytes)"),
    (b"\x1f\x8b\x08\x00garbage", "truncated gzip data"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 20, "broken gzip data (invalid block type)"),
])
def test_bad_input_one_line_error(run, tmp_path, content, reason):
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    result = run("parse", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"newsparse: {bad}: {reason}\n"


def test_missing_file(run, tmp_path):
    result = run("parse", str(tmp_path / "nope.html"))
    assert (result.exit_code, result.stderr) == (1, f"newsparse: {tmp_path / 'nope.html'}: no such file\n")


def test_directory_is_a_bad_input_not_a_usage_error(run, tmp_path):
    """A folder named like a page is a bad input, as batch reports it: one line, exit 1."""
    folder = tmp_path / "x.html"
    folder.mkdir()
    result = run("parse", str(folder))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"newsparse: {folder}: is a directory\n")


def test_unreadable_file_is_a_bad_input(run, tmp_path, monkeypatch):
    """Permission denied is exit 1 and one line."""
    page = tmp_path / "locked.html"
    page.write_bytes(SEED.read_bytes())
    refuse_locked_files(monkeypatch)
    result = run("parse", str(page))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"newsparse: {page}: permission denied\n")


def test_too_large(run):
    result = run("parse", str(SEED), "--max-bytes", "100")
    assert result.exit_code == 1
    assert result.stderr == f"newsparse: {SEED}: larger than 100 bytes (--max-bytes)\n"


def test_usage_errors_exit_2(run):
    assert run("parse").exit_code == 2
    assert run("parse", str(SEED), "--format", "xml").exit_code == 2
    assert run("nosuchcommand").exit_code == 2


def test_version_and_help(run):
    assert run("--version").stdout.startswith("newsparse, version ")
    assert "Extract the article from one saved page" in run("parse", "-h").stdout


def test_home_page_is_not_an_error(run, tmp_path):
    page = tmp_path / "home.html"
    page.write_text("<html lang='en'><head><title>Home</title><script>var utag_data={entity:\"RFE\",language_service:\"RFERL English\",page_type:\"homepage\"};"
                    "</script></head><body class='pg-home'><h1>RFE/RL</h1></body></html>")
    result = run("parse", str(page), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["page_type"], data["body"]) == ("home", [])


def test_output_file_mode_is_an_ordinary_files(run, tmp_path):
    import os
    import stat
    mask = os.umask(0o022)
    try:
        new = tmp_path / "new.json"
        assert run("parse", str(SEED), "-f", "json", "-o", str(new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o644 & ~0o022
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o640)
        assert run("parse", str(SEED), "-f", "json", "-o", str(kept)).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(mask)
