"""Web archives in: WARC (plain, gzip, zstd), ARC and WACZ files, read record by record.

    >>> from newsparse import archive
    >>> for info, result in archive.records("crawl.warc.gz"):
    ...     if isinstance(result, newsparse.Article): ...

Needs the `warc` extra (FastWARC, warcio, zstandard, Brotli); without it reading raises
MissingExtraError, whose message names the extra.
"""

from .detect import FORMATS, detect
from .records import article_from, parse_record, payloads, records
from .results import SKIP_REASONS, Payload, RecordError, RecordInfo, Skipped

__all__ = ["detect", "FORMATS", "records", "payloads", "article_from", "parse_record",
           "RecordInfo", "Payload", "Skipped", "RecordError", "SKIP_REASONS"]
