"""The library's archive reading (records) beside the parse alone and raw FastWARC, in CPU time; engines' jobs 2; peak memory.

    python bench/archive_reading.py [--records 2000] [--repeat 3] [--slice 100] [--dir DIR]
                                  [--memory-records 10000,100000] [--no-speed]

Builds a WARC (one gzip member per record, as crawlers write) of --records responses cycling
through the bundled HTML fixtures (our own pages; nothing from ../shared), the same pages as
files in a folder, and two half-size WARCs. Then, in --repeat rounds (each ratio within its round:
this virtual machine's speed drifts by tens of percent over minutes):
  * in turn, --slice records at a time, the order rotating, in wall and CPU time (on a busy
    machine CPU time is the steadier): raw FastWARC (iterate a WARC of those records and read
    every block, nothing decoded or parsed: the floor of reading the archive), newsparse.parse
    over the same page bytes (the parse alone) and newsparse.archive.records over that WARC
    (reading, decoding, parsing, provenance): the archive reading adds records ÷ parse - 1,
    target <= 20 %;
  * jobs 2: the two half archives in two processes at once, one task per archive as Dask and
    Spark run them, against jobs 1 over the same two files in one process;
  * `newsparse batch` over the same pages as files, --jobs 1 and 2 (subprocesses, start-up
    included);
  * the machine's own two-process scaling (bench/batch_speed.py's measure), which bounds what
    jobs 2 can gain over jobs 1.
Then the peak RSS of a process running records() over archives of --memory-records records
(flat: the 100,000-record archive should peak where the 10,000-record one does).
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
import batch_speed  # noqa: E402
import warcbuild as wb  # noqa: E402
from pages import FIXTURES, spread  # noqa: E402

import newsparse  # noqa: E402
from newsparse import Article, archive  # noqa: E402


def fixture_pages() -> list[bytes]:
    return [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]


def uri(i: int) -> str:
    return f"https://www.rferl.org/a/{i}.html"


def write_warc(path: str, pages: list[bytes], count: int, start: int = 0) -> None:
    """COUNT response records (per-record gzip), written as they are made: memory stays flat."""
    with open(path, "wb") as out:
        out.write(gzip.compress(wb.warcinfo(), mtime=0, compresslevel=6))
        for i in range(start, start + count):
            out.write(gzip.compress(wb.response(pages[i % len(pages)], n=i + 1, uri=uri(i)), mtime=0,
                                    compresslevel=6))


def write_folder(folder: str, pages: list[bytes], count: int) -> None:
    for i in range(count):
        sub = os.path.join(folder, f"{i // 100:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{i:06d}.html"), "wb") as fh:
            fh.write(pages[i % len(pages)])


def raw_fastwarc(path: str) -> int:
    """Records framed and read by FastWARC alone (gzip members inflated, no HTTP parsing)."""
    from fastwarc.warc import ArchiveIterator

    n = 0
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh, parse_http=False):
            rec.reader.read()
            n += 1
    return n - 1  # the warcinfo record


def count_articles(path: str) -> int:
    return sum(isinstance(r, Article) for _, r in archive.records(path))


def parse_only(pages: list[bytes], count: int) -> None:
    for i in range(count):
        newsparse.parse(pages[i % len(pages)], url=uri(i))


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def in_turn(slice_path: str, pages: list[bytes], count: int, turns: int) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of the parse alone, archive.records and raw FastWARC over the same COUNT
    pages, taken in turn TURNS times (the order rotating), summed: the three share whatever the
    machine does meanwhile, so their ratio holds where separate timings drift apart."""
    steps = {"parse": lambda: parse_only(pages, count), "records": lambda: count_articles(slice_path),
             "raw": lambda: raw_fastwarc(slice_path)}
    total = {k: [0.0, 0.0] for k in steps}
    names = list(steps)
    for turn in range(turns):
        for name in names[turn % 3:] + names[:turn % 3]:
            wall, cpu = time.perf_counter(), time.process_time()
            steps[name]()
            total[name][0] += time.perf_counter() - wall
            total[name][1] += time.process_time() - cpu
    return {k: (w, c) for k, (w, c) in total.items()}


def two_at_once(paths: list[str]) -> float:
    """Seconds for the archives in PATHS to be read by as many processes at once (one task each);
    forked from this warmed-up process, so start-up is left out as it is from jobs 1."""
    with multiprocessing.get_context("fork").Pool(len(paths)) as pool:
        start = time.perf_counter()
        pool.map(count_articles, paths, chunksize=1)
        return time.perf_counter() - start


def batch_files(folder: str, root: str, jobs: int) -> float:
    return batch_speed.batch_run(folder, root, jobs)[0]


PEAK = """
import resource, sys
from newsparse import Article, archive
n = sum(isinstance(r, Article) for _, r in archive.records(sys.argv[1]))
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss(path: str) -> tuple[int, float, float]:
    """(articles, peak RSS in MB, seconds) of a fresh process running records() over PATH."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, path], capture_output=True, text=True, check=True,
                         env=batch_speed.RUN_ENV, cwd=os.sep)
    n, kb = out.stdout.split()
    return int(n), int(kb) / 1024, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--slice", type=int, default=100, help="records parsed, read and framed in turn at a time")
    ap.add_argument("--dir", default=None, help="where the archives, pages and outputs go (default: the system's "
                                                "temporary folder; /dev/shm takes the disk out)")
    ap.add_argument("--memory-records", default="10000,100000",
                    help="comma-separated archive sizes for the peak-memory runs ('' for none)")
    ap.add_argument("--no-speed", action="store_true", help="only the peak-memory runs")
    args = ap.parse_args()
    pages, n = fixture_pages(), args.records
    with tempfile.TemporaryDirectory(prefix="newsparse-archive-bench-", dir=args.dir) as root:
        if not args.no_speed:
            whole = os.path.join(root, "all.warc.gz")
            part = os.path.join(root, "slice.warc.gz")  # the first --slice records of the same cycle
            halves = [os.path.join(root, f"half{i}.warc.gz") for i in (0, 1)]
            write_warc(whole, pages, n)
            write_warc(part, pages, args.slice)
            write_warc(halves[0], pages, n // 2)
            write_warc(halves[1], pages, n - n // 2, start=n // 2)
            folder = os.path.join(root, "pages")
            write_folder(folder, pages, n)
            assert count_articles(whole) == n and raw_fastwarc(whole) == n  # and a warm-up
            parse_only(pages, len(pages))
            batch_speed.settle()
            batch_files(folder, root, 1)  # warm-up: page cache, byte code
            turns = max(1, n // args.slice)
            rows = {k: [] for k in ("turns", "records1", "records2", "batch1", "batch2", "scaling")}
            for _ in range(args.repeat):
                rows["turns"].append(in_turn(part, pages, args.slice, turns))
                rows["records1"].append(timed(lambda: [count_articles(p) for p in halves]))
                rows["records2"].append(two_at_once(halves))
                rows["batch1"].append(batch_files(folder, root, 1))
                rows["batch2"].append(batch_files(folder, root, 2))
                rows["scaling"].append(batch_speed.machine_scaling(folder, root))
            size = os.path.getsize(whole) / 2**20
            done = turns * args.slice
            print(f"{n} records ({len(pages)} distinct fixture pages, per-record gzip, {size:.1f} MB), "
                  f"{os.cpu_count()} CPUs, {args.repeat} rounds: median [fastest-slowest]")
            print(f"in turn, {turns} times {args.slice} records a round:  {'pages/s (wall)':>22} {'pages/s (CPU)':>22}")
            for key, label in (("raw", "raw FastWARC iteration (read, no parse)"),
                               ("parse", "newsparse.parse of the same bytes"),
                               ("records", "archive.records, jobs 1")):
                wall = [done / t[key][0] for t in rows["turns"]]
                cpu = [done / t[key][1] for t in rows["turns"]]
                print(f"{label:44} {spread(wall, 0):>22} {spread(cpu, 0):>22}")
            print(f"{'whole runs, ' + str(n) + ' records or pages:':44} {'pages/s (wall)':>22}")
            for key, label in (("records1", "archive.records, jobs 1 (the two halves)"),
                               ("records2", "archive.records, jobs 2 (a half each)"),
                               ("batch1", "batch --jobs 1 over the pages as files"),
                               ("batch2", "batch --jobs 2 over the pages as files")):
                print(f"{label:44} {spread([n / t for t in rows[key]], 0):>22}")
            for i, clock in ((1, "CPU"), (0, "wall")):
                over = [(t["records"][i] / t["parse"][i] - 1) * 100 for t in rows["turns"]]
                raw = [t["raw"][i] / t["records"][i] * 100 for t in rows["turns"]]
                print(f"archive reading over the parse, in {clock} time (records ÷ parse - 1): {spread(over, 1)} % "
                      f"(target <= 20 %); raw FastWARC is {spread(raw, 1)} % of records' time")
            print(f"batch over the pages as files ÷ archive.records, jobs 1, in wall time (in round): "
                  f"{spread([b / r for b, r in zip(rows['batch1'], rows['records1'])])}")
            print(f"jobs 2 ÷ jobs 1: archive.records {spread([a / b for a, b in zip(rows['records1'], rows['records2'])])}, "
                  f"batch over files {spread([a / b for a, b in zip(rows['batch1'], rows['batch2'])])}; "
                  f"this machine's own two-process scaling {spread(rows['scaling'])}")
            print(f"machine during the run: {batch_speed.machine_load()}")
        for count in filter(None, (int(c) for c in args.memory_records.split(",") if c)):
            path = os.path.join(root, f"memory-{count}.warc.gz")
            write_warc(path, pages, count)
            articles, mb, seconds = peak_rss(path)
            os.unlink(path)
            print(f"peak RSS, archive.records over {count} records ({articles} articles, {seconds:.0f} s): {mb:.0f} MB")


if __name__ == "__main__":
    main()
