"""Output formats (render.FORMATS) through the CLI: exact text, Markdown and CSV, and which
command offers which format."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from newsparse import parse
from newsparse.cli import cli
from newsparse.model import Article, Block, Claim
from newsparse.render import CSV_HEADER, FORMATS, format_names, to_markdown, to_text

BLOCKS = FIXTURES / "rferl-quote-list-blocks.html"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_the_table_says_which_command_offers_which_format():
    assert format_names("parse") == ["text", "json", "markdown"]
    assert format_names("batch") == ["text", "json", "markdown", "jsonl", "csv", "parquet"]
    assert [n for n, f in FORMATS.items() if f.stream] == ["jsonl", "csv", "parquet", "summary"]
    assert FORMATS["summary"].commands == frozenset()  # what summary's workers hand back, no -f choice


def test_parse_text_marks_headings_list_items_and_quotes():
    result = run("parse", BLOCKS)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == (
        "Village Library Reopens After Volunteers Rebuild Its Roof\n"
        "Dana Petrova · 28 April 2024, 10:00 +03:00\n\n"
        "The only library in a hill village reopened on Saturday after a dozen volunteers spent the winter "
        "replacing its collapsed roof with timber they cut and carried themselves.\n\n"
        "A winter of work\n----------------\n\n"
        "The volunteers met every weekend from November and worked in shifts so that someone was always on "
        "the site.\n\n"
        "> We did not wait for a grant, because a grant would have come after the books had rotted.\n\n"
        "> Now the children have somewhere warm to read again.\n\n"
        "The librarian said the reopened rooms would keep longer hours during the school holidays.\n\n"
        "What the library needs now\n--------------------------\n\n"
        "• shelves for the reading room;\n• a heater that does not smoke;\n"
        "• children's books in both local languages.\n\n"
        "> A library is the last public room a small village keeps.\n\n"
        "Donations can be left at the village school.\n\n"
        "With reporting by the Tatar-Bashkir Service\n")


def test_parse_markdown():
    result = run("parse", BLOCKS, "-f", "markdown")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == (
        "# Village Library Reopens After Volunteers Rebuild Its Roof\n\n"
        "Dana Petrova · 28 April 2024, 10:00 +03:00\n\n"
        "The only library in a hill village reopened on Saturday after a dozen volunteers spent the winter "
        "replacing its collapsed roof with timber they cut and carried themselves.\n\n"
        "## A winter of work\n\n"
        "The volunteers met every weekend from November and worked in shifts so that someone was always on "
        "the site.\n\n"
        "> We did not wait for a grant, because a grant would have come after the books had rotted.\n>\n"
        "> Now the children have somewhere warm to read again.\n\n"
        "The librarian said the reopened rooms would keep longer hours during the school holidays.\n\n"
        "## What the library needs now\n\n"
        "- shelves for the reading room;\n- a heater that does not smoke;\n"
        "- children's books in both local languages.\n\n"
        "> A library is the last public room a small village keeps.\n\n"
        "Donations can be left at the village school.\n\n"
        "*With reporting by the Tatar-Bashkir Service*\n")


def test_text_joins_the_dateline_and_sets_the_caption_apart():
    result = run("parse", FIXTURES / "rferl-older-layout.html")
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == "Kyrgyz Parliament Votes To Rename Two Districts\n3 May 2012, 14:20"
    assert blocks[1] == "Photo: A view of the Jalal-Abad region, where one of the two districts is located."
    assert blocks[2].startswith("BISHKEK — Kyrgyzstan's parliament has voted")
    assert blocks[-1] == "With reporting by AP and Interfax\n"


def test_text_labels_the_claim_its_source_and_the_verdict():
    blocks = run("parse", FIXTURES / "polygraph-factcheck.html").stdout.split("\n\n")
    assert blocks[0] == ("Belarusian TV: Polish Troops Massing On Border – Misleading\n"
                         "5 November 2024, 17:20 +00:00 (updated 6 November 2024, 09:02 UTC)")
    assert blocks[1].startswith("Claim: “Poland has concentrated")
    assert blocks[2] == "Source: Belarusian state television (Belarusian state TV, weekly news program, November 3, 2024)"
    assert blocks[3] == ("Verdict: Misleading — Poland did reinforce the border, but with far fewer troops and no "
                         "sign of offensive preparations")


def test_text_prints_a_gallerys_captions_in_order():
    blocks = run("parse", FIXTURES / "rferl-photo-gallery.html").stdout.split("\n\n")
    photos = [b for b in blocks if re.match(r"Photo \d+ of \d+: ", b)]
    assert photos == [
        "Photo 1 of 5: Sandbags line the riverbank in the Zemun district of Belgrade on April 14.",
        "Photo 2 of 5: A man rows a boat past a flooded café near the town of Smederevo, Serbia.",
        "Photo 3 of 5: Volunteers in Galati, Romania, carry an elderly resident to dry ground on April 16.",
        "Photo 4 of 5: Cattle wait on an embankment near Giurgiulesti, the only Moldovan port on the Danube.",
        "Photo 5 of 5: Fishermen check their nets in the Danube Delta as the water begins to recede on April 18.\n"]


def test_markdown_escapes_what_would_read_as_markup():
    article = Article(headline="A *starred* title", body=["# not a heading", "1. not a list", "- nor this",
                                                          "a_b [link](x)"],
                      blocks=[Block("paragraph", "# not a heading"), Block("paragraph", "1. not a list"),
                              Block("paragraph", "- nor this"), Block("paragraph", "a_b [link](x)")],
                      claim=Claim(text="Said so", verdict="False"))
    assert to_markdown(article) == ("# A \\*starred\\* title\n\n**Claim:** Said so\n\n**Verdict:** False\n\n"
                                    "\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n\n"
                                    "a\\_b \\[link\\](x)\n")


def test_an_article_built_without_blocks_still_prints_its_body():
    assert to_text(Article(body=["One.", "Two."], dateline="KYIV")) == "KYIV — One.\n\nTwo.\n"
    assert to_text(Article()) == "\n"


def test_csv_is_refused_by_parse():
    result = run("parse", BLOCKS, "-f", "csv")
    assert result.exit_code == 2
    assert "'csv' is not one of 'text', 'json', 'markdown'" in result.stderr


PAGE = ("<html lang='en'><head><link rel='canonical' href='https://www.rferl.org/a/1.html'></head>"
        "<body class='pg-article'><h1 class='pg-title'>Two, \"quoted\" words</h1>"
        "<div id='article-content'><div class='wsw'><p>First paragraph of the page.</p>"
        "<p>Second one.</p><p>With reporting by AP</p></div></div></body></html>")


def test_batch_csv_is_one_row_per_page_under_a_header(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.html").write_text(PAGE)
    (tmp_path / "in/b.html").write_text(PAGE.replace("Second one.", "Second one.</p><p>Third."))
    out = tmp_path / "pages.csv"
    result = run("batch", tmp_path / "in", "-f", "csv", "-o", out, "-j", "1", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    text = out.read_bytes().decode("utf-8")
    assert text.split("\r\n")[0] == ",".join(CSV_HEADER)
    assert CSV_HEADER[:7] == ("source", "extractor", "page_type", "headline", "byline", "authors", "published")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["source"] for r in rows] == [str(tmp_path / "in/a.html"), str(tmp_path / "in/b.html")]
    assert rows[0]["headline"] == 'Two, "quoted" words'
    assert rows[0]["body"] == "First paragraph of the page.\nSecond one."
    assert rows[1]["body"] == "First paragraph of the page.\nSecond one.\nThird."
    assert rows[0]["credits"] == "With reporting by AP"
    assert rows[0]["url"] == "https://www.rferl.org/a/1.html"
    assert rows[0]["published"] == "" and rows[0]["truncated"] == "false"
    assert text.endswith("\r\n") and text.count("\r\n") == 3


def test_batch_csv_to_stdout_with_no_pages_is_the_header_alone(tmp_path):
    # An empty list of paths: no page, no failure (an empty folder is a failure: nothing to read there).
    result = CliRunner().invoke(cli, ["batch", "--from-list", "-", "-f", "csv", "-q"], input="")
    assert result.exit_code == 0
    assert result.stdout_bytes == (",".join(CSV_HEADER) + "\r\n").encode()


def test_batch_markdown_writes_md_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.html").write_text(PAGE)
    result = run("batch", tmp_path / "in", "-f", "markdown", "-o", tmp_path / "out", "-j", "1", "-q")
    assert result.exit_code == 0
    assert (tmp_path / "out/a.md").read_text(encoding="utf-8") == (
        '# Two, "quoted" words\n\nFirst paragraph of the page.\n\nSecond one.\n\n*With reporting by AP*\n')
    assert to_markdown(parse(PAGE)) == (tmp_path / "out/a.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_stream_formats_cannot_skip_existing(tmp_path, fmt):
    result = run("batch", tmp_path, "-f", fmt, "-o", tmp_path / "x", "--skip-existing")
    assert result.exit_code == 2
    assert f"not {fmt}" in result.stderr


def test_text_puts_each_live_post_under_its_time_and_title():
    blocks = run("parse", FIXTURES / "rferl-liveblog.html").stdout.split("\n\n")
    assert [b for b in blocks if b.endswith("-" * 10)] == [
        "Latest Developments At A Glance\n" + "-" * 31,
        "7 March 2024, 16:40 +01:00 — Death toll rises as night falls\n" + "-" * 60,
        "7 March 2024, 13:15 +01:00 — Georgia and Azerbaijan send rescuers\n" + "-" * 65,
        "7 March 2024, 08:30 +01:00 — Strong aftershock hits Malatya\n" + "-" * 59]


def test_format_help_comes_from_the_table():
    from newsparse.render import format_help

    assert format_help("parse") == ("text: text for people; json: a JSON object for programs; "
                                    "markdown: Markdown for notes and LLM pipelines.")
    assert format_help("batch").endswith("csv: a CSV row a page under a header row in one FILE; "
                                         "parquet: rows of the fixed schema (the parquet extra) in one FILE.")
    assert "markdown: Markdown for notes and LLM pipelines, a .md per page;" in format_help("batch")
