"""Page addresses: which candidate is a real web address, and the site (host) it names.

Pages and their containers offer several addresses (canonical link, og:url,
utag_data, MHTML Content-Location, a "saved from" comment, the caller's
--url); any of them can be relative, blank or broken. Only an http(s)
address with a host and a valid port is ever reported, and its host is read
as browsers read it (the WHATWG URL Standard): a backslash is a slash, so
`https://evil.example\\@www.rferl.org/` is on evil.example, not rferl.org.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from .textutil import clean

# Browsers drop tabs and newlines anywhere in an address and C0 controls and spaces around it.
_DROPPED = str.maketrans("", "", "\t\n\r")
_AROUND = "".join(map(chr, range(0x21)))


def _as_browsers_read(value: str) -> str:
    """An http(s) address as a browser's parser sees it: tabs and newlines dropped, controls and
    spaces trimmed, every backslash a slash (special schemes treat them alike)."""
    if value.isprintable() and " " not in value and "\\" not in value:
        return value  # the common case, told at C speed
    return value.translate(_DROPPED).strip(_AROUND).replace("\\", "/")


def _address(value: str | None) -> tuple[str, str] | None:
    """`value` as browsers read it and its host, if it is an http(s) address with a host and a
    port in range; None for anything else."""
    if not value:
        return None
    value = _as_browsers_read(value)
    if not value[:8].lower().startswith(("http://", "https://")):
        return None
    try:
        parts = urlsplit(value)
        if ":" in parts.netloc:
            parts.port  # raises ValueError past 65535 or for a port that is not a number
    except ValueError:  # "http://[broken/...", "http://host:99999999/"
        return None
    hostname = parts.hostname
    return (value, hostname) if hostname else None


def web_address(value: str | None) -> str | None:
    """`value` as browsers read it if it is an http(s) address with a host, else None."""
    found = _address(value)
    return found[0] if found else None


def page_url(*candidates: str | None, base: str | None = None) -> str | None:
    """The first candidate that is a web address, a relative one ("/a/1.html") resolved against `base`."""
    for candidate in candidates:
        value = clean(candidate)
        if not value:
            continue
        if base and value.startswith("/"):
            try:
                value = urljoin(base, value)
            except ValueError:
                continue
        found = web_address(value)
        if found:
            return found
    return None


def host(url: str | None) -> str | None:
    """The site of an address, without "www."; None for anything that is not one."""
    found = _address(url)
    if not found:
        return None
    netloc = found[1]
    return netloc[4:] if netloc.startswith("www.") else netloc


# A Wayback Machine capture: web.archive.org/web/<timestamp><flags>/<original url>; the flags
# (id_, im_, js_, if_...) pick how the capture is served.
_WAYBACK = re.compile(r"https?://(?:www\.)?web\.archive\.org/web/(\d{1,14})(?:[a-z]{2}_)?/+(.*)", re.I | re.S)
_SCHEME = re.compile(r"^(https?):/+", re.I)


def wayback(url: str | None) -> tuple[str, str] | None:
    """(original address, timestamp digits) of a Wayback Machine capture's address, else None."""
    m = _WAYBACK.match(url or "")
    if not m:
        return None
    original, scheme = _SCHEME.subn(r"\1://", m.group(2), 1)  # "https:/www.x.org": a slash lost on the way
    if not scheme:
        original = "http://" + original
    found = web_address(original)
    return (found, m.group(1)) if found else None
