"""Find the character encoding of a page's bytes.

Order: byte-order mark, then what the page declares (`<meta charset>`,
http-equiv, XML declaration), then detection. A declaration is trusted only
when the bytes agree with it: a page that says windows-1251 but is valid
UTF-8 full of multi-byte letters was re-saved as UTF-8 by a browser; a page
that says UTF-8 but is not is decoded by detection instead; a page that
declares one legacy encoding but plainly reads as another (the old
"iso-8859-1" server default on a Russian page) is decoded as the other.

Detection knows the legacy encodings Pangea's services used (Cyrillic,
Arabic-script, Central European, Turkish, Baltic, Western) and the letters of
the languages each one served. Each candidate reads the words that hold
non-ASCII bytes; it scores for letters of one of its languages and lower-case
text, and loses for what wrong guesses produce: capitals inside words (KOI8-R
read as windows-1251 swaps the case), letters of two scripts in one word
(Hungarian read as Cyrillic), symbols and control characters inside words
(DOS Cyrillic read as windows-1251). Scores are computed from byte and
byte-pair counts, so detection costs the same whatever the page's size.
Before them, the double-byte encodings of VOA's Chinese and Korean services
(GBK, Big5, EUC-KR) are tried: one wins only if it decodes the bytes almost
without errors into text full of the language's commonest characters.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

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

# The WHATWG Encoding Standard's label table (https://encoding.spec.whatwg.org/#names-and-labels):
# the only charset names browsers accept, each with the Python codec that reads it. Anything else
# (base64, hex, zlib, rot13, idna, punycode, undefined, UTF-7, EBCDIC...) is no text encoding of a
# web page and is ignored as browsers ignore it. "iso-8859-1" and "ascii" mean windows-1252,
# "iso-8859-9" windows-1254, GBK is read as its superset GB18030, EUC-KR as windows-949.
# "replacement" and "x-user-defined" have no codec here: detection decides.
WHATWG_LABELS: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                  "iso_8859-2:1987", "l2", "latin2"),
    "iso8859-3": ("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                  "iso_8859-3:1988", "l3", "latin3"),
    "iso8859-4": ("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                  "iso_8859-4:1988", "l4", "latin4"),
    "iso8859-5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                  "iso_8859-5", "iso_8859-5:1988"),
    "iso8859-6": ("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
                  "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
                  "iso_8859-6", "iso_8859-6:1987"),
    "iso8859-7": ("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
                  "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"),
    "iso8859-8": ("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
                  "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual",
                  "csiso88598i", "iso-8859-8-i", "logical"),
    "iso8859-10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
               "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
               "us-ascii", "windows-1252", "x-cp1252"),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
               "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                "iso-ir-58", "x-gbk", "gb18030"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022_jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
    "cp949": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
              "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
    "utf-16-be": ("unicodefffe", "utf-16be"),
    "utf-16-le": ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
}
_LABELS = {label: codecs.lookup(codec).name for codec, labels in WHATWG_LABELS.items() for label in labels}
# What the Encoding Standard strips around a label: ASCII white space.
_LABEL_SPACE = "\t\n\f\r "

# Non-ASCII lower-case letters of the languages Pangea sites publish in
# (whole alphabets for Cyrillic and Arabic script).
_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
_FA = "ءآأؤئابپتثجچحخدذرزژسشصضطظعغفقكکگلمنهويیة" + _HARAKAT
ALPHABETS = {
    "ru": _RU,
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "kk": _RU + "әғқңөұүһі",
    "ar": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي" + _HARAKAT,
    "fa": _FA,
    "ur": _FA + "ٹڈڑںےہھ",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "nl": "áéëïóöü",
    "nordic": "åäöæøéü",
    "sq": "çë",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "hr": "čćđšž",
    "ro": "ăâîșțşţ",
    "tr": "çğıöşüâîû",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "et": "äõöüšž",
}

# The most frequent letters of the non-Latin alphabets: real text is full of
# them, a misread page is not.
FREQUENT = {
    "ru": "оеаинтсрвл", "uk": "оаніветрсл", "be": "аоенірсткл", "bg": "аоеинтрсвл",
    "sr": "аоеинсртјв", "mk": "аоеинтрсвл", "kk": "аеынрлтсқд",
    "ar": "اليمونهربت", "fa": "ایرندومهبت", "ur": "اےیرنکہوتم",
}

_CENTRAL = ("cs", "sk", "pl", "hu", "hr", "ro", "sq", "de")
_WESTERN = ("fr", "de", "es", "pt", "it", "nl", "sq", "nordic")
# Candidate legacy encodings with the languages they served, most likely first
# (on a tie the earlier one wins; ties mostly mean identical decodings).
CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cp1251", ("ru", "uk", "be", "bg", "sr", "mk")),
    ("koi8-r", ("ru", "bg")),
    ("koi8-u", ("ru", "uk", "bg")),
    ("iso8859-5", ("ru", "uk", "be", "bg", "sr", "mk")),
    ("cp866", ("ru", "bg")),
    ("kz1048", ("kk",)),
    ("cp1256", ("ar", "fa", "ur")),
    ("iso8859-6", ("ar",)),
    ("cp1252", _WESTERN),
    ("cp1250", _CENTRAL),
    ("iso8859-2", _CENTRAL),
    ("iso8859-16", ("ro", "pl", "hu", "hr", "sq", "de", "fr", "it")),
    ("cp1254", ("tr",) + _WESTERN),
    ("cp1257", ("lt", "lv", "et", "de")),
)
_LANGUAGES = dict(CANDIDATES)
# Double-byte encodings of VOA's Chinese and Korean services, with the most
# common characters of their text.
DOUBLE_BYTE = (
    ("gb18030", "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会也对生能而子那得于着下自之年过发后作里"),
    ("big5", "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會也對生能而子那得於著下自之年過發後作裡"),
    ("cp949", "이의는에다가을를한고하서지로기도있사정인대으일시자수국부년"),
)

# Punctuation that real text carries inside or beside words.
_TEXT_PUNCTUATION = frozenset("«»„“”‘’‚–—…•·№€%\u060c\u061b\u061f\u066a\u066b\u066c")
_WINDOW = 400_000  # bytes of a page that encoding decisions look at
_WIDE = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Words are runs of letter bytes (ASCII letters and every non-ASCII byte); detection learns only
# from those that hold a non-ASCII byte. Every other byte becomes a space, so split() finds them.
_NON_LETTERS_TO_SPACE = bytes(b if (65 <= b <= 90 or 97 <= b <= 122 or b >= 0x80) else 32 for b in range(256))
_SAMPLE_BYTES = 2_000
_TOKENS_AT_ONCE = 512
_ASCII_BYTES = bytes(range(0x80))


def _has_non_ascii(data: bytes) -> bool:
    """Any byte over 0x7F in the first _WINDOW bytes (bytes.isascii runs at memory speed; a regex
    search crawls through a long ASCII head byte by byte)."""
    return not (data if len(data) <= _WINDOW else data[:_WINDOW]).isascii()
# Character classes of a decoded byte.
LOWER, UPPER, CASELESS, NEUTRAL, PUNCT, SYMBOL, BAD = range(7)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def codec_for_label(label: str | bytes | None) -> str | None:
    """The Python codec for a charset label as browsers read it (WHATWG Encoding Standard), or None.

    The one place a declared charset becomes a codec: <meta>, <?xml encoding>, MHTML part
    headers, Safari archives and web archives' HTTP Content-Type all come through here, so a
    label that is no text encoding of the web ("base64", "rot13", "utf-7") never reaches a codec."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    return _LABELS.get(label.strip(_LABEL_SPACE).lower())


normalise_name = codec_for_label  # its name before the WHATWG table, for code written against that


def declared_encoding(data: bytes) -> str | None:
    """The charset the page declares in its first few kilobytes."""
    match = _DECLARED.search(data, 0, 8192)
    if not match:
        return None
    return codec_for_label(match.group(1) or match.group(2))


def is_utf8(data: bytes) -> bool:
    """Valid UTF-8, allowing a sequence cut off at the very end (a truncated download)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def mostly_utf8(data: bytes) -> bool:
    """A UTF-8 page with a few stray bytes: well-formed multi-byte sequences hold most non-ASCII bytes.

    Counted at C speed: the non-ASCII bytes by deleting the ASCII ones, the stray ones by what a
    decode that ignores errors drops."""
    window = data[:_WINDOW]
    high = len(window.translate(None, _ASCII_BYTES))
    if not high:
        return False
    stray = len(window) - len(window.decode("utf-8", "ignore").encode("utf-8"))
    return high - stray >= 6 and stray <= 0.2 * high


@functools.lru_cache(maxsize=None)
def _table(codec: str) -> tuple[tuple[str, int, str], ...]:
    """For each byte: the character `codec` reads, its class and its script.

    Built the first time a page needs detection, in every process: one decode of all 256
    bytes (the candidates are single-byte codecs), and each character looked up once for
    all codecs (their ASCII halves are the same)."""
    chars = bytes(range(256)).decode(codec, "replace")
    if len(chars) != 256:  # not single-byte after all: byte by byte
        chars = [bytes([b]).decode(codec, "replace") for b in range(256)]
    return tuple(map(_char_info, chars))


@functools.lru_cache(maxsize=None)
def _char_info(ch: str) -> tuple[str, int, str]:
    return ch, _char_class(ch), _script(ch)


def _char_class(ch: str) -> int:
    cat = unicodedata.category(ch)
    if ch == "\ufffd" or cat in ("Cc", "Co", "Cn", "Cs"):
        return BAD
    if cat == "Ll":
        return LOWER
    if cat in ("Lu", "Lt"):
        return UPPER
    if cat in ("Lo", "Lm", "Mn"):
        return CASELESS
    if cat in ("Zs", "Cf") or ch == "\u00ad":
        return NEUTRAL
    if ch in _TEXT_PUNCTUATION:
        return PUNCT
    return SYMBOL


def _script(ch: str) -> str:
    if ch < "\x80":
        return "LATIN" if ch.isalpha() else ""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if unicodedata.category(ch)[0] in "LM" else ""


@functools.lru_cache(maxsize=None)
def _membership(codec: str, language: str) -> tuple[int, ...]:
    """Per byte: +3 for a frequent letter of `language`, +2 for another, -4 for any other non-ASCII letter."""
    alphabet = ALPHABETS[language]
    frequent = FREQUENT.get(language, "")
    table = _table(codec)
    weights = [0] * 256
    for b in _scored_bytes(codec):
        low = table[b][0].lower()[:1]
        weights[b] = 3 if low in frequent else 2 if low in alphabet else -4
    return tuple(weights)


@functools.lru_cache(maxsize=None)
def _scored_bytes(codec: str) -> frozenset[int]:
    """The bytes every language scores in `codec`: non-ASCII letters whose lower case is not ASCII."""
    return frozenset(b for b, (ch, cls, _) in enumerate(_table(codec))
                     if b >= 0x80 and cls in (LOWER, UPPER, CASELESS) and ch.lower()[:1] >= "\x80")


def _words(window: bytes) -> bytes:
    """The words of WINDOW that hold a non-ASCII byte, joined by spaces, stopping once there are
    more than _SAMPLE_BYTES.

    Only the white-space-separated tokens that hold a non-ASCII byte are read (found at C speed,
    a few hundred tokens at a time): a word never crosses white space, so the result is the same
    as over the whole window, and the markup and ASCII text in between cost nothing. The words are
    cut out with translate and split (a regex doing the same cost 40 ns a byte)."""
    found: list[bytes] = []
    size = 0
    rest = window
    while rest and size <= _SAMPLE_BYTES + 1:
        tokens = rest.split(None, _TOKENS_AT_ONCE)
        rest = tokens.pop() if len(tokens) > _TOKENS_AT_ONCE else b""
        letters = b" ".join([t for t in tokens if not t.isascii()]).translate(_NON_LETTERS_TO_SPACE)
        words = [word for word in letters.split() if not word.isascii()]
        found.extend(words)
        size += sum(map(len, words)) + len(words)
    return b" ".join(found)


def _sample(data: bytes) -> bytes:
    """The words that hold non-ASCII bytes (the first few kilobytes of them), joined by spaces."""
    sample = b""
    for end in (65_536, _WINDOW):  # most pages have enough words in their first 64 KB
        # a space between words: pairs across it score nothing
        sample = _words(data[:end])
        if len(sample) > _SAMPLE_BYTES or end >= len(data):
            break
    if len(sample) > _SAMPLE_BYTES:
        cut = sample.find(b" ", _SAMPLE_BYTES)
        sample = sample[:cut] if cut > 0 else sample
    return sample


@functools.lru_cache(maxsize=None)
def _pair_maps(codec: str) -> tuple[bytes, bytes, tuple[bytes, ...]]:
    """Byte translations that turn pair penalties into substring counts (C speed):
    a case map (l/U: non-ASCII lower/upper case, a/A: ASCII ones), a script map (one
    symbol per script, ASCII letters as Latin), and the scripts' symbols."""
    table = _table(codec)
    case = bytearray(b" " * 256)
    script = bytearray(b" " * 256)
    symbols: dict[str, int] = {}
    for b, (_, cls, name) in enumerate(table):
        if cls == LOWER:
            case[b] = ord("l") if b >= 0x80 else ord("a")
        elif cls == UPPER:
            case[b] = ord("U") if b >= 0x80 else ord("A")
        if name:
            script[b] = symbols.setdefault(name, 0x21 + len(symbols))
    return bytes(case), bytes(script), tuple(bytes([x]) for x in symbols.values())


@functools.lru_cache(maxsize=None)
def _single_maps(codec: str) -> tuple[bytes, bytes, tuple[bytes, ...]]:
    """Byte translations that turn the per-byte scores into counts: non-ASCII bytes as B (control or
    unmapped), S (stray symbol), L (lower-case or caseless letter); the bytes that are not letters
    any language scores (to delete: what is left are the scored letters); and for each of the
    codec's languages, letters as 3 (frequent) or n (a letter it does not use)."""
    table = _table(codec)
    kinds = bytearray(b" " * 256)
    for b in range(0x80, 256):
        cls = table[b][1]
        kinds[b] = ord("B") if cls == BAD else ord("S") if cls == SYMBOL else \
            ord("L") if cls in (LOWER, CASELESS) else ord(" ")
    symbol = {3: ord("3"), 2: ord(" "), -4: ord("n"), 0: ord(" ")}
    weights = tuple(bytes(symbol[w] for w in _membership(codec, lang)) for lang in _LANGUAGES.get(codec, ()))
    scored = _scored_bytes(codec)
    return bytes(kinds), bytes(b for b in range(256) if b not in scored), weights


def _single_terms(codec: str, sample: bytes) -> tuple[int, int]:
    """The per-byte part of the score (letters against stray symbols and control bytes) and how
    many of the sample's bytes are letters the codec's languages score."""
    kind_map, unscored, _ = _single_maps(codec)
    kinds = sample.translate(kind_map)
    base = kinds.count(b"L") - 4 * kinds.count(b"S") - 10 * kinds.count(b"B")
    return base, len(sample.translate(None, unscored))


def _score(codec: str, sample: bytes, terms: tuple[int, int] | None = None) -> int:
    """How natural the sample reads in `codec` (see the module docstring). Every term is a count
    of symbols in a translation of the sample, so scoring runs at C speed; pairs that cannot
    occur (a symbol absent from the sample) are not counted."""
    score, scored = terms or _single_terms(codec, sample)
    case_map, script_map, symbols = _pair_maps(codec)
    cases = sample.translate(case_map)
    # a capital inside a word (one of the two letters non-ASCII)
    if b"U" in cases:
        score -= 4 * (cases.count(b"lU") + cases.count(b"aU"))
    if b"A" in cases and b"l" in cases:
        score -= 4 * cases.count(b"lA")
    scripts = sample.translate(script_map)
    # two scripts in one word (ASCII letters share the Latin script, so one is non-ASCII)
    present = [s for s in symbols if s in scripts]
    if len(present) > 1:
        score -= 6 * sum(scripts.count(x + y) for x in present for y in present if x != y)
    language_maps = _single_maps(codec)[2]
    if language_maps:
        # Per language 3 per frequent letter, 2 per other letter of its alphabet, -4 per letter
        # it does not use; every scored letter is one of the three: 2 * scored + frequent - 6 * foreign.
        score += max(2 * scored + m.count(b"3") - 6 * m.count(b"n")
                     for m in (sample.translate(lm) for lm in language_maps))
    return score


@functools.lru_cache(maxsize=None)
def _bound_maps(codec: str) -> tuple[bytes, bytes]:
    """Bytes to delete to keep the letters frequent in ANY of the codec's languages, and to keep
    those foreign to ALL of them."""
    languages = _LANGUAGES.get(codec, ())
    weights = [_membership(codec, lang) for lang in languages]
    frequent_in_any = {b for w in weights for b, x in enumerate(w) if x == 3}
    foreign_to_all = set.intersection(*({b for b, x in enumerate(w) if x == -4} for w in weights)) \
        if weights else set()
    return (bytes(b for b in range(256) if b not in frequent_in_any),
            bytes(b for b in range(256) if b not in foreign_to_all))


def _upper_bound(codec: str, sample: bytes, terms: tuple[int, int]) -> int:
    """A score `codec` cannot beat: the pair penalties at zero, and every language given the
    frequent letters of any of them and the foreign letters of all of them."""
    base, scored = terms
    if not _single_maps(codec)[2]:
        return base
    frequent, foreign = _bound_maps(codec)
    return (base + 2 * scored + len(sample.translate(None, frequent))
            - 6 * len(sample.translate(None, foreign)))


def best_candidate(sample: bytes) -> tuple[int, str]:
    """rank(...)[0] without scoring every candidate in full: candidates are scored in the order
    of an upper bound of their score, and the search stops when no bound left can beat (or tie
    with an earlier candidate) the best score found."""
    terms = [_single_terms(codec, sample) for codec, _ in CANDIDATES]
    bounds = sorted(((-_upper_bound(codec, sample, terms[i]), i) for i, (codec, _) in enumerate(CANDIDATES)))
    best: tuple[int, int] | None = None  # (score, index)
    for negative_bound, i in bounds:
        if best is not None and (-negative_bound, -i) <= (best[0], -best[1]):
            break
        score = _score(CANDIDATES[i][0], sample, terms[i])
        if best is None or (score, -i) > (best[0], -best[1]):
            best = (score, i)
    assert best is not None
    return best[0], CANDIDATES[best[1]][0]


def rank(data: bytes, sample: bytes | None = None) -> list[tuple[int, str]]:
    """Every candidate encoding with its score, best first (ties keep the candidates' order):
    what best_candidate must agree with, and a view of why detection chose what it did."""
    sample = _sample(data) if sample is None else sample
    scored = [(_score(codec, sample), -i, codec) for i, (codec, _) in enumerate(CANDIDATES)]
    scored.sort(reverse=True)
    return [(score, codec) for score, _, codec in scored]


def _decode_unless_garbled(window: bytes, codec: str, most_errors: int) -> str | None:
    """WINDOW decoded with `codec`, or None as soon as more than MOST_ERRORS bytes failed to
    decode (a single-byte page read as GBK fails within its first kilobytes: no need to decode
    the rest to know)."""
    decoder = codecs.getincrementaldecoder(codec)("replace")
    parts, errors = [], 0
    start, size = 0, 1024  # pieces of 1, 2, 4, 8, 8... KB: a garbled reading fails in the first ones
    while start < len(window):
        part = decoder.decode(window[start:start + size], final=False)
        errors += part.count("\ufffd")
        if errors > most_errors:
            return None
        parts.append(part)
        start, size = start + size, min(2 * size, 8192)
    return "".join(parts)


def _double_byte(data: bytes) -> str | None:
    """The CJK encoding (VOA's Chinese and Korean services) that reads the page as real text, if any.

    A double-byte encoding must decode the bytes almost without errors, and the
    text must be full of the language's most common characters: Big5 read as
    GBK, or Cyrillic read as either, decodes to rare characters or fails.
    """
    window = data[:65536]
    high = len(window.translate(None, _ASCII_BYTES))
    best, best_hits = None, 0
    for codec, common in DOUBLE_BYTE:
        text = _decode_unless_garbled(window, codec, high // 100)
        if text is None:
            continue
        letters = len(_WIDE.findall(text))
        hits = sum(text.count(ch) for ch in common)
        # Real text: one character in every few is among the commonest forty.
        if hits >= 5 and hits * 8 >= letters and hits > best_hits:
            best, best_hits = codec, hits
    return best


def detect(data: bytes) -> str:
    """Best legacy encoding for bytes that are not valid UTF-8."""
    if not _has_non_ascii(data):
        return "cp1252"
    return _double_byte(data) or best_candidate(_sample(data))[1]


def _reads_well(codec: str, singles: Counter) -> bool:
    """The page plainly reads in `codec`: its non-ASCII bytes are nearly all letters of one of the
    codec's languages, mostly lower case, with no control bytes or stray symbols. A page this clean
    needs no comparison with the other candidates (a KOI8-R page read as windows-1251, say, turns
    upper case and fails here)."""
    table = _table(codec)
    high = letters = lower = bad = 0
    for b, n in singles.items():
        if b < 0x80:
            continue
        high += n
        cls = table[b][1]
        if cls in (LOWER, CASELESS):
            letters += n
            lower += n
        elif cls == UPPER:
            letters += n
        elif cls in (BAD, SYMBOL):
            bad += n
    if not high or bad * 50 > high or lower < 0.6 * letters or letters < 0.9 * high:
        return False
    return any(sum(_membership(codec, lang)[b] * n for b, n in singles.items()) >= 2 * letters
               for lang in _LANGUAGES.get(codec, ()))


def _declared_holds(data: bytes, declared: str) -> bool:
    """A single-byte declaration stands unless another encoding reads the page far better."""
    if declared not in _LANGUAGES or not _has_non_ascii(data):
        return True
    sample = _sample(data)
    if _reads_well(declared, Counter(sample)):
        return True
    best = best_candidate(sample)[0]
    return best <= 0 or _score(declared, sample) >= best - max(20, best // 4)


def choose(data: bytes, declared: str | None = None) -> str:
    """The encoding to decode `data` with (no BOM present); "utf-8-mixed" for UTF-8 with stray bytes."""
    declared = codec_for_label(declared) or declared_encoding(data)
    if declared and declared.startswith(("utf-16", "utf-32")):
        declared = None  # a page that reached us as 8-bit bytes is not UTF-16
    if declared == "utf-8" or declared is None:
        if is_utf8(data):
            return "utf-8"
        if mostly_utf8(data):
            return "utf-8-mixed"
        return detect(data)
    if _has_non_ascii(data):  # declared legacy, saved as UTF-8 by a browser
        if is_utf8(data):
            return "utf-8"
        if mostly_utf8(data):
            return "utf-8-mixed"
    if not _declared_holds(data, declared):
        return detect(data)
    return declared


def _stray_as_cp1252(err: UnicodeDecodeError):
    """Decode error handler: a byte that is not part of valid UTF-8 is read as windows-1252."""
    return err.object[err.start:err.end].decode("cp1252", "replace"), err.end


codecs.register_error("newsparse-cp1252", _stray_as_cp1252)


def decode_as(data: bytes, name: str) -> str:
    """Decode with an encoding `choose` picked; "utf-8-mixed" reads stray bytes as windows-1252."""
    if name == "utf-8-mixed":
        # A UTF-8 page with some windows-1252 bytes pasted in: the repair Beautiful
        # Soup's UnicodeDammit.detwingle makes, done by the codec at C speed.
        return data.decode("utf-8", "newsparse-cp1252")
    return data.decode(name, "replace")


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding used)."""
    bom = bom_encoding(data)
    if bom:
        name, size = bom
        return data[size:].decode(name, "replace"), name
    name = choose(data, declared)
    return decode_as(data, name), "utf-8" if name == "utf-8-mixed" else name
