"""Scores for one tool's output against a fixture's golden file, the same for every tool.

Body: the metric of the ScrapingHub article-extraction-benchmark. Text is cut
into word tokens (runs of \\w, case kept), tokens into 4-word shingles; per page
the shingle multisets give TP/FP/FN, divided by their sum so long pages weigh
no more than short ones. Precision and recall are averaged over the pages
where they are defined, F1 is taken from those two means, and a body is
"exact" when its token sequence equals the expected one.

Fields (headline, byline, caption, credits) are compared as strings after
`normalise` (NFKC, whitespace runs to one space, trimmed), so punctuation
counts: "RFE; RL" is not "RFE/RL".
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

SHINGLE = 4
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """One spelling for every tool: compatibility forms folded, whitespace collapsed."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(normalise(text))


def shingles(text: str | None, n: int = SHINGLE) -> Counter:
    """Multiset of n-token shingles; a text shorter than n tokens is one shingle of all of it."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) <= n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@dataclass(frozen=True)
class Overlap:
    """Shares of true positives, false positives and false negatives on one page (sum 1, or all 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """None when the tool returned nothing and nothing was expected."""
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)


def overlap(expected: str, got: str | None) -> Overlap:
    want, have = shingles(expected), shingles(got)
    tp = sum((want & have).values())
    fp = sum((have - want).values())
    fn = sum((want - have).values())
    total = tp + fp + fn
    if total == 0:
        return Overlap(0.0, 0.0, 0.0)
    return Overlap(tp / total, fp / total, fn / total)


def exact_body(expected: str, got: str | None) -> bool:
    return tokens(expected) == tokens(got)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def same_field(expected, got) -> bool:
    """Exact match after normalisation; lists compare item by item, None, "" and [] all mean 'nothing'."""
    if isinstance(expected, list) or isinstance(got, list):
        want = [normalise(x) for x in _as_list(expected)]
        have = [normalise(x) for x in _as_list(got)]
        return want == have
    return normalise(expected) == normalise(got)


def leaked(chrome: list[str], whole_output: str | None) -> list[str]:
    """The chrome strings that occur in the output as whole words ("LG" in "LGBT" is not a leak)."""
    text = normalise(whole_output)
    found = []
    for item in chrome:
        needle = normalise(item)
        if needle and re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text):
            found.append(item)
    return found


FIELDS = ("headline", "byline", "caption", "credits")


@dataclass
class PageScore:
    """How one tool did on one fixture page."""

    body: Overlap | None  # None when the golden file does not pin the body
    body_exact: bool | None
    fields: dict[str, bool]  # only the fields the fixture pins
    leaks: list[str]
    failed: bool = False  # the tool raised on this page


def score_page(expected: dict, output: dict, failed: bool = False) -> PageScore:
    """`expected` is a fixture's golden file, `output` an adapter's answer (missing keys are None)."""
    body = exact = None
    if "body" in expected:
        want_body, got_body = "\n".join(expected["body"] or []), output.get("body_text")
        body, exact = overlap(want_body, got_body), exact_body(want_body, got_body)
    return PageScore(
        body=body,
        body_exact=exact,
        fields={f: same_field(expected[f], output.get(f)) for f in FIELDS if f in expected},
        leaks=leaked(expected.get("chrome") or [], output.get("whole_text")),
        failed=failed,
    )


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else None


@dataclass
class Summary:
    """One tool over a set of pages: the row of the accuracy table."""

    pages: int
    precision: float | None
    recall: float | None
    f1: float | None
    body_exact: float | None
    field_exact: dict[str, float | None] = field(default_factory=dict)
    field_pages: dict[str, int] = field(default_factory=dict)
    leak_pages: int = 0
    failures: int = 0


def summarise(scores: list[PageScore]) -> Summary:
    bodies = [s for s in scores if s.body is not None]
    precision = _mean(s.body.precision for s in bodies)
    recall = _mean(s.body.recall for s in bodies)
    f1 = None
    if precision is not None and recall is not None:
        f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    field_exact, field_pages = {}, {}
    for name in FIELDS:
        judged = [s.fields[name] for s in scores if name in s.fields]
        field_pages[name] = len(judged)
        field_exact[name] = _mean(float(ok) for ok in judged)
    return Summary(
        pages=len(scores),
        precision=precision,
        recall=recall,
        f1=f1,
        body_exact=_mean(float(s.body_exact) for s in bodies),
        field_exact=field_exact,
        field_pages=field_pages,
        leak_pages=sum(1 for s in scores if s.leaks),
        failures=sum(1 for s in scores if s.failed),
    )
