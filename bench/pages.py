"""The pages benchmarks run over: the bundled fixtures, plus ../shared/corpus when present."""

from __future__ import annotations

import pathlib
import statistics

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


def parse_cold(data: bytes):
    """newsparse.parse with the lexicon's cache of line keys emptied first.

    The benchmarks call the same pages over and over, so every line's key would already be made
    (a real folder repeats only its chrome lines): timed this way, newsparse gets no help from
    the repetition.
    """
    import newsparse
    from newsparse import lexicon

    lexicon._opening_key.cache_clear()
    return newsparse.parse(data)
