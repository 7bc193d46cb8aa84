"""`newsparse summary` of many pages (issue 14, items 1, 2, 6, 7): one line per page at any width,
tab-separated values when piped, paths relative to the folder given, lists of paths, each page
once, the batch pool and --limit before the work.

The pages are the test pages of tests/data/summary (own text, Pangea markup) and the seed dump.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from conftest import FIXTURES, ROOT, run_on_terminal
from newsparse import summary_rows
from newsparse.cli import cli
from newsparse.summary_rows import shorten_middle

DATA = ROOT / "tests" / "data" / "summary"
SGR = re.compile(r"\x1b\[[0-9;]*m")
SEED = FIXTURES / "rferl-biden-zelenskiy-call.txt"
TSV_HEADER = "source\theadline\tbyline\tpublished\tlanguage\twords\tstatus\terror"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


def run(*args, input=None):
    return CliRunner().invoke(cli, ["summary", *map(str, args)], input=input)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """saved/deep/er/: the three test pages and the seed dump under long names, and a PDF in disguise."""
    pages = tmp_path / "saved" / "deep" / "er"
    pages.mkdir(parents=True)
    for path in sorted(DATA.glob("*.html")):
        shutil.copy(path, pages / f"a-rather-long-file-name-for-the-{path.name}")
    shutil.copy(SEED, pages / SEED.name)
    (pages / "zz-bad.html").write_bytes(b"%PDF-1.7\n1 0 obj")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "saved"


def table_lines(folder, width: int, boxed: bool) -> list[str]:
    """The table as `summary FOLDER` shows it WIDTH columns wide: boxed as on a terminal (forced,
    colours off, bold codes dropped), or plain (-f text)."""
    forced = ["--color"] if boxed else ["-f", "text"]
    result = CliRunner().invoke(cli, ["summary", folder.name, *forced, "--width", str(width)], env={"NO_COLOR": "1"})
    assert result.exit_code == (1 if (folder / "deep" / "er" / "zz-bad.html").exists() else 0)
    return [SGR.sub("", line) for line in result.stdout.splitlines()[:-1]]  # the tally line left out


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("boxed", [False, True])
def test_table_is_one_line_per_page_at_every_width(folder, width, boxed):
    lines = table_lines(folder, width, boxed)
    frame = 3 if boxed else 0  # top, the line under the header, bottom
    assert len(lines) == 1 + 5 + frame
    assert max(cell_len(line) for line in lines) <= width
    body = lines[1:] if not boxed else lines[3:-1]
    names = [line.strip("│ ").split()[0] for line in body]
    assert names[-1] == "deep/er/zz-bad.html" if width > 80 else names[-1].endswith("d.html")
    assert all(name.startswith("deep/") for name in names)  # relative to the folder given, never absolute


def test_headline_takes_what_the_other_columns_leave(folder):
    narrow, wide = (table_lines(folder, w, False) for w in (80, 200))
    assert "Village Ferry Returns To Service After Three Winters On The Riverbank" in "\n".join(wide)
    header = narrow[0].split()
    assert header == ["File", "Headline", "Byline", "Date", "Lang", "Words", "Status"]
    assert all(len(line) <= 80 for line in narrow)


def test_an_error_row_does_not_shrink_the_file_column(folder):
    with_error = table_lines(folder, 100, False)
    os.remove(folder / "deep" / "er" / "zz-bad.html")
    without = table_lines(folder, 100, False)
    assert with_error[0].index("Headline") == without[0].index("Headline")
    bad = with_error[-1].split()
    assert bad[-1] == "error" and " ".join(bad[1:-1]).startswith("not a web page: a PDF")


def test_paths_are_shortened_in_the_middle():
    assert shorten_middle("saved/deep/er/a-rather-long-name.html", 20) == "saved/de…g-name.html"
    assert cell_len(shorten_middle("папка/очень-длинное-имя-файла.html", 15)) == 15
    assert shorten_middle("short.html", 20) == "short.html"
    assert cell_len(shorten_middle("新闻/很长很长很长的文件名.html", 11)) <= 11


def test_piped_is_tab_separated_values_one_line_per_page(folder):
    result = run("saved")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == TSV_HEADER and len(lines) == 6
    assert all(line.count("\t") == 7 for line in lines)
    rows = [dict(zip(TSV_HEADER.split("\t"), line.split("\t"))) for line in lines[1:]]
    english = next(r for r in rows if r["source"].endswith("english.html"))
    assert (english["source"], english["language"], english["status"], english["error"]) == (
        "saved/deep/er/a-rather-long-file-name-for-the-english.html", "en", "ok", "")
    assert english["published"].startswith("2023-05-14") and english["words"] == "82"
    assert rows[-1] == {"source": "saved/deep/er/zz-bad.html", "headline": "", "byline": "", "published": "",
                        "language": "", "words": "", "status": "error", "error": "not a web page: a PDF document"}
    assert result.stderr == "newsparse: saved/deep/er/zz-bad.html: not a web page: a PDF document\n"
    assert run("saved", "-f", "tsv").stdout == result.stdout


def test_tsv_escapes_tabs_and_newlines_in_values(tmp_path):
    page = tmp_path / "tab.html"
    page.write_text("<html lang=en><body><article><h1>One\tTwo</h1><p>A paragraph of the story, long enough "
                    "for any extractor to keep it.</p></article></body></html>")
    result = run(page, page.parent, "-f", "tsv")
    assert all(line.count("\t") == 7 for line in result.stdout.splitlines())


# --- one meaning of -, lists of paths, each page once ----------------------------------------------

def test_from_list_reads_paths_and_dash_is_a_page(folder, tmp_path):
    pages = sorted(str(p) for p in (folder / "deep" / "er").glob("*.html"))[:2]
    listed = run("--from-list", "-", "-f", "json", input="\n".join(pages) + "\n")
    assert listed.exit_code == 0
    assert [json.loads(line)["source"] for line in listed.stdout.splitlines()] == pages
    (tmp_path / "list.txt").write_text("\n".join(pages) + "\n")
    assert run("--from-list", tmp_path / "list.txt", "-f", "json").stdout == listed.stdout
    # `-` is a page on stdin, never a list: a path list read as a page is the mistake issue 14 names
    page = run("-", "-f", "json", input=(DATA / "english.html").read_bytes())
    assert json.loads(page.stdout)["source"] == "<stdin>" and json.loads(page.stdout)["language"] == "en"


def test_from_list_mistakes_are_one_line(tmp_path):
    missing = run("--from-list", tmp_path / "nope.txt")
    assert (missing.exit_code, missing.stderr) == (1, f"newsparse: {tmp_path / 'nope.txt'}: no such file\n")
    both = run("-", "--from-list", "-")
    assert both.exit_code == 2 and "stdin can be read once" in both.stderr
    nothing = run()
    assert nothing.exit_code == 2 and "give a PATH" in nothing.stderr


def test_batch_takes_the_same_from_list(folder, tmp_path):
    pages = sorted(str(p) for p in (folder / "deep" / "er").glob("*english*"))
    result = CliRunner().invoke(cli, ["batch", "--from-list", "-", "-f", "jsonl"], input=pages[0] + "\n")
    assert result.exit_code == 0
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == pages
    old = CliRunner().invoke(cli, ["batch", "-", "-f", "jsonl"], input=pages[0] + "\n")  # the older spelling
    assert old.stdout == result.stdout
    both = CliRunner().invoke(cli, ["batch", "-", "--from-list", "-", "-f", "jsonl"], input="")
    assert both.exit_code == 2


def test_a_path_given_three_ways_is_listed_once(folder, monkeypatch):
    monkeypatch.chdir(folder / "deep")
    name = "er/a-rather-long-file-name-for-the-english.html"
    result = run(name, f"./{name}", os.path.abspath(name), "-f", "json")
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [name]


def test_json_alias_is_hidden_and_the_same_as_format_json(folder):
    assert run(folder, "--json").stdout == run(folder, "-f", "json").stdout
    assert "--json" not in run("--help").stdout and "-f, --format" in run("--help").stdout
    assert run(folder, "--json", "-f", "tsv").exit_code == 2


# --- the pool and --limit --------------------------------------------------------------------------

def test_jobs_gives_the_same_rows_as_one_process(folder):
    one = run(folder, "-f", "json", "--jobs", 1)
    two = run(folder, "-f", "json", "--jobs", 2)
    assert (one.exit_code, two.exit_code) == (1, 1)
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 5


def test_limit_with_sort_file_parses_only_those_pages(folder, monkeypatch):
    parsed = []
    real = summary_rows.run

    def counting(planned, *args, **kwargs):
        def noting():
            for item in planned:
                parsed.append(item[0])
                yield item
        return real(noting(), *args, **kwargs)

    monkeypatch.setattr(summary_rows, "run", counting)
    result = run(folder, "--limit", 2, "-f", "text", "--width", 100)
    assert len(parsed) == 2
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 pages: 2 ok, 0 no article, 0 failed (the first 2 of 5 by file)"
    assert result.exit_code == 0  # the failing page was not among them
    parsed.clear()
    by_words = run(folder, "--limit", 2, "--sort", "words", "-f", "json")
    assert len(parsed) == 5 and len(by_words.stdout.splitlines()) == 2  # every page, to know the most words


# --- on a terminal ---------------------------------------------------------------------------------

def terminal_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE")}
    return {**env, "TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT), **extra}


def test_a_failure_is_shown_once_on_a_terminal(folder):
    code, shown = run_on_terminal(["summary", "saved", "--width", 100], "both", env=terminal_env(NO_COLOR="1"),
                                  cwd=folder.parent)
    assert code == 1
    assert shown.count("not a web page") == 1  # in the table; stderr, the same terminal, does not repeat it
    assert "newsparse: saved/deep/er/zz-bad.html" not in shown
    lines = [line for line in SGR.sub("", shown).replace("\r\n", "\n").splitlines() if "│" in line]
    assert len(lines) == 1 + 5  # the header and a line per page


def test_progress_bar_on_a_terminal_like_batch(folder):
    code, shown = run_on_terminal(["summary", "saved", "-f", "json", "--jobs", 2], "stderr",
                                  env=terminal_env(COLUMNS="100"), cwd=folder.parent)
    assert code == 1
    assert "pages/s" in shown and "/5" in shown
    code, shown = run_on_terminal(["summary", "saved", "-f", "json", "-q"], "stderr", env=terminal_env(),
                                  cwd=folder.parent)
    assert (code, shown.strip()) == (1, "newsparse: saved/deep/er/zz-bad.html: not a web page: a PDF document")


def test_glob_picks_the_pages_of_a_folder_as_in_batch(folder):
    result = run("saved", "--glob", "*.txt", "-f", "json")
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        "saved/deep/er/rferl-biden-zelenskiy-call.txt"]
    noted = run("saved", "--glob", "txt", "-f", "json")
    assert noted.stdout == result.stdout
    assert noted.stderr == "newsparse: warning: --glob txt is taken as *.txt (a pattern matches whole file names)\n"
