"""The long fuzz run: every outcome must be an Article or a NewsparseError, in bounded time and memory.

    python bench/fuzz.py                      # every cut point, 5 minutes of mutations, the big cases
    python bench/fuzz.py --minutes 60 --seed 7
    python bench/fuzz.py --step 16 --minutes 1 --no-big   # a quick pass
    python bench/fuzz.py --big-only "100 MB"               # only the full-size cases named so

Three phases:
  1. truncation: each fixture cut after every --step bytes (1 = every cut point);
  2. random inputs for --minutes: random bytes, tag soup, fixtures with bytes flipped,
     hostile tokens spliced in, or pieces of two fixtures joined;
  3. the big cases, full size, each in its own process so its time and peak memory
     are its own: 100,000-deep nesting, a 50 MB page, a million empty paragraphs,
     a million unclosed tags, a 1 GB gzip bomb at the default limit, a 50 MB MHTML, 100 MB pages
     (windows-1251, generic, Pangea, text dump, nothing but tags), pathological attributes, gzip
     members, MHTML parts and JSON-LD nesting. Peak memory of one page must stay under 1 GB.

An input that raises anything else, or runs past --timeout seconds (default 60), is a failure:
it is saved under bench/out/fuzz-failures/ and the exit status is 1.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import pathlib
import random
import resource
import signal
import sys
import time
import traceback
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import newsparse  # noqa: E402
from newsparse.errors import NewsparseError  # noqa: E402

FIXTURES = ROOT / "fixtures"
FAILURES = ROOT / "bench" / "out" / "fuzz-failures"
HOSTILE = [b"\x00", b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80", b"&#0;", b"&#xD800;",
           b"&#99999999999;", b"<![CDATA[", b"<!--", b"-->", b"<?xml ", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
           b"</div>", b"<div>" * 50, b"<p>", b"</h1>", b"<h1 class='pg-title'>", b"<script>", b"</script>",
           b"<table><td>", b"<figure><figcaption>", b"\x1f\x8b", b"%PDF", b"\r\n\r\n",
           b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n",
           b'utag_data={page_type:"liveblog",pub_year:"x"};', b'<time datetime="9999-99-99T99:99">',
           b'<link rel="canonical" href="http://[::1/x">', b"<meta charset='utf-16'>", b"<meta charset='koi8-r'>",
           b"<!-- saved from url=(0016)http://[x]/a -->", b"=\r\n", b"=D0=", b"Content-Transfer-Encoding: base64\r\n"]
SOUP = [b"<div>", b"</div>", b"<p>", b"</p>", b"<span>", b"<br>", b"<ul><li>", b"<div class='wsw'>",
        b"<div id='article-content'>", b"<h1 class='pg-title'>", b"</h1>", b"<figure><figcaption>",
        b"<span class='caption'>", b"<script>", b"</script>", b"<!--", b"&amp;", b"&#", b"<", b">", b"'", b'"',
        b"text ", b"\xd0\x96", b"\xd9\x85", b"\xe2\x80\x9c", b"\x93", b"<div class='links'><ul><li>",
        b"<time datetime='2024-01-01'>", b"<body class='pg-article'>", b"<html lang='ru'>"]


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def run_one(data: bytes, timeout: int) -> tuple[str | None, str]:
    """(None, what came out) when the outcome is allowed, else (what went wrong, "")."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        article = newsparse.parse(data)
        article.to_dict()
        return None, f"Article, {len(article.body):,} paragraphs"
    except NewsparseError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    except Timeout:
        return f"no outcome within {timeout} s", ""
    except Exception:
        return traceback.format_exc(limit=-4), ""
    finally:
        signal.alarm(0)


def save_failure(data: bytes, problem: str) -> pathlib.Path:
    FAILURES.mkdir(parents=True, exist_ok=True)
    path = FAILURES / (hashlib.sha256(data).hexdigest()[:16] + ".bin")
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(problem)
    return path


def mutate(rng: random.Random, fixtures: list[bytes]) -> bytes:
    kind = rng.randrange(5)
    base = rng.choice(fixtures)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(4096)))
    if kind == 1:
        return b"".join(rng.choice(SOUP) for _ in range(rng.randrange(300)))
    if kind == 2:
        buf = bytearray(base)
        for _ in range(rng.randrange(1, 64)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 3:
        for _ in range(rng.randrange(1, 16)):
            at = rng.randrange(len(base) + 1)
            base = base[:at] + rng.choice(HOSTILE) + base[at:]
        return base
    other = rng.choice(fixtures)
    return base[: rng.randrange(len(base) + 1)] + other[rng.randrange(len(other) + 1):]


def fuzz(fixtures: list[bytes], step: int, minutes: float, seed: int, timeout: int) -> int:
    failures = 0
    start = time.perf_counter()
    cuts = 0
    for data in fixtures:
        for cut in range(0, len(data) + 1, step):
            problem, _ = run_one(data[:cut], timeout)
            cuts += 1
            if problem:
                failures += 1
                print(f"FAIL truncation -> {save_failure(data[:cut], problem)}\n{problem}")
    print(f"truncation: {cuts:,} inputs (every {step} bytes of {len(fixtures)} fixtures) "
          f"in {time.perf_counter() - start:.0f} s, {failures} failures")
    rng = random.Random(seed)
    start, count, random_failures = time.perf_counter(), 0, 0
    while time.perf_counter() - start < minutes * 60:
        data = mutate(rng, fixtures)
        problem, _ = run_one(data, timeout)
        count += 1
        if problem:
            random_failures += 1
            print(f"FAIL random -> {save_failure(data, problem)}\n{problem}")
    print(f"random: {count:,} inputs (seed {seed}) in {time.perf_counter() - start:.0f} s, {random_failures} failures")
    return failures + random_failures


# --- the big cases -----------------------------------------------------------------------------

def body_page(inner: bytes) -> bytes:
    return (b'<html><head><title>T</title></head><body class="pg-article"><h1 class="title pg-title">Big</h1>'
            b'<div id="article-content"><div class="wsw"><p>First paragraph.</p>' + inner + b"</div></div></body></html>")


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes gzipped, built a megabyte at a time (never held uncompressed)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\x00" * (1 << 20)
    return b"".join(z.compress(chunk) for _ in range(size >> 20)) + z.flush()


def big_mhtml(size: int) -> bytes:
    import base64

    image = base64.encodebytes(bytes(range(256)) * 4096)  # ~1.4 MB a part
    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
    page = b"--b\r\nContent-Type: text/html\r\nContent-Location: https://www.rferl.org/a/1.html\r\n\r\n" + body_page(b"")
    parts = [b"\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + image
             for _ in range(size // len(image))]
    return head + page + b"".join(parts) + b"\r\n--b--\r\n"


def pieces(*parts) -> bytes:
    """Parts joined once: a 100 MB input built without a second copy (its RSS is the input's own)."""
    return b"".join(parts)


def gzip_members(count: int, member: bytes) -> bytes:
    return gzip_one(member) * count


def gzip_one(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, mtime=0)


def mhtml_of(parts: bytes, boundary: bytes = b"b") -> bytes:
    return (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="' + boundary + b'"\r\n\r\n' + parts)


DEEP = 100_000
MEMORY_BOUND = 1 << 30  # one page's peak RSS, input included (README, "Robustness")
FULL = 100 * 1024 * 1024 - 4096  # just under the default --max-bytes
RUSSIAN = ("<p>" + "Это длинный абзац русского текста о событиях, людях и городах страны. " * 12 + "</p>\n").encode("cp1251")
SHORT_RUSSIAN = ("<p>" + "Короткий абзац о событиях дня в городе, в стране и в мире, с людьми и их делами. " * 2
                 + "</p>\n").encode("cp1251")
ATTRIBUTES_20 = b"<a " + b" ".join(b"a%d=1" % i for i in range(20)) + b">" + b"Words of a link. " * 7 + b"</a>"
PLAIN_PAGE = b"<html><head><title>T</title></head><body><h1>Big</h1><div class='content'>"
PANGEA_PAGE = (b"<html><head><title>T</title></head><body class='pg-article'><h1 class='pg-title'>Big</h1>"
               b"<div id='article-content'><div class='wsw'>")
PARAGRAPH = b"<p>" + b"Words of a long article, repeated to fill the page. " * 20 + b"</p>\n"
BIG_CASES = {
    "100,000 nested divs in the body": lambda: body_page(b"<div>" * DEEP + b"x" + b"</div>" * DEEP),
    "100,000 nested inline tags": lambda: body_page(b"<p>" + b"<b>" * DEEP + b"x" + b"</b>" * DEEP + b"</p>"),
    "100,000 unclosed <aside>": lambda: body_page(b"<aside>" * DEEP),
    "100,000 nested <aside> around a heading": lambda: body_page(
        b"<aside>" * DEEP + b"<h1>x</h1>" + b"</aside>" * DEEP),
    "100,000 nested spans holding scripts": lambda: body_page(
        b"<p>" + b"<span><script></script>" * DEEP + b"x" + b"</span>" * DEEP + b"</p>"),
    "50 MB page": lambda: body_page(PARAGRAPH * (50_000_000 // len(PARAGRAPH))),
    "a million empty paragraphs": lambda: body_page(b"<p></p>" * 1_000_000),
    "a million unclosed <p>": lambda: body_page(b"<p>" * 1_000_000),
    "48 MB of invalid UTF-8, 3M paragraphs": lambda: body_page(b"<p>\xff\xfe\xc3\x28 caf\xe9</p>" * 3_000_000),
    "NUL bytes through a page": lambda: body_page(b"<p>a\x00b</p>" * 100_000),
    "1 GB gzip bomb (default limit)": lambda: gzip_bomb(1 << 30),
    "50 MB MHTML of images": lambda: big_mhtml(50_000_000),
    # issue 13, items 15-18: each bounded in time, and one page's peak memory under 1 GB
    "100 MB undeclared windows-1251 page": lambda: pieces(PANGEA_PAGE, *[RUSSIAN] * (FULL // len(RUSSIAN)),
                                                       b"</div></div></body></html>"),
    "100 MB page outside Pangea (generic)": lambda: pieces(PLAIN_PAGE, *[PARAGRAPH] * (FULL // len(PARAGRAPH)),
                                                        b"</div></body></html>"),
    "100 MB Pangea page": lambda: pieces(PANGEA_PAGE, *[PARAGRAPH] * (FULL // len(PARAGRAPH)),
                                         b"</div></div></body></html>"),
    "100 MB page in a gzip": lambda: gzip_one(pieces(PANGEA_PAGE, *[PARAGRAPH] * (FULL // len(PARAGRAPH)),
                                                 b"</div></div></body></html>")),
    "100 MB MHTML, its page 8-bit windows-1251": lambda: mhtml_of(pieces(
        b"--b\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        PANGEA_PAGE, *[RUSSIAN] * (FULL // len(RUSSIAN) - 1), b"</div></div></body></html>\r\n--b--\r\n")),
    "100 MB text dump": lambda: pieces(*[b"A line of a text dump, long enough to be a paragraph of it.\n"] * (FULL // 60)),
    "100 MB of <br>": lambda: body_page(b"<br>" * (FULL // 4 - 100)),
    "100 MB of tags with 20 attributes": lambda: body_page(ATTRIBUTES_20 * (FULL // len(ATTRIBUTES_20) - 10)),
    "500,000 windows-1251 paragraphs (100 MB)": lambda: pieces(PANGEA_PAGE, *[SHORT_RUSSIAN] * 499_000,
                                                               b"</div></div></body></html>"),
    "one tag of 100,000 attributes": lambda: body_page(b"<p " + b" ".join(b"a%d" % i for i in range(100_000)) + b">x</p>"),
    "1,000,000 gzip members": lambda: gzip_members(1_000_000, b""),
    "10,000 gzip members of 2 KB comments": lambda: (b"\x1f\x8b\x08\x10" + bytes(6) + b"c" * 2000 + b"\x00\x03\x00"
                                                     + bytes(8)) * 10_000,
    "MHTML of 1,000,000 empty parts": lambda: mhtml_of(b"--b\r\n\r\n" * 1_000_000),
    "MHTML: 10 MB of dashes, boundary -": lambda: mhtml_of(b"-" * 10_000_000, b"-"),
    "JSON-LD nested 100,000 deep": lambda: body_page(b'<script type="application/ld+json">' + b"[" * DEEP
                                                     + b"]" * DEEP + b"</script>"),
}


def _big_child(name: str, conn, timeout: int) -> None:
    data = BIG_CASES[name]()
    start = time.perf_counter()
    problem, outcome = run_one(data, timeout)
    conn.send((problem, outcome, len(data), time.perf_counter() - start,
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def big(timeout: int, only: str | None = None) -> int:
    ctx = multiprocessing.get_context("fork")
    failures = 0
    print(f"{'case':44} {'input':>10} {'seconds':>8} {'peak RSS':>9}  outcome   (RSS includes building the input)")
    for name in BIG_CASES:
        if only and only.lower() not in name.lower():
            continue
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_big_child, args=(name, child, timeout))
        proc.start()
        proc.join(4 * timeout + 60)
        if proc.is_alive():
            proc.kill()
            print(f"{name:44} FAIL: no outcome")
            failures += 1
            continue
        if not parent.poll():
            print(f"{name:44} FAIL: the process died (exit code {proc.exitcode})")
            failures += 1
            continue
        problem, outcome, size, seconds, rss = parent.recv()
        if problem:
            failures += 1
            outcome = "FAIL " + problem.strip().splitlines()[-1]
        elif rss * 1024 > MEMORY_BOUND:
            failures += 1
            outcome = f"FAIL over the {MEMORY_BOUND >> 20:,} MB bound: {outcome}"
        print(f"{name:44} {size / 1e6:8.1f}MB {seconds:8.2f} {rss / 1024:7.0f}MB  {outcome}")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=5.0, help="how long to run random inputs")
    ap.add_argument("--step", type=int, default=1, help="cut the fixtures after every STEP bytes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=60, help="seconds one input may take")
    ap.add_argument("--no-big", action="store_true", help="skip the full-size cases")
    ap.add_argument("--big-only", metavar="TEXT", nargs="?", const="",
                    help="run only the full-size cases (those whose name holds TEXT, when given)")
    args = ap.parse_args()
    if args.big_only is not None:
        failures = big(args.timeout, args.big_only)
        print("no failures" if not failures else f"{failures} FAILURES")
        return 1 if failures else 0
    fixtures = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if not p.name.endswith(".json")]
    failures = fuzz(fixtures, args.step, args.minutes, args.seed, args.timeout)
    if not args.no_big:
        failures += big(args.timeout)
    print("no failures" if not failures else f"{failures} FAILURES (inputs in {FAILURES})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
