"""The parts of the build benchmark that run inside a copy of the book, with the copy's own package.

``build_benchmark.py`` runs this file from the copy, as ``<copy>/benchmarks/in_copy.py``, with
``PYTHONPATH=<copy>/src``, so every path the package uses (``helpers.paths.ROOT``, the processed store)
is the copy's and the repository's own build is never touched:

* ``prepare N``: write a run list of the first N areas (unless N is all 153), fill the processed store,
  the site assets and the written pages' provenance, as the build does before it runs any page, and
  print the run (its areas, and the areas the comparison and the maps compare) as JSON;
* ``floor PAGES RESULT``: the in-process floor. Every page listed in the JSON file ``PAGES`` has its
  template's code cells run with ``exec`` in one warm Python process per core: no papermill, no kernel,
  no notebook written. Each cell's last value is formatted the way Jupyter displays it, so the display
  work is counted. Each page's seconds go to ``RESULT`` as JSON.
"""

from __future__ import annotations

import ast
import builtins
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ALL_AREAS = 153


def prepare(count: int) -> dict:
    """Get the copy ready to build: its run list, processed store, assets and written provenance."""
    from helpers.build import assets
    from helpers.build.book import prepare_store
    from helpers.data import areas, runlist
    from helpers.present import provenance

    chosen = areas.all_areas()[:count]
    if count != ALL_AREAS:
        runlist.write(chosen)
    prepare_store()
    assets.prepare()
    provenance.write_written_pages_section()
    return {
        "run": [{"code": a.code, "name": a.name, "slug": a.slug} for a in chosen],
        "compared": [area.code for area in runlist.load()],
    }


def code_cells(template: str, parameters: dict) -> list[str]:
    """The template's code cells, with the parameters assigned after its parameters cell, where
    papermill injects them (first, when the template has no parameters cell)."""
    notebook = json.loads(Path(template).read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    sources = ["".join(cell["source"]) for cell in cells]
    if parameters:
        tagged = [i for i, c in enumerate(cells) if "parameters" in c["metadata"].get("tags", [])]
        position = tagged[0] + 1 if tagged else 0
        sources.insert(position, "\n".join(f"{name} = {value!r}" for name, value in parameters.items()))
    return sources


def run_cell(source: str, namespace: dict, formatter) -> None:
    """Run one cell and format its last expression's value, as a Jupyter kernel would."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
        if value is not None:
            formatter.format(value)


#: The cell that makes an area's briefing on paper: timed on its own, to show what briefings add.
BRIEFING_CELL = "page.briefing()"


def run_page(page: dict) -> tuple[float, float]:
    """Run one page's cells in a fresh namespace (imports stay warm in this worker); its seconds, and
    the seconds of its briefing cell (0 for a page without one)."""
    from IPython.core.formatters import DisplayFormatter

    started = time.perf_counter()
    briefing = 0.0
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    formatter = DisplayFormatter()
    for source in code_cells(page["template"], page["parameters"]):
        cell_started = time.perf_counter()
        run_cell(source, namespace, formatter)
        if source.strip() == BRIEFING_CELL:
            briefing += time.perf_counter() - cell_started
    return time.perf_counter() - started, briefing


def floor(pages_file: Path, result_file: Path) -> None:
    """Run every page on one worker per core, in the order given, and record each page's seconds."""
    pages = json.loads(pages_file.read_text(encoding="utf-8"))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        seconds = list(pool.map(run_page, pages))
    result_file.write_text(json.dumps(seconds), encoding="utf-8")


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["prepare"]:
        print(json.dumps(prepare(int(arguments[1]))))
    elif arguments[:1] == ["floor"]:
        floor(Path(arguments[1]), Path(arguments[2]))
    else:
        print(f"usage: {sys.argv[0]} prepare N | floor PAGES RESULT", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
