"""The pages benchmarks run over: the bundled fixtures, plus ../shared/corpus when present."""

from __future__ import annotations

import importlib
import pathlib
import statistics
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "pangea"
PAGE_SUFFIXES = (".html", ".htm", ".txt", ".mhtml", ".mht", ".gz")
KINDS = {".txt": "text dump", ".mhtml": "MHTML", ".mht": "MHTML"}  # by suffix; any other page is HTML


def kind_of(path: pathlib.Path) -> str:
    return KINDS.get(path.suffix, "HTML")


def page_paths(include_corpus: bool = True) -> list[pathlib.Path]:
    paths = [p for p in sorted(FIXTURES.iterdir())
             if p.suffix in PAGE_SUFFIXES and not p.name.endswith(".expected.json")]
    if include_corpus and CORPUS.is_dir():
        paths += sorted(p for p in CORPUS.iterdir() if p.suffix in PAGE_SUFFIXES)
    return paths


def load_pages(include_corpus: bool = True) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in page_paths(include_corpus)]


def golden_pages() -> list[tuple[pathlib.Path, pathlib.Path]]:
    """(page, expected.json) for every fixture that has a golden file, whatever its extension."""
    pairs = []
    for expected in sorted(FIXTURES.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        sources = [p for p in page_paths(include_corpus=False) if p.name.startswith(stem + ".")]
        if len(sources) == 1:
            pairs.append((sources[0], expected))
    return pairs


def page_group(name: str) -> str:
    """Which kind of page a benchmark page is: a real saved page of ../shared/corpus (named
    host__slug), a fixture showing an encoding or a way of saving ("format-...": small pages), or a
    fixture that is a whole page of some Pangea layout."""
    if "__" in name:
        return "corpus"
    return "format" if name.startswith("format-") else "layout"


def spread(values: list[float], digits: int = 2, unit: str = "") -> str:
    """The median and [lowest-highest] of VALUES: how the benchmarks show repeated measures."""
    return f"{statistics.median(values):.{digits}f}{unit} [{min(values):.{digits}f}-{max(values):.{digits}f}]"


def cold_parser(package):
    """PACKAGE.parse (newsparse, or a copy of it at another revision) with the lexicon's cache of
    line keys emptied before each page, when the package has that cache.

    The benchmarks call the same pages over and over, so every line's key would already be made
    (a real folder repeats only its chrome lines): timed this way, newsparse gets no help from
    the repetition.
    """
    lexicon = importlib.import_module(f"{package.__name__}.lexicon")
    clear = getattr(getattr(lexicon, "_opening_key", None), "cache_clear", lambda: None)

    def parse(data: bytes):
        clear()
        return package.parse(data)

    return parse


def parse_cold(data: bytes):
    """newsparse.parse by cold_parser (imported on first use: bench scripts import this module
    before they know whether they will time newsparse)."""
    global _parse_cold
    if _parse_cold is None:
        import newsparse

        _parse_cold = cold_parser(newsparse)
    return _parse_cold(data)


_parse_cold = None


def cpu_seconds_in_turn(tools, pages, passes: int = 1) -> dict[str, list[float]]:
    """CPU seconds of each of TOOLS (called as tool(name, data)) over PASSES passes of PAGES, per
    page_group. The tools take each page in turn and the one that goes first rotates, so neither
    always finds the page's bytes warm in the cache, and a drift of the machine's speed within the
    pass weighs on all alike, as it would not on whole passes one after the other."""
    totals: dict[str, list[float]] = {}
    clock = time.process_time
    turn = 0
    for _ in range(passes):
        for name, data in pages:
            group = totals.setdefault(page_group(name), [0.0] * len(tools))
            for k in range(len(tools)):
                which = (turn + k) % len(tools)
                start = clock()
                tools[which](name, data)
                group[which] += clock() - start
            turn += 1
    return totals
