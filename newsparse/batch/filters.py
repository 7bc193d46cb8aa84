"""Which parsed articles a batch keeps (--page-type, --language, --min-words), pages and records alike.

None of them needs a model: each reads a field the parse already gives.
"""

from __future__ import annotations

from ..model import Article
from ..summary import article_text, count_words


def language_matches(language: str | None, wanted: tuple[str, ...]) -> bool:
    """`ru` keeps `ru` and `ru-RU`; `ru-RU` keeps only `ru-RU` (BCP 47 prefixes, ignoring case)."""
    if not language:
        return False
    tag = language.lower().replace("_", "-")
    return any(tag == w or tag.startswith(w + "-") for w in wanted)


def words(article: Article) -> int:
    """The words a reader reads (the body, or a live blog's entries), as `summary` counts them."""
    return sum(count_words(p) for p in article_text(article))


def kept(article: Article, page_types: frozenset, languages: tuple[str, ...], min_words: int) -> bool:
    """True when ARTICLE passes every filter given (an empty one passes all)."""
    if page_types and article.page_type not in page_types:
        return False
    if languages and not language_matches(article.language, languages):
        return False
    return not min_words or words(article) >= min_words
