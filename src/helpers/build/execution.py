"""What the build executes: one page per declared page type (per area, or once), each run through
papermill only when its inputs changed, on a pool of workers.

The executor returns each executed notebook to this process, which writes it: workers share no file
system with the build (see ``helpers.build.executors``).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers import paths, version
from helpers.data import areas, store
from helpers.data.files import write_atomically
from helpers.pages import catalogue
from helpers.present import briefing

TITLE_TAG = "title"
#: Cells that legitimately produce no output: parameters, papermill's injected copy, the setup.
SILENT_TAGS = {"parameters", "injected-parameters", "setup"}

PAGE_STATE = paths.BUILD / "pages.json"
TIMINGS = paths.BUILD / "timings.csv"


@dataclass(frozen=True)
class Page:
    """One page papermill executes: its title (also how the build names it), its template, where it is
    written, its parameters, and the book's files besides the template, the code and the processed data
    that can change it."""

    name: str
    template: Path
    target: Path
    parameters: dict
    inputs: tuple[Path, ...] = ()


def pages_for(run: list[areas.Area], compared: list[areas.Area] | None = None) -> list[Page]:
    """Every executed page, from the declarations: one per area of ``run`` for a per-area page type,
    one for the others, which compare and outline the ``compared`` areas (the run list's, by default)."""
    compared = compared if compared is not None else run
    values = {"area_codes": [area.code for area in compared]}
    pages = []
    for page_type in catalogue.executed():
        for area in run if page_type.per_area else [None]:
            given = {**values, "area_code": area.code} if area else values
            slug = area.slug if area else None
            pages.append(
                Page(
                    area.name if area else page_type.title,
                    page_type.template_path,
                    page_type.output_path(slug),
                    {name: given[name] for name in page_type.parameters},
                    tuple(page_type.input_files(slug, area.code if area else None)),
                )
            )
    return pages


def finish_page(notebook: nbformat.NotebookNode, title: str, source: Path) -> nbformat.NotebookNode:
    """Give an executed page its title and hide papermill's injected parameters cell.

    The title replaces the heading of the cell tagged ``title``, so it comes from markdown (and enters
    the table of contents), never from code output.
    """
    titled = False
    for cell in notebook.cells:
        tags = cell.metadata.setdefault("tags", [])
        if cell.cell_type == "markdown" and TITLE_TAG in tags and not titled:
            cell.source = f"# {title}"
            titled = True
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    if not titled:
        raise ValueError(f"{source} has no markdown cell tagged '{TITLE_TAG}'.")
    return notebook


def take_briefing(notebook: nbformat.NotebookNode, name: str) -> Path | None:
    """Write the briefing a page carries in its output metadata to ``_build/briefings/<name>.pdf`` and
    take it out of the notebook (the page keeps only its link)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            # IPython files a _repr_html_'s metadata under its mime type.
            metadata = output.get("metadata", {}).get("text/html", {})
            carried = metadata.pop(briefing.METADATA_KEY, None)
            if carried is not None:
                file = paths.BRIEFINGS / f"{name}.pdf"
                file.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(file, base64.b64decode(carried))
                return file
    return None


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


# --- what is stale --------------------------------------------------------------------------------


def digest(*parts: bytes) -> str:
    found = hashlib.sha256()
    for part in parts:
        found.update(hashlib.sha256(part).digest())
    return found.hexdigest()


def page_digest(page: Page, code: str) -> str:
    """What a page's output depends on: template, code, processed data, parameters, input files."""
    files = [f"{f.name}:".encode() + (f.read_bytes() if f.is_file() else b"(absent)") for f in page.inputs]
    return digest(
        page.template.read_bytes(),
        code.encode(),
        store.key().encode(),
        json.dumps(page.parameters, sort_keys=True).encode(),
        *files,
    )


def read_state(file: Path) -> dict:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def pages_to_run(pages: list[Page], force: bool = False) -> tuple[list[Page], dict[str, str]]:
    """The pages whose inputs changed since they were last executed (all of them with ``force``)."""
    code = version.code_digest()
    digests = {str(page.target): page_digest(page, code) for page in pages}
    state = {} if force else read_state(PAGE_STATE)
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
    for stale in catalogue.outputs():
        if stale not in wanted:
            stale.unlink()
    todo, digests = pages_to_run(pages, force)
    print(f"{len(todo)} of {len(pages)} pages to execute ({len(pages) - len(todo)} unchanged)", flush=True)
    state = read_state(PAGE_STATE)
    failures, timings = [], []
    by_target = {page.target: page for page in todo}
    if todo:
        # Imported only when there is something to execute: an unchanged rebuild does not pay for it.
        from helpers.build import executors

        expected = executors.fingerprint()
        jobs = [executors.Job.for_page(p.name, p.template, p.target, p.parameters, expected) for p in todo]
        with executors.make_executor(executor_kind, workers, scheduler) as pool:
            for outcome in executors.run_all(jobs, pool):
                page = by_target[outcome.target]
                error = outcome.error or _write_page(page, outcome.notebook)
                timings.append((page.name, f"{outcome.seconds:.3f}", outcome.worker, error or ""))
                if error:
                    failures.append(f"{page.name}: {error}")
                    state.pop(str(page.target), None)
                    continue
                state[str(page.target)] = digests[str(page.target)]
    write_atomically(PAGE_STATE, json.dumps({k: v for k, v in state.items() if Path(k) in wanted}, indent=1))
    log = "page,seconds,worker,error\n" + "".join(
        f"{json.dumps(name)},{seconds},{json.dumps(str(worker))},{json.dumps(error)}\n"
        for name, seconds, worker, error in sorted(timings)
    )
    write_atomically(TIMINGS, log)
    if timings:
        total = sum(float(t[1]) for t in timings)
        print(f"Executed {len(timings)} pages, {total:.1f} s of page time; per-page times in {TIMINGS.name}")
    return failures


def _in_book(file: Path) -> str:
    return file.relative_to(paths.ROOT).as_posix() if file.is_relative_to(paths.ROOT) else str(file)


def _write_page(page: Page, executed: nbformat.NotebookNode) -> str | None:
    """Finish and write an executed page; an error message if it cannot be written."""
    try:
        notebook = finish_page(executed, page.name, page.template)
        take_briefing(notebook, page.target.stem)
        # Where the page came from and went, relative to the book, whichever machine executed it.
        notebook.metadata.papermill["input_path"] = _in_book(page.template)
        notebook.metadata.papermill["output_path"] = _in_book(page.target)
        write_atomically(page.target, nbformat.writes(notebook))
    except (OSError, ValueError) as error:
        # A page that cannot be written is never half-published: a stale copy is removed. Only a file
        # is removed; what else stands at that path (a folder) is the failure the summary reports.
        if page.target.is_file():
            page.target.unlink()
        return f"could not write {page.target}: {error}"
    return None
