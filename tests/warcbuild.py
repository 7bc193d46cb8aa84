"""Build small web archives at test time, one trap at a time, from newsparse's own fixture pages.

Nothing here reads ../shared: every archive holds the bundled fixtures (our own text in Pangea
markup), so no publisher's page ends up in a test archive. The functions write the bytes a crawler
would (WARC 1.0/1.1 with per-record or whole-file gzip, zstd with ArchiveTeam's dictionary frame,
ARC, WACZ) by hand, so each trap is exactly the one named and nothing else.
"""

from __future__ import annotations

import gzip
import io
import json
import struct
import zipfile
import zlib

DATE = "2024-03-05T06:07:08Z"


def http_response(body: bytes, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
                  encoding: str | None = None, chunk: int | None = None, lf_only: bool = False,
                  extra: tuple[tuple[str, str], ...] = ()) -> bytes:
    """An HTTP/1.1 response: the body encoded (gzip, deflate, br) and then chunked, as a server sends it."""
    if encoding:
        body = encode(body, encoding)
    headers = [("Content-Type", content_type), *extra]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    if chunk:
        headers.append(("Transfer-Encoding", "chunked"))
        body = chunked(body, chunk)
    else:
        headers.append(("Content-Length", str(len(body))))
    reason = {200: "OK", 404: "Not Found", 301: "Moved Permanently"}.get(status, "Status")
    eol = "\n" if lf_only else "\r\n"
    head = f"HTTP/1.1 {status} {reason}{eol}" + "".join(f"{k}: {v}{eol}" for k, v in headers) + eol
    return head.encode("latin-1") + body


def encode(body: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(body, mtime=0)
    if encoding == "deflate":  # what servers send as "deflate": the zlib format
        return zlib.compress(body)
    if encoding == "br":
        import brotli

        return brotli.compress(body)
    raise ValueError(encoding)


def chunked(body: bytes, size: int) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def http_request(uri: str) -> bytes:
    path = "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
    return f"GET {path} HTTP/1.1\r\nHost: {uri.split('/')[2]}\r\nUser-Agent: test\r\n\r\n".encode()


def record(rtype: str, block: bytes, *, uri: str | None = "https://www.rferl.org/a/1.html", n: int = 1,
           date: str = DATE, content_type: str | None = None, version: str = "1.1", angle: bool = False,
           length: int | None = None, extra: tuple[tuple[str, str], ...] = ()) -> bytes:
    """One WARC record; `length` overrides Content-Length (a lying header), `angle` writes <uri>."""
    if content_type is None:
        content_type = {"response": "application/http; msgtype=response",
                        "request": "application/http; msgtype=request",
                        "revisit": "application/http; msgtype=response",
                        "warcinfo": "application/warc-fields",
                        "metadata": "application/warc-fields"}.get(rtype, "text/html")
    headers = [("WARC-Type", rtype), ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"),
               ("WARC-Date", date)]
    if uri is not None:
        headers.append(("WARC-Target-URI", f"<{uri}>" if angle else uri))
    headers += [*extra, ("Content-Type", content_type),
                ("Content-Length", str(len(block) if length is None else length))]
    head = f"WARC/{version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def warcinfo(n: int = 0) -> bytes:
    return record("warcinfo", b"software: newsparse tests\r\nformat: WARC File Format 1.1\r\n", uri=None, n=n)


def response(body: bytes, n: int = 1, uri: str = "https://www.rferl.org/a/1.html", **http) -> bytes:
    return record("response", http_response(body, **http), uri=uri, n=n)


def warc(records: list[bytes], compress: str | None = None) -> bytes:
    """The records as one file: plain, "gzip" (one member per record, as crawlers write), or
    "whole-gzip" (the whole file one member)."""
    if compress == "gzip":
        return b"".join(gzip.compress(r, mtime=0) for r in records)
    if compress == "whole-gzip":
        return gzip.compress(b"".join(records), mtime=0)
    return b"".join(records)


def offsets(records: list[bytes], compress: str | None = None) -> list[int]:
    """Where each record starts in the file `warc(records, compress)` writes."""
    out, pos = [], 0
    for r in records:
        out.append(pos)
        pos += len(gzip.compress(r, mtime=0)) if compress == "gzip" else len(r)
    return out


def zstd_with_dictionary(records: list[bytes], compressed_dict: bool = True) -> bytes:
    """ArchiveTeam's .warc.zst: a skippable frame (magic 0x184D2A5D) holding the dictionary (itself
    zstd-compressed, or not), then one zstd frame per record compressed with that dictionary."""
    head, frames = zstd_parts(records, compressed_dict)
    return head + b"".join(frames)


def zstd_parts(records: list[bytes], compressed_dict: bool = True) -> tuple[bytes, list[bytes]]:
    """The dictionary frame and the record frames of zstd_with_dictionary(), apart."""
    import zstandard

    samples = [r for r in records for _ in range(8)] + [bytes([i]) * 64 for i in range(64)]
    zdict = zstandard.train_dictionary(2048, samples)
    raw = zdict.as_bytes()
    stored = zstandard.ZstdCompressor().compress(raw) if compressed_dict else raw
    head = struct.pack("<II", 0x184D2A5D, len(stored)) + stored
    cctx = zstandard.ZstdCompressor(dict_data=zdict, write_content_size=True)
    return head, [cctx.compress(r) for r in records]


def arc(pages: list[tuple[str, bytes]], date: str = "20240305060708", compress: str | None = None) -> bytes:
    """An ARC v1 file: the filedesc header record, then one record per (url, HTTP response);
    `compress` as for warc()."""
    desc_body = b"1 0 newsparse-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://test.arc 0.0.0.0 %s text/plain %d\n%s\n" % (date.encode(), len(desc_body), desc_body)]
    for url, http in pages:
        out.append(b"%s 192.0.2.1 %s text/html %d\n%s\n" % (url.encode(), date.encode(), len(http), http))
    return warc(out, compress)


def wacz(warc_bytes: bytes, name: str = "data.warc.gz") -> bytes:
    """A WACZ: a zip with the WARC under archive/ and a datapackage.json."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"archive/{name}", warc_bytes, compress_type=zipfile.ZIP_STORED)
        z.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1",
                                                   "resources": [{"path": f"archive/{name}"}]}))
        z.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
    return buf.getvalue()


WAYBACK_TS = "20240305060708"


def wayback_rewrite(page: bytes, url: str = "https://www.rferl.org/a/1.html", ts: str = WAYBACK_TS) -> bytes:
    """The page as web.archive.org/web/<ts>/<url> serves it: Wayback's head scripts, toolbar and
    closing comment added, every link and image address rewritten into the archive."""
    import re

    origin = "/".join(url.split("/")[:3])

    def rewrite(m: re.Match) -> bytes:
        attr, value = m.group(1), m.group(2).decode("latin-1")
        if value.startswith("//"):
            value = "https:" + value
        elif value.startswith("/"):
            value = origin + value
        flag = "im_" if attr == b"src" else ""
        prefix = f"https://web.archive.org/web/{ts}{flag}/" if flag else f"/web/{ts}/"
        return attr + b'="' + (prefix + value).encode("latin-1") + b'"'

    page = re.sub(rb'\b(href|src)="((?:https?:)?//[^"]+|/[^"]*)"', rewrite, page)
    head = (b'<script type="text/javascript" src="/_static/js/bundle-playback.js?v=1" charset="utf-8"></script>\n'
            b'<script type="text/javascript" src="/_static/js/wombat.js?v=1" charset="utf-8"></script>\n'
            b'<script type="text/javascript">\n  __wm.init("https://web.archive.org/web");\n'
            b'  __wm.wombat("' + url.encode() + b'","' + ts.encode() + b'","https://web.archive.org/","web","/_static/",\n'
            b'\t      "1709618828");\n</script>\n'
            b'<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=1" />\n'
            b'<!-- End Wayback Rewrite JS Include -->\n')
    toolbar = (b'<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n<div id="wm-ipp-base" lang="en" style="display:none">'
               b'<div id="wm-ipp"><a href="/web/">Wayback Machine</a> 42 captures <span>Mar 2024</span>'
               b'<a href="/web/' + ts.encode() + b'*/' + url.encode() + b'">About this capture</a></div></div>\n'
               b'<!-- END WAYBACK TOOLBAR INSERT -->\n')
    when = datetime_words(ts)
    trailer = (b"\n<!--\n     FILE ARCHIVED ON " + when + b" AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON 10:00:00 Apr 01, 2024.\n"
               b"     JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE.\n-->\n")
    page = re.sub(rb"(<head[^>]*>)", lambda m: m.group(1) + head, page, count=1)
    page = re.sub(rb"(<body[^>]*>)", lambda m: m.group(1) + toolbar, page, count=1)
    return page.rstrip() + trailer


def datetime_words(ts: str) -> bytes:
    from datetime import datetime

    return datetime.strptime(ts, "%Y%m%d%H%M%S").strftime("%H:%M:%S %b %d, %Y").encode()
