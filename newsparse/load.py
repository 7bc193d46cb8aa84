"""Recognise what arrived: an HTML page, a gzip of one, an MHTML or Safari archive, or a text dump.

Everything that is not a page (empty input, PDFs, images, archives, other
binary data) is refused here with a NotAPageError whose message is the reason,
so the extractors only ever see a page.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from struct import error as struct_error

from . import encoding as enc
from .errors import InputTooLargeError, NotAPageError
from .urls import web_address

DEFAULT_MAX_BYTES = 100 * 1024 * 1024

# Leading bytes of formats people mistake for pages (a PDF renamed .html, ...).
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"SQLite format 3", "an SQLite database"),
)

_TEXT_BYTES = bytes(range(9, 14)) + bytes(range(32, 256))
_HEAD_BYTES = 65536
_MARKUP_FIRST = re.compile(rb"\s*<")
_TAG = re.compile(rb"<(?:!doctype|html|head|body|meta|title|div|p|span|a|br|table|h[1-6]|script|link|article|section)\b", re.I)
# Chrome, Edge and IE mark a saved page with the address it came from
# ("Mark of the Web"); local files say "about:internet" or "file:" and are no address.
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_GZIP = b"\x1f\x8b"
GZIP_LAYERS = 2  # a server that gzips a .gz file sends it gzipped twice
MAX_GZIP_MEMBERS = 10_000  # concatenated members one file may hold (documented in the README)
_GZIP_PIECE, _GZIP_PIECE_MAX = 1 << 12, 1 << 20  # compressed bytes given to a decompressor at a time
_GZIP_OUT = 1 << 20  # most bytes one decompress call returns
WEBARCHIVE = b"bplist00"  # Safari's "Web Archive" format


@dataclass
class Page:
    """A page ready for extraction.

    `kind` is "html" or "text". HTML keeps UTF-8 bytes (libxml2 parses them
    fastest); a text dump keeps decoded text. `url_hint` is an address the
    container gave (MHTML Content-Location, a "saved from url" comment).
    """

    kind: str
    html: bytes | None = None
    text: str | None = None
    encoding: str = "utf-8"
    url_hint: str | None = None
    container: str = "plain"  # plain, gzip, mhtml, webarchive


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip without ever holding more than `limit` bytes (a gzip bomb stops here).

    Concatenated members are read in one pass: each decompressor gets the input a piece at a
    time (4 KB, doubling to 1 MB), so what it leaves over past its member's end (`unused_data`, a
    copy) is at most about the member's own size, never the rest of the file. At most MAX_GZIP_MEMBERS members: each costs a decompressor, and no real page is
    saved in thousands of pieces."""
    out = []
    size = 0
    view = memoryview(data)
    pos, members = 0, 0
    while data.startswith(_GZIP, pos):
        members += 1
        if members > MAX_GZIP_MEMBERS:
            raise NotAPageError(f"gzip file of more than {MAX_GZIP_MEMBERS:,} members")
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        piece_size = _GZIP_PIECE
        try:
            while not d.eof and pos < len(data):
                piece = view[pos:pos + piece_size]
                piece_size = min(2 * piece_size, _GZIP_PIECE_MAX)
                chunk = d.decompress(piece, _GZIP_OUT)
                while True:
                    size += len(chunk)
                    if size > limit:
                        raise InputTooLargeError(too_large("decompresses to more", limit))
                    out.append(chunk)
                    if d.eof or not d.unconsumed_tail:
                        break
                    chunk = d.decompress(d.unconsumed_tail, _GZIP_OUT)
                pos += len(piece) - len(d.unused_data)
        except zlib.error as exc:
            raise NotAPageError(f"broken gzip data ({str(exc).split(': ', 1)[-1]})") from None
        if not d.eof:
            raise NotAPageError("truncated gzip data")
    # What follows the last member (NUL padding, trailing garbage) is ignored, as gzip -d does.
    return b"".join(out)


def webarchive(data: bytes):
    """The main resource of a Safari .webarchive (a binary property list): the page, its charset and address."""
    import plistlib

    from .mhtml import Part

    try:
        main = plistlib.loads(data)["WebMainResource"]
        payload = main["WebResourceData"]
        charset = main.get("WebResourceTextEncodingName")
        location = main.get("WebResourceURL")
    except (plistlib.InvalidFileException, KeyError, TypeError, ValueError, IndexError, OverflowError,
            RecursionError, struct_error):
        raise NotAPageError("broken Safari web archive") from None
    if not isinstance(payload, bytes):
        raise NotAPageError("Safari web archive without a page")
    return Part(payload, charset if isinstance(charset, str) else None,
                web_address(location) if isinstance(location, str) else None)


def too_large(what: str, limit: int, unit: str = "bytes") -> str:
    """The one wording of the size-limit error, naming the option that raises the limit."""
    return f"{what} than {limit:,} {unit} (--max-bytes)"


def sniff_binary(data: bytes) -> str | None:
    """Name the non-page format these bytes are, or None if they may be text.

    A page may hold a few stray NUL bytes (browsers show them as nothing);
    binary data is full of them, or of other control bytes.
    """
    head = data[:64]
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    sample = data[:8192]
    nuls = sample.count(0)
    # Control bytes (not tab, newline, CR, form feed): deleting every other byte counts them at C speed.
    controls = len(sample.translate(None, _TEXT_BYTES)) - nuls
    if nuls * 100 > len(sample) or controls * 20 > len(sample):
        return "binary data (contains NUL bytes)" if nuls else "binary data"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NUL bytes on one side of each pair only.

    The NULs are the high bytes of ASCII characters (markup, spaces, digits), so
    a page mostly in Armenian or Georgian still has plenty of them; 8-bit text
    has none and binary data has them on both sides.
    """
    sample = data[:4096]
    if len(sample) < 8 or b"\x00" not in sample:  # the common case, found at memory speed
        return None
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odds >= half * 0.2 and evens <= odds * 0.05:
        return "utf-16-le"
    if evens >= half * 0.2 and odds <= evens * 0.05:
        return "utf-16-be"
    return None


def looks_like_html(data: bytes) -> bool:
    """Markup first (after white space), or at least three tags HTML pages use in the first 64 KB.
    Read in place: no copy of the page's head."""
    if _MARKUP_FIRST.match(data, 0, _HEAD_BYTES):
        return True
    return len(_TAG.findall(data, 0, _HEAD_BYTES)) >= 3


def saved_from(html: bytes) -> str | None:
    """The address in a browser's "saved from url" comment near the top of the page."""
    m = _SAVED_FROM.search(html, 0, 8192)
    return web_address(m.group(1).decode("utf-8", "replace")) if m else None


def _from_text(text: str, encoding: str, url_hint: str | None = None, container: str = "plain") -> Page:
    """A decoded page: HTML is re-encoded to UTF-8 bytes for the parser, a dump stays text."""
    if "\x00" in text:
        sample = text[:8192]
        if sample.count("\x00") * 100 > len(sample):
            raise NotAPageError("not a web page: binary data (contains NUL bytes)")
        text = text.replace("\x00", "")
    head = text[:65536].encode("utf-8", "replace")
    if looks_like_html(head):
        html = text.encode("utf-8", "replace")
        return Page("html", html=html, encoding=encoding, url_hint=url_hint or saved_from(html), container=container)
    if not text.strip():
        raise NotAPageError("no text in it")
    return Page("text", text=text, encoding=encoding, url_hint=url_hint, container=container)


_SURROGATE_CHECK = 1 << 20  # characters encoded at a time to look for lone surrogates


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (a str cut from broken UTF-16, or decoded with
    surrogateescape) replaced by U+FFFD, and each pair written as two code points joined: what
    comes out must encode as UTF-8. Looked for a piece at a time, so a clean text costs no copy of
    itself; a pure-ASCII string (which cannot hold one) is not looked at."""
    if text.isascii():
        return text
    for at in range(0, len(text), _SURROGATE_CHECK):
        try:
            text[at:at + _SURROGATE_CHECK].encode("utf-8")
        except UnicodeEncodeError:
            return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def blank(data: bytes) -> bool:
    """Nothing but ASCII white space (bytes.strip() would copy the whole page to say so)."""
    return not data or data.isspace()


def load(data: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Turn raw input into a Page, or raise NotAPageError / InputTooLargeError."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise InputTooLargeError(too_large("longer", max_bytes, "characters"))
        return _from_text(without_surrogates(data.lstrip("\ufeff")), "str")
    if len(data) > max_bytes:
        raise InputTooLargeError(too_large("larger", max_bytes))
    if blank(data):
        raise NotAPageError("empty file")
    container = "plain"
    for _ in range(GZIP_LAYERS):
        if data[:2] != _GZIP:
            break
        data = gunzip(data, max_bytes)
        container = "gzip"
        if blank(data):
            raise NotAPageError("empty after gzip decompression")
    bom = enc.bom_encoding(data)
    if bom and bom[0] != "utf-8":
        text, name = enc.decode(data)
        return _from_text(text, name, container=container)
    utf16 = _utf16_without_bom(data) if not bom else None
    if utf16:
        return _from_text(data.decode(utf16, "replace"), utf16, container=container)
    if data.startswith(WEBARCHIVE):
        page = webarchive(data)
        text, name = enc.decode(page.payload, page.charset)
        return _from_text(text, name, url_hint=page.location, container="webarchive")
    reason = sniff_binary(data)
    if reason:
        raise NotAPageError(f"not a web page: {reason}")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    # Only a file that starts with MIME headers is worth importing the email package for.
    if data[:256].lstrip()[:1] != b"<" and b"mime-version" in data[:8192].lower():
        from . import mhtml

        if mhtml.is_mhtml(data):
            part = mhtml.main_part(data)
            text, name = enc.decode(part.payload, part.charset)
            return _from_text(text, name, url_hint=part.location, container="mhtml")
    if looks_like_html(data):
        body = data[3:] if bom else data
        name = enc.choose(body)
        if name == "utf-8":
            return Page("html", html=body, encoding="utf-8", url_hint=saved_from(body), container=container)
        text = enc.decode_as(body, name)
        return _from_text(text, "utf-8" if name == "utf-8-mixed" else name, container=container)
    text, name = enc.decode(data)
    return _from_text(text, name, container=container)
