"""From an archive file to articles, one record at a time: frame, classify, decode, parse.

Errors are values here: a bad record becomes a RecordError (naming its offset) and the records
after it are still read; only a file that is no archive at all, or a missing extra, raises.
"""

from __future__ import annotations

import gzip
import io
import os
from typing import IO, Iterator

from .. import encoding as enc
from ..api import parse
from ..errors import InputTooLargeError, MissingExtraError, NewsparseError, NotAnArchiveError, NotAPageError
from ..load import DEFAULT_MAX_BYTES, looks_like_html
from ..model import ArchiveRecord, Article
from ..urls import wayback
from . import arc, http, wacz, warc
from .detect import HEAD_BYTES, detect
from .results import Payload, RecordError, RecordInfo, Skipped
from .stamps import timestamp14

Source = str | os.PathLike | IO[bytes]
Result = Payload | Skipped | RecordError

PAGE_TYPES = ("response", "resource", "conversion")
NO_PAGE_TYPES = ("warcinfo", "request", "metadata", "revisit", "continuation")
HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+xhtml")
# What a record without HTTP (resource, conversion) may hold besides HTML: a text dump.
TEXT_TYPES = ("text/plain",)
UNLABELLED = ("", "application/octet-stream", "unk", "unknown", "no-type", "content/unknown")


class _Prefixed(io.RawIOBase):
    """A stream that cannot seek back, with the bytes already read from it put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head, self._rest, self._pos = head, rest, 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:  # FastWARC asks where the stream starts (and panics if it cannot)
        return self._pos

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
        else:
            data = self._rest.read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self._pos += n
        return n


def _peek(stream: IO[bytes], size: int) -> tuple[bytes, IO[bytes]]:
    """The first `size` bytes, and a stream that still starts at them."""
    if stream.seekable():
        start = stream.tell()
        head = stream.read(size)
        stream.seek(start)
        return head, stream
    head = stream.read(size)
    return head, _Prefixed(head, stream)


def _frames(stream: IO[bytes], name: str | None, limit: int):
    head, stream = _peek(stream, warc.GZIP_PROBE)
    kind = detect(head[:HEAD_BYTES])
    if kind is None:
        raise NotAnArchiveError("not a web archive (WARC, ARC or WACZ)")
    if kind == "wacz":
        yield from _wacz(stream, name, limit)
        return
    whole = kind.endswith(".gz") and warc.whole_file_gzip(head)
    if kind.startswith("arc"):
        yield from arc.frames(gzip.open(stream) if whole else stream, name, limit)
    else:
        # Always a stream, never the path: FastWARC picks a named file's compression by its
        # extension, and a .warc that is gzipped then reads as empty.
        yield from warc.frames(stream, name, kind, whole, limit)


def _wacz(stream: IO[bytes], name: str | None, limit: int):
    """The records of every WARC in a WACZ; a member that cannot be read is one RecordError."""
    for member, offset, opened in wacz.members(stream):
        label = f"{name}#{member}" if name else member
        try:
            if isinstance(opened, Exception):
                raise opened
            yield from _frames(opened, label, limit)
        except Exception as exc:  # BadZipFile (a CRC error), NotAnArchiveError, zlib.error...
            yield (RecordInfo(label, offset, None, None, None, "unknown"),
                   RecordError(f"malformed WACZ member {member} at offset {offset}: {warc.one_line(exc)}"))


def classify(info: RecordInfo, raw: warc.RawRecord, limit: int) -> Result:
    """A framed record's page, or why it has none."""
    if info.type in NO_PAGE_TYPES:
        return Skipped(info.type)
    if info.type not in PAGE_TYPES:
        return Skipped("other type")
    record_type = http.media_type(raw.headers.get("content-type"))
    response = http.split(raw.block) if info.type == "response" else http.Response(None, {}, raw.block)
    if response.status is None:
        if record_type.startswith("application/http"):
            return RecordError(f"malformed record at offset {info.offset}: no HTTP status line")
        content_type, body, cut = raw.headers.get("content-type"), raw.block, False
        allowed = HTML_TYPES + TEXT_TYPES
    else:
        if response.status != 200:
            return Skipped("not 200")
        content_type = response.headers.get("content-type")
        try:
            body, cut = http.payload(response, limit)
        except http.BodyError as exc:
            return RecordError(f"malformed record at offset {info.offset}: {exc}")
        except (InputTooLargeError, MissingExtraError) as exc:  # a gzip bomb; a br body without Brotli
            return RecordError(f"record at offset {info.offset}: {exc}")
        allowed = HTML_TYPES
    media = http.media_type(content_type)
    if not (media in allowed or (media in UNLABELLED and looks_like_html(body))):
        return Skipped("not HTML")
    original = wayback(info.target_uri)
    truncated = raw.short or cut or "warc-truncated" in raw.headers
    return Payload(info, body, original[0] if original else info.target_uri, truncated, http.charset(content_type))


def payloads(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[RecordInfo, Result]]:
    """Every record of a WARC, ARC or WACZ file (path or binary stream) with its page or why not.

    Lazy; a bad record is a RecordError and reading goes on. Raises NotAnArchiveError if the file
    is no archive, MissingExtraError without the `warc` extra.
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, "rb") as stream:
            yield from classified(_frames(stream, path, max_bytes), max_bytes)
        return
    name = getattr(source, "name", None)
    yield from classified(_frames(source, name if isinstance(name, str) else None, max_bytes), max_bytes)


def classified(framed, limit: int) -> Iterator[tuple[RecordInfo, Result]]:
    """Each framed record's page, or why it has none (classify); a bug in it is one RecordError."""
    for info, item in framed:
        if not isinstance(item, RecordError):
            try:
                item = classify(info, item, limit)
            except Exception as exc:  # a bug must not end the reading of a million-record file
                item = RecordError(f"record at offset {info.offset}: internal error: {warc.one_line(exc)}")
        yield info, item


def article_from(payload: Payload, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article of a record's page, with its provenance; raises NewsparseError as `parse` does.

    The HTTP charset reaches decoding by decoding here with it as the declared charset (checked
    against the bytes like a <meta> one), until load() takes a charset of its own.
    """
    data: bytes | str = payload.data
    if payload.charset and enc.codec_for_label(payload.charset) not in (None, "utf-8") \
            and not enc.bom_encoding(payload.data) and looks_like_html(payload.data):
        data, _ = enc.decode(payload.data, payload.charset)
    article = parse(data, url=payload.url, max_bytes=max_bytes)
    info = payload.info
    article.archive = ArchiveRecord(info.file, info.offset, info.record_id, info.date, info.target_uri)
    article.truncated = payload.truncated
    capture = wayback(info.target_uri)
    article.captured = timestamp14(capture[1]) if capture else (article.captured or info.date)
    return article


def records(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[RecordInfo, Article | Skipped | RecordError]]:
    """(record info, Article or Skipped or RecordError) for every record of an archive, lazily.

    Never raises for a bad record; every result pickles. Raises NotAnArchiveError if the file is
    no archive, MissingExtraError without the `warc` extra.
    """
    for info, item in payloads(source, max_bytes=max_bytes):
        if isinstance(item, Payload):
            item = result_of(item, max_bytes)
        yield info, item


def result_of(payload: Payload, limit: int = DEFAULT_MAX_BYTES) -> Article | Skipped | RecordError:
    """What records() yields for one page: its Article, Skipped("not a page") or a RecordError."""
    try:
        return article_from(payload, max_bytes=limit)
    except NotAPageError:
        return Skipped("not a page")
    except NewsparseError as exc:
        return RecordError(f"record at offset {payload.info.offset}: {exc}")
    except Exception as exc:  # a bug must not end the reading of a million-record file
        return RecordError(f"record at offset {payload.info.offset}: internal error: {warc.one_line(exc)}")


def parse_record(data: bytes, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article in one record's bytes (WARC or ARC, a gzip member or plain), as a CDX
    byte-range fetch returns them. `url` stands in when the record names none. Raises
    NotAPageError when the record holds no page (the reason says why) or cannot be read."""
    try:
        for info, item in payloads(io.BytesIO(data), max_bytes=max_bytes):
            if isinstance(item, Payload):
                return article_from(item._replace(url=item.url or url), max_bytes=max_bytes)
            if isinstance(item, Skipped):
                raise NotAPageError(f"the record holds no page: {item.reason}")
            raise NotAPageError(item.reason)
    except NotAnArchiveError:
        raise NotAPageError("not a WARC or ARC record") from None
    raise NotAPageError("no record in it")
