"""pages/s of `newsparse batch` over web archives beside raw FastWARC and beside the same pages as files.

    python bench/archive_speed.py [--records 2000] [--repeat 3] [--dir DIR] [--memory-records 100000]

Builds, in a temporary folder (under --dir: /dev/shm takes the disk out of the measure), a
WARC with one gzip member per record (as crawlers write) holding --records copies of the
bench pages (fixtures, and ../shared/corpus when present: built at run time, never kept), the
same records split into two archives (what --jobs 2 can spread), and the same pages as files.
Then, in --repeat rounds, each ratio within its round:
  * FastWARC's own iteration over the archive, reading every record's body (the reading floor),
  * newsparse.archive.payloads over it (framing, de-chunking, decoding: no parse),
  * newsparse.parse over the same pages in this process (the library's ms/page),
  * `newsparse batch ARCHIVE -o OUT --jobs 1`, and the two halves at `--jobs 2`,
  * the one archive at `--jobs 2` split into two record-offset ranges (NEWSPARSE_SPLIT_BYTES=1
    forces the split whatever its size; batch/split.py), its output checked equal to --jobs 1's,
    and its CPU time (workers included) over --jobs 1's: what the scan, the parts and the join add,
  * `newsparse batch FOLDER -o OUT --jobs 1` over the pages as files,
  * the machine's own two-process scaling (batch_speed.machine_scaling).
Then the peak RSS of `batch ARCHIVE --jobs 1` (without and with --dedupe latest) over archives
of a tenth of --memory-records and of all of them (0: not measured), each record a copy of one
fixture page at its own url. Targets (issue 15): the archive's reading adds at most 20 % to the
parse (batch over the archive at --jobs 1 ÷ the library); jobs 2 ÷ jobs 1 beside the machine's
scaling; peak memory flat however many records.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
import warcbuild as wb  # noqa: E402
from batch_speed import PYTHON, RUN_ENV, machine_load, machine_scaling, settle  # noqa: E402
from pages import page_paths, spread  # noqa: E402

import newsparse  # noqa: E402
from newsparse import archive  # noqa: E402


def html_pages() -> list[bytes]:
    return [p.read_bytes() for p in page_paths() if p.suffix in (".html", ".htm")]


def build(root: str, count: int) -> tuple[str, list[str], str, list[bytes]]:
    """The archive, its two halves, the folder of the same pages, and the pages in record order."""
    pages = html_pages()
    chosen = [pages[i % len(pages)] for i in range(count)]
    records = [wb.response(data, n=i, uri=f"https://www.rferl.org/a/{i}.html") for i, data in enumerate(chosen)]
    whole = os.path.join(root, "all.warc.gz")
    with open(whole, "wb") as fh:
        fh.write(wb.warc(records, "gzip"))
    halves = []
    for part, chunk in enumerate((records[:count // 2], records[count // 2:])):
        os.makedirs(os.path.join(root, "halves"), exist_ok=True)
        halves.append(os.path.join(root, "halves", f"part{part}.warc.gz"))
        with open(halves[-1], "wb") as fh:
            fh.write(wb.warc(chunk, "gzip"))
    folder = os.path.join(root, "pages")
    os.makedirs(folder)
    for i, data in enumerate(chosen):
        with open(os.path.join(folder, f"{i:06d}.html"), "wb") as fh:
            fh.write(data)
    return whole, halves, folder, chosen


def fastwarc_seconds(path: str) -> float:
    from fastwarc.warc import ArchiveIterator

    start = time.perf_counter()
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, parse_http=False, auto_decode="none"):
            record.reader.read()
    return time.perf_counter() - start


def payloads_seconds(path: str) -> float:
    start = time.perf_counter()
    for _ in archive.payloads(path):
        pass
    return time.perf_counter() - start


def library_seconds(pages: list[bytes]) -> float:
    start = time.perf_counter()
    for data in pages:
        newsparse.parse(data)
    return time.perf_counter() - start


def batch_seconds(root: str, inputs: list[str], jobs: int, split: bool = False) -> float:
    """Wall seconds of one `batch` run; SPLIT forces a large archive's split (jobs 2 and more)."""
    out = tempfile.mkdtemp(prefix="out-", dir=root)
    env = {**RUN_ENV, "NEWSPARSE_SPLIT_BYTES": "1" if split else str(1 << 62)}
    settle()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([PYTHON, "-m", "newsparse", "batch", *inputs, "-o", out, "-q", "--jobs", str(jobs)],
                   env=env, check=True, cwd=root)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run's and its workers' (waited for)
    LAST_CPU[(tuple(inputs), jobs, split)] = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    outputs = {name: pathlib.Path(folder, name).read_bytes()
               for folder, _, names in os.walk(out) for name in names}
    shutil.rmtree(out)
    LAST_OUTPUTS[(tuple(inputs), jobs, split)] = outputs
    return seconds


LAST_CPU: dict = {}  # CPU seconds of each kind of run, its workers included
LAST_OUTPUTS: dict = {}  # the outputs of each kind of run, so the split's can be checked against jobs 1's


# Runs the batch and reports its peak RSS in KiB on stderr.
MEASURED_RUN = """
import resource, sys
from newsparse.cli import cli
try:
    cli(sys.argv[1:], prog_name="newsparse")
except SystemExit as exc:
    code = exc.code
print(f"MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


MEMORY_PAGE = "rferl-no-byline.html"


def peak_memory(root: str, records: int) -> None:
    """Peak RSS of batch --jobs 1 over RECORDS // 10 and RECORDS records, plain and --dedupe latest."""
    with open(os.path.join(os.path.dirname(HERE), "fixtures", MEMORY_PAGE), "rb") as fh:
        data = fh.read()
    for count in (records // 10, records):
        path = os.path.join(root, f"memory-{count}.warc.gz")
        with open(path, "wb") as fh:
            for i in range(count):
                fh.write(wb.warc([wb.response(data, n=i, uri=f"https://www.rferl.org/a/{i}.html")], "gzip"))
        for extra in ([], ["--dedupe", "latest"]):
            out = tempfile.mkdtemp(prefix="out-", dir=root)
            proc = subprocess.run([PYTHON, "-c", MEASURED_RUN, "batch", path, "-o", out, "-q", "--jobs", "1", *extra],
                                  capture_output=True, text=True, env=RUN_ENV, cwd=root, check=False)
            kib = next(x for x in proc.stderr.splitlines() if x.startswith("MAXRSS ")).split()[1]
            print(f"  peak memory, {count} records{' --dedupe latest' if extra else ''}: {int(kib) / 1024:.1f} MB "
                  f"(exit {proc.returncode})")
            shutil.rmtree(out)
        os.unlink(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--memory-records", type=int, default=100000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsparse-archive-bench-", dir=args.dir) as root:
        RUN_ENV["PYTHONPATH"] = os.path.dirname(HERE)
        whole, halves, folder, pages = build(root, args.records)
        n = args.records
        rows: dict[str, list[float]] = {k: [] for k in (
            "fastwarc", "payloads", "library", "archive j1", "archive j2", "files j1",
            "archive j2 split", "reading share", "archive j1 / library", "archive j1 / files j1", "j2 / j1", "split j2 / j1",
            "split CPU / j1 CPU", "machine scaling")}
        for _ in range(args.repeat):
            raw, pay, lib = fastwarc_seconds(whole), payloads_seconds(whole), library_seconds(pages)
            a1, a2 = batch_seconds(root, [whole], 1), batch_seconds(root, halves, 2)
            s2 = batch_seconds(root, [whole], 2, split=True)
            if LAST_OUTPUTS[((whole,), 2, True)] != LAST_OUTPUTS[((whole,), 1, False)]:
                sys.exit("the split run's output differs from --jobs 1's")
            f1 = batch_seconds(root, [folder], 1)
            for key, seconds in (("fastwarc", raw), ("payloads", pay), ("library", lib), ("archive j1", a1),
                                 ("archive j2", a2), ("files j1", f1), ("archive j2 split", s2)):
                rows[key].append(n / seconds)
            rows["reading share"].append(pay / lib)
            rows["archive j1 / library"].append(a1 / lib)
            rows["archive j1 / files j1"].append(a1 / f1)
            rows["j2 / j1"].append(a1 / a2)
            rows["split j2 / j1"].append(a1 / s2)
            rows["split CPU / j1 CPU"].append(LAST_CPU[((whole,), 2, True)] / LAST_CPU[((whole,), 1, False)])
            rows["machine scaling"].append(machine_scaling(folder, root))
        print(f"{n} records ({len(set(pages))} distinct pages), {args.repeat} rounds; {machine_load()}")
        for key in ("fastwarc", "payloads", "library", "archive j1", "archive j2", "archive j2 split", "files j1"):
            print(f"  {key:<22} {spread(rows[key], 0)} pages/s")
        for key in ("reading share", "archive j1 / library", "archive j1 / files j1", "j2 / j1", "split j2 / j1",
                    "split CPU / j1 CPU", "machine scaling"):
            print(f"  {key:<22} {spread(rows[key])}")
        if args.memory_records:
            peak_memory(root, args.memory_records)


if __name__ == "__main__":
    main()
