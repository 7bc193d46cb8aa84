"""Golden files: every fixtures/<name>.{html,txt,...} with <name>.expected.json, compared field by field.

The expected file lists the fields it pins; `chrome` (not a field) lists
strings of the page's chrome that must appear in no field at all, and `follows`
(not a field) the real page whose markup or text the fixture reconstructs (null
where none has been seen).
"""

from __future__ import annotations

import json
import re

import pytest

import newsparse
from conftest import FIXTURES

CASES = sorted(p for p in FIXTURES.glob("*.expected.json"))


def source_of(expected_path):
    stem = expected_path.name[: -len(".expected.json")]
    found = [p for p in FIXTURES.iterdir() if p.name.startswith(stem + ".") and not p.name.endswith(".json")]
    assert len(found) == 1, f"one source file for {stem}, found {found}"
    return found[0]


def field_cases():
    for exp in CASES:
        expected = json.loads(exp.read_text(encoding="utf-8"))
        for key in expected:
            if key not in ("chrome", "comment", "follows"):
                yield pytest.param(exp, key, id=f"{exp.name[:-14]}:{key}")


_cache: dict = {}


def parsed(exp):
    if exp not in _cache:
        _cache[exp] = newsparse.parse(source_of(exp).read_bytes()).to_dict()
    return _cache[exp]


def test_every_fixture_the_readme_names_is_a_golden_file():
    """The README's coverage tables name fixtures; each must exist with its expected result."""
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    coverage = readme[readme.index("## Coverage"):readme.index("## Tests")]
    named = set(re.findall(r"`([\w.-]+\.(?:html|txt|mhtml|mht|webarchive|gz))`", coverage))
    assert len(named) >= 40
    golden = {source_of(exp).name for exp in CASES}
    assert sorted(named - golden) == []


@pytest.mark.parametrize("exp,key", list(field_cases()))
def test_field(exp, key):
    expected = json.loads(exp.read_text(encoding="utf-8"))[key]
    assert parsed(exp)[key] == expected


@pytest.mark.parametrize("exp", CASES, ids=lambda p: p.name[:-14])
def test_no_chrome_anywhere(exp):
    expected = json.loads(exp.read_text(encoding="utf-8"))
    blob = json.dumps(parsed(exp), ensure_ascii=False)
    leaked = [s for s in expected.get("chrome", []) if s in blob]
    assert leaked == []


@pytest.mark.parametrize("exp", CASES, ids=lambda p: p.name[:-14])
def test_every_key_present(exp):
    assert set(parsed(exp)) == set(newsparse.Article().to_dict())


@pytest.mark.parametrize("exp", CASES, ids=lambda p: p.name[:-14])
def test_every_fixture_names_the_real_page_it_follows(exp):
    """`follows`: the address of the real page whose markup or text the fixture reconstructs, or
    null where no real page of that kind has been seen (README's coverage tables say so)."""
    expected = json.loads(exp.read_text(encoding="utf-8"))
    assert "follows" in expected
    follows = expected["follows"]
    assert follows is None or re.fullmatch(r"https?://[^\s/]+\.[^\s/]+/\S*", follows), follows
