"""The fault-injection campaign of issue 13: `newsparse batch` (and the library) under faults.

    python bench/faults.py                       # every area, about 5 minutes in all
    python bench/faults.py --minutes 1 --cases 10
    python bench/faults.py --areas signals,disk --seed 7

Areas (each prints cases tried / passed / failed, and the first failures with their reason):
  signals  kill -9, SIGINT (to the process group, as a terminal does), double SIGINT and SIGTERM at
           random moments of multi-page runs at --jobs 1 and 2. Passes when the exit code is the
           promised one, no worker outlives the run, every output is whole, the inputs are
           unchanged and a --skip-existing resume gives the clean run's tree byte for byte.
  disk     a full disk: a small tmpfs (root only; else skipped with its reason) for json, text,
           jsonl and --errors at --jobs 1 and 2, and a /dev/full-like device (mknod) for JSON
           Lines, --errors, `parse -o` and a full stdout. Passes on one line, exit 1, no
           temporary file, nothing cut short, the device still a device.
  names    folders of oddly named pages (bytes that are not UTF-8, newlines, escapes, 255-byte
           names, names that differ by extension or that folders hold, temporary-file look-alikes).
           Passes when every page is parsed or reported on one valid UTF-8 line, outputs are valid
           UTF-8 JSON, names never repeat and `summary -f json` is valid UTF-8.
  paths    symbolic links in and out of the folder, loops, broken links, climbing and absolute
           paths, outputs that would land on inputs in either order, OUTDIR inside an input and
           inputs inside OUTDIR, a 1,000-deep tree. Passes when nothing outside OUTDIR changes, no
           input changes, nothing outside the folder is read unless named, and no traceback.
  hostile  hostile inputs to newsparse.parse, each in its own process with a time limit: the
           reproducers of items 12-17 (charset names that are not text codecs, 1,000-deep JSON-LD,
           lone surrogates, many-member gzip, 100,000 attributes, 1,000,000 MHTML parts, a body of
           dashes) and random mutations of them. Passes on an Article that encodes as UTF-8 JSON, or
           a NewsparseError, within --hostile-timeout seconds.

Bounded: --minutes is shared among the areas chosen, --cases caps each area. Never part of
the test suite (it mounts file systems, kills processes and takes minutes). Exit status 1 when any
case failed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import pathlib
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
SEED_PAGE = (ROOT / "fixtures" / "rferl-biden-zelenskiy-call.txt").read_bytes()
BODY = "<p>A paragraph of the story, long enough for any extractor to keep it as body text.</p>"


def page(title: str, paragraphs: int = 1) -> bytes:
    return (f"<html lang=en><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{BODY * paragraphs}</article></body></html>").encode()


def lines_of(text: str) -> list[str]:
    """JSON Lines split at newlines only (str.splitlines also splits at U+2028, legal inside JSON strings)."""
    return [line for line in text.split("\n") if line]


def newsparse(args, cwd, timeout=300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsparse", *map(os.fsencode, map(str, args))], cwd=cwd,
                          capture_output=True, env=ENV, timeout=timeout, check=False, **kwargs)


def snapshot(root: pathlib.Path, skip: tuple = ()) -> dict[str, str]:
    """Every file under ROOT (not through links) -> a hash of its bytes, or of where a link points."""
    found, stack = {}, [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = os.path.relpath(entry.path, root)
            if any(rel == s or rel.startswith(s + os.sep) for s in skip):
                continue
            if entry.is_symlink():
                found[rel] = "link:" + os.readlink(entry.path)
            elif entry.is_dir():
                stack.append(entry.path)
            elif entry.is_file():
                found[rel] = hashlib.blake2b(pathlib.Path(entry.path).read_bytes(), digest_size=8).hexdigest()
            else:
                found[rel] = "special"
    return found


def remove(path: pathlib.Path) -> None:
    """rm -r without recursion (a 1,000-deep tree defeats shutil.rmtree on Python 3.11)."""
    if not os.path.lexists(path):
        return
    if not path.is_dir() or path.is_symlink():
        path.unlink()
        return
    stack, folders = [str(path)], []
    while stack:
        folders.append(stack.pop())
        for entry in os.scandir(folders[-1]):
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


def children(pid: int) -> set[int]:
    found = set()
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(p) for p in task.read_text().split())
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def temporaries(root: pathlib.Path) -> list[str]:
    return [p for p in snapshot(root) if os.path.basename(p).startswith(".newsparse-")]


class Area:
    """Counts and the first failures of one area."""

    def __init__(self, name: str, deadline: float, cases: int):
        self.name, self.deadline, self.cases = name, deadline, cases
        self.tried = self.passed = 0
        self.failures: list[str] = []
        self.notes: list[str] = []  # parts of the area that could not run here, and why
        self.skipped: str | None = None

    def more(self) -> bool:
        return self.tried < self.cases and time.monotonic() < self.deadline

    def case(self, label: str, check) -> None:
        """Run CHECK (returns None when the case passed, else the reason) and count it."""
        self.tried += 1
        try:
            reason = check()
        except Exception as exc:  # the harness's own trouble is a failure too, named as such
            reason = f"harness: {type(exc).__name__}: {exc}"
        if reason is None:
            self.passed += 1
        else:
            self.failures.append(f"{label}: {reason}")

    def report(self, every: bool = False) -> str:
        if self.skipped:
            return f"{self.name:8} skipped: {self.skipped}"
        lines = [f"{self.name:8} {self.tried:4} tried  {self.passed:4} passed  {self.tried - self.passed:4} failed"]
        lines += [f"           skipped: {note}" for note in self.notes]
        shown = self.failures if every else self.failures[:8]
        lines += [f"           - {f[:300]}" for f in shown]
        if len(self.failures) > len(shown):
            lines.append(f"           ... and {len(self.failures) - 8} more")
        return "\n".join(lines)


# ---------------------------------------------------------------- signals

SLOW_DRIVER = """
import sys, time
import newsparse.api as api
real = api.parse
def slow(data, **kwargs):
    time.sleep(0.004)
    return real(data, **kwargs)
api.parse = slow
from newsparse.cli import main
sys.argv[0] = "newsparse"
main()
"""


def signals(area: Area, rng: random.Random, box: pathlib.Path, pages: int) -> None:
    inputs = box / "in"
    for i in range(pages):
        path = inputs / f"{i // 100:02d}" / f"{i:05d}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page(f"p{i}", 1 + i % 7))
    before = snapshot(inputs)
    reference, seconds = {}, {}
    for jobs in ("1", "2"):
        started = time.monotonic()
        newsparse(["batch", "in", "-o", f"clean{jobs}", "-q", "--jobs", jobs], box)
        seconds[jobs] = time.monotonic() - started
        reference[jobs] = snapshot(box / f"clean{jobs}")
    count = 0
    while area.more():
        count += 1
        jobs, how = rng.choice("12"), rng.choice(["KILL", "KILL", "INT", "INT2", "TERM"])
        at = rng.uniform(0.0, max(0.2, seconds[jobs] * 0.8))
        out = box / f"out{count}"

        def check(jobs=jobs, how=how, at=at, out=out) -> str | None:
            proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "batch", "in", "-o", out.name, "--jobs", jobs,
                                     "-q"], cwd=box, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    start_new_session=True)
            deadline = time.monotonic() + 30
            while not out.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)  # the run has begun (OUTDIR made): the moment is counted from here
            time.sleep(at)
            workers = children(proc.pid)
            if how == "KILL":
                proc.kill()
            elif how == "TERM":
                proc.send_signal(signal.SIGTERM)
            else:
                try:
                    os.killpg(proc.pid, signal.SIGINT)
                    if how == "INT2":
                        time.sleep(rng.uniform(0.0, 0.3))
                        os.killpg(proc.pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
            try:
                _, err = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return "still running 60 s after the signal"
            code = proc.returncode
            expected = {-9} if how == "KILL" else {130}
            if code not in expected | {0}:
                return f"exit {code}, expected {sorted(expected)} (or 0 when it ended first): {err.decode()[-200:]!r}"
            if b"Traceback" in err:
                return "a traceback: " + err.decode()[-300:]
            deadline = time.monotonic() + 15
            while any(alive(w) for w in workers) and time.monotonic() < deadline:
                time.sleep(0.05)
            if any(alive(w) for w in workers):
                for w in workers:
                    try:
                        os.kill(w, signal.SIGKILL)
                    except OSError:
                        pass
                return "a worker outlived the run by 15 s"
            if out.exists():
                for rel, digest in snapshot(out).items():
                    if not os.path.basename(rel).startswith(".newsparse-") and digest != reference[jobs].get(rel):
                        return f"output {rel} differs from the clean run's (cut short?)"
            resumed = newsparse(["batch", "in", "-o", out.name, "-q", "--skip-existing", "--jobs", jobs], box)
            if resumed.returncode != 0:
                return f"resume exit {resumed.returncode}: {resumed.stderr.decode()[-200:]!r}"
            if snapshot(out) != reference[jobs]:
                extra = sorted(set(snapshot(out)) ^ set(reference[jobs]))[:3]
                return f"resumed tree differs from a clean run's (e.g. {extra})"
            if snapshot(inputs) != before:
                return "an input changed"
            return None

        area.case(f"{how} at {at:.2f} s, --jobs {jobs}", check)
        remove(out)


# ---------------------------------------------------------------- disk


def mount_tmpfs(path: pathlib.Path, size: str) -> str | None:
    path.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                              capture_output=True, text=True, timeout=30, check=False)
    except OSError as exc:
        return str(exc)
    return None if done.returncode == 0 else (done.stderr.strip() or f"mount exit {done.returncode}")


def disk(area: Area, rng: random.Random, box: pathlib.Path) -> None:
    inputs = box / "in"
    for i in range(150):
        (inputs / f"{i:03d}.html").parent.mkdir(parents=True, exist_ok=True)
        (inputs / f"{i:03d}.html").write_bytes(page(f"p{i}", 40))
    (inputs / "empty.html").write_bytes(b"")
    full = box / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except OSError as exc:
        full = None
        area.notes.append(f"the full-device cases (mknod of a /dev/full: {exc})")

    def device_case(args, stdout=None, expect_line=None):
        def check():
            if stdout:
                with open(full, "wb") as sink:
                    proc = subprocess.run([sys.executable, "-m", "newsparse", *map(str, args)], cwd=box, env=ENV,
                                          stdout=sink, stderr=subprocess.PIPE, timeout=120, check=False)
            else:
                proc = newsparse(args, box)
            lines = proc.stderr.decode().splitlines()
            if not stat.S_ISCHR(os.lstat(full).st_mode):
                return "the device was replaced by a file"
            if proc.returncode != 1 or not lines or "No space left on device" not in lines[-1]:
                return f"exit {proc.returncode}, stderr {proc.stderr.decode()[-200:]!r}"
            if expect_line is not None and len(lines) != expect_line:
                return f"{len(lines)} lines on stderr, expected {expect_line}"
            return None
        return check

    if full is not None:
        for label, args, stdout, lines in [
            ("jsonl to a full device", ["batch", "in", "-f", "jsonl", "-o", full, "-q"], False, 1),
            ("--errors to a full device", ["batch", "in", "-o", "o1", "--errors", full, "-q"], False, 2),
            ("parse -o a full device", ["parse", "in/000.html", "-o", full], False, 1),
            ("parse to a full stdout", ["parse", "in/000.html"], True, 1),
            ("summary to a full stdout", ["summary", "in/000.html"], True, 1),
            ("jsonl to a full stdout", ["batch", "in", "-f", "jsonl", "-q"], True, 1),
        ]:
            area.case(label, device_case(args, stdout, lines))
    mounted = box / "disk"
    reason = mount_tmpfs(mounted, "64k")
    if reason:
        area.notes.append(f"the full-disk runs (cannot mount a small tmpfs: {reason})")
        return
    subprocess.run(["umount", str(mounted)], check=False)
    while area.more():
        fmt, jobs = rng.choice(["json", "text", "jsonl", "errors"]), rng.choice("12")
        size = f"{rng.randint(40, 600)}k"

        def check(fmt=fmt, jobs=jobs, size=size):
            problem = mount_tmpfs(mounted, size)
            if problem:
                return f"mount: {problem}"
            try:
                target = {"json": ["-o", mounted / "out"], "text": ["-o", mounted / "out", "-f", "text"],
                          "jsonl": ["-f", "jsonl", "-o", mounted / "all.jsonl"],
                          "errors": ["-o", mounted / "out", "--errors", mounted / "failed.jsonl"]}[fmt]
                proc = newsparse(["batch", "in", *target, "--jobs", jobs, "-q"], box)
                lines = proc.stderr.decode().splitlines()
                if b"Traceback" in proc.stderr:
                    return "a traceback"
                space = [line for line in lines if "No space left on device" in line]
                others = [line for line in lines if line not in space]
                if proc.returncode == 0 or not space:
                    if proc.returncode == 1 and lines == ["newsparse: in/empty.html: empty file"]:
                        return None  # it all fitted
                    return f"exit {proc.returncode}, stderr {proc.stderr.decode()[-200:]!r}"
                if proc.returncode != 1 or len(space) != 1 or \
                        any(line != "newsparse: in/empty.html: empty file" for line in others):
                    return f"exit {proc.returncode}, {len(lines)} lines: {lines[:3]}"
                if temporaries(mounted):
                    return f"temporary files left: {temporaries(mounted)[:3]}"
                for rel in snapshot(mounted):
                    text = (mounted / rel).read_bytes().decode("utf-8")
                    if rel.endswith(".jsonl"):
                        if text and not text.endswith("\n"):
                            return f"{rel} ends in a cut line"
                        for line in text.split("\n")[:-1]:
                            json.loads(line)
                    elif rel.endswith(".json") and not json.loads(text)["headline"]:
                        return f"{rel} has no headline"
                    elif rel.endswith(".txt") and not text.startswith("p"):
                        return f"{rel} is cut short"
                return None
            except (ValueError, UnicodeDecodeError) as exc:
                return f"an output is cut short ({exc})"
            finally:
                subprocess.run(["umount", "-l", str(mounted)], check=False)

        area.case(f"tmpfs of {size}, {fmt}, --jobs {jobs}", check)


# ---------------------------------------------------------------- names

NAME_PIECES = [b"caf\xe9", b"\xcf\xf0\xe8\xe2\xe5\xf2", b"\xff\xfe", "новости".encode(), b"a\nb", b"tab\there",
               b"\x1b[31mred", b"del\x7f", "line\u2028sep".encode(), b" spaced ", b"-dash", b".hidden",
               b".newsparse-1-1.tmp", b"x", "é".encode() * 100, b"CON", b"a" * 200, b"\xe2\x80\xae", b"%s%n"]
EXTENSIONS = [b".html", b".htm", b".txt", b".html.gz", b".HTML", b".mhtml", b""]


def names(area: Area, rng: random.Random, box: pathlib.Path) -> None:
    count = 0
    while area.more():
        count += 1
        folder = box / f"n{count}"
        folder.mkdir()
        made = set()
        for _ in range(rng.randint(3, 20)):
            name = b"".join(rng.sample(NAME_PIECES, rng.randint(1, 3))) + rng.choice(EXTENSIONS)
            name = name.replace(b"/", b"_")[:255] or b"x"
            if name in (b".", b"..") or name in made:
                continue
            where = os.fsencode(folder)
            if rng.random() < 0.2:
                sub = b"".join(rng.sample(NAME_PIECES, 1)).replace(b"/", b"_")[:255]
                if sub not in (b".", b".."):
                    where = os.path.join(where, sub)
                    if os.path.isfile(where):
                        continue
                    os.makedirs(where, exist_ok=True)
            target = os.path.join(where, name)
            if os.path.isdir(target):
                continue
            made.add(name)
            data = page(f"odd {len(made)}")
            if name.endswith(b".gz"):
                data = gzip.compress(data)
            elif rng.random() < 0.15:
                data = b""
            with open(target, "wb") as fh:
                fh.write(data)
        fmt, jobs = rng.choice(["json", "text", "jsonl"]), rng.choice("12")

        def check(folder=folder, fmt=fmt, jobs=jobs, n=count):
            out = box / f"o{n}"
            args = ["batch", folder.name, "--jobs", jobs, "-f", fmt, "--errors", f"e{n}.jsonl", "--glob", "*"]
            args += ["-o", f"o{n}.jsonl"] if fmt == "jsonl" else ["-o", out.name]
            proc = newsparse(args, box)
            try:
                err = proc.stderr.decode("utf-8")
            except UnicodeDecodeError:
                return "stderr is not UTF-8"
            if proc.returncode not in (0, 1) or "Traceback" in err:
                return f"exit {proc.returncode}: {err[-300:]!r}"
            lines = err.splitlines()
            if not lines or not lines[-1].startswith("newsparse batch: "):
                return f"no summary line: {lines[-2:]}"
            total, parsed = int(lines[-1].split()[2]), int(lines[-1].split()[4])
            failed = int(lines[-1].split(",")[-1].split()[0])
            if len(lines) - 1 != failed or any(not line.startswith("newsparse: ") for line in lines[:-1]):
                return f"{len(lines) - 1} report lines for {failed} failures"
            errors = lines_of((box / f"e{n}.jsonl").read_bytes().decode("utf-8"))
            if len(errors) != failed or any(set(json.loads(e)) != {"source", "error"} for e in errors):
                return "--errors does not list the failures"
            if fmt == "jsonl":
                records = [json.loads(line) for line in lines_of((box / f"o{n}.jsonl").read_bytes().decode("utf-8"))]
                sources = [r["source"] for r in records]
            else:
                outputs = [p for p in snapshot(out)]
                if len(outputs) != parsed:
                    return f"{len(outputs)} outputs for {parsed} pages parsed"
                if any(len(os.fsencode(os.path.basename(p))) > 255 for p in outputs):
                    return "an output name over 255 bytes"
                sources = []
                for rel in outputs:
                    data = (out / rel).read_bytes().decode("utf-8")
                    if fmt == "json":
                        sources.append(json.loads(data)["source"])
            if len(set(sources)) != len(sources):
                return "two outputs name the same source"
            summary = newsparse(["summary", folder.name, "-f", "json"], box)
            try:
                [json.loads(line) for line in lines_of(summary.stdout.decode("utf-8"))]
                summary.stderr.decode("utf-8")
            except (UnicodeDecodeError, ValueError) as exc:
                return f"summary -f json is not valid UTF-8 JSON ({exc})"
            if total < parsed:
                return "counts do not add up"
            return None

        area.case(f"{len(made)} odd names, {fmt}, --jobs {jobs}", check)


# ---------------------------------------------------------------- paths


def paths(area: Area, rng: random.Random, box: pathlib.Path) -> None:
    secret = box / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(SEED_PAGE.replace(b"Biden", b"SECRETWORD", 1))

    def fresh() -> pathlib.Path:
        for sub in ("in", "in2", "x", "clean", "out", "b", "a"):
            remove(box / sub)
        for i in range(4):
            (box / "in" / "sub").mkdir(parents=True, exist_ok=True)
            (box / "in" / f"p{i}.html").write_bytes(page(f"p{i}"))
        (box / "in" / "sub" / "q.html").write_bytes(page("q"))
        return box

    def links():
        (box / "in" / "outside.html").symlink_to(secret)
        (box / "in" / "inside.html").symlink_to("p0.html")
        (box / "in" / "loop1.html").symlink_to("loop2.html")
        (box / "in" / "loop2.html").symlink_to("loop1.html")
        (box / "in" / "broken.html").symlink_to("nowhere.html")
        (box / "in" / "dirlink").symlink_to(secret.parent)
        (box / "in" / "selfdir").symlink_to(".")

    def outputs_on_inputs():
        (box / "x").mkdir()
        (box / "x" / "a.html").write_bytes(page("xa"))
        (box / "clean" / "x").mkdir(parents=True)
        (box / "clean" / "x" / "a.json").write_bytes(b'{"kept": true}')
        (box / "clean" / "x" / "a.txt").write_bytes(SEED_PAGE)
        (box / "x" / "a.txt").write_bytes(SEED_PAGE)
        (box / "a").mkdir()
        (box / "a" / "c.html").write_bytes(page("ac"))
        (box / "b").mkdir()
        (box / "b" / "c.txt").write_bytes(SEED_PAGE)

    def deep():
        folder = box / "in"
        os.chdir(folder)
        try:
            for _ in range(1000):
                os.mkdir("d")
                os.chdir("d")
            pathlib.Path("deep.html").write_bytes(page("deep"))
        finally:
            os.chdir(box)

    def collide():
        (box / "in" / "x.json").mkdir()
        (box / "in" / "x.json" / "inner.html").write_bytes(page("inner"))
        (box / "in2").mkdir()
        (box / "in2" / "x.html").write_bytes(page("x"))

    def outdir_link():
        (box / "out").mkdir()
        (box / "out" / "sub").symlink_to(secret.parent)

    setups = {"links": links, "outputs-on-inputs": outputs_on_inputs, "deep": deep, "collide": collide,
              "outdir-link": outdir_link, "plain": lambda: None}
    commands = [
        ("links", ["batch", "in", "-o", "out"], None, False),
        ("links", ["batch", "in", "-o", "out", "--jobs", "2"], None, False),
        ("links", ["batch", "in", "-o", "out", "--follow-symlinks"], None, True),
        ("links", ["batch", "in/outside.html", "-o", "out"], None, True),
        ("links", ["summary", "in"], None, False),
        ("outputs-on-inputs", ["batch", "x/a.html", "clean/x/a.json", "-o", "clean"], None, False),
        ("outputs-on-inputs", ["batch", "clean/x/a.json", "x/a.html", "-o", "clean"], None, False),
        ("outputs-on-inputs", ["batch", "--from-list", "-", "-o", "clean", "-f", "text"], b"x/a.txt\nclean/x/a.txt\n", False),
        ("outputs-on-inputs", ["batch", "--from-list", "-", "-o", "clean", "-f", "text"], b"clean/x/a.txt\nx/a.txt\n", False),
        ("outputs-on-inputs", ["batch", "a", "b/c.txt", "-o", "b", "-f", "text"], None, False),
        ("outputs-on-inputs", ["batch", "b/c.txt", "a", "-o", "b", "-f", "text", "--jobs", "2"], None, False),
        ("outputs-on-inputs", ["batch", "clean", "-o", "clean/x"], None, False),
        ("plain", ["batch", "in", "-o", "in/out"], None, False),
        ("plain", ["batch", "../" + box.name + "/in", str(box / "in"), "./in//p1.html", "-o", "out"], None, False),
        ("plain", ["batch", "--from-list", "-", "-o", "out"], b"in/p0.html\n../../../../etc/passwd\n/etc/hostname\nin/../in/p1.html\n",
         True),
        ("plain", ["batch", "in", "-f", "jsonl", "-o", "in/p9.jsonl"], None, False),
        ("plain", ["batch", "in", "-o", "out", "--errors", "in/p0.html"], None, False),
        ("deep", ["batch", "in", "-o", "out"], None, False),
        ("deep", ["batch", "in", "-o", "out", "--jobs", "2"], None, False),
        ("deep", ["summary", "in", "-f", "json"], None, False),
        ("collide", ["batch", "in", "in2", "-o", "out"], None, False),
        ("outdir-link", ["batch", "in", "-o", "out"], None, False),
    ]
    order = list(range(len(commands)))
    while area.more():
        if not order:
            order = list(range(len(commands)))
            rng.shuffle(order)
        setup, args, stdin, named = commands[order.pop(0)]

        def check(setup=setup, args=args, stdin=stdin, named=named):
            fresh()
            setups[setup]()
            outdir = args[args.index("-o") + 1] if "-o" in args else None
            written = {os.path.normpath(outdir)} if outdir else set()
            if "--errors" in args:
                written.add(os.path.normpath(args[args.index("--errors") + 1]))
            before = snapshot(box)
            proc = newsparse(args, box, input=stdin or b"")
            err = proc.stderr.decode("utf-8", "replace")
            if "Traceback" in err or proc.returncode not in (0, 1, 2):
                return f"exit {proc.returncode}: {err[-300:]!r}"
            after = snapshot(box)
            changed = sorted(k for k in before if after.get(k) != before[k])  # no file that was there may change
            if changed:
                return f"changed an existing file (an input?): {changed[:4]}"
            added = sorted(k for k in after if k not in before
                           and not any(k == w or k.startswith(w + os.sep) for w in written))
            if added:
                return f"wrote outside OUTDIR: {added[:4]}"
            out = box / outdir if outdir else None
            if out and out.is_dir() and not named:
                for rel in snapshot(out):
                    if not (out / rel).is_symlink() and b"SECRETWORD" in (out / rel).read_bytes():
                        return f"{rel} holds a file from outside the input folder"
            if secret.read_bytes().count(b"SECRETWORD") != 1:
                return "the outside file changed"
            return None

        area.case(f"{setup}: newsparse {' '.join(map(str, args))}" + (f" < {stdin!r}" if stdin else ""), check)
    fresh()


# ---------------------------------------------------------------- hostile

HOSTILE_DRIVER = """
import json, resource, sys, time
import newsparse
from newsparse.errors import NewsparseError
data = open(sys.argv[1], "rb").read()
if sys.argv[2] == "str":
    data = data.decode("utf-8", "surrogatepass")
started = time.monotonic()
try:
    article = newsparse.parse(data)
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
    result = "article"
except NewsparseError as exc:
    result = "refused: " + str(exc)[:80]
print(json.dumps({"result": result, "seconds": time.monotonic() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CODEC_NAMES = ["base64", "hex", "zlib", "bz2", "uu", "quopri", "rot13", "undefined", "idna", "punycode",
               "utf-7", "cp037", "utf_16_be", "mbcs", "unicode_escape", "raw_unicode_escape", "string_escape"]


def hostile_inputs() -> list[tuple[str, bytes, str]]:
    """(label, bytes, how to pass them: bytes or str) for the reproducers of items 12-17."""
    cases = []
    for name in CODEC_NAMES:
        cases.append((f"<meta charset={name}>", f"<meta charset={name}><title>t</title><p>x\xe9 y</p>".encode("latin-1"),
                      "bytes"))
        cases.append((f"<?xml encoding={name}>", f'<?xml version="1.0" encoding="{name}"?><html><p>x</p></html>'.encode(),
                      "bytes"))
        cases.append((f"MHTML part charset={name}", (
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
            f"Content-Type: text/html; charset={name}\r\nContent-Location: https://www.rferl.org/a/1.html\r\n\r\n"
            "<html><h1>t</h1><p>x</p></html>\r\n--B--\r\n").encode(), "bytes"))
    cases += [("fuzz: <?xml encoding=\"hex", b'<?xml encoding="hex', "bytes"),
              ("fuzz: <meta charset=undefined", b"<meta charset=undefined", "bytes"),
              ("fuzz: <meta charset=punycode\\xff", b"<meta charset=punycode\xff", "bytes")]
    nested = '{"a":' * 1000 + "1" + "}" * 1000
    cases.append(("JSON-LD 1,000 deep", (f'<html><script type="application/ld+json">{nested}</script>'
                                          f"<article><h1>t</h1>{BODY}</article></html>").encode(), "bytes"))
    cases.append(("text dump str with lone surrogates",
                  "Headline Of A Story\n\nA paragraph \ud800 of text long enough to be a body paragraph.\n"
                  .encode("utf-8", "surrogatepass"), "str"))
    cases.append(("gzip of 100,000 empty members", gzip.compress(b"") * 100_000, "bytes"))
    cases.append(("gzip of 200,000 tiny members", gzip.compress(b"<p>") * 200_000, "bytes"))
    attrs = " ".join(f"a{i}=x" for i in range(100_000))
    cases.append(("a tag with 100,000 attributes", f"<html><body><p {attrs}>x</p></body></html>".encode(), "bytes"))
    parts = "--B\r\n\r\n" * 1_000_000
    cases.append(("MHTML of 1,000,000 empty parts", (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n" + parts + "--B--\r\n").encode(),
        "bytes"))
    cases.append(("MHTML: 10 MB of dashes under boundary -", (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"-\"\r\n\r\n" + "-" * 10_000_000).encode(),
        "bytes"))
    return cases


def mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data[:200_000])
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        choice = rng.random()
        if choice < 0.4:
            data[at] = rng.randrange(256)
        elif choice < 0.7:
            data[at:at] = rng.choice([b"<meta charset=hex>", b"\xff\xfe", b"<?xml encoding='zlib'?>", b"\x00",
                                      b"<script type=application/ld+json>" + b"[" * 2000, b"\r\n--B\r\n"])
        else:
            del data[at:at + rng.randint(1, 64)]
    return bytes(data)


def hostile(area: Area, rng: random.Random, box: pathlib.Path, timeout: float) -> None:
    cases = hostile_inputs()
    fixtures = sorted((ROOT / "fixtures").glob("*.html")) + sorted((ROOT / "fixtures").glob("*.txt"))
    count = 0
    while area.more():
        if count < len(cases):
            label, data, how = cases[count]
        else:
            small = [c for c in cases if len(c[1]) < 300_000 and c[2] == "bytes"]
            base = rng.choice(small + [(f.name, f.read_bytes(), "bytes") for f in fixtures[:20]])
            label, data, how = f"mutated {base[0]}", mutate(rng, base[1]), "bytes"
        count += 1
        path = box / f"h{count}"
        path.write_bytes(data)

        def check(path=path, how=how):
            try:
                proc = subprocess.run([sys.executable, "-c", HOSTILE_DRIVER, str(path), how], env=ENV,
                                      capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                return f"took longer than {timeout:g} s"
            if proc.returncode != 0:
                last = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
                return f"raised {last[0][:200]}"
            result = json.loads(proc.stdout)
            if result["peak_mb"] > 1024:
                return f"peak memory {result['peak_mb']:.0f} MB"
            return None

        area.case(label, check)
        path.unlink()


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=5.0, help="time for the whole campaign (default 5)")
    ap.add_argument("--cases", type=int, default=200, help="at most this many cases per area (default 200)")
    ap.add_argument("--areas", default="signals,disk,names,paths,hostile")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--pages", type=int, default=600, help="pages in each signals run (default 600)")
    ap.add_argument("--hostile-timeout", type=float, default=30.0)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failure, not the first 8 an area")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    areas = [a.strip() for a in args.areas.split(",") if a.strip()]
    print(f"newsparse fault campaign: areas {', '.join(areas)}; {args.minutes:g} minutes; "
          f"at most {args.cases} cases an area; seed {seed}", flush=True)
    start, share = time.monotonic(), args.minutes * 60 / max(1, len(areas))
    results, root = [], pathlib.Path(tempfile.mkdtemp(prefix="newsparse-faults-"))
    try:
        for n, name in enumerate(areas):
            area = Area(name, start + share * (n + 1), args.cases)
            box = root / name
            box.mkdir()
            rng = random.Random(f"{seed}-{name}")
            began = time.monotonic()
            if name == "signals":
                signals(area, rng, box, args.pages)
            elif name == "disk":
                disk(area, rng, box)
            elif name == "names":
                names(area, rng, box)
            elif name == "paths":
                paths(area, rng, box)
            elif name == "hostile":
                hostile(area, rng, box, args.hostile_timeout)
            else:
                area.skipped = "no such area"
            print(area.report(args.verbose) + ("" if area.skipped else f"   ({time.monotonic() - began:.0f} s)"), flush=True)
            results.append(area)
            remove(box)
    finally:
        if os.path.ismount(root / "disk" / "disk"):
            subprocess.run(["umount", "-l", str(root / "disk" / "disk")], check=False)
        try:
            remove(root)
        except OSError:
            shutil.rmtree(root, ignore_errors=True)
    tried = sum(a.tried for a in results)
    failed = sum(a.tried - a.passed for a in results)
    print(f"total    {tried:4} tried  {tried - failed:4} passed  {failed:4} failed   "
          f"({time.monotonic() - start:.0f} s, seed {seed})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
