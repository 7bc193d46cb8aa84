"""newsparse's own errors: the only exceptions `parse` lets out on bad input."""


class NewsparseError(Exception):
    """Base of every error newsparse raises on purpose."""


class NotAPageError(NewsparseError):
    """The input is not a web page or text dump (empty, binary, a PDF...)."""


class InputTooLargeError(NewsparseError):
    """The input, or what it decompresses to, is over the configured limit."""
