"""Shared test helpers: where the fixtures and the (optional) shared corpus are."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "pangea"


@pytest.fixture
def corpus():
    """The real saved pages in ../shared; tests that need them skip on a fresh machine."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
