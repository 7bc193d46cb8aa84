"""Chrome labels of Pangea pages, one table per language.

This is data, not logic: adding a service means adding rows here (and a
fixture). The matching helpers at the bottom fold case, Unicode forms,
zero-width non-joiners and edge punctuation, so a row is written once as the
page shows it. English rows apply everywhere, because many services render
English chrome ("Accessibility links" on the Georgian site, player texts on
most services).

Categories:
  skip        the accessibility heading and skip links
  breaking    the "Breaking News" banner label
  chrome      share / print / embed / player / widget / navigation lines
  card        author-card and service self-description lines
  legal       legal notices (matched by their opening words)
  credit      openers of trailing attribution lines ("With reporting by")
  byline      prefixes before author names ("By")
"""

from __future__ import annotations

import re

from .textutil import fold

LABELS: dict[str, dict[str, list[str]]] = {
    "en": {
        "skip": ["Accessibility links", "Skip to main content", "Skip to main Navigation", "Skip to Search",
                 "Search RFE/RL"],
        "breaking": ["Breaking News"],
        "chrome": ["please wait", "No media source currently available", "Direct link", "Embed", "Share",
                   "Print", "Print Options:", "Comments", "See comments", "Show comments", "Follow us",
                   "Most popular", "Most Popular", "Related", "Latest", "Read more", "Also read", "Also Read",
                   "Download", "Audio Downloads", "Load more", "Episodes", "See all episodes",
                   "See TV Programs See Radio Programs", "Editors' Picks", "Blog Archive",
                   "About This Newsletter", "About This Blog", "About This Page", "Subscribe", "Back to top",
                   "Languages", "Previous Next", "logo-print", "Listen", "Watch", "Updated", "update",
                   "The URL has been copied to your clipboard", "The code has been copied to your clipboard.",
                   "Your browser doesn’t support HTML5", "Your browser doesn't support HTML5",
                   "No media source currently available", "Close", "Search", "Menu", "Live",
                   "This image contains sensitive content which some people may find offensive or disturbing "
                   "- Click to reveal"],
        "card": ["16x9 Image",
                 "RFE/RL journalists report the news in 27 languages in 23 countries where a free press is "
                 "banned by the government or not fully established."],
        "legal": ["RFE/RL has been declared an \"undesirable organization\" by the Russian government.",
                  "RFE/RL has been declared an “undesirable organization” by the Russian government.",
                  "If you are in Russia or the Russia-controlled parts of Ukraine and hold a Russian passport",
                  "To find out more, click here."],
        "credit": ["With reporting by", "With additional reporting by", "Based on reporting by",
                   "Compiled by", "Reporting by", "Written by", "To read the original story by",
                   "Some information for this report came from", "Some material for this report came from",
                   "Material for this report came from", "Information for this report came from"],
        "byline": ["By"],
    },
    "ru": {
        "skip": ["Ссылки для упрощенного доступа", "Доступность ссылок", "Линки доступности",
                 "Перейти к основному материалу", "Перейти к главной навигации", "Перейти к поиску"],
        "breaking": ["Срочные новости", "Срочно"],
        "chrome": ["пожалуйста, подождите", "Ваш браузер не поддерживает HTML5", "Выпуски", "КОММЕНТАРИИ",
                   "Комментарии", "Поделиться", "Печать", "Читайте также", "Смотрите также", "Самое читаемое",
                   "Популярное", "Прямая ссылка", "Встроить", "Загрузить ещё", "Все выпуски"],
        "legal": ["ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ "
                  "МАССОВОЙ ИНФОРМАЦИИ",
                  "НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ "
                  "АГЕНТОМ",
                  "Радио Свобода (RFE/RL) признано в России «нежелательной организацией»"],
        "credit": ["При участии", "По материалам", "С использованием материалов"],
        "byline": ["Автор", "Авторы"],
    },
    "uk": {
        "skip": ["Доступність посилання", "Спеціальні потреби", "Перейти до основного матеріалу",
                 "Перейти до головної навігації", "Перейти до пошуку"],
        "breaking": ["ТОП новини"],
        "chrome": ["Будь ласка, зачекайте", "Форум", "Поділитися", "Друк", "Читайте також",
                   "Пряме посилання"],
        "credit": ["За матеріалами", "За участі", "(Відео Російської редакції Радіо Свобода)"],
    },
    "be": {"skip": ["Лінкі ўнівэрсальнага доступу"]},
    "sh": {
        "skip": ["Dostupni linkovi", "Pređite na glavni sadržaj", "Pređite na glavnu navigaciju",
                 "Pređite na pretragu"],
        "chrome": ["molimo pričekajte", "Pogledajte / Poslušajte", "Pogledajte sve epizode", "Direktan link",
                   "Podijelite", "Pop-out plejer", "Slušajte uživo", "Tekst", "O programu", "Uživo"],
    },
    "bg": {
        "skip": ["Връзки за достъпност"],
        "breaking": ["Извънредни новини"],
        "chrome": ["Форум"],
    },
    "hu": {"skip": ["Akadálymentes mód"], "breaking": ["A legfrissebb hírek"]},
    "crh": {"skip": ["Link açıqlığı"], "breaking": ["Saatnıñ esas haberi"]},
    "ce": {"skip": ["ТIекхочийла долу линкаш"], "breaking": ["ЦIеххьана кхаьчна хаам!"]},
    "ky": {"skip": ["Линктер"], "breaking": ["ЧУКУЛ КАБАР!"]},
    "kk": {"chrome": ["ПІКІРЛЕР"]},
    "az": {"skip": ["Keçid linkləri"], "chrome": ["Gözlə", "Direct-ə keçid"]},
    "tk": {"skip": ["Sepleriň elýeterliligi"], "breaking": ["Soňky habar", "Göni efirde"]},
    "tt": {"breaking": ["Кайнар хәбәр"]},
    "tg": {"skip": ["Пайвандҳои дастрасӣ"], "breaking": ["Хабари нав"],
           "chrome": ["Браузери шумо HTML5-ро намешиносад"]},
    "fa": {"skip": ["لینکهای قابلیت دسترسی", "لینک‌های قابلیت دسترسی", "لینکهای قابل دسترسی"],
           "breaking": ["خبر فوری"]},
    "prs": {"skip": ["لینکهای قابل دسترسی"], "breaking": ["خبر تازه"], "chrome": ["لینک مستقیم"]},
    "ps": {"skip": ["د لاسرسي ځای"], "breaking": ["تازه خبر"]},
    "hy": {"skip": ["Մատչելի հղումներ"]},
    "zh": {"skip": ["无障碍链接"], "chrome": ["请稍等", "没有媒体可用资源", "您的浏览器不支持HTML5"]},
    "es": {"skip": ["Enlaces de accesibilidad"]},
}

# Whole-line patterns that are chrome in any language.
PATTERNS = [
    r"(?:XS|SM|MD|LG)(?:\s+(?:XS|SM|MD|LG))*",  # breakpoint labels, alone or flattened
    r"\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}:\d{2}(?::\d{2})?",  # player counter
    r"[•·*\-]\s*16x9 Image",
    r"Image",
]


def _build():
    exact: dict[str, set[str]] = {}
    prefixes: list[str] = []
    credits: list[str] = []
    bylines: list[str] = []
    for lang, table in LABELS.items():
        for cat in ("skip", "breaking", "chrome", "card"):
            for label in table.get(cat, ()):
                exact.setdefault(fold(label), set()).add(lang)
        prefixes.extend(fold(s)[:60] for s in table.get("legal", ()))
        credits.extend(fold(s) for s in table.get("credit", ()))
        bylines.extend(table.get("byline", ()))
    return exact, tuple(prefixes), tuple(credits), bylines


_EXACT, _LEGAL, _CREDIT, _BYLINE = _build()
_PATTERN = re.compile("(?:" + "|".join(PATTERNS) + r")\s*", re.I)
_BYLINE_PREFIX = re.compile(r"^\s*(?:" + "|".join(map(re.escape, sorted(_BYLINE, key=len, reverse=True)))
                            + r")\s*[:\-–—]?\s+", re.I)


def is_chrome(line: str) -> bool:
    """A line (or block's text) that is page chrome in some language."""
    key = fold(line)
    if not key:
        return True
    return key in _EXACT or is_legal(line) or _PATTERN.fullmatch(line.strip()) is not None


def languages_of(line: str) -> set[str]:
    """The languages whose chrome includes this exact line (empty if none)."""
    return _EXACT.get(fold(line), set())


def is_legal(line: str) -> bool:
    """A legal notice (undesirable-organization disclaimer, foreign-agent label)."""
    key = fold(line)
    return any(key.startswith(p) for p in _LEGAL)


def is_credit(line: str) -> bool:
    """A trailing attribution line such as "With reporting by Reuters"."""
    key = fold(line)
    return any(key.startswith(p) for p in _CREDIT)


def is_card_marker(line: str) -> bool:
    """The first line of an author card ("16x9 Image")."""
    return fold(line).lstrip("•·*- ") == "16x9 image"


def strip_byline_prefix(text: str) -> str:
    """"By Jane Doe" -> "Jane Doe"; "RFE/RL" stays whole."""
    return _BYLINE_PREFIX.sub("", text, count=1).strip()
