"""newsparse's own errors: the only exceptions `parse` lets out on bad input."""


class NewsparseError(Exception):
    """Base of every error newsparse raises on purpose."""


class NotAPageError(NewsparseError):
    """The input is not a web page or text dump (empty, binary, a PDF...)."""


class InputTooLargeError(NewsparseError):
    """The input, or what it decompresses to, is over the configured limit."""


class MissingExtraError(NewsparseError):
    """A feature needs an optional extra that is not installed; the message names it."""


class NotAnArchiveError(NewsparseError):
    """A file given as a web archive is none this reader knows (WARC, ARC, WACZ)."""
