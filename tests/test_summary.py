"""`newsparse summary`: the data (words, reading time, lead), the panel and the table, terminals and pipes.

Rendered output is compared exactly with files in tests/snapshots/. After an intended
change of layout, regenerate them with

    UPDATE_SNAPSHOTS=1 python -m pytest tests/test_summary.py

and read the diff before committing; without UPDATE_SNAPSHOTS a mismatch fails.
The pages in tests/data/summary/ are written for these tests (own text, Pangea markup).
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, run_on_terminal
from rich.cells import cell_len
from rich.console import Console

from newsparse import parse
from newsparse.cli import cli
from newsparse.cli_summary import Row, Wrapped, page_view
from newsparse.model import Article, LiveEntry
from newsparse.summary import count_words, direction, lead_of, reading_minutes, reading_time, summarize
from newsparse.textutil import display_width, shorten_middle

DATA = ROOT / "tests" / "data" / "summary"
SNAPSHOTS = ROOT / "tests" / "snapshots"
PAGES = {"english": DATA / "english.html", "cyrillic": DATA / "cyrillic-cp1251.html",
         "persian": DATA / "persian.html"}
SEED = FIXTURES / "rferl-biden-zelenskiy-call.txt"
WIDTH = 72
ESC = "\x1b"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; create it with UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def colour_codes(text: str) -> list[str]:
    """SGR parameters that set a colour (foreground or background), from escape sequences in text."""
    found = []
    for params in SGR.findall(text):
        parts = [int(p) for p in params.split(";") if p]
        found.extend(str(p) for p in parts if 30 <= p <= 49 or 90 <= p <= 107)
    return found


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    """Tests decide colour themselves: no inherited NO_COLOR, FORCE_COLOR or COLUMNS."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run():
    def invoke(*args, input=None, env=None):
        return CliRunner().invoke(cli, ["summary", *map(str, args)], input=input, env=env)
    return invoke


# --- the data --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,words", [
    ("", 0),
    (" — … 2.0 ", 1),
    ("Don't stop the well-known U.S. ferry at 3.5 knots.", 9),
    ("Жители северного посёлка открыли библиотеку", 5),
    ("کشاورزان می\u200cگویند کم\u200cآبی", 3),           # ZWNJ keeps a Persian word whole
    ("بِسْمِ اللَّهِ", 2),                                   # harakat are part of the word
    ("हिन्दी भाषा", 2),                                      # Devanagari vowel signs too
    ("one_two", 2),
])
def test_count_words(text, words):
    assert count_words(text) == words


@pytest.mark.parametrize("words,minutes", [(0, 0), (1, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_minutes_at_200_words_a_minute(words, minutes):
    assert reading_minutes(words) == minutes


def test_lead_takes_a_second_paragraph_only_after_a_short_first():
    short, long_ = "Short opening.", " ".join(["word"] * 40)
    assert lead_of([short, "Second.", "Third."]) == [short, "Second."]
    assert lead_of([long_, "Second."]) == [long_]
    assert lead_of(["Only."]) == ["Only."]
    assert lead_of([]) == []


@pytest.mark.parametrize("text,language,expected", [
    ("«باران‌ها", None, "rtl"),        # neutral punctuation skipped, first strong letter decides
    ("2021 Жители", None, "ltr"),
    ("RFE/RL", "fa", "rtl"),
    ("RFE/RL", "ps-AF", "rtl"),
    ("", None, "ltr"),
])
def test_direction(text, language, expected):
    assert direction(text, language) == expected


def test_summarize_english_page():
    s = summarize(parse(PAGES["english"].read_bytes()))
    assert (s.headline, s.byline, s.published, s.site, s.language, s.page_type) == (
        "Village Ferry Returns To Service After Three Winters On The Riverbank, Townspeople Cheer",
        "Anna Example, Boris Sample", "2023-05-14T09:30:00+02:00", "rferl.org", "en", "article")
    assert s.lead[0].startswith("The small ferry") and s.lead[1].startswith("About forty people")
    assert len(s.lead) == 2  # the first paragraph has 37 words: the second joins it
    assert (s.words, s.reading_minutes) == (82, 1)
    assert s.credits == ["With reporting by Example News Agency"]
    assert (s.stripped, s.stripped_unit, s.status, s.direction) == (2, "blocks", "ok", "ltr")  # the also-read embed and the footer


def test_summarize_text_dump_counts_lines_and_live_entries_count_as_text():
    s = summarize(parse(SEED.read_bytes()))
    assert (s.stripped_unit, s.stripped > 0, s.words, s.reading_minutes) == ("lines", True, 574, 3)
    live = summarize(Article(live_entries=[LiveEntry(time="10:00", title="First post", body=["Two words."])]))
    assert (live.words, live.lead, live.status) == (4, ["First post", "Two words."], "ok")
    assert summarize(Article(headline="Programme")).status == "no article"


# --- wrapping --------------------------------------------------------------------------------------

def rendered(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, force_terminal=False)
    console.print(renderable)
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def test_long_headline_wraps_between_words():
    headline = "Village Ferry Returns To Service After Three Winters On The Riverbank"
    lines = rendered(Wrapped(headline), 20)
    assert lines == ["Village Ferry", "Returns To Service", "After Three Winters", "On The Riverbank"]


def test_a_word_wider_than_the_line_is_cut_with_an_ellipsis():
    lines = rendered(Wrapped("Ferry Donaudampfschifffahrtsgesellschaftskapitän sails"), 16)
    assert lines == ["Ferry", "Donaudampfschif…", "sails"]


def test_right_to_left_block_aligns_right_and_keeps_logical_order():
    text = "باغ‌های انار روستا"
    assert rendered(Wrapped(text, block=True), 30) == [" " * (30 - cell_len(text)) + text]
    assert rendered(Wrapped(text), 30) == [text]


# --- one page: snapshots ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PAGES))
def test_panel_piped_snapshot(run, name):
    result = run(PAGES[name], "--width", WIDTH)
    assert result.exit_code == 0 and result.stderr == ""
    assert ESC not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= WIDTH
    assert_snapshot(f"summary-{name}.txt", result.stdout)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_panel_boxed_snapshot(name):
    row = Row(PAGES[name].name, summary=summarize(parse(PAGES[name].read_bytes())))
    lines = rendered(page_view(row, boxed=True), WIDTH)
    # The frame closes on every line: widths of Cyrillic, Persian and ZWNJ are counted right.
    assert {cell_len(line) for line in lines} == {WIDTH}
    assert lines[0].startswith(f"╭─ {PAGES[name].name} ─") and lines[-1].startswith("╰")
    assert_snapshot(f"summary-{name}-boxed.txt", "\n".join(lines) + "\n")


GOLDEN_PAGES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".json")
                      and (FIXTURES / (p.name.split(".")[0] + ".expected.json")).exists())


@pytest.mark.parametrize("page", GOLDEN_PAGES, ids=lambda p: p.name)
def test_every_fixture_panel_closes_its_frame(page):
    """Whatever the script (Cyrillic, Pashto, Armenian...), the frame's right edge lines up."""
    row = Row(page.name, summary=summarize(parse(page.read_bytes())))
    lines = rendered(page_view(row, boxed=True), 60)
    assert {cell_len(line) for line in lines} == {60}
    assert all(line.endswith(("│", "╮", "╯")) for line in lines)


def test_persian_panel_keeps_text_in_logical_order(run):
    result = run(PAGES["persian"], "--width", WIDTH).stdout
    headline = "باغ‌های انار روستا پس از سه سال خشکسالی دوباره به بار نشستند"
    assert result.splitlines()[0] == " " * (WIDTH - cell_len(headline)) + headline
    assert "سارا نمونه" in result and "\u200c" in result


def test_stdin_and_a_page_without_article(run):
    audio = "<html lang='en'><head><link rel='canonical' href='https://www.rferl.org/a/1.html'></head>" \
            "<body class='pg-media pg-audio'><h1 class='pg-title'>Evening Programme</h1></body></html>"
    result = run("-", "--width", 40, input=audio.encode())
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Evening Programme",
        "Site      rferl.org",
        "Url       https://www.rferl.org/a/1.html",
        "Language  en",
        "Type      audio",
        "",
        "Words     0 words",
        "Stripped  0 blocks of page chrome",
        "          removed",                      # wrapped under its value, not under the label
        "Status    no article",
    ]


def test_one_bad_page_is_one_line_on_stderr(run, tmp_path):
    pdf = tmp_path / "report.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    for path, reason in ((pdf, "not a web page: a PDF document"), (tmp_path / "gone.html", "no such file")):
        result = run(path)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"newsparse: {path}: {reason}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_is_refused_not_waited_on(run, tmp_path):
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    result = run(fifo)
    assert (result.exit_code, result.stderr) == (1, f"newsparse: {fifo}: not a regular file\n")


# --- many pages --------------------------------------------------------------------------------------

@pytest.fixture
def folder(tmp_path, monkeypatch):
    """pages/: the three test pages, the seed text dump in a subfolder, a PDF in disguise, and non-pages."""
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    for path in PAGES.values():
        shutil.copy(path, pages / path.name)
    shutil.copy(SEED, pages / "sub" / SEED.name)
    (pages / "sub" / "bad.htm").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (pages / "notes.md").write_text("not a page")
    monkeypatch.chdir(tmp_path)
    return "pages"


def test_folder_table_with_a_bad_file(run, folder):
    result = run(folder, "--width", 100)
    assert result.exit_code == 1
    assert ESC not in result.stdout
    assert result.stderr == "newsparse: pages/sub/bad.htm: not a web page: a PDF document\n"
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["File", "Headline", "Byline", "Date", "Lang", "Words", "Status"]
    assert lines[-1] == "5 pages: 4 ok, 0 no article, 1 failed"
    assert_snapshot("summary-table.txt", result.stdout)


def test_table_sort_and_limit(run, folder):
    def files(*args):
        result = run(folder, "--json", *args)
        return [json.loads(line)["file"] for line in result.stdout.splitlines()]

    assert files() == ["pages/cyrillic-cp1251.html", "pages/english.html", "pages/persian.html",
                       "pages/sub/bad.htm", "pages/sub/rferl-biden-zelenskiy-call.txt"]
    assert files("--sort", "date") == ["pages/english.html", "pages/cyrillic-cp1251.html", "pages/persian.html",
                                       "pages/sub/bad.htm", "pages/sub/rferl-biden-zelenskiy-call.txt"]
    assert files("--sort", "words") == ["pages/sub/rferl-biden-zelenskiy-call.txt", "pages/english.html",
                                        "pages/persian.html", "pages/cyrillic-cp1251.html", "pages/sub/bad.htm"]
    assert files("--sort", "words", "--limit", "2") == ["pages/sub/rferl-biden-zelenskiy-call.txt",
                                                        "pages/english.html"]
    table = run(folder, "--sort", "words", "--limit", 2, "--width", 100)
    assert table.exit_code == 1  # the failed page is cut from the view, not from the verdict
    assert table.stdout.splitlines()[-1] == "5 pages: 4 ok, 0 no article, 1 failed (showing 2)"
    starts = [line.split()[0] for line in table.stdout.splitlines() if line.startswith("pages/")]
    assert len(starts) == 2  # a row each; a long path folds onto the next line, which starts with its rest
    assert starts[0].startswith("pages/sub/rferl") and starts[1] == "pages/english.html"


def test_several_files_get_a_table_and_an_empty_folder_is_a_failed_row(run, tmp_path, monkeypatch):
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run(PAGES["english"], "empty", "--width", 120)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("File") and lines[-1] == "2 pages: 1 ok, 0 no article, 1 failed"
    assert next(line for line in lines if line.startswith("empty ")).split()[:2] == ["empty", "error:"]
    assert result.stderr == "newsparse: empty: no page files in this folder\n"
    records = [json.loads(line) for line in run(PAGES["english"], "empty", "--json").stdout.splitlines()]
    assert [(r["file"], r["status"], r["error"]) for r in records] == [
        (str(PAGES["english"]), "ok", None), ("empty", "error", "no page files in this folder")]


def test_folder_pages_are_found_by_extension_recursively(run, tmp_path, monkeypatch):
    names = ["a.html", "b.HTM", "c.xhtml", "d.txt", "e.mhtml", "f.mht", "g.html.gz", "h.txt.gz",
             "x.json", "y.gz", "z.pdf", "deep/er/i.htm"]
    for name in names:
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    result = run("in", "--json")
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [
        "in/a.html", "in/b.HTM", "in/c.xhtml", "in/d.txt", "in/deep/er/i.htm", "in/e.mhtml", "in/f.mht",
        "in/g.html.gz", "in/h.txt.gz"]


# --- JSON --------------------------------------------------------------------------------------------

SUMMARY_KEYS = ["file", "headline", "byline", "published", "updated", "site", "site_name", "url", "language",
                "direction", "page_type", "extractor", "caption", "dateline", "claim", "verdict", "lead", "words",
                "reading_minutes",
                "credits", "stripped", "stripped_unit", "status", "error"]


def test_json_one_page_is_one_object_on_one_line(run):
    result = run(PAGES["persian"], "--json")
    assert result.exit_code == 0 and result.stdout.count("\n") == 1
    data = json.loads(result.stdout)
    assert list(data) == SUMMARY_KEYS
    assert data["headline"] == "باغ‌های انار روستا پس از سه سال خشکسالی دوباره به بار نشستند"
    assert (data["direction"], data["words"], data["reading_minutes"], data["stripped"]) == ("rtl", 41, 1, 1)
    assert data["status"] == "ok" and data["error"] is None and len(data["lead"]) == 2
    assert "\\u" not in result.stdout


def test_json_lines_for_a_folder_with_the_error_as_an_object(run, folder):
    result = run(folder, "--json")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(r) == SUMMARY_KEYS for r in records)
    bad = records[3]
    assert bad == {**{k: None for k in SUMMARY_KEYS}, "lead": [], "credits": [], "file": "pages/sub/bad.htm",
                   "status": "error", "error": "not a web page: a PDF document"}


# --- terminals and pipes ------------------------------------------------------------------------------

def test_piped_output_has_no_escape_codes(run, folder):
    assert ESC not in run(PAGES["english"]).stdout
    assert ESC not in run(folder).stdout


def test_color_flag_forces_colours_and_boxes_and_beats_no_color(run):
    forced = run(PAGES["english"], "--color", "--width", WIDTH, env={"NO_COLOR": "1"})
    assert forced.stdout.startswith("╭─") and "36" in colour_codes(forced.stdout)
    assert "\x1b[1m" in forced.stdout  # the headline is bold


def test_force_color_environment_counts_as_a_terminal_unless_no_color(run):
    forced = run(PAGES["english"], "--width", WIDTH, env={"FORCE_COLOR": "1"})
    assert forced.stdout.startswith("╭─") and colour_codes(forced.stdout)
    both = run(PAGES["english"], "--width", WIDTH, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert both.stdout.startswith("╭─") and colour_codes(both.stdout) == []


def on_terminal(*args, env_extra=None) -> str:
    """Run `newsparse summary` with its stdout on a pseudo-terminal; what the terminal received."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TTY_COMPATIBLE")}
    env.update({"TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", **(env_extra or {})})
    code, shown = run_on_terminal(["summary", *args], "stdout", env=env)
    assert code == 0
    return shown.replace("\r\n", "\n")


def test_on_a_terminal_colours_and_boxes():
    out = on_terminal(PAGES["english"], "--width", WIDTH)
    assert out.startswith("╭─") and "36" in colour_codes(out)


@pytest.mark.parametrize("args,env", [((), {"NO_COLOR": "1"}), (("--no-color",), None)])
def test_on_a_terminal_no_color_keeps_boxes_and_drops_colours(args, env):
    out = on_terminal(PAGES["english"], "--width", WIDTH, *args, env_extra=env)
    assert out.startswith("╭─")
    assert colour_codes(out) == []
    assert "\x1b[1m" in out  # bold is not a colour: NO_COLOR leaves it


def test_real_pages_folder(run, corpus):
    result = run(corpus, "--json")
    assert result.exit_code == 0 and result.stderr == ""
    records = {pathlib.Path(r["file"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert len(records) == 3  # MANIFEST.tsv is not a page
    audio = records["slobodnaevropa.org__jutarnji-program-za-srbiju-30657941.html"]
    assert (audio["status"], audio["page_type"], audio["words"]) == ("no article", "audio", 0)
    voa = records["voanews.com__americas-child-care-crisis-7585813.html"]
    assert (voa["status"], voa["byline"], voa["dateline"]) == ("ok", "Associated Press", "AUBURN, Wash.")
    table = run(corpus, "--width", 100)
    assert table.exit_code == 0 and table.stdout.splitlines()[-1] == "3 pages: 2 ok, 1 no article, 0 failed"


# --- start-up cost -------------------------------------------------------------------------------------

IMPORTS = """
import sys
from newsparse.cli import cli
try:
    cli([{args}], prog_name="newsparse")
except SystemExit as exc:
    assert not exc.code, exc.code
print("rich" in sys.modules)
"""


@pytest.mark.parametrize("args,imports_rich", [
    (f"'parse', {str(SEED)!r}", False),
    (f"'summary', {str(SEED)!r}", True),  # the control: the check can see rich when it is there
])
def test_parse_does_not_import_rich(args, imports_rich):
    result = subprocess.run([sys.executable, "-c", IMPORTS.format(args=args)], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == str(imports_rich)


def test_json_for_one_failing_page_is_its_error_row(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"%PDF-1.7")
    result = CliRunner().invoke(cli, ["summary", str(bad), "--json"])
    assert result.exit_code == 1
    row = json.loads(result.stdout)
    assert (row["file"], row["status"], row["error"]) == (str(bad), "error", "not a web page: a PDF document")
    assert result.stderr == f"newsparse: {bad}: not a web page: a PDF document\n"


# --- the panel: file name, url, fact-checks, reading time ---------------------------------------------

def test_panel_title_is_shortened_in_the_middle_keeping_the_file_name():
    name = "saved/" + "a" * 60 + "/" + "b" * 40 + "/rferl-older-layout-page.html"
    row = Row(name, summary=summarize(parse((FIXTURES / "rferl-older-layout.html").read_bytes())))
    lines = rendered(page_view(row, boxed=True), 60)
    assert lines[0] == "╭─ saved/aaaaaaaaaaa…bbbbbbb/rferl-older-layout-page.html ─╮"  # 60 columns


def test_panel_shows_the_url_shortened_in_the_middle():
    row = Row("fc.html", summary=summarize(parse((FIXTURES / "polygraph-factcheck.html").read_bytes())))
    url = next(line for line in rendered(page_view(row, boxed=False), 50) if line.startswith("Url"))
    assert url == "Url       https://www.p…roops-border/33020777.html"  # 50 columns


def test_panel_of_a_factcheck_shows_the_claim_and_the_verdict():
    row = Row("fc.html", summary=summarize(parse((FIXTURES / "polygraph-factcheck.html").read_bytes())))
    lines = rendered(page_view(row, boxed=False), 200)
    assert lines[6:8] == [
        "Claim     “Poland has concentrated more than 40,000 soldiers and hundreds of tanks along the "
        "Belarusian border in the last week, preparing for a provocation.”",
        "Verdict   Misleading"]


def test_no_reading_time_for_a_text_that_is_not_prose():
    blob = "<html><body><h1>Dump</h1><div class='wsw'><p>" + "word " * 9000 + "</p></div></body></html>"
    s = summarize(parse(blob))
    assert (s.words, s.reading_minutes) == (9000, None)
    lines = rendered(page_view(Row("dump.html", summary=s), boxed=False), 80)
    assert "Words     9,000 words · not prose, no reading time" in lines


@pytest.mark.parametrize("words,paragraphs,minutes", [
    (200, 1, 1), (1000, 1, 5), (1001, 1, None), (59_000, 100, 295), (60_001, 1000, None), (0, 0, 0)])
def test_reading_time_bounds(words, paragraphs, minutes):
    assert reading_time(words, paragraphs) == minutes


@pytest.mark.parametrize("text,width,short", [
    ("short.html", 20, "short.html"),
    ("abcdefghijklmnopqrstuvwxyz", 10, "abc…uvwxyz"),
    ("路径/文件名称很长的页面.html", 12, "路径…面.html"),  # wide characters take two columns
    ("abc", 1, "…"),
])
def test_shorten_middle(text, width, short):
    assert shorten_middle(text, width) == short
    assert cell_len(shorten_middle(text, width)) <= width


def test_display_width_agrees_with_the_terminals():
    for text in ("plain", "باغ‌های انار", "路径/文件名称", "e\u0301te", "Привет"):
        assert display_width(text) == cell_len(text), text
