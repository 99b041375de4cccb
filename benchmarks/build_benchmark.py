"""How fast the book builds, against the build an analyst would write without it and against its limit.

Run from the repository root after ``make env``:

    .venv/bin/python benchmarks/build_benchmark.py [--areas N] [--repeat R]

``--areas N`` (default: all 153) runs every measurement on the same first N areas, alphabetically: a
profile for each, and the national pages (comparison, maps, evidence chapters) once. Below 153 the run
list is those N areas, so the comparison and the maps compare them; with 153 the build is
``--areas all`` and they compare the areas of ``data/areas.yml``.

Each measurement runs in its own temporary copy of the book (``copy_ignoring_outputs``), reading the
national data from ``SEND_BOOK_DATA_DIR`` (default ``../shared/data``); the repository's own build and
pages are never touched. One copy is prepared first, as the build does before running any page (the
processed store filled, the site assets and the written pages' provenance made), and its ``_build``
is copied into every other copy, so every measurement starts with the same warm store and none parses
the national files. That preparation is not timed.

It measures, on one machine:

1. the naive peer: papermill's command line (``papermill TEMPLATE OUTPUT -p area_code CODE``; a list
   such as ``area_codes`` goes as YAML, ``-y``, since ``-p`` cannot pass one), one process and one new
   kernel per page, for every declared page, (a) one at a time and (b) one per core at a time, both
   through ``xargs`` (``-P 1`` and ``-P cores``) fed the same lines of arguments; then a clean
   ``jupyter-book build`` of that copy with the flags the book's own site build uses (plainly, and
   said so, if warnings as errors stop it). Its pages keep the template's title;
2. the in-process floor: every page's code cells run with ``exec`` in one warm Python process per core,
   each cell's last value formatted as Jupyter displays it (``in_copy.py floor``), plus the site build
   time measured in the book's own build;
3. the book's own national build (``python -m helpers.build.cli book``) and its ratio to each peer and
   to the floor, against the targets: at least 5x faster than the naive serial loop, at least 2.5x
   faster than the naive parallel one, within 1.3x of the floor;
4. the mean time per area page in the build, what the briefings on paper add (their cells' time in the
   floor, spread over the workers, as a share of the build; target: at most 15%), an unchanged rebuild (target: under 10% of the build), a
   rebuild after Haringey's evidence file changed (target: exactly the pages whose declared inputs
   include that file; Haringey's own page is one of them only when it is among the N areas, from
   ``--areas 51``), the peak memory of the build's process tree and the heaviest area page (its HTML
   and what it alone loads; target: the page-weight budget).

All the ratios are of wall-clock times on a machine that may be doing other work: the load average is
printed at the start and the end. The book's build and the floor, the two closest measurements, each run
``--repeat R`` times (default 2) in new copies and keep their fastest run, as timing tools do; each
naive peer, several times slower, runs once.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.build.outputs import copy_ignoring_outputs
from helpers.pages import catalogue

ROOT = Path(__file__).resolve().parents[1]
ALL_AREAS = 153
CORES = os.cpu_count() or 1
#: The evidence file the incremental rebuild changes.
CHANGED_EVIDENCE = "data/evidence/haringey.yml"
#: The flags ``helpers.build.site.build_book`` gives jupyter-book, so the naive site is built alike.
STRICT = ("--warningiserror", "--keep-going")
WARM = "warm"


@dataclass(frozen=True)
class Page:
    """One executed page: its template, its output and its parameters, relative to a copy's root."""

    template: str
    output: str
    parameters: dict
    per_area: bool


@dataclass(frozen=True)
class Setup:
    """What every measurement shares: the work folder, the prepared copy, the areas and the pages."""

    work: Path
    seed: Path
    run: list[dict]
    compared: list[str]
    pages: list[Page]


@dataclass(frozen=True)
class Timing:
    """Executing the pages, then building the site, in seconds."""

    pages: float
    site: float

    @property
    def total(self) -> float:
        return self.pages + self.site


@dataclass(frozen=True)
class BookBuild:
    """The book's own build: the full build, the two rebuilds, memory and page weight."""

    seconds: float
    site: float
    peak: int
    area_pages: list[float]
    unchanged: float
    changed: float
    executed: int
    total: int
    weight: int
    budget: int


@dataclass(frozen=True)
class Row:
    """One line of the final table."""

    measurement: str
    seconds: str
    ratio: str = ""
    target: str = ""
    result: str = ""
    store: str = ""


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def tool(name: str) -> str:
    """A command installed in this environment (beside the Python running the benchmark)."""
    return str(Path(sys.executable).with_name(name))


def environment(copy: Path) -> dict[str, str]:
    """The environment of anything run in a copy: its own package first, so its paths are the copy's."""
    return {**os.environ, "PYTHONPATH": str(copy / "src")}


def new_copy(setup: Setup, name: str) -> Path:
    """A copy of the book's sources with the prepared copy's run list and ``_build`` (a warm store)."""
    copy = copy_ignoring_outputs(setup.work / name)
    shutil.copy2(setup.seed / "data/areas.yml", copy / "data/areas.yml")
    shutil.copytree(setup.seed / "_build", copy / "_build")
    return copy


def prepare(work: Path, count: int) -> Setup:
    """Prepare the first copy with the copy's own package (``in_copy.py prepare``); not timed."""
    seed = copy_ignoring_outputs(work / "seed")
    done = subprocess.run(
        [sys.executable, "benchmarks/in_copy.py", "prepare", str(count)],
        cwd=seed,
        env=environment(seed),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"Preparing {seed} failed:\n{done.stderr[-4000:]}")
    prepared = json.loads(done.stdout.splitlines()[-1])
    run, compared = prepared["run"], prepared["compared"]
    return Setup(work, seed, run, compared, declared_pages(run, compared))


def declared_pages(run: list[dict], compared: list[str]) -> list[Page]:
    """Every executed page, from the page declarations, in the order the build lists them."""
    values = {"area_codes": compared}
    pages = []
    for page_type in catalogue.executed():
        template = page_type.template_path.relative_to(paths.ROOT).as_posix()
        for area in run if page_type.per_area else [None]:
            given = {**values, "area_code": area["code"]} if area else values
            output = page_type.output_path(area["slug"] if area else None)
            parameters = {name: given[name] for name in page_type.parameters}
            pages.append(
                Page(template, output.relative_to(paths.ROOT).as_posix(), parameters, page_type.per_area)
            )
    return pages


def pages_reading(changed: str, run: list[dict]) -> int:
    """How many pages read a file of the book: those whose declared inputs include it."""
    return sum(
        paths.ROOT / changed in page_type.input_files(slug)
        for page_type in catalogue.executed()
        for slug in ([area["slug"] for area in run] if page_type.per_area else [None])
    )


# --- the book's own build -------------------------------------------------------------------------


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed_build(copy: Path, *extra: str) -> tuple[float, int, str]:
    """Run ``send-book book`` in the copy; return wall seconds, peak memory of the process tree, output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "helpers.build.cli", "book", *extra],
        cwd=copy,
        env=environment(copy),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0]
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"The build in {copy} failed:\n{output[-4000:]}")
    return elapsed, peak[0], output


def site_seconds(output: str) -> float:
    """The site build's own time, as the build reports it."""
    found = re.findall(r"Site built \((?:clean|incremental)\) in ([\d.]+) s", output)
    if not found:
        raise SystemExit(f"The build did not report its site build time:\n{output[-2000:]}")
    return float(found[-1])


def executed_count(output: str) -> tuple[int, int]:
    """Pages executed and pages in the book, as the build reports them."""
    found = re.search(r"(\d+) of (\d+) pages to execute", output)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def area_page_seconds(copy: Path, run: list[dict]) -> list[float]:
    """Each area page's execution time in the build, from its timings log."""
    names = {area["name"] for area in run}
    with open(copy / "_build/timings.csv", newline="") as log:
        return [float(row["seconds"]) for row in csv.DictReader(log) if row["page"] in names]


def heaviest_area_page(site: Path) -> tuple[int, int]:
    """The heaviest area page (its HTML and what it alone loads) and the budget, in bytes."""
    from helpers.build.pageweight import AREA_PAGE_BUDGET, site_weight

    folder = Path(catalogue.get("area-profile").output).parent.as_posix() + "/"
    pages = site_weight(site).pages
    return int(pages[pages["page"].str.startswith(folder)]["page_weight"].max()), AREA_PAGE_BUDGET


def measure_book(setup: Setup, count: int, repeat: int) -> BookBuild:
    """The book's build, ``repeat`` times in new copies (the fastest is kept), then an unchanged rebuild
    and one after an evidence file changed, in the last copy."""
    extra = ["--areas", "all"] if count == ALL_AREAS else []
    tries = []
    for attempt in range(1, repeat + 1):
        copy = new_copy(setup, f"book-{attempt}")
        full, peak, output = timed_build(copy, *extra)
        site = site_seconds(output)
        print(f"  {full:.1f} s: pages and checks {full - site:.1f} s, site (clean) {site:.1f} s", flush=True)
        tries.append((full, site, peak, area_page_seconds(copy, setup.run)))
    full, site, _, area_pages = min(tries, key=lambda found: found[0])
    peak = max(found[2] for found in tries)
    unchanged, _, _ = timed_build(copy, *extra)
    evidence = copy / CHANGED_EVIDENCE
    evidence.write_text(evidence.read_text() + "\n# benchmark: one area's evidence changed\n")
    changed, _, output = timed_build(copy, *extra)
    weight, budget = heaviest_area_page(copy / "_build/html")
    return BookBuild(
        full, site, peak, area_pages, unchanged, changed, *executed_count(output), weight, budget
    )


# --- the naive peer: papermill's command line, then jupyter-book ---------------------------------


def papermill_arguments(page: Page) -> list[str]:
    """The arguments an analyst would give papermill's command line for one page."""
    arguments = [page.template, page.output]
    for name, value in page.parameters.items():
        # `-p` makes a str, int, float or bool of its value, never a list: a list goes as YAML (`-y`).
        arguments += ["-p", name, value] if isinstance(value, str) else ["-y", json.dumps({name: value})]
    return arguments


def run_papermill(copy: Path, pages: list[Page], jobs: int, log: Path) -> float:
    """Execute every page with papermill's command line, ``jobs`` at a time through xargs; seconds."""
    for page in pages:
        (copy / page.output).parent.mkdir(parents=True, exist_ok=True)
    listing = copy.parent / f"{copy.name}-papermill.txt"
    listing.write_text("".join(shlex.join(papermill_arguments(page)) + "\n" for page in pages))
    # One line of arguments per page (`-L 1`): xargs starts one papermill process for each.
    command = f"xargs -P {jobs} -L 1 {shlex.quote(tool('papermill'))} < {shlex.quote(str(listing))}"
    started = time.perf_counter()
    with open(log, "w") as output:
        done = subprocess.run(
            command, shell=True, cwd=copy, env=environment(copy), stdout=output, stderr=output
        )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"papermill failed in {copy} (see {log}):\n{log.read_text()[-4000:]}")
    return elapsed


def jupyter_book(copy: Path, flags: tuple[str, ...], log: Path) -> float | None:
    """A clean ``jupyter-book build`` of the copy; its seconds, or None if it failed."""
    for folder in ("html", ".doctrees", "jupyter_execute"):
        shutil.rmtree(copy / "_build" / folder, ignore_errors=True)
    command = [tool("jupyter-book"), "build", str(copy), "--builder", "html", *flags]
    started = time.perf_counter()
    with open(log, "w") as output:
        done = subprocess.run(command, cwd=copy, env=environment(copy), stdout=output, stderr=output)
    return time.perf_counter() - started if done.returncode == 0 else None


def naive_site(copy: Path, flags: tuple[str, ...], log: Path) -> tuple[float, tuple[str, ...]]:
    """The naive copy's site, with the given flags or, if warnings as errors stop it, plainly (the
    failed attempt is not counted); its seconds and the flags that built it."""
    seconds = jupyter_book(copy, flags, log)
    if seconds is None and flags:
        print(f"  jupyter-book {' '.join(flags)} failed on the naive pages (see {log}); building plainly")
        flags = ()
        seconds = jupyter_book(copy, flags, log)
    if seconds is None:
        raise SystemExit(f"jupyter-book failed in {copy}:\n{log.read_text()[-4000:]}")
    return seconds, flags


def measure_naive(
    setup: Setup, name: str, jobs: int, flags: tuple[str, ...]
) -> tuple[Timing, tuple[str, ...]]:
    """papermill's command line on every page, ``jobs`` at a time, then jupyter-book, in a new copy."""
    copy = new_copy(setup, name)
    pages = run_papermill(copy, setup.pages, jobs, setup.work / f"{name}-papermill.log")
    site, flags = naive_site(copy, flags, setup.work / f"{name}-site.log")
    print(f"  {pages + site:.1f} s: papermill {pages:.1f} s, jupyter-book {site:.1f} s", flush=True)
    return Timing(pages, site), flags


# --- the in-process floor -------------------------------------------------------------------------


def measure_floor(setup: Setup, site: float, repeat: int) -> tuple[Timing, list[list[float]]]:
    """Every page's cells run by ``exec`` on one warm process per core, ``repeat`` times in new copies
    (the fastest is kept), plus the given site build time; also each page's seconds and its briefing
    cell's seconds."""
    listing = setup.work / "floor-pages.json"
    listing.write_text(
        json.dumps([{"template": p.template, "parameters": p.parameters} for p in setup.pages])
    )
    tries = []
    for attempt in range(1, repeat + 1):
        copy = new_copy(setup, f"floor-{attempt}")
        result = setup.work / f"floor-seconds-{attempt}.json"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "benchmarks/in_copy.py", "floor", str(listing), str(result)],
            cwd=copy,
            env=environment(copy),
            capture_output=True,
            text=True,
        )
        pages = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"The in-process floor failed in {copy}:\n{done.stderr[-4000:]}")
        print(f"  {pages + site:.1f} s: pages {pages:.1f} s, site {site:.1f} s (the book's own site build)")
        tries.append((pages, json.loads(result.read_text())))
    pages, each = min(tries, key=lambda found: found[0])
    return Timing(pages, site), each


# --- the report -----------------------------------------------------------------------------------


def peer_rows(book: BookBuild, floor: Timing, serial: Timing, parallel: Timing) -> list[Row]:
    """The book against each naive peer and against the floor."""
    full = book.seconds
    return [
        Row(
            "Naive: papermill CLI, one page at a time, + jupyter-book",
            f"{serial.total:.1f}",
            f"{serial.total / full:.2f}x",
            "book >= 5x faster",
            verdict(serial.total >= 5 * full),
            WARM,
        ),
        Row(
            f"Naive: papermill CLI, xargs -P {CORES}, + jupyter-book",
            f"{parallel.total:.1f}",
            f"{parallel.total / full:.2f}x",
            "book >= 2.5x faster",
            verdict(parallel.total >= 2.5 * full),
            WARM,
        ),
        Row(
            "In-process floor: exec on warm workers + site build",
            f"{floor.total:.1f}",
            f"{full / floor.total:.2f}x",
            "book <= 1.3x floor",
            verdict(full <= 1.3 * floor.total),
            WARM,
        ),
    ]


def build_rows(setup: Setup, book: BookBuild, floor_each: list[list[float]]) -> list[Row]:
    """The book's build, its area pages, its briefings, its rebuilds, its memory and its page weight."""
    floor_area = statistics.mean(
        s for (s, _), page in zip(floor_each, setup.pages, strict=True) if page.per_area
    )
    # The briefings' cells, spread over the workers as the build spreads its pages, against the build.
    briefings = sum(b for _, b in floor_each) / CORES
    built_area = statistics.mean(book.area_pages)
    expected = pages_reading(CHANGED_EVIDENCE, setup.run)
    in_run = any(area["slug"] == Path(CHANGED_EVIDENCE).stem for area in setup.run)
    return [
        Row(
            f"The book's build: {len(setup.pages)} pages and the site",
            f"{book.seconds:.1f}",
            "",
            "",
            "",
            WARM,
        ),
        Row(
            "  area page, mean in the build (ratio to the floor's)",
            f"{built_area:.2f}",
            f"{built_area / floor_area:.2f}x",
            "",
            "",
            WARM,
        ),
        Row(
            f"  briefings on paper: {sum(1 for _, b in floor_each if b)} PDFs, their cells over {CORES} "
            "workers (share of the build)",
            f"{briefings:.1f}",
            f"{100 * briefings / book.seconds:.1f}%",
            "<= 15% of the build",
            verdict(briefings <= 0.15 * book.seconds),
            WARM,
        ),
        Row(
            "Unchanged rebuild",
            f"{book.unchanged:.2f}",
            f"{100 * book.unchanged / book.seconds:.1f}%",
            "< 10% of the build",
            verdict(book.unchanged < 0.1 * book.seconds),
            WARM,
        ),
        Row(
            f"Rebuild, Haringey's evidence changed ({'in' if in_run else 'not in'} the run)",
            f"{book.changed:.1f}",
            f"{book.executed} of {book.total} pages",
            f"{expected} pages read it",
            verdict(book.executed == expected),
            WARM,
        ),
        Row("Peak memory of the build (process tree)", "", f"{book.peak / 2**20:.0f} MiB"),
        Row(
            "Heaviest area page (HTML + own assets)",
            "",
            f"{book.weight / 1e6:.2f} MB",
            f"< {book.budget / 1e6:.1f} MB",
            verdict(book.weight < book.budget),
        ),
    ]


def print_table(table: list[Row]) -> None:
    fields = list(Row.__dataclass_fields__)
    header = Row("Measurement", "Seconds", "Ratio / figure", "Target", "Result", "Store")
    widths = [max(len(getattr(row, field)) for row in [header, *table]) for field in fields]
    for row in [header, None, *table]:
        cells = ["-" * width for width in widths] if row is None else [getattr(row, f) for f in fields]
        # Figures right-aligned, words left-aligned.
        aligned = [
            c.rjust(w) if f in ("seconds", "ratio") else c.ljust(w)
            for c, w, f in zip(cells, widths, fields, strict=True)
        ]
        print("  ".join(aligned).rstrip())


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--areas",
        type=int,
        default=ALL_AREAS,
        help=f"the first N areas, alphabetically (default: all {ALL_AREAS})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of the book's build and of the floor, the fastest kept (default: 2)",
    )
    found = parser.parse_args()
    if not 2 <= found.areas <= ALL_AREAS:
        parser.error(f"--areas must be between 2 (the book compares areas) and {ALL_AREAS}")
    if found.repeat < 1:
        parser.error("--repeat must be at least 1")
    return found


def main() -> int:
    options = arguments()
    count, repeat = options.areas, options.repeat
    os.environ.setdefault(paths.DATA_DIR_ENV, str((ROOT.parent / "shared" / "data").resolve()))
    os.environ.setdefault(paths.SOURCES_DIR_ENV, str((ROOT.parent / "shared" / "sources").resolve()))
    work = Path(tempfile.mkdtemp(prefix="book-benchmark-"))
    print(f"Benchmark of the first {count} areas on {CORES} cores, in {work}")
    print(f"National data: {os.environ[paths.DATA_DIR_ENV]}; {load()}")
    setup = prepare(work, count)
    area_pages = sum(page.per_area for page in setup.pages)
    print(
        f"{len(setup.pages)} pages: {area_pages} area pages and {len(setup.pages) - area_pages} national "
        f"pages comparing {len(setup.compared)} areas. Every measurement starts from its own copy with a "
        "filled processed store and the site assets made (warm); none parses the national files.\n"
    )
    # The book first: its own site build time is the floor's.
    print(f"The book's own build, {repeat} times ...", flush=True)
    book = measure_book(setup, count, repeat)
    print(f"The in-process floor, {repeat} times ...", flush=True)
    floor, floor_each = measure_floor(setup, book.site, repeat)
    print(f"The naive peer, {CORES} pages at a time ...", flush=True)
    parallel, flags = measure_naive(setup, "naive-parallel", CORES, STRICT)
    print("The naive peer, one page at a time ...", flush=True)
    serial, flags = measure_naive(setup, "naive-serial", 1, flags)
    print()
    print_table(peer_rows(book, floor, serial, parallel) + build_rows(setup, book, floor_each))
    print(
        f"\nThe book's build and the floor: the fastest of {repeat} runs each; each naive peer runs once. "
        "A peer's ratio is its time over the book's; the floor's, the book's time over the floor's. "
        f"Sites: the book's and the floor's built by jupyter-book {' '.join(STRICT)} ({book.site:.1f} s, "
        "measured in the book's build); the naive peer's by jupyter-book "
        + (" ".join(flags) if flags else "with no flags (warnings as errors stopped it)")
        + "."
    )
    # Anything else running on the machine slows every measurement: say how busy it was.
    print(f"At the end: {load()}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
