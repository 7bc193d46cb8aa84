"""Page addresses: which candidate is a real web address, and the site (host) it names.

Pages and their containers offer several addresses (canonical link, og:url,
utag_data, MHTML Content-Location, a "saved from" comment, the caller's
--url); any of them can be relative, blank or broken. Only an http(s)
address with a host is ever reported.
"""

from __future__ import annotations

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
