"""The benchmark's scoring (bench/metrics.py) and the peer-free parts of bench/: hand-computed values.

Runs without any peer installed; nothing here is timed.
"""

from __future__ import annotations

import gzip
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import adapters  # noqa: E402
import metrics  # noqa: E402
import peers  # noqa: E402
from metrics import Overlap  # noqa: E402
from pages import cold_parser, cpu_seconds_in_turn, page_group  # noqa: E402


# ---------------------------------------------------------------- normalisation and tokens


def test_normalise_folds_compatibility_forms_and_collapses_whitespace():
    assert metrics.normalise("  \ufb01ne\u00a0 line\n\tend ") == "fine line end"


def test_normalise_of_nothing_is_empty():
    assert metrics.normalise(None) == ""
    assert metrics.normalise("") == ""


def test_tokens_are_word_runs_with_case_kept():
    assert metrics.tokens("RFE/RL's Tatar-Bashkir Service") == ["RFE", "RL", "s", "Tatar", "Bashkir", "Service"]


def test_tokens_of_cyrillic():
    assert metrics.tokens("Радио Свобода, 2024") == ["Радио", "Свобода", "2024"]


def test_shingles_slide_four_words():
    assert metrics.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_shingles_are_a_multiset():
    assert metrics.shingles("x x x x x x") == {("x", "x", "x", "x"): 3}


def test_short_text_is_one_shingle_and_empty_text_none():
    assert metrics.shingles("a b") == {("a", "b"): 1}
    assert metrics.shingles("a b c d") == {("a", "b", "c", "d"): 1}
    assert metrics.shingles("") == {}
    assert metrics.shingles(None) == {}


# ---------------------------------------------------------------- per-page overlap


def test_one_changed_word_at_the_end():
    # expected abcd bcde cdef, got abcd bcde cdez: tp 2, fp 1, fn 1, shares of 4
    got = metrics.overlap("a b c d e f", "a b c d e z")
    assert got == Overlap(0.5, 0.25, 0.25)
    assert got.precision == pytest.approx(2 / 3)
    assert got.recall == pytest.approx(2 / 3)


def test_repeated_shingles_count_each_time():
    # expected xxxx three times, got once: tp 1, fp 0, fn 2
    got = metrics.overlap("x x x x x x", "x x x x")
    assert got == Overlap(pytest.approx(1 / 3), 0.0, pytest.approx(2 / 3))
    assert got.precision == 1.0
    assert got.recall == pytest.approx(1 / 3)


def test_empty_output_has_no_precision_and_zero_recall():
    got = metrics.overlap("a b c d", "")
    assert got == Overlap(0.0, 0.0, 1.0)
    assert got.precision is None
    assert got.recall == 0.0


def test_nothing_expected_and_nothing_returned_is_undefined():
    got = metrics.overlap("", None)
    assert got == Overlap(0.0, 0.0, 0.0)
    assert (got.precision, got.recall) == (None, None)


def test_punctuation_and_line_breaks_do_not_change_the_shingles():
    assert metrics.overlap("One, two. Three - four!", "One two\nThree four") == Overlap(1.0, 0.0, 0.0)


def test_exact_body_ignores_punctuation_but_not_case_or_words():
    assert metrics.exact_body("Hello, world.", "Hello world")
    assert not metrics.exact_body("Hello world", "hello world")
    assert not metrics.exact_body("Hello world", "Hello world again")
    assert metrics.exact_body("", None)


# ---------------------------------------------------------------- fields and leaks


def test_fields_keep_punctuation():
    assert not metrics.same_field("RFE/RL", "RFE; RL")
    assert metrics.same_field("RFE/RL", "  RFE/RL\n")
    assert not metrics.same_field("Biden - Putin", "Biden – Putin")


def test_missing_means_nothing_for_strings_and_lists():
    assert metrics.same_field(None, "")
    assert not metrics.same_field(None, "Associated Press")
    assert metrics.same_field([], None)
    assert not metrics.same_field(["With reporting by AFP"], None)
    assert metrics.same_field(["With reporting by AFP"], "With reporting by AFP")
    assert not metrics.same_field(["a", "b"], ["b", "a"])


def test_leaks_are_whole_words_only():
    chrome = ["XS", "LG", "Breaking News", "16x9 Image"]
    assert metrics.leaked(chrome, "LGBT rights. Breaking\nNews here") == ["Breaking News"]
    assert metrics.leaked(chrome, "XS SM MD LG") == ["XS", "LG"]
    assert metrics.leaked(chrome, "16x9\u00a0Image") == ["16x9 Image"]
    assert metrics.leaked(chrome, None) == []


# ---------------------------------------------------------------- page scores and the summary row

EXPECTED = {"headline": "H", "caption": None, "body": ["a b c d"], "chrome": ["Menu"]}


def test_score_page_judges_only_pinned_fields_and_finds_leaks():
    s = metrics.score_page(EXPECTED, {"headline": "H", "body_text": "a b c d Menu", "whole_text": "H\na b c d Menu"})
    assert s.fields == {"headline": True, "caption": True}
    assert s.leaks == ["Menu"]
    assert s.body == Overlap(0.5, 0.5, 0.0)  # abcd matched, "b c d Menu" extra
    assert not s.body_exact
    assert not s.failed


def test_score_page_of_a_tool_that_raised():
    s = metrics.score_page(EXPECTED, {}, failed=True)
    assert s.fields == {"headline": False, "caption": True}
    assert s.body == Overlap(0.0, 0.0, 1.0)
    assert s.failed


def page(overlap, exact=False, fields=None, leaks=(), failed=False):
    return metrics.PageScore(overlap, exact, fields or {}, list(leaks), failed)


def test_summary_averages_precision_and_recall_over_pages_then_takes_f1():
    scores = [
        page(Overlap(0.5, 0.25, 0.25), fields={"headline": True}),  # P 2/3, R 2/3
        page(Overlap(1 / 3, 0.0, 2 / 3), exact=False, fields={"headline": False}, leaks=["XS"]),  # P 1, R 1/3
        page(Overlap(0.0, 0.0, 1.0), failed=True),  # P undefined, R 0
        page(Overlap(1.0, 0.0, 0.0), exact=True),  # P 1, R 1
    ]
    s = metrics.summarise(scores)
    assert s.pages == 4
    assert s.precision == pytest.approx((2 / 3 + 1 + 1) / 3)  # 8/9
    assert s.recall == pytest.approx((2 / 3 + 1 / 3 + 0 + 1) / 4)  # 1/2
    assert s.f1 == pytest.approx(2 * (8 / 9) * (1 / 2) / (8 / 9 + 1 / 2))  # 16/25
    assert s.f1 == pytest.approx(0.64)
    assert s.body_exact == 0.25
    assert s.field_exact["headline"] == 0.5
    assert s.field_pages == {"headline": 2, "byline": 0, "caption": 0, "credits": 0}
    assert s.field_exact["byline"] is None
    assert (s.leak_pages, s.failures) == (1, 1)


def test_summary_of_tool_that_never_answers():
    s = metrics.summarise([page(Overlap(0.0, 0.0, 1.0), failed=True)])
    assert (s.precision, s.recall, s.f1) == (None, 0.0, None)


# ---------------------------------------------------------------- adapters and runner, without peers


def test_peers_get_gzip_unpacked_and_everything_else_as_saved():
    assert adapters.peer_input("page.html.gz", gzip.compress(b"<p>x</p>")) == b"<p>x</p>"
    assert adapters.peer_input("dump.txt", b"plain text") == b"plain text"


def test_justext_stoplist_follows_html_lang_with_english_fallback():
    assert adapters.justext_stoplist_name(b'<!DOCTYPE html><html dir="ltr" lang="ru-RU">') == "Russian"
    assert adapters.justext_stoplist_name(b"<html lang='tt'>") == "English"  # no Tatar stop list
    assert adapters.justext_stoplist_name(b"Accessibility links\nBreaking News") == "English"


def test_html_to_text_breaks_lines_between_blocks_not_inside():
    assert adapters.html_to_text("<div><p>One <b>two</b></p><p>three</p></div>").split("\n")[:2] == ["One two", "three"]
    assert adapters.html_to_text("") == ""


def test_strings_in_walks_nested_json():
    assert adapters.strings_in({"a": "x", "b": [1, {"c": "y"}], "d": None}) == ["x", "y"]


def test_a_missing_peer_is_reported_not_raised(monkeypatch):
    def needs_absent_module():
        raise ModuleNotFoundError("No module named 'nopeer'", name="nopeer")

    monkeypatch.setitem(adapters._FACTORIES, "trafilatura", needs_absent_module)
    with pytest.raises(adapters.PeerMissing, match="trafilatura: not installed"):
        adapters.make("trafilatura")
    result = peers.measure("trafilatura", 5, {"golden": [], "every": [], "fixtures": []})
    assert result == {"status": "not installed", "detail": "trafilatura: not installed (nopeer)"}


def test_a_peer_that_raises_gets_an_empty_output_and_the_error():
    def explode(name, data):
        raise ValueError("no article here")

    output, error, _ = peers.timed(explode, "p.html", b"")
    assert (output, error) == ({}, "ValueError: no article here")


def test_page_f1_is_undefined_only_when_both_sides_are_empty():
    assert peers.page_f1(page(Overlap(0.0, 0.0, 0.0))) is None
    assert peers.page_f1(page(Overlap(0.0, 1.0, 0.0))) == 0.0
    assert peers.page_f1(page(Overlap(0.5, 0.25, 0.25))) == pytest.approx(2 / 3)


def test_field_header_says_how_many_pages_expect_nothing():
    cases = [(None, {"caption": None}), (None, {"caption": "A photo"}), (None, {})]
    assert peers.field_header("caption", cases) == "caption exact (n=2, 1 empty)"
    assert peers.field_header("headline", [(None, {"headline": "H"})]) == "headline exact (n=1)"


def test_a_page_that_does_not_pin_the_body_is_left_out_of_the_body_scores():
    unpinned = metrics.score_page({"headline": "H"}, {"headline": "H", "body_text": "anything at all here"})
    assert (unpinned.body, unpinned.body_exact) == (None, None)
    assert peers.page_f1(unpinned) is None
    s = metrics.summarise([unpinned, page(Overlap(0.5, 0.25, 0.25))])
    assert (s.precision, s.recall, s.body_exact) == (pytest.approx(2 / 3), pytest.approx(2 / 3), 0.0)
    assert s.field_exact["headline"] == 1.0


def test_an_output_path_in_a_missing_folder_is_refused_before_any_run(tmp_path, capsys):
    out = tmp_path / "missing" / "BENCHMARKS.md"
    assert peers.main(["--out", str(out), "--tools", "newsparse"]) == 1
    assert capsys.readouterr().err == f"peers: {out}: its folder does not exist\n"
    assert not out.parent.exists()


def test_paired_timing_gives_each_tool_every_page_in_turn_first_one_then_the_other():
    calls = []
    runs = [lambda name, data: calls.append(("a", name)), lambda name, data: calls.append(("b", name))]
    pages = [("format-x.html", b""), ("rferl-y.html", b""), ("format-z.html", b"")]
    totals = cpu_seconds_in_turn(runs, pages)
    assert calls == [("a", "format-x.html"), ("b", "format-x.html"), ("b", "rferl-y.html"), ("a", "rferl-y.html"),
                     ("a", "format-z.html"), ("b", "format-z.html")]
    assert sorted(totals) == ["format", "layout"] and all(len(t) == 2 for t in totals.values())


def test_floor_target_is_reported_for_the_whole_batch_its_two_groups_and_the_corpus():
    results = {"newsparse": {"status": "ok"}, "lxml parse (floor)": {"status": "ok"}}
    pair = {"status": "ok", "rounds": [[3.0, 1.0], [2.0, 1.0]], "corpus_rounds": [[1.5, 1.0]],
            "group_rounds": {"layout": [[2.0, 1.0], [1.0, 1.0]], "format": [[1.0, 0.25], [1.0, 0.5]]},
            "groups": {"layout": 15, "format": 14}}
    assert peers.targets(results, {"lxml parse (floor)": pair}) == [
        "- newsparse time per page ÷ bare `lxml.html.fromstring` time per page, page by page in turn: "
        "**2.5x [2.0-3.0] over 2 rounds** (target ≤ 2x)",
        "- of that batch, its 15 whole pages of each Pangea layout: **1.5x [1.0-2.0] over 2 rounds**; its 14 pages "
        "showing encodings and ways of saving (about 5 KB each; newsparse reads the charset of the undeclared ones, "
        "which a bare parse does not): **3.0x [2.0-4.0] over 2 rounds**",
        "- the same ratio on the real saved pages of ../shared/corpus alone (10 passes over them a round, in the same "
        "rounds): **1.5x [1.5-1.5] over 1 rounds**",
    ]


def test_pages_are_grouped_as_corpus_format_or_layout_by_name():
    assert [page_group(n) for n in ("voanews.com__a-story.html", "format-koi8r-undeclared-ru.html",
                                    "rferl-liveblog.html")] == ["corpus", "format", "layout"]


def test_three_tools_in_turn_rotate_which_goes_first_and_count_per_group():
    calls = []
    tools = [lambda name, data, k=k: calls.append(k) for k in range(3)]
    totals = cpu_seconds_in_turn(tools, [("format-a.html", b""), ("rferl-b.html", b""), ("format-c.html", b"")])
    assert calls == [0, 1, 2, 1, 2, 0, 2, 0, 1]
    assert sorted(totals) == ["format", "layout"] and all(len(t) == 3 for t in totals.values())


def test_cold_parser_empties_the_line_key_cache_before_each_page():
    import newsparse
    from newsparse import lexicon

    lexicon._opening_key("Share")
    assert lexicon._opening_key.cache_info().currsize > 0
    article = cold_parser(newsparse)(b"<html><head><title>T</title></head><body></body></html>")
    assert (article.headline, lexicon._opening_key.cache_info().currsize) == ("T", 0)


# ---------------------------------------------------------------- bench/accuracy.py (real pages), helper "real"

import accuracy  # noqa: E402
import realset  # noqa: E402


def test_accuracy_splice_replaces_its_section_and_keeps_the_rest():
    section = "## Real pages\n\nrow\n"
    once = accuracy.splice("# Bench\n\ntext\n", section)
    assert once == f"# Bench\n\ntext\n\n{accuracy.START}\n{section}{accuracy.END}\n"
    again = accuracy.splice(once + "after\n", "## Real pages\n\nnew\n")
    assert again == f"# Bench\n\ntext\n\n{accuracy.START}\n## Real pages\n\nnew\n{accuracy.END}\nafter\n"


def test_peers_keeps_the_accuracy_section_when_it_rewrites_benchmarks(tmp_path):
    # The accuracy section sits below peers' KEPT line, so a new peers report keeps it as it was.
    out = tmp_path / "BENCHMARKS.md"
    out.write_text(accuracy.splice("# old peers report\n\n" + peers.KEPT + "\n", "## Real pages\n"), encoding="utf-8")
    assert peers.with_kept_part(out, "# new peers report\n") == (
        f"# new peers report\n\n{peers.KEPT}\n\n{accuracy.START}\n## Real pages\n{accuracy.END}\n")


def test_accuracy_verdicts_of_a_dump_page(tmp_path):
    dump = tmp_path / "x.org__1.txt"
    dump.write_text("Accessibility links\nA Headline\nOne paragraph.\n", encoding="utf-8")
    gold = {"headline": "A Headline", "byline": None, "caption": None, "credits": [], "body": ["One paragraph."],
            "language": "en", "leaks": ["Accessibility links"]}
    page = realset.RealPage(dump.name, dump, "dump", None, gold)
    right = {"headline": "A Headline", "body_text": "One paragraph.", "language": "en", "whole_text": "A Headline"}
    assert accuracy.verdicts(page, right) == {
        "headline": True, "byline": True, "caption": True, "credits": True, "language": True,
        "body exact": True, "leaks": False, "every field": True}
    leaking = {**right, "whole_text": "Accessibility links\nA Headline"}
    assert accuracy.verdicts(page, leaking)["every field"] is False
    assert accuracy.verdicts(page, {})["headline"] is False


def test_accuracy_without_the_real_pages_is_one_line_and_exit_1(monkeypatch, capsys):
    monkeypatch.setattr(realset, "real_pages", lambda: [])
    assert accuracy.main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith("accuracy: ") and err.endswith("(../shared/corpus is not present)\n") and err.count("\n") == 1


def test_accuracy_unknown_tool_is_a_usage_error(monkeypatch, capsys, tmp_path):
    page = realset.RealPage("x.org__1.txt", tmp_path / "x.txt", "dump", None, {})
    monkeypatch.setattr(realset, "real_pages", lambda: [page])
    assert accuracy.main(["--tools", "newsparse,goose"]) == 2
    assert capsys.readouterr().err == "accuracy: unknown tool 'goose' (newsparse, trafilatura)\n"
def test_peers_keeps_the_hand_measured_part_of_benchmarks_md(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    assert peers.with_kept_part(out, "# new\n") == "# new\n"  # no file yet
    out.write_text("# old report\n\nold numbers\n\n" + peers.KEPT + "\n## Archive reading\n\n42 pages/s\n")
    assert peers.with_kept_part(out, "# new report\n\n") == \
        "# new report\n\n" + peers.KEPT + "\n## Archive reading\n\n42 pages/s\n"
    out.write_text("# old report without the line\n")
    assert peers.with_kept_part(out, "# new\n") == "# new\n"
