"""Archives for the engine tests (Dask, Spark): many records built from our own fixture pages,
and the rows archive.records and `newsparse batch` give for them, which every engine's output must equal."""

from __future__ import annotations

import functools
import json
import os

from click.testing import CliRunner

import warcbuild as wb
from conftest import FIXTURES
from newsparse import Article, archive
from newsparse.cli import cli
from newsparse.files import text_name

# The whole-layout fixtures (RFE/RL and VOA page kinds): the format fixtures are slower to decode
# and already have their own archive tests.
PAGES = [p.read_bytes() for pattern in ("rferl-*.html", "voa-*.html") for p in sorted(FIXTURES.glob(pattern))]


def build(path, n: int, start: int = 0, compress: str | None = "gzip") -> str:
    """An archive of N responses cycling through the HTML fixtures, with records that are no page
    (warcinfo, a request, a 404, an image) in among them; gzipped a member per record by default."""
    recs = [wb.warcinfo()]
    for i in range(start, start + n):
        uri = f"https://www.rferl.org/a/{i}.html"
        recs.append(wb.response(PAGES[i % len(PAGES)], n=i + 1, uri=uri))
        if i % 250 == 0:
            recs += [wb.record("request", wb.http_request(uri), uri=uri, n=i + 10**6),
                     wb.response(b"<html>gone</html>", n=i + 2 * 10**6, uri=uri + "?x", status=404),
                     wb.response(b"\x89PNG\r\n", n=i + 3 * 10**6, uri=uri + ".png", content_type="image/png")]
    path.write_bytes(wb.warc(recs, compress))
    return str(path)


@functools.lru_cache(maxsize=None)
def _expected(path: str) -> tuple:
    return tuple({"source": text_name(path), **r.to_dict()} for _, r in archive.records(path) if isinstance(r, Article))


def expected(path: str) -> list[dict]:
    """What records() gives, as batch's JSON rows: source, then the article (computed once an archive)."""
    return list(_expected(path))


def batch_rows(paths: list[str], outdir) -> list[dict]:
    """The rows `newsparse batch` writes for PATHS (one JSON Lines file an archive), in input order."""
    result = CliRunner().invoke(cli, ["batch", *paths, "-o", str(outdir), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    written = sorted(str(p) for p in outdir.rglob("*.jsonl"))
    assert len(written) == len(paths)
    by_name = {os.path.basename(p).split(".")[0]: p for p in written}
    rows = []
    for path in paths:
        with open(by_name[os.path.basename(path).split(".")[0]], encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return rows
