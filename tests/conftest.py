"""Shared test helpers: where the fixtures and the (optional) shared corpus are."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "pangea"


@pytest.fixture
def corpus():
    """The real saved pages in ../shared; tests that need them skip on a fresh machine."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def refuse_locked_files(monkeypatch) -> None:
    """Make every file whose name ends in `locked.html` unreadable (PermissionError), whichever of
    open() and os.open() the reader uses: the tests may run as root, which reads anything."""
    import builtins
    import os

    def refusing(real_open):
        def open_refusing_locked(file, *args, **kwargs):
            if str(file).endswith("locked.html"):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)
        return open_refusing_locked

    for module in (builtins, os):
        monkeypatch.setattr(module, "open", refusing(module.open))


def run_on_terminal(args, stream: str, env=None, cwd=None) -> tuple[int, str]:
    """Run `python -m newsparse ARGS` with its stdout or stderr (`stream`), or both, on a
    pseudo-terminal; return the exit code and what the terminal showed. The other stream goes nowhere."""
    import os
    import subprocess
    import sys

    master, slave = os.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    streams.update({"stdout": slave, "stderr": slave} if stream == "both" else {stream: slave})
    proc = subprocess.Popen([sys.executable, "-m", "newsparse", *map(str, args)], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, **streams)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(), b"".join(chunks).decode("utf-8", "replace")


def slow_driver(module: str, mark: str | None = None) -> str:
    """A `python -c` script that runs the newsparse CLI with MODULE's `parse` taking 50 ms a call
    (and, with MARK, leaving a file of that name at the first call), so that a signal sent to it
    lands in the middle of a run. MODULE is imported by name: `newsparse.api` for pages,
    `newsparse.archive.records` for archive records."""
    marking = f"    open({mark!r}, 'a').close()\n" if mark else ""
    return (f"import importlib, sys, time\n"
            f"target = importlib.import_module({module!r})\n"
            f"real = target.parse\n"
            f"def slow(data, **kwargs):\n{marking}"
            f"    time.sleep(0.05)\n"
            f"    return real(data, **kwargs)\n"
            f"target.parse = slow\n"
            f"from newsparse.cli import main\n"
            f"sys.argv[0] = 'newsparse'\n"
            f"main()\n")
