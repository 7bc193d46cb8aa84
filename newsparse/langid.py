"""The language of a text from its script, its letters and its most frequent words.

For text dumps whose chrome names no language (or only English chrome, which
many services show): the script narrows the choice to the services written in
it (lexicon.SCRIPTS), then letters that only some of those languages use and a
small table of each language's most frequent words decide. No model, no
dependency: a few hundred characters of tables, and a guess only when the
text gives evidence (nothing is returned for a text with no known word).
"""

from __future__ import annotations

import re

from . import lexicon

# Letters of each script, to tell which script a text is mostly written in.
SCRIPT_LETTERS = {
    "cyrl": re.compile(r"[\u0400-\u04ff]"), "arab": re.compile(r"[\u0600-\u06ff]"),
    "geor": re.compile(r"[\u10a0-\u10ff]"), "armn": re.compile(r"[\u0530-\u058f]"),
    "latn": re.compile(r"[A-Za-z\u00c0-\u024f]"), "hani": re.compile(r"[\u4e00-\u9fff]"),
    "hang": re.compile(r"[\uac00-\ud7af]"), "khmr": re.compile(r"[\u1780-\u17ff]"),
    "mymr": re.compile(r"[\u1000-\u109f]"), "beng": re.compile(r"[\u0980-\u09ff]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"), "laoo": re.compile(r"[\u0e80-\u0eff]"),
    "ethi": re.compile(r"[\u1200-\u137f]"),
}

# Letters that few of the languages sharing a script use (each occurrence is one point).
LETTERS = {
    "uk": "їєґ", "be": "ў", "kk": "ұқәіғңөүһ", "ky": "ңөү", "tt": "җәңөүһ", "ba": "ҙҡҫ", "tg": "ӣӯҷҳқғ",
    "uz": "ўқҳғ", "mk": "ѓќѕ", "sh": "ђћčćđ", "ru": "ыэ", "ce": "ӏ",
    "ps": "ټډړږښګڼېۍځڅ", "fa": "", "prs": "",
    "ro": "ășțşţ", "sq": "ë", "hu": "őű", "az": "ə", "tk": "äňýž", "crh": "ñ", "tr": "ığ",
    "es": "ñ¿¡", "fr": "èêàù",
    "ti": "ኣቐ",  # Tigrinya writes the glottal a as ኣ where Amharic writes አ, and has the letter ቐ
}

# Each language's most frequent words (and month names where they tell neighbours apart:
# Dari writes the solar months with their Arabic zodiac names, Iran's Persian does not).
WORDS = {
    "en": "the and of to in is that for on with was said has are by from it its this will",
    "fr": "le la les des et est une du dans pour que qui au sur pas ont par avec aux ce été",
    "es": "el la los las de que y en del por con una para se su al es lo como más fue",
    "ro": "și în de la cu pe că care este din au mai pentru fost sunt un o ale lui",
    "sq": "të në dhe për një me se që nga është ka janë u si edhe por tha",
    "hu": "a az és hogy nem egy is van de meg ez volt már mint csak azt",
    "az": "və bu ilə bir ki üçün də olan edib deyib onun isə artıq",
    "tr": "ve bir bu için ile olarak olan çok daha gibi kadar sonra ancak ise",
    "tk": "we bilen bu üçin hem bir etdi boýunça bolup ýaly onuň soňra",
    "crh": "ve bu içün bir olaraq ile edi soñ da olğan qırımtatar",
    "sh": "je i u na da se za su od koji sa što nije kao ali bi",
    "uz": "va bu bilan uchun ham edi deb bir oʻz boʻlgan qilib ва билан бу учун ҳам эди деб ўз бўлган қилиб",
    "tt": "һәм белән бу да дә дип өчен бер аның иде буенча häm belän dip öçen ide",
    "ru": "и в не на что с по это как он из его за от о для также был были она они",
    "uk": "і в у на що не з до це та як від за про також його був була",
    "be": "і у на што не з да гэта як па ад для таксама быў",
    "bg": "и на в за да се от че е с не по са това който",
    "mk": "и на во за да се од е со не ќе што тоа",
    "kk": "және мен бұл да де үшін деп оның бар бір болып туралы",
    "ky": "жана менен бул да деп үчүн анын бир болуп тууралуу жок",
    "tg": "ва дар ба аз ки бо ин барои мешавад буд аст карда",
    "ba": "һәм менән был тип өсөн уның ине",
    "ce": "а и ю я бу кху цу шен иза нохчийн",
    "fa": "است در به از که این را با می برای شده کرد فروردین اردیبهشت خرداد مرداد شهریور آبان آذر بهمن اسفند",
    "prs": "است در به از که این را با برای شده حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    "ps": "د په او چې دا له سره کې یې دې هم وايي",
    # Ethiopic: VOA writes Amharic and Tigrinya in it; their function words differ.
    "am": "እና ነው ላይ ወደ ግን ውስጥ ጋር ናቸው ነበር ይህ ይህን ደግሞ አሁን ብለዋል ተናግረዋል ሲሉ አስታውቀዋል",
    "ti": "እዩ ኣብ ናብ ምስ እዚ ካብ እዮም ነይሩ ኢሉ ገይሩ ከም እውን ኣሎ ዝኾነ ኢሎም",
}
_WORD_SETS = {lang: frozenset(words.split()) for lang, words in WORDS.items()}
# A script with a single service language needs no words.
_ONLY_LANGUAGE = {"geor": "ka", "armn": "hy", "hani": "zh", "hang": "ko", "khmr": "km", "mymr": "my",
                  "beng": "bn", "thai": "th", "laoo": "lo"}
_TOKEN = re.compile(r"[^\W\d_][\w'ʻ’]*")
_SAMPLE = 4000  # characters: enough words, bounded time


def script_of(text: str) -> str | None:
    """The script most of the text's letters belong to."""
    sample = text[:_SAMPLE]
    counts = {name: len(rx.findall(sample)) for name, rx in SCRIPT_LETTERS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def scores(text: str, script: str) -> dict[str, int]:
    """Points per language written in SCRIPT: 3 a frequent word, 1 a telling letter."""
    sample = text[:_SAMPLE].lower().replace("’", "ʻ").replace("‘", "ʻ").replace("'", "ʻ")
    tokens = _TOKEN.findall(sample)
    out = {}
    for lang, words in _WORD_SETS.items():
        if script not in lexicon.SCRIPTS.get(lang, ()):
            continue
        points = 3 * sum(1 for t in tokens if t in words)
        points += sum(sample.count(ch) for ch in LETTERS.get(lang, ""))
        out[lang] = points
    return out


def guess(text: str, script: str | None = None) -> str | None:
    """The language TEXT is most likely written in, or None without evidence."""
    script = script or script_of(text)
    if script is None:
        return None
    if script in _ONLY_LANGUAGE:
        return _ONLY_LANGUAGE[script]
    points = scores(text, script)
    if not points:
        return None
    best = max(sorted(points), key=points.get)
    return best if points[best] >= 6 else None
