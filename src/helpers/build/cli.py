"""The command line, ``send-book``: build the book, check the data and the register, add or remove areas.

``send-book book`` is what ``make book`` runs. When nothing the book is built from has changed since
the last successful build (see ``helpers.build.freshness``), it says so and stops before loading any
data; otherwise ``helpers.build.book`` does the work. Errors in input files are reported as one plain message
naming the file and the place, with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from helpers import paths
from helpers.build import freshness, toc
from helpers.data import manifest
from helpers.errors import InputError

#: One build at a time: a lock file beside the build, held across processes.
LOCK_NAME = ".lock"


@contextmanager
def build_lock():
    """Hold the book's build lock: a second build started meanwhile waits, so neither corrupts the other.

    Re-entrant within one process (adding an area holds it, then builds): the lock is one object per
    file, and counts how often it is held.
    """
    paths.BUILD.mkdir(parents=True, exist_ok=True)
    lock = FileLock(paths.BUILD / LOCK_NAME, is_singleton=True)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        print("Another build of this book is running; waiting for it to finish.", flush=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def book(areas_option: str | None = None, force: bool = False, **run_options) -> int:
    """Build the book, or report that it is already up to date; one build at a time."""
    with build_lock():
        return _book(areas_option, force, **run_options)


def _book(areas_option: str | None, force: bool, **run_options) -> int:
    options = {"areas": areas_option or "run list"}
    # Written first, so the inputs digest below covers the table of contents the build will use.
    if toc.write():
        print(f"Wrote {toc.TOC.name} from the page declarations.")
    if not force and not manifest.verify_all() and freshness.is_current(options):
        print("Nothing changed since the last build: no page to execute, the site is as built.")
        print(f"Book built: {paths.HTML / 'index.html'}")
        return 0
    # Imported only now: the full build loads pandas, altair and the data.
    from helpers.build import book as full_build

    inputs = freshness.inputs_digest(options)
    freshness.forget()
    status = full_build.book(areas_option, force=force, **run_options)
    if status == 0:
        freshness.record(inputs)
    return status


def fetch_data(manifest_file: Path, only: list[str] | None, replace: bool) -> int:
    """Download and verify the national datasets; 0 only when every one is in place and matches."""
    from helpers.data import fetch

    print(f"Data directory: {paths.data_dir()}")
    outcomes = fetch.fetch_all(manifest_file=manifest_file, only=only, replace=replace)
    counts = Counter(outcome.status for outcome in outcomes)
    print(", ".join(f"{counts[status]} {status}" for status in fetch.STATUSES if counts[status]) + ".")
    missing = [outcome for outcome in outcomes if not outcome.ok]
    if missing:
        print(
            f"{len(missing)} of {len(outcomes)} datasets are not in place: "
            + ", ".join(outcome.dataset_id for outcome in missing)
            + ". Nothing that failed its checksum was saved.",
            file=sys.stderr,
        )
    return 1 if missing else 0


def parser() -> argparse.ArgumentParser:
    command_line = argparse.ArgumentParser(prog="send-book", description=__doc__.split("\n")[0])
    commands = command_line.add_subparsers(dest="command", required=True)
    book_command = commands.add_parser("book", help="check the data, run the pages and build the book")
    book_command.add_argument(
        "--areas", choices=["all"], help="'all': a profile for every one of the 153 areas"
    )
    book_command.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    book_command.add_argument("--executor", choices=["process", "dask"], default="process")
    book_command.add_argument("--scheduler", help="address of a Dask scheduler, with --executor dask")
    book_command.add_argument("--force", action="store_true", help="execute every page and rebuild the site")
    commands.add_parser("check-data", help="check every national dataset against the manifest")
    data = commands.add_parser(
        "data", help="download the national datasets into the data directory and verify their checksums"
    )
    data.add_argument("--only", action="append", metavar="DATASET", help="only this dataset (repeatable)")
    data.add_argument(
        "--replace", action="store_true", help="replace files whose checksum differs from the manifest"
    )
    data.add_argument("--manifest", type=Path, default=paths.MANIFEST, help="the manifest to follow")
    check = commands.add_parser(
        "check-evidence", help="validate the evidence register, codebook and bibliography"
    )
    check.add_argument(
        "--file", type=Path, action="append", help="check only this register file (repeatable)"
    )
    check.add_argument(
        "--coding",
        type=Path,
        action="append",
        help="check only this coded inspection report (repeatable); its anchors against the report's pages",
    )
    passages = commands.add_parser(
        "passages",
        help="print an inspection report's candidate passages by aspect, with pages, to speed its coding",
    )
    passages.add_argument(
        "report", help="a held report's file stem (E09000014_haringey_2024-04-03) or the path of a report PDF"
    )
    area = commands.add_parser("area", help="add an area to the book, or remove one")
    area.add_argument("action", choices=["add", "remove"])
    area.add_argument(
        "query", help="ONS code, DfE number or name of an upper-tier local authority (any case)"
    )
    area.add_argument("--no-build", action="store_true", help="change the run list only; build later")
    return command_line


def run(args: argparse.Namespace) -> int:
    if args.command == "book":
        return book(
            args.areas,
            args.force,
            executor_kind=args.executor,
            workers=args.jobs,
            scheduler=args.scheduler,
        )
    if args.command == "check-data":
        problems = manifest.verify_all()
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"All {len(manifest.datasets())} datasets match data/manifest.yml.")
        return 1 if problems else 0
    if args.command == "data":
        return fetch_data(args.manifest, args.only, args.replace)
    from helpers.build import book as full_build

    if args.command == "check-evidence":
        return check_evidence(args.file, args.coding)
    if args.command == "passages":
        return print_passages(args.report)
        return 0
    with build_lock():  # the run list and the register change only between builds
        if args.action == "add":
            full_build.add_area(args.query)
            changed = True  # built even when already listed, so the area's page is there
        else:
            changed = full_build.remove_area(args.query)
        return book() if changed and not args.no_build else 0


def check_evidence(register_files: list[Path] | None, coding_files: list[Path] | None) -> int:
    """Validate the register and the coded reports, and check every anchor against the text it cites.

    ``--file`` checks only those register files; ``--coding`` only those coded reports."""
    from helpers.data import inspection_reports
    from helpers.evidence import citations, evidence_base, inspection_coding
    from helpers.evidence import register as evidence_register

    if register_files is not None or coding_files is None:
        items = evidence_register.load_register(register_files)
        counts = Counter(coded.area for coded in items)
        print(f"{len(items)} valid items: " + ", ".join(f"{a} {n}" for a, n in sorted(counts.items())))
        print(f"{citations.check_register(items)} anchors to held source texts check out.")
    if register_files is None:
        if coding_files is None:
            evidence_base.load()  # ids unique and references resolved across the register and the reports
        files = coding_files or inspection_coding.coding_files()
        checked = citations.check_reports(inspection_reports.page_text, files)
        print(f"{len(files)} coded inspection reports: {checked} findings, every anchor on its page.")
    return 0


def print_passages(report: str) -> int:
    """An inspection report's candidate passages by aspect (a held report, or any report PDF)."""
    from helpers.data import inspection_reports, report_text
    from helpers.evidence import passages

    pdf = Path(report)
    if pdf.suffix.lower() == ".pdf":
        if not pdf.is_file():
            raise InputError(f"no report PDF at {pdf}")
        pages = report_text.extract_pages(pdf)
    else:
        held = inspection_reports.by_stem(report)
        frame = inspection_reports.pages()
        pages = list(frame[frame["report"] == held.stem].sort_values("page")["text"])
    print(passages.report(pages))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
