"""README's table of real pages and fixtures per service and page kind, generated.

    python bench/coverage_table.py                 # print the table
    python bench/coverage_table.py --write README.md   # replace the table in README (between its markers)

A row is one service (the language a page is written in, with the hosts it was seen on) and one
page kind. "real pages" counts the pages of ../shared/corpus (text dumps and saved HTML) of that
service and kind; "fixtures" lists the fixtures of that language and kind, each marked with the
real page it follows (its expected JSON's `follows`), or "no real page seen". A row without any
real page says "no real page seen" too. Kinds: the dumps' gold page_type (a reader's words) and the
HTML pages' declared page_type are sorted into KINDS by the first matching keyword; a fixture's
kind is its expected page_type (a dump fixture without one is an article).
tests/test_real_pages.py checks README against this output when ../shared is present.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import defaultdict
from urllib.parse import urlsplit

import realset

FIXTURES = realset.ROOT / "fixtures"
START, END = "<!-- bench/coverage_table.py: start -->", "<!-- bench/coverage_table.py: end -->"

# (keyword in a page_type description, kind), first match wins; anything else is an article.
KINDS = (
    ("liveblog", "live blog"), ("live blog", "live blog"), ("section", "section / listing"),
    ("static", "static page"), ("fact-check", "fact-check"), ("factcheck", "fact-check"),
    ("gallery", "photo gallery"), ("photo", "photo gallery"), ("video", "video"), ("audio", "audio / programme"),
    ("programme", "audio / programme"), ("listener", "audio / programme"), ("newsletter", "newsletter / digest"),
    ("digest", "newsletter / digest"), ("blog", "blog / opinion"), ("opinion", "blog / opinion"),
    ("commentary", "blog / opinion"),
)
LANGUAGES = {
    "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian", "ce": "Chechen", "crh": "Crimean Tatar",
    "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French", "hu": "Hungarian", "hy": "Armenian",
    "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "ky": "Kyrgyz", "prs": "Dari", "ps": "Pashto",
    "ro": "Romanian", "ru": "Russian", "sh": "Bosnian/Serbian/Croatian", "sq": "Albanian", "tg": "Tajik",
    "tk": "Turkmen", "tr": "Turkish", "tt": "Tatar", "uk": "Ukrainian", "uz": "Uzbek", "zh": "Chinese",
    "am": "Amharic", "bn": "Bangla", "km": "Khmer", "my": "Burmese", "lo": "Lao", "th": "Thai", "ti": "Tigrinya",
    "ur": "Urdu", "ha": "Hausa", "om": "Afaan Oromoo",
}


def kind_of(page_type: str | None) -> str:
    text = (page_type or "article").lower()
    return next((kind for word, kind in KINDS if word in text), "article")


def language_of(tag: str | None) -> str:
    return (tag or "?").split("-")[0].split(" ")[0].lower()


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def fixtures() -> list[tuple[str, dict]]:
    """(page file name, expected JSON) of every fixture."""
    found = []
    for expected_path in sorted(FIXTURES.glob("*.expected.json")):
        stem = expected_path.name[: -len(".expected.json")]
        page = next(p for p in sorted(FIXTURES.iterdir()) if p.name.startswith(stem + ".") and p != expected_path)
        found.append((page.name, json.loads(expected_path.read_text(encoding="utf-8"))))
    return found


def rows() -> list[tuple[str, str, tuple[int, int], list[str], list[str]]]:
    """(language, kind, (real text dumps, real HTML pages), hosts, fixture cells), by language then kind."""
    real = defaultdict(lambda: [0, 0])  # text dumps, saved HTML
    hosts = defaultdict(set)
    for page in realset.real_pages():
        if page.kind == "dump":
            key = (language_of(page.gold["language"]), kind_of(page.gold.get("page_type")))
        else:
            want = realset.html_expectations(page)
            key = (language_of(want["language"]), kind_of(want["page_type"]))
        real[key][page.kind == "html"] += 1
        hosts[key].add(host_of(page.url) or page.host)
    covered = defaultdict(list)
    for name, expected in fixtures():
        key = (language_of(expected.get("language")), kind_of(expected.get("page_type")))
        follows = expected["follows"]
        covered[key].append(f"`{name}` ({host_of(follows) if follows else 'no real page seen'})")
    out = []
    for key in sorted(set(real) | set(covered)):
        out.append((*key, tuple(real.get(key, (0, 0))), sorted(hosts.get(key, ())), covered.get(key, [])))
    return out


def table() -> str:
    lines = ["| service (language) | page kind | real pages | seen on | fixtures (host of the real page each follows) |",
             "|---|---|---:|---|---|"]
    for language, kind, (dumps, html), seen, cells in rows():
        name = f"{LANGUAGES.get(language, language)} (`{language}`)"
        count = " + ".join(part for part in (f"{dumps} text" if dumps else "", f"{html} HTML" if html else "") if part)
        lines.append(f"| {name} | {kind} | {count or 'no real page seen'} | {', '.join(seen) or '—'} | "
                     f"{', '.join(cells) or 'none'} |")
    return "\n".join(lines) + "\n"


def section() -> str:
    return f"{START}\n{table()}{END}\n"


def current(readme: str) -> str | None:
    """The generated block as README has it, markers included (None when README has none)."""
    if START not in readme or END not in readme:
        return None
    return START + readme.split(START, 1)[1].split(END, 1)[0] + END + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", type=pathlib.Path, metavar="README", help="replace the table in this file")
    args = ap.parse_args(argv)
    if not realset.present():
        print(f"coverage: {realset.SHARED}: not present; the real-page counts need it", file=sys.stderr)
        return 1
    block = section()
    if not args.write:
        print(block, end="")
        return 0
    text = args.write.read_text(encoding="utf-8")
    old = current(text)
    if old is None:
        print(f"coverage: {args.write}: no {START} ... {END} block to replace", file=sys.stderr)
        return 1
    args.write.write_text(text.replace(old, block, 1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
