"""Web archives recognised by content, and refused by parse(): no extra needed for either."""

from __future__ import annotations

import gzip

import pytest

import newsparse
from newsparse import archive

import warcbuild as wb
from conftest import FIXTURES

PAGE = (FIXTURES / "rferl-no-byline.html").read_bytes()


def test_detect_by_content_not_name():
    assert archive.detect(wb.warc([wb.warcinfo()])[:4096]) == "warc"
    assert archive.detect(wb.warc([wb.warcinfo()], "gzip")[:4096]) == "warc.gz"
    assert archive.detect(PAGE[:4096]) is None
    assert archive.detect(gzip.compress(PAGE)[:4096]) is None
    assert archive.detect(b"") is None
    arc = wb.arc([("https://www.rferl.org/a/1.html", wb.http_response(PAGE))])
    assert archive.detect(arc[:4096]) == "arc"
    assert archive.detect(wb.arc([("https://www.rferl.org/a/1.html", wb.http_response(PAGE))], compress="gzip")[:4096]) == "arc.gz"
    assert archive.detect(wb.wacz(wb.warc([wb.warcinfo()]))[:4096]) == "wacz"
    assert archive.detect(b"\x5d\x2a\x4d\x18" + bytes(60)) == "warc.zst"  # ArchiveTeam's dictionary frame first


def test_a_zip_that_is_no_wacz_is_no_archive():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    assert archive.detect(buf.getvalue()[:4096]) is None


@pytest.mark.parametrize("compress", [None, "gzip", "whole-gzip"])
def test_parse_refuses_an_archive_it_would_read_wrong(compress, tmp_path):
    """Read as one page, a WARC with a chunked body puts a chunk size into the headline."""
    from click.testing import CliRunner

    from newsparse.cli import cli

    data = wb.warc([wb.warcinfo(), wb.response(PAGE, chunk=50)], compress)
    kind = "warc.gz" if compress else "warc"
    with pytest.raises(newsparse.NotAPageError, match=rf"^a web archive \({kind}\), not a page: "):
        newsparse.parse(data)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1
    assert result.output == (f"newsparse: {path}: a web archive ({kind}), not a page: read it with "
                             "newsparse.archive.records() or, for one record, newsparse.parse_record()\n")
