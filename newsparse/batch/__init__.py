"""Clean many saved pages in one run: find them, name their outputs, parse them, report in input order.

The `batch` command (cli_batch) only reads options and draws progress; what is
read, where it is written and what is counted is decided here, so it can be
tested without a terminal. Nothing here holds the results of the run: each
page's outcome is handed to a callback in input order and then dropped.

The parts: `sources` (what the inputs name, and which are web archives), `names`
(where outputs go), `page` (one page read, parsed and written), `archive_unit` (one
web archive's records read, parsed, filtered, deduplicated), `archive_out` (its JSON
Lines written), `filters`, `units` (the kind of input -> what is done with it), `run`
(the plan and the run), `pool` (worker processes for --jobs 2 and more).
"""

from .archive_out import ARCHIVE_FORMATS, COMPRESSIONS, check_compression, output_suffix, write_records
from .archive_unit import DEDUPE, ArchiveCounts, process_archive
from .filters import kept, language_matches, words
from .filters import tag as language_tag
from .names import NAME_MAX, OUTPUT_SUFFIX, OutputNames, fit_name, up_to_date
from .page import (SKIPPED, Outcome, PageTimeout, Parsed, Report, Settings, Task, deliver, on_alarm, output_mode,
                   page_alarm, parse_file, parse_file_with_alarm, process, read_page, timeout_reason,
                   write_uninterrupted)
from .pool import CHUNK, CHUNK_CHARS, DEPTH, GRACE, IDLE, TICK, WINDOW, Pool, Slots, Worker
from ..archive.warc import EXTRA as WARC_EXTRA
from .run import Tally, first_archive, has_warc_extra, inputs_in_reach, plan, run
from .sources import (ARCHIVE, ARCHIVE_SUFFIXES, DEFAULT_GLOBS, PAGE, PAGE_SUFFIXES, Passed, Source, Sources,
                      Unlistable, file_id, kind_of, matches, mirror_path, output_base, page_stem, shared_stems, walk)
from .units import work
