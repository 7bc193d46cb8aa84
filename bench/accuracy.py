"""Per-field accuracy on the real pages of ../shared/corpus, newsparse beside trafilatura.

    python bench/accuracy.py                      # print the tables
    python bench/accuracy.py --write BENCHMARKS.md  # ... and put them in its "Real pages" section
    python bench/accuracy.py --known-failures     # the KNOWN_FAILURES of tests/test_real_pages.py, as of now

Text dumps (dumps/*.txt, hand-written gold in dumps/gold): each tool gets the file's bytes as they
are, as a user would hand them over: newsparse.parse(bytes), trafilatura.extract(bytes,
with_metadata=True, output_format="json") (trafilatura reads them as an HTML document whose text is
the whole dump; it returns None on every one, which scores as nothing found). Fields are compared
after metrics.normalise (NFKC, whitespace): headline, byline, caption, credits, language; body is
exact when its words equal the gold's (metrics.exact_body: paragraph breaks and punctuation aside,
the same rule for both tools). A page leaks when any gold `leaks` string occurs in the tool's output
as whole words, or a line of it is chrome by the lexicon (realset.is_chrome_line). "every field" is all
of these right and no leak.

The saved HTML pages (pangea/*.html, no gold) are scored against their own markup, read at run
time (bench/realset.py): headline = og:title (else h1), url = canonical, language = <html lang>.

Below the tables, the strict count of tests/test_real_pages.py (realset.judge: body paragraph by
paragraph, page kind, published, chrome, headline checks) for newsparse.
"""

from __future__ import annotations

import argparse
import datetime
import pathlib
import platform
import sys

import adapters
import metrics
import realset


DUMP_COLUMNS = ("headline", "byline", "caption", "credits", "body exact", "language", "every field")
HTML_COLUMNS = ("headline", "url", "language", "every field")
START, END = "<!-- bench/accuracy.py: start -->", "<!-- bench/accuracy.py: end -->"


def newsparse_run():
    import newsparse

    def run(page):
        article = newsparse.parse(page.path.read_bytes()).to_dict()
        text_fields = {k: article.get(k) for k in realset.TEXT_FIELDS}
        return {"headline": article["headline"], "byline": article["byline"], "caption": article["caption"],
                "credits": article["credits"], "body_text": "\n".join(article["body"]),
                "language": article["language"], "url": article["url"],
                "whole_text": "\n".join(realset.strings(text_fields)), "article": article}

    return run


def trafilatura_run():
    import json

    import trafilatura

    def run(page):
        result = trafilatura.extract(page.path.read_bytes(), with_metadata=True, output_format="json")
        if result is None:
            return {}
        doc = json.loads(result)
        author = doc.get("author")
        return {"headline": doc.get("title"), "byline": author.replace("; ", ", ") if author else author,
                "body_text": doc.get("text"), "language": doc.get("language"), "url": doc.get("source"),
                "whole_text": "\n".join(adapters.strings_in(doc))}

    return run


TOOLS = {"newsparse": newsparse_run, "trafilatura": trafilatura_run}


def leaks(page, out: dict) -> list[str]:
    whole = out.get("whole_text") or ""
    found = metrics.leaked((page.gold or {}).get("leaks") or [], whole)
    return found + [line for line in whole.splitlines() if realset.is_chrome_line(line)]


def verdicts(page, out: dict) -> dict[str, bool]:
    """The table's columns for one page: True where the tool is right."""
    if page.kind == "dump":
        gold = page.gold
        row = {name: metrics.same_field(gold[name], out.get(name))
               for name in ("headline", "byline", "caption", "credits", "language")}
        row["body exact"] = metrics.exact_body("\n".join(gold["body"]), out.get("body_text"))
        columns = DUMP_COLUMNS
    else:
        want = realset.html_expectations(page)
        row = {"headline": metrics.same_field(want["headline"], out.get("headline")),
               "url": (out.get("url") or None) == want["url"],
               "language": metrics.same_field(want["language"], out.get("language"))}
        columns = HTML_COLUMNS
    row["leaks"] = bool(leaks(page, out))
    row["every field"] = all(row[c] for c in columns if c != "every field") and not row["leaks"]
    return row


def measure(tools: list[str], pages) -> dict[str, list[tuple[object, dict, dict]]]:
    """{tool: [(page, output, verdicts)]}; a tool that raises on a page found nothing there."""
    results = {}
    for tool in tools:
        run = TOOLS[tool]()
        rows = []
        for page in pages:
            try:
                out = run(page)
            except Exception as exc:  # noqa: BLE001 - a peer's failure is a page it got wrong
                out = {"error": f"{type(exc).__name__}: {exc}"}
            rows.append((page, out, verdicts(page, out)))
        results[tool] = rows
    return results


def table(results, kind: str, columns) -> list[str]:
    lines = ["| tool | pages | " + " | ".join(columns) + " | pages leaking |",
             "|---|---:|" + "---:|" * (len(columns) + 1)]
    for tool, rows in results.items():
        rows = [r for p, _, r in rows if p.kind == kind]
        if not rows:
            continue
        shares = [f"{sum(r[c] for r in rows) / len(rows):.2f}" for c in columns]
        lines.append(f"| {tool} | {len(rows)} | " + " | ".join(shares) + f" | {sum(r['leaks'] for r in rows)} |")
    return lines


def strict(results) -> tuple[int, int, dict[str, tuple[str, ...]]]:
    """newsparse's pages right in every check of tests/test_real_pages.py, and the failures."""
    failures = {}
    for page, out, _ in results["newsparse"]:
        wrong = realset.judge(page, out["article"])
        if wrong:
            failures[page.name] = tuple(sorted(wrong))
    total = len(results["newsparse"])
    return total - len(failures), total, failures


def report(results) -> str:
    versions = ", ".join(f"{t} {adapters.version(t) or 'working tree'}" for t in results)
    today = datetime.date.today().isoformat()
    out = [f"## Real pages: per-field accuracy ({today}; {versions}; Python {platform.python_version()})", "",
           "`python bench/accuracy.py --write BENCHMARKS.md` (needs ../shared/corpus; trafilatura from the "
           "`bench` extra). How each tool is fed and scored: the docstring of bench/accuracy.py.", "",
           "Text dumps with hand-written gold (share of pages right):", ""]
    out += table(results, "dump", DUMP_COLUMNS)
    out += ["", "A tool that finds nothing on a page is still right wherever the gold is empty too (no "
            "byline, no credits, no caption, no headline): trafilatura returns nothing on every dump, and "
            "its shares above are those pages."]
    out += ["", "Saved HTML pages, against their own og:title, canonical link and `<html lang>`:", ""]
    out += table(results, "html", HTML_COLUMNS)
    if "newsparse" in results:
        right, total, failures = strict(results)
        out += ["", f"newsparse right in every check of tests/test_real_pages.py (body paragraph by paragraph, "
                f"page kind, published, chrome, headline checks): {right} of {total} pages; still wrong: "
                + (", ".join(f"`{name}` ({', '.join(fields)})" for name, fields in failures.items()) or "none")
                + "."]
    return "\n".join(out) + "\n"


def splice(document: str, section: str) -> str:
    """DOCUMENT with the accuracy section (between START and END) replaced by SECTION, or appended."""
    block = f"{START}\n{section}{END}\n"
    if START in document and END in document:
        head, rest = document.split(START, 1)
        return head + block + rest.split(END, 1)[1].lstrip("\n")
    return document.rstrip("\n") + "\n\n" + block


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", type=pathlib.Path, metavar="FILE", help="put the section into FILE (BENCHMARKS.md)")
    ap.add_argument("--known-failures", action="store_true",
                    help="print newsparse's failures as the KNOWN_FAILURES mapping of tests/test_real_pages.py")
    ap.add_argument("--tools", default="newsparse,trafilatura", help="comma-separated: newsparse, trafilatura")
    args = ap.parse_args(argv)
    pages = realset.real_pages()
    if not pages:
        print(f"accuracy: {realset.SHARED}: no real pages (../shared/corpus is not present)", file=sys.stderr)
        return 1
    tools = ["newsparse"] if args.known_failures else [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        print(f"accuracy: unknown tool {unknown[0]!r} (newsparse, trafilatura)", file=sys.stderr)
        return 2
    try:
        results = measure(tools, pages)
    except ImportError as exc:
        print(f"accuracy: {exc.name or exc} is not installed: pip install '.[bench]'", file=sys.stderr)
        return 1
    if args.known_failures:
        print("KNOWN_FAILURES: dict[str, tuple[str, ...]] = {")
        for name, fields in strict(results)[2].items():
            print(f"    {name!r}: {fields!r},")
        print("}")
        return 0
    section = report(results)
    print(section, end="")
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        args.write.write_text(splice(old, section), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
