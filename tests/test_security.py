"""newsparse never fetches or reads what a page references.

No network, no external entities, no DTDs, no XInclude, no file reads beyond
the input. Hostile pages point at a canary file on disk and at a listening
socket on 127.0.0.1; the canary's text must appear in no field, the socket
must see no connection, and Python's audit hooks must see no socket, process
or unexpected file event while newsparse works. Each hostile page also
carries a visible paragraph that must come out, so a test cannot pass merely
because the page was refused. (Batch OUTDIR containment is tested in
test_batch.py.)
"""

from __future__ import annotations

import base64
import json
import quopri
import select
import socket
import sys

import pytest
from click.testing import CliRunner
from lxml import etree

import newsparse
from conftest import FIXTURES
from newsparse.cli import cli

CANARY = "np-canary-5d1e9b"
VISIBLE = "A visible paragraph that belongs to the page itself."


@pytest.fixture
def canary(tmp_path):
    """A secret file and a DTD that defines an entity holding it, both as file: URIs."""
    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY)
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">\n<!ENTITY % inner "{CANARY}">\n')
    return {"secret": secret.as_uri(), "dtd": dtd.as_uri(), "path": str(secret)}


def article_page(doctype: str, use: str, html_attrs: str = "") -> bytes:
    return (f'{doctype}\n<html lang="en"{html_attrs}><head><title>T</title></head><body class="pg-article">'
            f'<h1 class="title pg-title">Headline {use}</h1><div id="article-content"><div class="wsw">'
            f"<p>{VISIBLE}</p><p>Entity: {use}</p></div></div></body></html>").encode()


def hostile_pages(c: dict) -> dict[str, bytes]:
    return {
        "internal subset, external entity": article_page(
            f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{c["secret"]}">]>', "&xxe;"),
        "xml declaration, external entity": b'<?xml version="1.0" encoding="utf-8"?>\n' + article_page(
            f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{c["secret"]}">]>', "&xxe;",
            ' xmlns="http://www.w3.org/1999/xhtml"'),
        "external DTD": article_page(f'<!DOCTYPE html SYSTEM "{c["dtd"]}">', "&leak;"),
        "parameter entity": article_page(
            f'<!DOCTYPE html [<!ENTITY % ext SYSTEM "{c["dtd"]}"> %ext;]>', "&leak;"),
        "XInclude": article_page(
            "<!DOCTYPE html>", f'<xi:include href="{c["secret"]}" parse="text"/>',
            ' xmlns:xi="http://www.w3.org/2001/XInclude"'),
        "resources": article_page(
            "<!DOCTYPE html>", f'<img src="{c["secret"]}"><iframe src="{c["secret"]}"></iframe>'
            f'<link rel="stylesheet" href="{c["secret"]}"><script src="{c["secret"]}"></script>'
            f'<object data="{c["secret"]}"></object>'),
        "saved from a file": article_page(f'<!DOCTYPE html>\n<!-- saved from url=(0040){c["secret"]} -->', ""),
    }


def leaked(article) -> bool:
    return CANARY in json.dumps(article.to_dict(), ensure_ascii=False)


def test_canary_leaks_through_a_permissive_xml_parser(canary):
    """Control: the hostile page really does pull the file in when a parser is allowed to."""
    page = hostile_pages(canary)["xml declaration, external entity"]
    permissive = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    assert CANARY in etree.tostring(etree.fromstring(page, permissive), encoding="unicode")


@pytest.mark.parametrize("name", list(hostile_pages({"secret": "", "dtd": ""})))
def test_no_entity_dtd_or_include_is_followed(canary, name):
    article = newsparse.parse(hostile_pages(canary)[name])
    assert VISIBLE in article.body
    assert not leaked(article)


def test_billion_laughs_is_not_expanded():
    entities = '<!ENTITY a0 "laugh">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    article = newsparse.parse(article_page(f"<!DOCTYPE html [{entities}]>", "&a9;"))
    assert VISIBLE in article.body
    assert "laughlaugh" not in json.dumps(article.to_dict())


def mhtml(parts: list[tuple[str, bytes]]) -> bytes:
    out = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    for headers, body in parts:
        out += b"--b0\r\n" + headers.encode() + b"\r\n\r\n" + body + b"\r\n"
    return out + b"--b0--\r\n"


def test_mhtml_external_body_parts_are_not_read(canary):
    external = (f'Content-Type: message/external-body; access-type=local-file; name="{canary["path"]}"', b"")
    page = ("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {canary['secret']}",
            quopri.encodestring(article_page("<!DOCTYPE html>", '<img src="cid:part1">')))
    article = newsparse.parse(mhtml([external, page]))
    assert VISIBLE in article.body
    assert not leaked(article)
    assert article.url is None  # a file: Content-Location is no address


def test_mhtml_html_part_by_reference_is_not_fetched(canary):
    external = (f'Content-Type: message/external-body; access-type=local-file; name="{canary["path"]}"\r\n'
                "Content-ID: <root>", b"Content-Type: text/html\r\n\r\n")
    with pytest.raises(newsparse.NotAPageError):
        newsparse.parse(mhtml([external]))


# --- network ----------------------------------------------------------------------------------

@pytest.fixture
def listener():
    """A TCP socket on 127.0.0.1 that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server
    server.close()


def connected(server) -> bool:
    readable, _, _ = select.select([server], [], [], 0.2)
    return bool(readable)


def test_listener_notices_a_connection(listener):
    """Control: a connection attempt is visible to `connected`."""
    client = socket.create_connection(listener.getsockname())
    try:
        assert connected(listener)
    finally:
        client.close()


def test_nothing_a_page_references_is_fetched(listener):
    host, port = listener.getsockname()
    base = f"http://{host}:{port}"
    pages = hostile_pages({"secret": f"{base}/secret.txt", "dtd": f"{base}/evil.dtd"})
    pages["meta refresh"] = article_page("<!DOCTYPE html>", f'<meta http-equiv="refresh" content="0; url={base}/">')
    pages["mhtml"] = mhtml([(f"Content-Type: text/html\r\nContent-Location: {base}/page.html",
                             article_page(f'<!DOCTYPE html SYSTEM "{base}/evil.dtd">', "&leak;"))])
    for name, page in pages.items():
        article = newsparse.parse(page)
        assert VISIBLE in article.body, name
    assert not connected(listener)


# --- what Python itself sees -------------------------------------------------------------------

WATCHED = ("open", "socket.connect", "socket.getaddrinfo", "socket.bind", "urllib.Request", "subprocess.Popen",
           "os.system", "os.exec", "os.posix_spawn", "os.spawn", "ctypes.dlopen", "shutil.copyfile")
_events: list[tuple[str, tuple]] = []
_watching = [False]


def _hook(event, args):
    if _watching[0] and event in WATCHED:
        _events.append((event, args))


@pytest.fixture
def audit():
    """Collects the audited events newsparse causes (one hook per process; it records only when asked)."""
    if not getattr(sys, "_newsparse_audit_hook", False):
        sys.addaudithook(_hook)
        sys._newsparse_audit_hook = True
    _events.clear()

    class Watch:
        def __enter__(self):
            _watching[0] = True

        def __exit__(self, *exc):
            _watching[0] = False

    return Watch()


def code_files_only(events) -> list:
    """Opens of anything but Python's own modules (imports)."""
    return [(e, a) for e, a in events
            if not (e == "open" and isinstance(a[0], str) and a[0].endswith((".py", ".pyc", ".so")))]


SOURCES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".json"))


def test_parse_touches_no_file_socket_or_process(audit, canary):
    inputs = [p.read_bytes() for p in SOURCES] + list(hostile_pages(canary).values())
    for data in inputs:  # warm up: first calls import codecs and modules
        newsparse.parse(data)
    with audit:
        for data in inputs:
            newsparse.parse(data)
    assert code_files_only(_events) == []


def test_cli_reads_only_its_input(audit, tmp_path, canary):
    page = tmp_path / "page.html"
    page.write_bytes(hostile_pages(canary)["external DTD"])
    runner = CliRunner()
    runner.invoke(cli, ["parse", str(page)])  # warm up
    with audit:
        result = runner.invoke(cli, ["parse", str(page), "-f", "json"])
    assert result.exit_code == 0 and VISIBLE in result.stdout and CANARY not in result.stdout
    opened = [a[0] for e, a in code_files_only(_events)]
    assert opened == [str(page)]


def test_audit_hook_sees_file_reads(audit, canary):
    """Control: a file read during the watch is recorded."""
    with audit:
        with open(canary["path"], "rb"):
            pass
    assert [a[0] for e, a in code_files_only(_events)] == [canary["path"]]


def test_base64_mhtml_is_decoded_in_memory_only(audit):
    page = article_page("<!DOCTYPE html>", "")
    data = mhtml([("Content-Type: text/html\r\nContent-Transfer-Encoding: base64", base64.encodebytes(page))])
    newsparse.parse(data)
    with audit:
        article = newsparse.parse(data)
    assert VISIBLE in article.body and code_files_only(_events) == []
