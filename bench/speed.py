"""ms per page for newsparse.parse beside a bare lxml.html.fromstring of the same pages (the floor).

    python bench/speed.py [--repeat N]

Prints one table measured in one run; the ratio is what to read, not the
absolute times. trafilatura is timed too when installed (pip install '.[bench]').
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import lxml.html

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from pages import load_pages  # noqa: E402

import newsparse  # noqa: E402


def per_page_ms(fn, pages, repeat):
    """Best of `repeat` rounds of the mean ms per page: the least disturbed by other work on the machine."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _, data in pages:
            fn(data)
        rounds.append((time.perf_counter() - start) * 1000 / len(pages))
    return min(rounds)


def startup_ms(args, repeat=7):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    pages = load_pages()
    html_pages = [(n, d) for n, d in pages if not n.endswith(".txt")]
    rows = [("lxml.html.fromstring (floor)", per_page_ms(lxml.html.fromstring, html_pages, args.repeat))]
    rows.append(("newsparse.parse", per_page_ms(newsparse.parse, html_pages, args.repeat)))
    try:
        import trafilatura

        rows.append(("trafilatura.extract (with metadata, json)",
                     per_page_ms(lambda d: trafilatura.extract(d, with_metadata=True, output_format="json"),
                                 html_pages, max(3, args.repeat // 5))))
    except ImportError:
        pass
    floor = rows[0][1]
    print(f"{len(html_pages)} HTML pages, best of {args.repeat} rounds")
    print(f"{'tool':45} {'ms/page':>8} {'x floor':>8}")
    for name, ms in rows:
        print(f"{name:45} {ms:8.2f} {ms / floor:8.2f}")
    seed = str(pages[0][0])
    bare = startup_ms([sys.executable, "-c", "pass"])
    cli = startup_ms([sys.executable, "-m", "newsparse", "parse", str(__import__("pages").FIXTURES / seed)])
    print(f"\nCLI one page (python -m newsparse parse {seed}): {cli:.0f} ms; bare interpreter {bare:.0f} ms; "
          f"newsparse's own share {cli - bare:.0f} ms")


if __name__ == "__main__":
    main()
