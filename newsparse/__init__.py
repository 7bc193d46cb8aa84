"""newsparse: clean article data from saved RFE/RL, VOA and other Pangea CMS pages.

    >>> import newsparse
    >>> article = newsparse.parse(open("page.html", "rb").read())
    >>> article.headline, article.byline, article.body[:1]
"""

from .api import parse
from .archive import parse_record
from .errors import InputTooLargeError, MissingExtraError, NewsparseError, NotAnArchiveError, NotAPageError
from .model import SCHEMA_VERSION, ArchiveRecord, Article, Block, Claim, Image, LiveEntry

__version__ = "0.1.0"
__all__ = ["parse", "parse_record", "Article", "Block", "Image", "Claim", "LiveEntry", "ArchiveRecord", "SCHEMA_VERSION",
           "NewsparseError", "NotAPageError", "InputTooLargeError", "MissingExtraError", "NotAnArchiveError",
           "__version__"]
