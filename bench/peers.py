"""newsparse beside the general article extractors, on the same pages, in one run.

    pip install -e '.[bench]'          # the peers; never part of the main install
    python bench/peers.py [--out BENCHMARKS.md] [--batch-pages 2000] [--tools newsparse,trafilatura]

Accuracy is scored on the fixtures that have a golden file (fixtures/<name>.expected.json);
pages without one (../shared/corpus when present) are timed only. Each tool runs in its
own subprocess, so its peak memory (ru_maxrss) is its own. Prints the tables and writes
them, with the machine, versions and date, to --out.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import pathlib
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import adapters  # noqa: E402
import metrics  # noqa: E402
from pages import KINDS, ROOT, cpu_seconds_in_turn, golden_pages, kind_of, page_group, page_paths, spread  # noqa: E402

WORKER_TIMEOUT_S = 3600
# The batch is timed in CPU seconds (other processes on the machine disturb it far less than wall
# time), and repeated while it is cheap: the fastest of up to BATCH_PASSES passes counts, for
# every tool alike; a slow tool stops after the pass that takes the total past the time given.
BATCH_PASSES = 3
# Each page is timed this many times in a row and the fastest call counts (one call is at the
# mercy of a pause elsewhere on the machine); the output scored is the first call's.
PAGE_CALLS = 3
# The speed targets are ratios: newsparse and the other tool take each page of a batch in turn.
PAIR_ROUNDS = (2, 7)  # at least, at most
PAIR_ROUNDS_WITHIN_S = 60.0
PAIRED = ("lxml parse (floor)", "trafilatura")
PAIR_PREFIX = "pair:"
CORPUS_PASSES = 10
BATCH_PASSES_WITHIN_S = 20.0
# ---------------------------------------------------------------- worker: one tool, own process


def timed(run, name, data):
    """(output, error, ms): a tool that raises gets an empty output and the error's type."""
    start = time.perf_counter()
    try:
        output, error = run(name, data) or {}, None
    except Exception as exc:  # a peer failing on a page is a result, not a crash
        output, error = {}, f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
    return output, error, (time.perf_counter() - start) * 1000


@dataclass
class Plan:
    """The pages of one run, fixed once so every tool sees the same ones while fixtures are being added."""

    cases: list[tuple[pathlib.Path, dict]]  # fixture page, its golden file (parsed)
    every: list[pathlib.Path]  # all pages timed: fixtures and ../shared/corpus
    fixtures: list[pathlib.Path]  # the pages the batch repeats: the HTML fixtures (all fixtures if none is HTML)

    @classmethod
    def now(cls) -> Plan:
        cases = [(page, json.loads(exp.read_text(encoding="utf-8"))) for page, exp in golden_pages()]
        fixtures = page_paths(include_corpus=False)
        html = [p for p in fixtures if kind_of(p) == "HTML"]
        return cls(cases, page_paths(include_corpus=True), html or fixtures)

    def to_json(self) -> str:
        return json.dumps({"golden": [p.name for p, _ in self.cases],
                           "every": [str(p) for p in self.every], "fixtures": [str(p) for p in self.fixtures]})


def measure(tool: str, batch_pages: int, plan: dict) -> dict:
    """Everything about one tool: per-page outputs and times, batch throughput, peak RSS."""
    try:
        run = adapters.make(tool)
    except adapters.PeerMissing as exc:
        return {"status": "not installed", "detail": str(exc)}
    golden = set(plan["golden"])
    all_pages = [(pathlib.Path(p).name, pathlib.Path(p).read_bytes()) for p in plan["every"]]
    fixtures = [(pathlib.Path(p).name, pathlib.Path(p).read_bytes()) for p in plan["fixtures"]]
    timed(run, *all_pages[0])  # warm-up: lazy imports and caches stay out of the timings
    pages = []
    for name, data in all_pages:
        output, error, ms = timed(run, name, data)
        ms = min([ms] + [timed(run, name, data)[2] for _ in range(PAGE_CALLS - 1)])
        pages.append({"name": name, "ms": ms, "error": error, "output": output if name in golden else None})
    batch = list(itertools.islice(itertools.cycle(fixtures), batch_pages))
    passes = []
    while len(passes) < BATCH_PASSES and sum(passes) < BATCH_PASSES_WITHIN_S:
        batch_errors = 0
        start = time.process_time()
        for name, data in batch:
            batch_errors += timed(run, name, data)[1] is not None
        passes.append(time.process_time() - start)
    return {
        "status": "ok",
        "pages": pages,
        "batch": {"pages": len(batch), "seconds": min(passes), "passes": len(passes), "errors": batch_errors},
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,  # KiB on Linux
    }


def measure_pair(tools: list[str], batch_pages: int, plan: dict) -> dict:
    """Batch passes of two tools in one process, page by page in turn, CPU seconds each: this
    machine's speed drifts by tens of percent over minutes, so a ratio is only sound between
    measures made side by side. At least PAIR_ROUNDS[0] rounds, more while under
    PAIR_ROUNDS_WITHIN_S."""
    try:
        runs = [adapters.make(tool) for tool in tools]
    except adapters.PeerMissing as exc:
        return {"status": "not installed", "detail": str(exc)}
    fixtures = [(pathlib.Path(p).name, pathlib.Path(p).read_bytes()) for p in plan["fixtures"]]
    batch = list(itertools.islice(itertools.cycle(fixtures), batch_pages))
    for run in runs:
        timed(run, *fixtures[0])  # warm-up
    # The real saved pages (../shared/corpus, named host__slug), in the same rounds: few, so each
    # round goes over them CORPUS_PASSES times.
    corpus = [(pathlib.Path(p).name, pathlib.Path(p).read_bytes()) for p in plan["every"]
              if "__" in pathlib.Path(p).name and kind_of(pathlib.Path(p)) == "HTML"]
    timers = [lambda name, data, run=run: timed(run, name, data) for run in runs]
    rounds: list[list[float]] = []
    group_rounds: dict[str, list[list[float]]] = {}
    corpus_rounds: list[list[float]] = []
    least, most = PAIR_ROUNDS
    while len(rounds) < most and (len(rounds) < least or sum(map(sum, rounds)) < PAIR_ROUNDS_WITHIN_S):
        by_group = cpu_seconds_in_turn(timers, batch)
        rounds.append(all_groups(by_group))
        for group, seconds in by_group.items():
            group_rounds.setdefault(group, []).append(seconds)
        if corpus:
            corpus_rounds.append(all_groups(cpu_seconds_in_turn(timers, corpus, CORPUS_PASSES)))
    return {"status": "ok", "tools": tools, "pages": len(batch), "rounds": rounds, "corpus_rounds": corpus_rounds,
            "group_rounds": group_rounds, "groups": Counter(page_group(name) for name, _ in fixtures)}


def all_groups(by_group: dict[str, list[float]]) -> list[float]:
    """Each tool's seconds over every group of pages."""
    return [sum(seconds) for seconds in zip(*by_group.values())]


def run_worker(tool: str, batch_pages: int, plan: Plan) -> dict:
    """measure() in a fresh interpreter; its chatter (warnings, prints) is dropped."""
    with tempfile.TemporaryDirectory() as tmp:
        result, plan_file = pathlib.Path(tmp) / "result.json", pathlib.Path(tmp) / "plan.json"
        plan_file.write_text(plan.to_json(), encoding="utf-8")
        cmd = [sys.executable, __file__, "--worker", tool, "--batch-pages", str(batch_pages),
               "--plan", str(plan_file), "--result", str(result)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return {"status": f"timed out after {WORKER_TIMEOUT_S} s"}
        if proc.returncode != 0 or not result.exists():
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return {"status": f"crashed ({last[:100]})"}
        return json.loads(result.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- scoring


def score(result: dict, cases: list[tuple[pathlib.Path, dict]]) -> dict[str, metrics.PageScore]:
    by_name = {p["name"]: p for p in result["pages"]}
    return {
        page.name: metrics.score_page(expected, by_name[page.name]["output"] or {},
                                      failed=by_name[page.name]["error"] is not None)
        for page, expected in cases
    }


def page_f1(s: metrics.PageScore) -> float | None:
    """F1 of one page; None when nothing was expected and nothing returned (no shingles either side)."""
    if s.body is None:
        return None
    p, r = s.body.precision, s.body.recall
    if p is None and r is None:
        return None
    p, r = p or 0.0, r or 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


# ---------------------------------------------------------------- report


def fmt(value, digits=2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def field_header(name: str, cases) -> str:
    """'caption exact (n=7, 3 empty)': on pages that expect no value, a tool without the field is right."""
    pinned = [e[name] for _, e in cases if name in e]
    empty = sum(1 for v in pinned if not v)
    return f"{name} exact (n={len(pinned)}" + (f", {empty} empty)" if empty else ")")


def accuracy_table(results, cases) -> list[str]:
    header = ["tool", "body P", "body R", "body F1", "body exact"]
    header += [field_header(f, cases) for f in metrics.FIELDS]
    header += ["leak pages", "tool raised"]
    rows = []
    for tool, result in results.items():
        if tool in adapters.SPEED_ONLY:
            continue
        if result["status"] != "ok":
            rows.append([tool, result["status"]] + [""] * (len(header) - 2))
            continue
        s = metrics.summarise(list(score(result, cases).values()))
        rows.append([tool, fmt(s.precision), fmt(s.recall), fmt(s.f1), fmt(s.body_exact)]
                    + [fmt(s.field_exact[f]) for f in metrics.FIELDS]
                    + [f"{s.leak_pages}/{s.pages}", str(s.failures)])
    return table(header, rows)


def per_page_table(results, cases) -> list[str]:
    ok = {t: r for t, r in results.items() if r["status"] == "ok" and t not in adapters.SPEED_ONLY}
    scored = {t: score(r, cases) for t, r in ok.items()}
    rows = []
    for page, _ in cases:
        cells = [f"{page.name} ({kind_of(page)})"]
        for tool in ok:
            s = scored[tool][page.name]
            marks = [m for m, on in (("exact", s.body_exact), ("leak", s.leaks), ("raised", s.failed)) if on]
            cells.append(" ".join([fmt(page_f1(s))] + marks))
        rows.append(cells)
    return table(["page"] + list(ok), rows)


def misses(results, cases, tool="newsparse") -> list[str]:
    """What `tool` got wrong, page by page: the to-do list behind the tables."""
    result = results.get(tool)
    if not result or result["status"] != "ok":
        return []
    lines = []
    for name, s in score(result, cases).items():
        wrong = [f for f, ok in s.fields.items() if not ok]
        if s.body_exact is False:
            wrong.append(f"body (P {fmt(s.body.precision)}, R {fmt(s.body.recall)})")
        if s.leaks:
            wrong.append("leaks " + ", ".join(repr(x) for x in s.leaks))
        if s.failed:
            wrong.append("raised " + next(p["error"] for p in result["pages"] if p["name"] == name))
        if wrong:
            lines.append(f"- {name}: " + "; ".join(wrong))
    return lines or [f"- none: every pinned field right, every body exact, no leaks on all {len(cases)} pages"]


def median_ms(result, html: bool) -> float | None:
    """Median ms per page over the HTML pages, or over the others (text dumps, MHTML)."""
    times = [p["ms"] for p in result["pages"] if (KINDS.get(pathlib.Path(p["name"]).suffix) is None) == html]
    return statistics.median(times) if times else None


def pages_per_s(result) -> float:
    return result["batch"]["pages"] / result["batch"]["seconds"]


def ratio(a, b) -> str:
    return fmt(a / b) if a is not None and b else "–"


def raised(results) -> list[str]:
    """Which tool raised on which page, and what: failures are results, so they are shown."""
    lines = [f"- {tool} on {page['name']}: `{page['error']}`"
             for tool, result in results.items() if result["status"] == "ok"
             for page in result["pages"] if page["error"]]
    return lines or ["- none"]


def speed_table(results) -> list[str]:
    ok = {t: r for t, r in results.items() if r["status"] == "ok"}
    ref = ok.get("newsparse")
    header = ["tool", "median ms/page, HTML", "÷ newsparse", "median ms/page, text dumps & MHTML",
              "pages/s (batch)", "newsparse pages/s ÷ tool's", "batch pages raised", "peak RSS MB"]
    rows = []
    for tool, result in results.items():
        if tool not in ok:
            rows.append([tool, result["status"]] + [""] * (len(header) - 2))
            continue
        ms = median_ms(result, html=True)
        rows.append([
            tool, fmt(ms), ratio(ms, ref and median_ms(ref, html=True)), fmt(median_ms(result, html=False)),
            f"{pages_per_s(result):,.0f}", ratio(ref and pages_per_s(ref), pages_per_s(result)),
            str(result["batch"]["errors"]), f"{result['maxrss_kb'] / 1024:.0f}",
        ])
    return table(header, rows)


def paired_ratios(pair: dict | None, key: str = "rounds") -> list[float] | None:
    """Per round of a paired run: the other tool's seconds over newsparse's (newsparse first)."""
    if not pair or pair.get("status") != "ok" or not pair.get(key):
        return None
    return [other / ours for ours, other in pair[key]]


def over_rounds(values: list[float]) -> str:
    return f"{spread(values, 1, 'x')} over {len(values)} rounds"


def targets(results, pairs) -> list[str]:
    """The issue's speed targets, as ratios of measures made page by page in turn in one process (the
    machine's speed drifts between the tools' own runs above), median [lowest-highest] of the rounds."""
    ok = {t: r for t, r in results.items() if r["status"] == "ok"}
    if "newsparse" not in ok:
        return []
    lines = []
    faster = paired_ratios(pairs.get("trafilatura"))
    if faster:
        lines.append(f"- newsparse pages/s ÷ trafilatura (with metadata) pages/s, page by page in turn: **{over_rounds(faster)}** "
                     "(target ≥ 10x)")
    floor = "lxml parse (floor)"
    slower = paired_ratios(pairs.get(floor))
    if slower:
        lines.append("- newsparse time per page ÷ bare `lxml.html.fromstring` time per page, page by page in turn: "
                     f"**{over_rounds([1 / r for r in slower])}** (target ≤ 2x)")
    pair = pairs.get(floor) or {}
    groups = pair.get("groups", {})
    parts = [f"its {groups[group]} {what}: **{over_rounds([ours / other for ours, other in pair['group_rounds'][group]])}**"
             for group, what in (("layout", "whole pages of each Pangea layout"),
                                 ("format", "pages showing encodings and ways of saving (about 5 KB each; newsparse "
                                            "reads the charset of the undeclared ones, which a bare parse does not)"))
             if groups.get(group) and group in pair.get("group_rounds", {})]
    if slower and len(parts) > 1:
        lines.append(f"- of that batch, {'; '.join(parts)}")
    real = paired_ratios(pairs.get(floor), "corpus_rounds")
    if real:
        lines.append(f"- the same ratio on the real saved pages of ../shared/corpus alone ({CORPUS_PASSES} passes over "
                     f"them a round, in the same rounds): **{over_rounds([1 / r for r in real])}**")
    return lines


def machine(load: tuple[float, float, float]) -> list[str]:
    """Where and when: enough to tell whether two BENCHMARKS.md are comparable."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return [
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.platform()}; {cpu}; {os.cpu_count()} CPUs",
        f"- Load average when the run started (1/5/15 min): {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
        "(other processes slow the tools unevenly: trust runs made on a quiet machine)",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        "- Packages: " + ", ".join(f"{adapters.DISTRIBUTIONS[t]} {adapters.version(t) or 'not installed'}"
                                   for t in adapters.TOOLS),
    ]


def report(results, batch_pages: int, plan: Plan, load=(0.0, 0.0, 0.0), pairs=None) -> str:
    cases, every, fixtures = plan.cases, plan.every, plan.fixtures
    html_cases = [(p, e) for p, e in cases if kind_of(p) == "HTML"]
    html_every = sum(kind_of(p) == "HTML" for p in every)
    batch_kind = "HTML" if all(kind_of(p) == "HTML" for p in fixtures) else ""
    kinds = ", ".join(f"{n} {k}{'s' if n > 1 and k == 'text dump' else ''}"
                      for k, n in sorted(Counter(kind_of(p) for p, _ in cases).items()))
    out = [
        "# newsparse beside the peers",
        "",
        "Generated by `python bench/peers.py` (install the peers first: `pip install -e '.[bench]'`).",
        "Every number below was measured in the same run on the same pages; read the ratios, not the",
        "absolute times.",
        "",
        *machine(load),
        f"- Pages: {len(cases)} fixture pages with a golden file ({kinds}), scored; "
        f"{len(every) - len(cases)} more pages timed only (fixtures without a golden file and "
        "`../shared/corpus` when present: nothing is stored for them, so no score)",
        "",
        "The golden files were written together with newsparse, in its conventions (a caption with its credit,",
        "credits lines apart from the body): newsparse's scores say it meets its own specification, not that an",
        "independent judge agrees. The peers' scores say how far a general tool is from that specification.",
        "",
        f"## Accuracy: all {len(cases)} fixture pages",
        "",
        *accuracy_table(results, cases),
        "",
    ]
    if len(html_cases) != len(cases):
        out[-1:-1] = ["", f"{len(cases) - len(html_cases)} of these pages are not HTML (text dumps, MHTML): the "
                      "peers, which extract from HTML, are handed them as they are, and this table counts what "
                      "they return. The next table leaves them out."]
    if len(html_cases) != len(cases):
        out += [f"## Accuracy: the {len(html_cases)} HTML fixture pages only", "",
                *accuracy_table(results, html_cases), ""]
    out += ["## What newsparse still gets wrong", "", *misses(results, cases), ""]
    out += [
        "## Speed and memory",
        "",
        f"Median ms/page over the {html_every} HTML pages (fixtures and corpus) and, apart, over the "
        f"{len(every) - html_every} text dumps and MHTML files, one process, after one warm-up call, each page "
        f"the fastest of {PAGE_CALLS} calls in a row. pages/s: a "
        f"batch of {batch_pages} pages, the {len(fixtures)} {batch_kind} fixture pages repeated, one process, "
        f"sequential, in CPU time, the fastest of up to {BATCH_PASSES} passes (fewer for a tool whose passes "
        f"take over {BATCH_PASSES_WITHIN_S:g} s). The targets below compare newsparse and the other tool over "
        "the same batch in one process, the two taking each page in turn (alternating which goes first), "
        "round after round (this machine's speed drifts between the runs of the table, and within a pass). "
        "The peers are HTML extractors, so speed is compared on HTML. Peak RSS = `ru_maxrss` of the "
        "tool's own subprocess (interpreter, imports, every page and the batch).",
        "",
        *speed_table(results),
        "",
        *targets(results, pairs or {}),
        "",
        "## Body F1 per fixture page",
        "",
        "`exact` = token sequence equals the expected body; `leak` = some of the page's chrome is in the output; "
        "`raised` = the tool raised an exception (scored as empty output).",
        "",
        *per_page_table(results, cases),
        "",
        "## Exceptions raised (first pass over every page)",
        "",
        *raised(results),
        "",
        "## How it is measured",
        "",
        "- Body: 4-word shingles of `\\w+` tokens after NFKC (the ScrapingHub article-extraction-benchmark "
        "metric): per page TP/FP/FN over the shingle multisets, divided by their sum; precision and recall "
        "averaged over pages, F1 from the two means. The expected body is the golden `body` list joined by "
        "newlines; credits lines are not part of it.",
        "- headline, byline, caption, credits: exact string match after NFKC and whitespace collapsing, on the "
        "pages whose golden file pins the field (n). A tool without the field returns None and scores 0 unless "
        "the expected value is empty. Bylines of tools that return author lists are joined with \", \" "
        "(newsparse's convention), trafilatura's \"; \" separator becomes \", \"; readability-lxml's "
        "`[no-author]` counts as None.",
        "- Leaks: a page counts when any string of its golden `chrome` list occurs as whole words in the "
        "tool's whole output (newsparse: every string in its JSON; trafilatura: every string in its JSON; "
        "the others: title, authors and text).",
        "- Inputs: newsparse gets the saved bytes; the peers get the same bytes (gunzipped for `.gz`), "
        "str-only tools decoded by bs4's UnicodeDammit. trafilatura: `extract(with_metadata=True, "
        "output_format=\"json\")`; readability-lxml: `short_title()`, `author()`, `summary()` as text; "
        "goose3 and newspaper4k: title, authors, text (no network); resiliparse: `extract_plain_text("
        "main_content=True)`; jusText: non-boilerplate paragraphs with the stop list of the page's "
        "`<html lang>` (English when absent or not in jusText). Every tool runs with its defaults otherwise.",
        "- The fixtures are pages written for newsparse's tests (Pangea markup, short invented or rewritten text). "
        "Their paragraphs are shorter than in most real articles, which hurts classifiers that go by paragraph "
        "length: jusText's defaults (`length_high=200`) keep few of them. They are Pangea pages chosen to show "
        "Pangea's chrome, not a sample of the web: the peers are general tools, and this measures them on "
        "newsparse's home ground.",
        "",
    ]
    return "\n".join(out)


# What follows this line in BENCHMARKS.md is measured by other scripts (bench/accuracy.py, bench/archive_reading.py) and
# written by hand: a new report keeps it.
KEPT = "<!-- Below: measured by other bench/ scripts; bench/peers.py keeps this part as it is. -->"


def with_kept_part(path: pathlib.Path, text: str) -> str:
    """TEXT, then the part of the file at PATH from the KEPT line on, if it has one."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return text
    at = old.find(KEPT)
    return text if at < 0 else text.rstrip("\n") + "\n\n" + old[at:]


def write_atomically(path: pathlib.Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def fail(path, reason) -> int:
    print(f"peers: {path}: {reason}", file=sys.stderr)
    return 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--batch-pages", type=positive_int, default=2000)
    ap.add_argument("--tools", default=",".join(adapters.TOOLS),
                    help="comma-separated subset of: " + ", ".join(adapters.TOOLS))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--plan", type=pathlib.Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=pathlib.Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        plan = json.loads(args.plan.read_text(encoding="utf-8"))
        if args.worker.startswith(PAIR_PREFIX):
            result = measure_pair(args.worker[len(PAIR_PREFIX):].split(","), args.batch_pages, plan)
        else:
            result = measure(args.worker, args.batch_pages, plan)
        args.result.write_text(json.dumps(result), encoding="utf-8")
        return 0
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in adapters.TOOLS]
    if unknown:
        ap.error(f"unknown tool(s): {', '.join(unknown)}")
    if not args.out.parent.is_dir():
        return fail(args.out, "its folder does not exist")
    plan = Plan.now()
    if not plan.cases:
        return fail("fixtures/", "no page with a golden file (<name>.expected.json)")
    load = os.getloadavg()
    results = {}
    for tool in tools:
        print(f"peers: {tool} ...", file=sys.stderr, flush=True)
        results[tool] = run_worker(tool, args.batch_pages, plan)
    pairs = {}
    for other in (t for t in PAIRED if t in tools and "newsparse" in tools):
        print(f"peers: newsparse and {other} in turn ...", file=sys.stderr, flush=True)
        pairs[other] = run_worker(f"{PAIR_PREFIX}newsparse,{other}", args.batch_pages, plan)
    text = report(results, args.batch_pages, plan, load, pairs)
    print(text)
    try:
        write_atomically(args.out, with_kept_part(args.out, text))
    except OSError as exc:
        return fail(args.out, exc.strerror or exc)
    print(f"peers: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
