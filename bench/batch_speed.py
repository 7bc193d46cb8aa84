"""pages/s of `newsparse batch` at --jobs 1 and 2 beside the library's own ms/page, and peak memory.

    python bench/batch_speed.py [--pages 2000] [--memory-pages 10000] [--repeat 5] [--dir DIR]
                                [--python PATH]

--instructions counts user-space instructions under callgrind instead (jobs 1
against the library): a figure that does not drift with the machine, without
the kernel's part.

Builds a folder of --pages pages by copying the fixtures (and ../shared/corpus
when present) into a temporary directory (under --dir, default the system's
temporary folder: --dir /dev/shm takes the disk out of the measure), then
times, in --repeat rounds (each ratio within its round):
  * newsparse.parse over the same bytes in this process (the library's ms/page),
  * `python -m newsparse batch DIR -o OUT -q --jobs 1` and `--jobs 2` as real
    subprocesses (start-up, walking, reading and writing included),
  * two processes running the library at once against one (the machine's own
    scaling, which bounds what jobs 2 can gain over jobs 1),
and the peak RSS of a --jobs 2 run over --memory-pages pages (the main process
and, separately, the largest worker: ru_maxrss of RUSAGE_SELF in the child and
of RUSAGE_CHILDREN here). Targets (issue 3): jobs 1 within 1.3x of the
library's ms/page; jobs 2 at least 1.8x the pages/s of jobs 1 on 2 cores;
peak under 150 MB for 10,000 pages.

--python runs the batch with another interpreter, e.g. that of a virtual
environment where `pip install .` put newsparse as a user gets it: a
development interpreter may start slower (an editable install's finder, other
.pth files run at every start). Its newsparse must be the working tree's code;
each round also times that interpreter's start-up alone.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages import page_paths, spread  # noqa: E402

import newsparse  # noqa: E402

# Reports its own peak RSS (and its workers') on stderr after the batch run.
MEASURED_RUN = """
import resource, sys
from newsparse.cli import cli
try:
    cli(sys.argv[1:], prog_name="newsparse")
except SystemExit as exc:
    code = exc.code
me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
print(f"MAXRSS {me.ru_maxrss} {children.ru_maxrss} {cpu}", file=sys.stderr)
sys.exit(code)
"""


def make_folder(root: str, count: int) -> tuple[str, list[bytes]]:
    """COUNT pages copied round-robin from the fixtures, 100 to a subfolder."""
    sources = page_paths()
    folder = os.path.join(root, "pages")
    contents = []
    for i in range(count):
        src = sources[i % len(sources)]
        sub = os.path.join(folder, f"{i // 100:04d}")
        os.makedirs(sub, exist_ok=True)
        shutil.copyfile(src, os.path.join(sub, f"{i:06d}-{src.name}"))
        if i < len(sources):
            contents.append(src.read_bytes())
    return folder, contents


def settle() -> None:
    """Flush what earlier steps wrote: on a virtual disk, writeback of the copied folder
    otherwise lands inside the next timed run."""
    os.sync()
    time.sleep(0.5)


RUNS = itertools.count(1)


def fresh(root: str) -> str:
    """A new output folder for each run, removed only when the benchmark ends (as a user's
    first run into a new OUTDIR). Removing the previous run's outputs just before a run made
    every file creation in it slow on ext4 without a journal, this VM's disk: the inode
    allocator skips, one buffer lookup each, inodes deleted in the last 30 s (5 min while
    their block is dirty), so each create scanned past the thousands just removed (perf:
    recently_deleted() in __ext4_new_inode; 0.3-0.4 ms per create, 0.01 ms without)."""
    return os.path.join(root, f"out-{next(RUNS)}")


def library_ms(contents: list[bytes], count: int) -> tuple[float, float]:
    """ms/page of one pass of newsparse.parse over the same mix of pages the folder holds: wall
    time, and CPU time (beside the batch's CPU time it shows what the batch adds apart from
    waiting on the disk)."""
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(count):
        newsparse.parse(contents[i % len(contents)])
    return (time.perf_counter() - start) * 1000 / count, (time.process_time() - cpu) * 1000 / count


# As after `pip install`: byte-code caches allowed (some shells set PYTHONDONTWRITEBYTECODE,
# which makes every run compile the package again).
RUN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


PYTHON = sys.executable  # what runs the batch (--python)


def same_code_installed(python: str) -> str | None:
    """None when PYTHON imports newsparse with the same source files as this working tree, else
    why not (an install made before the last change measures old code)."""
    here = pathlib.Path(newsparse.__file__).parent
    found = subprocess.run([python, "-c", "import newsparse; print(newsparse.__file__)"], cwd=os.sep,
                           capture_output=True, text=True, env=RUN_ENV, check=False)
    if found.returncode != 0:
        return f"{python} cannot import newsparse: {found.stderr.strip().splitlines()[-1:]}"
    there = pathlib.Path(found.stdout.strip()).parent
    ours = {p.relative_to(here): p.read_bytes() for p in here.rglob("*.py")}
    theirs = {p.relative_to(there): p.read_bytes() for p in there.rglob("*.py")}
    if ours != theirs:
        differ = sorted(str(k) for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
        return f"{there} differs from the working tree ({', '.join(differ[:5])}); run {python} -m pip install ."
    return None


def jobs1_batch(folder: str, root: str) -> list[str]:
    """The arguments of `python -m newsparse batch FOLDER` at --jobs 1, into a new folder under ROOT."""
    return ["-m", "newsparse", "batch", folder, "-o", fresh(root), "-q", "--jobs", "1"]


def start_up(empty: str, root: str) -> tuple[float, float]:
    """Seconds for the interpreter alone (`-c pass`) and for a batch over an empty folder."""
    times = []
    for args in (["-c", "pass"], jobs1_batch(empty, root)):
        start = time.perf_counter()
        subprocess.run([PYTHON, *args], env=RUN_ENV, check=True, cwd=root)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


# The library over every page of the folder, PASSES times: two runs differing by one pass give
# the steady cost of a page, without start-up, imports or first-use work. Prints the wall seconds
# of the last pass.
LIBRARY_PASSES = """
import os, sys, time
import newsparse
pages = [open(os.path.join(d, f), "rb").read() for d, _, fs in sorted(os.walk(sys.argv[1])) for f in sorted(fs)]
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    for data in pages:
        newsparse.parse(data)
print(time.perf_counter() - start)
"""


def machine_scaling(folder: str, root: str) -> float:
    """How many times the pages/s of one process two processes get at once, each running the library
    over the folder (after a warm-up pass, so start-up is left out): the most jobs 2 can gain over
    jobs 1 on this machine, whatever the batch does. On a virtual machine two busy virtual CPUs may
    each run slower than one alone."""
    def passes(count: int) -> list[subprocess.Popen]:
        return [subprocess.Popen([PYTHON, "-c", LIBRARY_PASSES, folder, "2"], stdout=subprocess.PIPE,
                                 text=True, env=RUN_ENV, cwd=root) for _ in range(count)]

    def seconds(procs: list[subprocess.Popen]) -> list[float]:
        return [float(proc.communicate()[0]) for proc in procs]

    alone = seconds(passes(1))[0]
    together = seconds(passes(2))
    return sum(alone / t for t in together)


def instructions(args: list[str], cwd: str) -> int:
    """User-space instructions of PYTHON ARGS under callgrind: the same count every run (to about
    1 %) whatever else the machine does, where times here drift by tens of percent."""
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", PYTHON, *args],
                              capture_output=True, text=True, cwd=cwd, check=False,
                              env={**RUN_ENV, "PYTHONHASHSEED": "0"})
    found = [line for line in proc.stderr.splitlines() if "Collected :" in line]
    if proc.returncode != 0 or not found:
        sys.exit(f"batch_speed: callgrind failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return int(found[-1].split()[-1])


def instruction_counts(folder: str, empty: str, root: str, pages: int) -> None:
    """jobs 1 against the library in instructions: the whole batch run (start-up, walk, reading,
    JSON, writing) over PAGES times the library's steady instructions a page."""
    if not shutil.which("valgrind"):
        sys.exit("batch_speed: --instructions needs valgrind")
    subprocess.run([PYTHON, "-c", "import newsparse.cli, newsparse.batch, newsparse.mhtml"], env=RUN_ENV,
                   cwd=root, check=True)  # byte code written before anything is counted
    one, two = (instructions(["-c", LIBRARY_PASSES, folder, str(n)], root) for n in (1, 2))
    per_page = (two - one) / pages
    whole = instructions(jobs1_batch(folder, root), root)
    start = instructions(jobs1_batch(empty, root), root)
    print(f"in user-space instructions (callgrind; {pages} pages, run by {PYTHON}):")
    print(f"  library, steady:     {per_page / 1e6:.3f} M a page")
    print(f"  batch --jobs 1:      {whole / pages / 1e6:.3f} M a page, all included = "
          f"{whole / (pages * per_page):.3f}x the library")
    print(f"    of which start-up: {start / 1e6:.0f} M (a batch over an empty folder) = "
          f"{start / per_page:.0f} pages' worth; the rest {(whole - start) / (pages * per_page):.3f}x the library")
    print("  (time adds what this leaves out: the kernel's side of reading and writing files, and "
          "start-up code running at fewer instructions a second than the warm parse)")


def batch_run(folder: str, root: str, jobs: int) -> tuple[float, int, int, float]:
    """Wall seconds for one batch run as a subprocess (into a new folder under ROOT), its peak
    RSS in KiB (main, largest worker) and the CPU seconds it and its workers used."""
    out = fresh(root)
    settle()
    start = time.perf_counter()
    proc = subprocess.run([PYTHON, "-c", MEASURED_RUN, "batch", folder, "-o", out, "-q",
                           "--jobs", str(jobs)], capture_output=True, text=True, env=RUN_ENV, check=False,
                          cwd=root)  # not the checkout: `-c` would import newsparse from the folder it runs in
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    line = next(x for x in proc.stderr.splitlines() if x.startswith("MAXRSS "))
    self_kb, children_kb, cpu = line.split()[1:]
    return seconds, int(self_kb), int(children_kb), float(cpu)


def machine_load() -> str:
    """Other work on the machine skews pages/s (jobs 2 most): say how busy it was."""
    load = os.getloadavg()[0]
    try:
        with open("/proc/pressure/cpu") as fh:
            pressure = fh.readline().split()[1].split("=")[1] + "% of the time some task waited for a CPU"
    except OSError:
        pressure = "CPU pressure unknown"
    return f"load average {load:.2f}; {pressure}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--memory-pages", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dir", default=None, help="where to build the folder and write the outputs "
                                                "(default: the system's temporary folder)")
    ap.add_argument("--python", default=sys.executable,
                    help="the interpreter that runs the batch (default: this one)")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions with callgrind instead of timing (minutes; needs valgrind)")
    args = ap.parse_args()
    global PYTHON
    PYTHON = args.python
    problem = same_code_installed(PYTHON)
    if problem:
        sys.exit(f"batch_speed: {problem}")
    with tempfile.TemporaryDirectory(prefix="newsparse-bench-", dir=args.dir) as root:
        folder, contents = make_folder(root, args.pages)
        empty = os.path.join(root, "empty")  # for the start-up alone
        os.makedirs(empty)
        if args.instructions:
            instruction_counts(folder, empty, root, args.pages)
            return
        settle()
        library_ms(contents, len(contents))  # warm-up
        batch_run(folder, root, 1)  # warm-up: the pages in the page cache, byte code cached
        # Rounds of the three in turn, and each ratio taken within its round: the speed of this
        # virtual machine drifts (other guests, other work), by tens of percent over minutes.
        lib, runs, starts, scaling = [], {1: [], 2: []}, [], []
        for _ in range(args.repeat):
            lib.append(library_ms(contents, args.pages))
            for jobs in (1, 2):
                runs[jobs].append(batch_run(folder, root, jobs))
            starts.append(start_up(empty, root))
            scaling.append(machine_scaling(folder, root))
        lib_cpu = [cpu for _, cpu in lib]
        lib = [wall for wall, _ in lib]
        ms = {jobs: [r[0] * 1000 / args.pages for r in runs[jobs]] for jobs in runs}
        print(f"{args.pages} pages ({len(contents)} distinct, copied), {os.cpu_count()} CPUs, {args.repeat} "
              "rounds of the library, jobs 1 and jobs 2 in turn: median [fastest-slowest]")
        print(f"batch run by {PYTHON}: start-up {spread([b * 1000 for _, b in starts], 0)} ms for a batch "
              f"over an empty folder, of which {spread([a * 1000 for a, _ in starts], 0)} ms the bare "
              f"interpreter")
        print(f"{'':29} {'ms/page':>18} {'vs library (round)':>19} {'vs jobs 1 (round)':>18}")
        print(f"{'newsparse.parse (in process)':29} {spread(lib):>18}")
        for jobs in (1, 2):
            cpu = [r[3] * 1000 / args.pages for r in runs[jobs]]
            versus = spread([a / b for a, b in zip(ms[1], ms[jobs])]) if jobs > 1 else ""
            print(f"{f'batch --jobs {jobs}':29} {spread(ms[jobs]):>18} "
                  f"{spread([b / a for a, b in zip(lib, ms[jobs])]):>19} {versus:>18}   CPU {spread(cpu)} ms/page")
        jobs1_cpu = [r[3] * 1000 / args.pages for r in runs[1]]
        print(f"{'batch --jobs 1, in CPU time':29} {'':>18} {spread([b / a for a, b in zip(lib_cpu, jobs1_cpu)]):>19}"
              f"   (library CPU {spread(lib_cpu)} ms/page)")
        print("(vs library: batch's time per page over the library's in the same round; target <= 1.3 for "
              "jobs 1. vs jobs 1: pages/s over jobs 1's in the same round; target >= 1.8 on 2 cores)")
        print(f"this machine's own scaling: two processes running the library at once get "
              f"{spread(scaling)}x the pages/s of one (read jobs 2 ÷ jobs 1 against it)")
        print(f"machine during the run: {machine_load()}")
        folder, _ = make_folder(os.path.join(root, "memory"), args.memory_pages)  # the first one kept (see fresh)
        for jobs in (1, 2):
            seconds, self_kb, children_kb, _ = batch_run(folder, root, jobs)
            print(f"peak memory, batch --jobs {jobs} over {args.memory_pages} pages ({seconds:.1f} s): "
                  f"main process {self_kb / 1024:.0f} MB, largest worker {children_kb / 1024:.0f} MB "
                  f"(target < 150 MB)")


if __name__ == "__main__":
    main()
