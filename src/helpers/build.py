"""The command line: check the data, run the area pages with papermill, build the book.

``send-book book`` is what ``make book`` runs. Each area page is executed by papermill (the only
executor); Jupyter Book then builds with execution off and warnings as errors.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill

from helpers import areas, assets, evidence, lookup, manifest, paths, runlist
from helpers.areas import Area

TITLE_TAG = "title"
#: Cells that legitimately produce no output: parameters, papermill's injected copy, the setup.
SILENT_TAGS = {"parameters", "injected-parameters", "setup"}


def page_path(area: Area) -> Path:
    """Where an area's executed page is written."""
    return paths.PROFILES_DIR / f"{area.slug}.ipynb"


def finish_page(notebook_file: Path, title: str) -> None:
    """Give an executed page its title and hide papermill's injected parameters cell.

    The title replaces the heading of the cell tagged ``title``, so it comes from markdown (and enters
    the table of contents), never from code output.
    """
    notebook = nbformat.read(notebook_file, as_version=4)
    titled = False
    for cell in notebook.cells:
        tags = cell.metadata.setdefault("tags", [])
        if cell.cell_type == "markdown" and TITLE_TAG in tags and not titled:
            cell.source = f"# {title}"
            titled = True
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    if not titled:
        raise ValueError(f"{notebook_file} has no markdown cell tagged '{TITLE_TAG}'.")
    nbformat.write(notebook, notebook_file)


@dataclass(frozen=True)
class Page:
    """One page papermill executes: its template, where it is written, its parameters and title."""

    name: str
    template: Path
    target: Path
    parameters: dict
    title: str


#: Pages about the whole book rather than one area: (name, template, title).
NATIONAL_PAGES = [
    ("Comparison", paths.CHAPTERS / "compare" / "compare_template.ipynb", "Comparing the areas"),
    ("England maps", paths.ENGLAND_TEMPLATE, "England maps"),
    ("Framework and methods", paths.EVIDENCE_CHAPTERS / "framework_template.ipynb", "Framework and methods"),
    ("Evidence register", paths.EVIDENCE_CHAPTERS / "register_template.ipynb", "The evidence register"),
    ("Bibliography", paths.EVIDENCE_CHAPTERS / "bibliography_template.ipynb", "Bibliography"),
]


def _parameters(template: Path) -> dict:
    return papermill.inspect_notebook(str(template))


def executed_path(template: Path) -> Path:
    """Where a national page's template is executed to: ``x_template.ipynb`` -> ``x.ipynb``."""
    return template.with_name(template.name.replace("_template", ""))


def pages_for(run: list[Area]) -> list[Page]:
    """Every executed page of the book: one per area, then the national pages."""
    area_pages = [
        Page(area.name, paths.AREA_TEMPLATE, page_path(area), {"area_code": area.code}, area.name)
        for area in run
    ]
    codes = {"area_codes": [area.code for area in run]}
    national = [
        Page(
            name,
            template,
            executed_path(template),
            codes if template == paths.ENGLAND_TEMPLATE else {},
            title,
        )
        for name, template, title in NATIONAL_PAGES
    ]
    return [*area_pages, *national]


def run_page(page: Page) -> Path:
    """Execute one page's template and give the page its title."""
    page.target.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(page.template),
        str(page.target),
        parameters=page.parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(paths.ROOT),
    )
    finish_page(page.target, page.title)
    return page.target


def executed_notebooks() -> list[Path]:
    """The executed pages the book publishes (and nbval checks)."""
    national = [executed_path(template) for _, template, _ in NATIONAL_PAGES]
    return sorted(paths.PROFILES_DIR.glob("*.ipynb")) + [page for page in national if page.is_file()]


def cells_missing_outputs(notebook_file: Path) -> list[int]:
    """Indexes of code cells that should have produced output but have none."""
    notebook = nbformat.read(notebook_file, as_version=4)
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        and not cell.get("outputs")
        and not SILENT_TAGS & set(cell.metadata.get("tags", []))
    ]


def run_pages(run: list[Area]) -> list[str]:
    """Run every page; return one message per failure (the others still run)."""
    pages = pages_for(run)
    wanted = {page.target for page in pages}
    for stale in executed_notebooks():
        if stale not in wanted:
            stale.unlink()
    failures = []
    for page in pages:
        started = time.perf_counter()
        try:
            run_page(page)
        except Exception as error:  # noqa: BLE001 - report every failed page, then stop
            failures.append(f"{page.name}: {error}")
            page.target.unlink(missing_ok=True)
            continue
        print(f"  {page.name:<30} {time.perf_counter() - started:5.1f} s", flush=True)
    return failures


def build_book() -> None:
    """Jupyter Book 1 with execution off (set in _config.yml) and warnings as errors."""
    shutil.rmtree(paths.HTML, ignore_errors=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [
        str(jupyter_book),
        "build",
        str(paths.ROOT),
        "--builder",
        "html",
        "--warningiserror",
        "--keep-going",
    ]
    subprocess.run(command, check=True, cwd=paths.ROOT)


def book() -> int:
    """Check the data and the evidence register, prepare the assets, run the pages and build the book."""
    evidence.load_register()  # a bad item stops the build here, naming file, line, item and field
    problems = manifest.verify_all()
    if problems:
        print("The national data are not as data/manifest.yml records:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    run = runlist.load()
    print(f"Preparing site assets in {paths.ASSETS.relative_to(paths.ROOT)}", flush=True)
    assets.prepare()
    print(
        f"Running {len(run)} area page(s) and {len(NATIONAL_PAGES)} national pages with papermill:",
        flush=True,
    )
    failures = run_pages(run)
    if failures:
        print("These area pages failed:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    build_book()
    print(f"Book built: {paths.HTML / 'index.html'}")
    return 0


def add_area(query: str, build: bool = True) -> int:
    """Add an area to the run list with a starter evidence file, then rebuild the book."""
    area = lookup.resolve(query)  # raises before anything is changed
    added = runlist.add(area)
    starter = evidence.create_starter(area.slug, area.name)
    print(
        f"{area.name} ({area.code}): " + ("added to data/areas.yml" if added else "already in data/areas.yml")
    )
    if starter:
        print(f"Created {starter.name} in the evidence register: no local evidence is recorded yet.")
    return book() if build else 0


def remove_area(query: str, build: bool = True) -> int:
    """Take an area off the run list (and its evidence file if it is still empty), then rebuild."""
    area = lookup.resolve(query)
    if not runlist.remove(area):
        print(f"{area.name} ({area.code}) is not in data/areas.yml; nothing changed.")
        return 0
    print(f"{area.name} ({area.code}): removed from data/areas.yml")
    file = evidence.EVIDENCE_DIR / f"{area.slug}.yml"
    if evidence.remove_starter(area.slug):
        print(f"Removed {file.name} from the evidence register (it held no items).")
    elif file.exists():
        print(f"Kept {file.name} in the evidence register: it holds coded evidence.")
    return book() if build else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="send-book", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("book", help="check the data, run the area pages and build the book")
    commands.add_parser("check-data", help="check every national dataset against the manifest")
    check = commands.add_parser(
        "check-evidence", help="validate the evidence register, codebook and bibliography"
    )
    check.add_argument(
        "--file", type=Path, action="append", help="check only this register file (repeatable)"
    )
    area = commands.add_parser("area", help="add an area to the book, or remove one")
    area.add_argument("action", choices=["add", "remove"])
    area.add_argument(
        "query", help="ONS code, DfE number or name of an upper-tier local authority (any case)"
    )
    area.add_argument("--no-build", action="store_true", help="change the run list only; build later")
    args = parser.parse_args(argv)
    try:
        if args.command == "area":
            action = add_area if args.action == "add" else remove_area
            return action(args.query, build=not args.no_build)
        if args.command == "check-evidence":
            register = evidence.load_register(args.file)
            counts = Counter(coded.area for coded in register)
            print(f"{len(register)} valid items: " + ", ".join(f"{a} {n}" for a, n in sorted(counts.items())))
            return 0
        if args.command == "check-data":
            problems = manifest.verify_all()
            for problem in problems:
                print(problem, file=sys.stderr)
            if not problems:
                print(f"All {len(manifest.datasets())} datasets match data/manifest.yml.")
            return 1 if problems else 0
        return book()
    except (manifest.DataError, runlist.RunListError, evidence.EvidenceError, areas.AreaError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
