"""Find the character encoding of a page's bytes.

Order: byte-order mark, then what the page declares (`<meta charset>`,
http-equiv, XML declaration), then detection. A declaration is trusted only
when the bytes agree with it: a page that says windows-1251 but is valid
UTF-8 full of multi-byte letters was re-saved as UTF-8 by a browser, and a
page that says UTF-8 but is not is decoded by detection instead.

Detection scores a short list of legacy encodings that Pangea's services
have used (Cyrillic, Arabic-script, Central European, Turkic, Western) by how
natural the decoded text looks: mostly lower-case letters inside words, no
control characters or stray symbols. That tells windows-1251 from KOI8-R
(KOI8 text decoded as 1251 is upper-case inside words) and both from
windows-1252 (Cyrillic bytes read as Latin-1 make long runs of accented letters).
"""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.I,
)

# Legacy encodings seen on RFE/RL and VOA sites, most likely first.
CANDIDATES = (
    "cp1251", "koi8-r", "koi8-u", "iso-8859-5", "cp866",
    "cp1256", "iso-8859-6",
    "cp1250", "iso-8859-2", "cp1254", "cp1257",
    "cp1252",
)

_NON_ASCII = re.compile(rb"[\x80-\xff]")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def normalise_name(name: str | bytes | None) -> str | None:
    """Python's canonical codec name for a declared label, or None if unknown."""
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    name = name.strip().lower()
    aliases = {"win-1251": "cp1251", "win1251": "cp1251", "x-cp1251": "cp1251",
               "windows-1251": "cp1251", "x-mac-cyrillic": "mac-cyrillic", "utf8": "utf-8"}
    name = aliases.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The charset the page declares in its first few kilobytes."""
    match = _DECLARED.search(data, 0, 8192)
    if not match:
        return None
    return normalise_name(match.group(1) or match.group(2))


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _naturalness(text: str) -> int:
    """Higher when text looks like real prose in some script."""
    score = 0
    prev_letter = False
    prev_accented = False
    for ch in text:
        if ch.isalpha():
            if ch.islower():
                score += 2
            elif prev_letter:
                score -= 2  # capitals inside words are rare in real text
            accented = ch > "\x7f" and "\u00c0" <= ch <= "\u024f"
            if accented and prev_accented:
                score -= 3  # runs of accented Latin: Cyrillic bytes read as Latin-1
            prev_accented = accented
            prev_letter = True
        else:
            prev_letter = prev_accented = False
            if ch == "\ufffd" or ("\x80" <= ch <= "\x9f"):
                score -= 10
            elif ch > "\x7f" and not ch.isspace() and ch not in "«»„“”‘’–—…№€":
                score -= 1
    return score


def detect(data: bytes) -> str:
    """Best legacy encoding for bytes that are not valid UTF-8."""
    if len(_NON_ASCII.findall(data, 0, 65536)) == 0:
        return "cp1252"
    # Score only the non-ASCII neighbourhoods: markup is ASCII and says nothing.
    sample = b" ".join(m.group(0) for m in re.finditer(rb"[^\x00-\x40\x5b-\x60\x7b-\x7f]{2,}", data[:200_000]))[:20000]
    best, best_score = "cp1252", None
    for name in CANDIDATES:
        score = _naturalness(sample.decode(name, "replace"))
        if best_score is None or score > best_score:
            best, best_score = name, score
    return best


def mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 multi-byte sequences outnumber stray high bytes: a UTF-8 page with a few bad bytes."""
    good = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data[:200_000]))
    high = len(_NON_ASCII.findall(data, 0, 200_000))
    return good > 0 and good * 2 >= high / 2


def choose(data: bytes, declared: str | None = None) -> str:
    """The encoding to decode `data` with (no BOM present)."""
    declared = declared or declared_encoding(data)
    if declared and declared.startswith("utf-16") or declared == "utf-32":
        declared = None  # a page that reached us as 8-bit bytes is not UTF-16
    if declared == "utf-8" or declared is None:
        if is_utf8(data):
            return "utf-8"
        if mostly_utf8(data):
            return "utf-8-mixed"
        return detect(data)
    # A single-byte declaration: trust it unless the bytes are clearly UTF-8.
    if _NON_ASCII.search(data) and is_utf8(data):
        return "utf-8"
    return declared


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding used)."""
    bom = bom_encoding(data)
    if bom:
        name, size = bom
        return data[size:].decode(name, "replace"), name
    name = choose(data, declared)
    if name == "utf-8-mixed":
        # A UTF-8 page with some windows-1252 bytes pasted in: Beautiful Soup's
        # detwingle repairs exactly this case.
        from bs4.dammit import UnicodeDammit

        return UnicodeDammit.detwingle(data).decode("utf-8", "replace"), "utf-8"
    return data.decode(name, "replace"), name
