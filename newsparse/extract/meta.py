"""Page metadata that does not depend on layout: <meta> tags, JSON-LD and Pangea's utag_data.

utag_data (the Tealium analytics object) is a JavaScript literal, not JSON;
it is the most reliable page-type signal on Pangea pages, so it is read with
a small tolerant scanner rather than json.loads.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..textutil import clean
from . import dom

# `utag_data = {...};`: where the object opens, and a closing brace that ends the statement.
_UTAG_OPEN = re.compile(r"utag_data\s*=\s*\{")
_UTAG_CLOSE = re.compile(r"\}\s*;")
# "key": "value" with backslash escapes (written as an unrolled loop: no alternation per character).
_UTAG_PAIR = re.compile(r"""["']?(\w+)["']?\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)\"""")



# JSON-LD is whatever a page's script says: the keys the extractors read as text (or as objects)
# are only taken in that shape, so a list where a string belongs is no value rather than an error.
LD_SHAPES: dict[str, type | tuple[type, ...]] = {
    "inLanguage": str, "articleSection": str, "claimReviewed": str, "datePublished": str,
    "dateModified": str, "keywords": (str, list), "author": (dict, list),
    "reviewRating": dict,
}


@dataclass
class Meta:
    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property -> content
    ld: list[dict] = field(default_factory=list)  # JSON-LD objects, @graph flattened
    utag: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    title: str | None = None
    canonical: str | None = None

    def ld_first(self, key: str, types: tuple[str, ...] = ()):
        """The first JSON-LD value for `key`, optionally only from objects of the given @type."""
        shape = LD_SHAPES.get(key, object)
        for obj in self.ld:
            if types and not (_ld_type(obj) & set(types)):
                continue
            value = obj.get(key)
            if value not in (None, "", [], {}) and isinstance(value, shape):
                return value
        return None

    def ld_types(self) -> set[str]:
        return {t for obj in self.ld for t in _ld_type(obj)}


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ld_type(obj: dict) -> set[str]:
    """An object's @type names (a page may put anything there: only strings are names)."""
    return {t for t in _as_list(obj.get("@type")) if isinstance(t, str)}


def _utag_object(script: str) -> str | None:
    """The text between `utag_data = {` and the first `};` after it (str.find, not a lazy regex
    that tests every character)."""
    for opened in _UTAG_OPEN.finditer(script):
        brace = script.find("}", opened.end())
        while brace != -1:
            if _UTAG_CLOSE.match(script, brace):
                return script[opened.end():brace]
            brace = script.find("}", brace + 1)
    return None


def parse_utag(script: str) -> dict[str, str]:
    """Read the string fields of `var utag_data = {...}`."""
    inner = _utag_object(script)
    if inner is None:
        return {}
    out = {}
    for key, raw in _UTAG_PAIR.findall(inner):
        value = raw
        if "\\" in raw:
            try:
                value = json.loads('"' + raw + '"')
            except ValueError:
                pass
        out[key] = html.unescape(value) if "&" in value else value
    return out


def _flatten_ld(data) -> list[dict]:
    """The objects of a JSON-LD block, each @graph replaced by its members, in order (iteratively:
    a page can nest @graph as deep as the JSON reader allows)."""
    out: list[dict] = []
    end = object()
    stack = [iter(_as_list(data))]
    while stack:
        obj = next(stack[-1], end)
        if obj is end:
            stack.pop()
        elif isinstance(obj, dict):
            if "@graph" in obj:
                stack.append(iter(_as_list(obj["@graph"])))
            else:
                out.append(obj)
    return out


def read_ld(text: str) -> list[dict]:
    """The objects of one JSON-LD block; none when it cannot be read (broken JSON, or nested
    deeper than the JSON reader goes: a block that cannot be read is skipped, the page is not)."""
    try:
        return _flatten_ld(json.loads(text))
    except (ValueError, RecursionError):
        return []


def read(tree) -> Meta:
    """Collect <meta>, JSON-LD, utag_data, <html lang> and <title> of a parsed page."""
    m = Meta()
    m.lang = clean(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")) or None
    # One pass over the few element kinds that carry metadata; scripts and
    # links in the body count too (JSON-LD often sits there).
    for el in tree.iter("meta", "script", "link", "title"):
        tag = el.tag
        if tag == "meta":
            key = el.get("property") or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if key and content is not None:
                m.meta.setdefault(key.strip().lower(), content)
        elif tag == "script":
            text = el.text
            if not text:
                continue
            if el.get("type") == "application/ld+json":
                m.ld.extend(read_ld(text))
            elif not m.utag and "utag_data" in text:
                m.utag = parse_utag(text)
        elif tag == "link":
            if m.canonical is None and (el.get("rel") or "").lower() == "canonical":
                m.canonical = el.get("href")
        elif m.title is None:
            m.title = dom.text(el)
    return m


_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?")


def iso_date(value) -> str | None:
    """A date as the page states it, in ISO 8601 form ("2024-04-28 07:00:00Z" -> "2024-04-28T07:00:00Z")."""
    if not value or not isinstance(value, str):
        return None
    value = clean(value)
    if value.startswith(("0001-01-01", "1900-01-01")):
        return None  # Pangea's "no date" placeholders
    dotted = _DOTTED.search(value)
    if dotted and not value[:4].isdigit():  # older layouts: "12.03.2013 14:05"
        day, month, year, hour, minute = dotted.groups()
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            return None
        date = f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{date}T{int(hour):02d}:{minute}" if hour else date
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$", value)
    if not m:
        return None
    date, time, zone = m.groups()
    if not time:
        return date
    return f"{date}T{time}{zone or ''}"


def instant(value: str | None) -> datetime | None:
    """An ISO 8601 date as a point in time (a date without a zone is taken as UTC), for comparing
    and sorting; None when it is not one."""
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    if moment and moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag from a page's lang attribute ("en-us" -> "en-US"); None if it is not one."""
    if not value:
        return None
    value = value.strip().replace("_", "-")
    parts = value.split("-")
    if not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    out = [parts[0].lower()]
    for p in parts[1:]:
        if re.fullmatch(r"[A-Za-z]{2}", p):
            out.append(p.upper())
        elif re.fullmatch(r"[A-Za-z]{4}", p):
            out.append(p.title())
        elif re.fullmatch(r"\d{3}|[A-Za-z0-9]{5,8}", p):
            out.append(p.lower())
        else:
            break
    return "-".join(out)
