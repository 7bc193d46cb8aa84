"""ms per page for newsparse.parse beside a bare lxml.html.fromstring of the same pages (the floor).

    python bench/speed.py [--repeat N]

Prints one table measured in one run; the ratio is what to read, not the
absolute times. trafilatura is timed too when installed (pip install '.[bench]').
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

import lxml.html

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from pages import load_pages, parse_cold  # noqa: E402


def per_page_ms(fn, pages, repeat):
    """Best of `repeat` rounds of the mean CPU ms per page (process time: other work on the machine
    disturbs it far less than wall time)."""
    rounds = []
    for _ in range(repeat):
        start = time.process_time()
        for _, data in pages:
            fn(data)
        rounds.append((time.process_time() - start) * 1000 / len(pages))
    return min(rounds)


def startup_ms(args, repeat=7):
    """Median wall time of a fresh process, byte-code caches allowed (as after `pip install`)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(args, check=True, capture_output=True, env=env)  # writes the caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def table(title, pages, repeat):
    """Print floor, newsparse and (if installed) trafilatura over `pages`, measured now."""
    rows = [("lxml.html.fromstring (floor)", per_page_ms(lxml.html.fromstring, pages, repeat)),
            ("newsparse.parse", per_page_ms(parse_cold, pages, repeat))]
    try:
        import trafilatura

        rows.append(("trafilatura.extract (with metadata, json)",
                     per_page_ms(lambda d: trafilatura.extract(d, with_metadata=True, output_format="json"),
                                 pages, max(3, repeat // 5))))
    except ImportError:
        pass
    floor = rows[0][1]
    print(f"{title}: {len(pages)} pages, CPU time, best of {repeat} rounds")
    print(f"{'tool':45} {'ms/page':>8} {'x floor':>8} {'x newsparse':>12}")
    for name, ms in rows:
        print(f"{name:45} {ms:8.2f} {ms / floor:8.2f} {ms / rows[1][1]:12.2f}")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    pages = load_pages()
    # Plain HTML files only: lxml would "parse" a gzip or MHTML file as garbage in no time.
    html_pages = [(n, d) for n, d in pages if n.endswith((".html", ".htm"))]
    real = [(n, d) for n, d in html_pages if "__" in n]  # ../shared/corpus names: host__slug
    table("All HTML pages (fixtures and ../shared/corpus)", html_pages, args.repeat)
    if real:
        table("Real saved pages (../shared/corpus)", real, args.repeat)
    seed = "rferl-biden-zelenskiy-call.txt"
    bare = startup_ms([sys.executable, "-c", "pass"])
    cli = startup_ms([sys.executable, "-m", "newsparse", "parse", str(__import__("pages").FIXTURES / seed)])
    print(f"CLI one page (python -m newsparse parse {seed}): {cli:.0f} ms; bare interpreter {bare:.0f} ms; "
          f"newsparse's own share {cli - bare:.0f} ms")


if __name__ == "__main__":
    main()
