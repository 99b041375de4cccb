"""The full build: check the data, run the pages with papermill, build the book.

The national data are parsed once into a processed store; each page is executed by papermill (the
only executor) in warm kernels on a pool of workers, and only when its inputs changed; Jupyter Book
then builds with execution off and warnings as errors, and only when something changed. The command
line that calls it is ``helpers.cli``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers import areas, assets, evidence, lookup, manifest, paths, provenance, runlist, store
from helpers.areas import Area
from helpers.files import write_atomically

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
    """One page papermill executes: its template, where it is written, its parameters and title, and
    the files besides the template, the code and the processed data that can change its output."""

    name: str
    template: Path
    target: Path
    parameters: dict
    title: str
    inputs: tuple[Path, ...] = ()


#: Pages about the whole book rather than one area: (name, template, title, whether it reads the
#: evidence register, so must re-run when any register file changes).
NATIONAL_PAGES = [
    ("Comparison", paths.CHAPTERS / "compare" / "compare_template.ipynb", "Comparing the areas", True),
    ("England maps", paths.ENGLAND_TEMPLATE, "England maps", False),
    (
        "Framework and methods",
        paths.EVIDENCE_CHAPTERS / "framework_template.ipynb",
        "Framework and methods",
        True,
    ),
    ("Evidence register", paths.EVIDENCE_CHAPTERS / "register_template.ipynb", "The evidence register", True),
    ("Bibliography", paths.EVIDENCE_CHAPTERS / "bibliography_template.ipynb", "Bibliography", True),
]
#: Every page reads the codebook and the bibliography of the evidence register.
CODEBOOK = (evidence.FRAMEWORK, evidence.BIBLIOGRAPHY)


def _takes_area_codes(template: Path) -> bool:
    """Whether a template's parameters cell declares ``area_codes`` (the areas to compare or outline)."""
    notebook = nbformat.read(template, as_version=4)
    return any(
        "parameters" in cell.metadata.get("tags", []) and "area_codes" in cell.source
        for cell in notebook.cells
        if cell.cell_type == "code"
    )


def executed_path(template: Path) -> Path:
    """Where a national page's template is executed to: ``x_template.ipynb`` -> ``x.ipynb``."""
    return template.with_name(template.name.replace("_template", ""))


def pages_for(run: list[Area], compared: list[Area] | None = None) -> list[Page]:
    """Every executed page: one per area of ``run``, then the national pages, which compare and outline
    the ``compared`` areas (the run list's, by default)."""
    compared = compared if compared is not None else run
    area_pages = [
        Page(
            area.name,
            paths.AREA_TEMPLATE,
            page_path(area),
            {"area_code": area.code},
            area.name,
            (evidence.EVIDENCE_DIR / f"{area.slug}.yml", *CODEBOOK),
        )
        for area in run
    ]
    codes = {"area_codes": [area.code for area in compared]}
    register = tuple(evidence.register_files()) + CODEBOOK
    national = [
        Page(
            name,
            template,
            executed_path(template),
            codes if _takes_area_codes(template) else {},
            title,
            register if reads_register else (),
        )
        for name, template, title, reads_register in NATIONAL_PAGES
    ]
    return [*area_pages, *national]


def executed_notebooks() -> list[Path]:
    """The executed pages the book publishes (and nbval checks)."""
    national = [executed_path(template) for _, template, _, _ in NATIONAL_PAGES]
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


# --- incremental builds ---------------------------------------------------------------------------

PAGE_STATE = paths.BUILD / "pages.json"
BOOK_STATE = paths.BUILD / "book.json"
TIMINGS = paths.BUILD / "timings.csv"
#: The site is built here, then swapped in for _build/html only when the build succeeded.
STAGING = paths.BUILD / "staging"
DOCTREES = paths.BUILD / ".doctrees"


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def page_digest(page: Page, code: str) -> str:
    """What a page's output depends on: template, code, processed data, parameters, input files."""
    files = [f"{f.name}:".encode() + (f.read_bytes() if f.is_file() else b"(absent)") for f in page.inputs]
    return _digest(
        page.template.read_bytes(),
        code.encode(),
        store.key().encode(),
        json.dumps(page.parameters, sort_keys=True).encode(),
        *files,
    )


def _read_state(file: Path) -> dict:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def pages_to_run(pages: list[Page], force: bool = False) -> tuple[list[Page], dict[str, str]]:
    """The pages whose inputs changed since they were last executed (all of them with ``force``)."""
    code = provenance.code_digest()
    digests = {str(page.target): page_digest(page, code) for page in pages}
    state = {} if force else _read_state(PAGE_STATE)
    stale = [p for p in pages if not p.target.is_file() or state.get(str(p.target)) != digests[str(p.target)]]
    return stale, digests


def run_pages(
    pages: list[Page],
    executor_kind: str = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
) -> list[str]:
    """Execute the pages whose inputs changed, in parallel; return one message per failure."""
    wanted = {page.target for page in pages}
    for stale in executed_notebooks():
        if stale not in wanted:
            stale.unlink()
    todo, digests = pages_to_run(pages, force)
    print(f"{len(todo)} of {len(pages)} pages to execute ({len(pages) - len(todo)} unchanged)", flush=True)
    state = _read_state(PAGE_STATE)
    failures, timings = [], []
    by_target = {page.target: page for page in todo}
    if todo:
        # Imported only when there is something to execute: an unchanged rebuild does not pay for it.
        from helpers import executors

        jobs = [executors.Job(p.name, p.template, p.target, p.parameters) for p in todo]
        with executors.make_executor(executor_kind, workers, scheduler) as pool:
            for outcome in executors.run_all(jobs, pool):
                page = by_target[outcome.target]
                timings.append((page.name, f"{outcome.seconds:.3f}", outcome.worker, outcome.error or ""))
                if outcome.error:
                    failures.append(f"{page.name}: {outcome.error}")
                    # Half made, or made with an error: never published. Only a file is removed; what
                    # else stands at that path (a folder) is the failure the summary reports.
                    if page.target.is_file():
                        page.target.unlink()
                    state.pop(str(page.target), None)
                    continue
                finish_page(page.target, page.title)
                state[str(page.target)] = digests[str(page.target)]
    write_atomically(PAGE_STATE, json.dumps({k: v for k, v in state.items() if Path(k) in wanted}, indent=1))
    log = "page,seconds,worker,error\n" + "".join(
        f"{json.dumps(name)},{seconds},{worker},{json.dumps(error)}\n"
        for name, seconds, worker, error in sorted(timings)
    )
    write_atomically(TIMINGS, log)
    if timings:
        total = sum(float(t[1]) for t in timings)
        print(f"Executed {len(timings)} pages, {total:.1f} s of page time; per-page times in {TIMINGS.name}")
    return failures


# --- the book -------------------------------------------------------------------------------------


def book_digest() -> tuple[str, list[str]]:
    """Everything the HTML is built from, and the list of pages (a changed list needs a clean build)."""
    sources = [paths.ROOT / "_config.yml", paths.ROOT / "_toc.yml"]
    sources += sorted(paths.CHAPTERS.rglob("*.md")) + executed_notebooks()
    for folder in (paths.ROOT / "_static", paths.ASSETS, paths.WRITTEN_PAGES_PROVENANCE.parent):
        sources += sorted(f for f in folder.rglob("*") if f.is_file())
    pages = [str(p.relative_to(paths.ROOT)) for p in executed_notebooks()]
    return _digest(*(str(f).encode() + f.read_bytes() for f in sources)), pages


def build_book(force: bool = False) -> str:
    """Jupyter Book 1 with execution off and warnings as errors; skipped when nothing changed.

    The site is built in a staging folder (from a copy of the published one, so Sphinx can update only
    what changed) and replaces ``_build/html`` only when the build succeeded: a failed build leaves the
    published book as it was. Returns 'unchanged', 'incremental', 'clean' or 'failed'.
    """
    digest, pages = book_digest()
    state = _read_state(BOOK_STATE)
    built = (paths.HTML / "index.html").is_file()
    if built and not force and state.get("digest") == digest:
        print("Book unchanged: nothing to build.")
        return "unchanged"
    # Sphinx updates changed pages in place; a page added or removed changes every page's
    # navigation, so the site is then built from scratch.
    clean = force or not built or state.get("pages") != pages
    shutil.rmtree(STAGING, ignore_errors=True)
    staged_html, staged_doctrees = STAGING / "_build" / "html", STAGING / "_build" / ".doctrees"
    if not clean:
        shutil.copytree(paths.HTML, staged_html, symlinks=True)
        if DOCTREES.is_dir():
            shutil.copytree(DOCTREES, staged_doctrees)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [
        str(jupyter_book),
        "build",
        str(paths.ROOT),
        "--builder",
        "html",
        "--path-output",
        str(STAGING),
        "--warningiserror",
        "--keep-going",
    ]
    started = time.perf_counter()
    if subprocess.run(command, cwd=paths.ROOT).returncode != 0:
        shutil.rmtree(STAGING, ignore_errors=True)
        print(f"The site build failed (see above); the published book in {paths.HTML} is unchanged.")
        return "failed"
    _publish(staged_html, staged_doctrees)
    print(
        f"Site built ({'clean' if clean else 'incremental'}) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    write_atomically(BOOK_STATE, json.dumps({"digest": digest, "pages": pages}, indent=1))
    return "clean" if clean else "incremental"


def _publish(staged_html: Path, staged_doctrees: Path) -> None:
    """Swap the staged site in for the published one (two renames; the old site is then deleted)."""
    previous = paths.BUILD / "html.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if paths.HTML.exists():
        paths.HTML.rename(previous)
    staged_html.rename(paths.HTML)
    shutil.rmtree(DOCTREES, ignore_errors=True)
    if staged_doctrees.is_dir():
        staged_doctrees.rename(DOCTREES)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(STAGING, ignore_errors=True)


def book(
    areas_option: str | None = None,
    executor_kind: str = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
) -> int:
    """Check the data and the register, fill the processed store, run the pages, build the book.

    ``areas_option`` 'all' builds a profile for every one of the 153 areas; the comparison and the
    maps still compare the run list's areas.
    """
    # The data first: the register's area codes are checked against a national lookup.
    problems = manifest.verify_all()
    if problems:
        print("The national data are not as data/manifest.yml records:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    evidence.load_register()  # a bad item stops the build here, naming file, line, item and field
    compared = runlist.load()
    run = areas.all_areas() if areas_option == "all" else compared
    print(f"Preparing the processed store and site assets in {paths.BUILD.name}/", flush=True)
    prepare_store()
    assets.prepare()
    provenance.write_written_pages_section()
    pages = pages_for(run, compared)
    failures = run_pages(pages, executor_kind, workers, scheduler, force)
    if failures:
        print(f"{len(failures)} of {len(pages)} pages failed; the others were executed:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        print(f"The site was not rebuilt: the published book in {paths.HTML} is unchanged.", file=sys.stderr)
        return 1
    if build_book(force) == "failed":
        return 1
    print(f"Book built: {paths.HTML / 'index.html'}")
    return 0


def prepare_store() -> None:
    """Parse every national dataset once into the processed store, before pages read it."""
    from helpers import indicators, maps, sources

    indicators.national_table()
    sources.la_codes(), sources.sen2_code_crosswalk(), sources.la_names()
    sources.statistical_neighbours(2025), sources.statistical_neighbours(2021)
    sources.inspections_2016(), sources.inspections_2023(), sources.inspections_2016_link_table()
    maps.label_points()


def add_area(query: str) -> bool:
    """Add an area to the run list with a starter evidence file; False if it was already listed."""
    area = lookup.resolve(query)  # raises before anything is changed
    added = runlist.add(area)
    starter = evidence.create_starter(area.slug, area.name)
    print(
        f"{area.name} ({area.code}): " + ("added to data/areas.yml" if added else "already in data/areas.yml")
    )
    if starter:
        print(f"Created {starter.name} in the evidence register: no local evidence is recorded yet.")
    return added


def remove_area(query: str) -> bool:
    """Take an area off the run list (and its evidence file if it is still empty); False if it was not
    listed."""
    area = lookup.resolve(query)
    if not runlist.remove(area):
        print(f"{area.name} ({area.code}) is not in data/areas.yml; nothing changed.")
        return False
    print(f"{area.name} ({area.code}): removed from data/areas.yml")
    file = evidence.EVIDENCE_DIR / f"{area.slug}.yml"
    if evidence.remove_starter(area.slug):
        print(f"Removed {file.name} from the evidence register (it held no items).")
    elif file.exists():
        print(f"Kept {file.name} in the evidence register: it holds coded evidence.")
    return True
