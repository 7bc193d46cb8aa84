"""Page addresses: which candidate is a real web address, and the site (host) it names.

Pages and their containers offer several addresses (canonical link, og:url,
utag_data, MHTML Content-Location, a "saved from" comment, the caller's
--url); any of them can be relative, blank or broken. Only an http(s)
address with a host is ever reported.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from .textutil import clean


def web_address(value: str | None) -> str | None:
    """`value` if it is an http(s) address with a host, else None."""
    if not value or not value.lower().startswith(("http://", "https://")):
        return None
    try:
        return value if urlsplit(value).hostname else None
    except ValueError:  # "http://[broken/..."
        return None


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
    if not url:
        return None
    try:
        netloc = urlsplit(url).hostname
    except ValueError:
        return None
    if not netloc:
        return None
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
