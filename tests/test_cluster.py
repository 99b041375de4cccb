"""The build on a real Dask cluster: a scheduler and two worker processes, started here as commands, each
worker with its own copy of the book and its own data directory, in another working directory.

A copy of the book with five areas is built with the local process pool, then again through the
cluster; the executed pages must be the same (the outputs nbval compares), executed by the two workers,
and written by the build alone.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers.pages import catalogue
from helpers.paths import sources_dir

pytestmark = pytest.mark.slow

FIVE_AREAS = """\
areas:
  - code: E09000014
    name: Haringey
  - code: E06000066
    name: Somerset
  - code: E10000032
    name: West Sussex
  - code: E10000034
    name: Worcestershire
  - code: E06000017
    name: Rutland
"""
DASK = Path(sys.executable).with_name("dask")


def outputs_by_page(root: Path) -> dict[str, list]:
    """Each executed page's code cells with their outputs, execution counts left out (as nbval does)."""
    pages = {}
    for page_type in catalogue.executed():
        for file in sorted(root.glob(page_type.output_pattern)):
            notebook = nbformat.read(file, as_version=4)
            cells = []
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    shown = [{k: v for k, v in out.items() if k != "execution_count"} for out in cell.outputs]
                    cells.append((cell.source, shown))
            pages[file.relative_to(root).as_posix()] = cells
    return pages


def sources_only(folder: str, names: list[str]) -> set[str]:
    """What the workers' copy leaves out: the build and every executed page (only templates stay)."""
    return {n for n in names if n == "_build" or (n.endswith(".ipynb") and not n.endswith("_template.ipynb"))}


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def client_copy(book_copy):
    copy = book_copy()
    (copy.root / "data/areas.yml").write_text(FIVE_AREAS, encoding="utf-8")
    built = copy.send_book("book")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return copy


@pytest.fixture(scope="module")
def cluster(client_copy, tmp_path_factory):
    """A scheduler and two workers in their own working directory, with their own book and data."""
    home = tmp_path_factory.mktemp("cluster")
    with_book = home / "book"
    # The workers' copy of the book is taken from the client's (the same commit and run list), and the
    # data directory is a copy of their own: they share no file with the build.
    shutil.copytree(client_copy.root, with_book, ignore=sources_only)
    worker_data = home / "data"
    shutil.copytree(client_copy.data, worker_data)
    environment = {
        **os.environ,
        "PYTHONPATH": str(with_book / "src"),
        "SEND_BOOK_DATA_DIR": str(worker_data),
        "SEND_BOOK_SOURCES_DIR": str(sources_dir()),
    }
    scheduler_file = home / "scheduler.json"
    work = home / "work"
    work.mkdir()
    started = []

    def start(*command: str) -> subprocess.Popen:
        log = open(home / f"{len(started)}.log", "w")  # noqa: SIM115 - closed when the process ends
        process = subprocess.Popen(command, cwd=work, env=environment, stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        return process

    try:
        start(
            str(DASK), "scheduler", "--scheduler-file", str(scheduler_file), "--port", "0", "--no-dashboard"
        )
        wait_for(scheduler_file.is_file, 60, "the scheduler")
        workers = [
            start(
                str(DASK),
                "worker",
                "--scheduler-file",
                str(scheduler_file),
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--local-directory",
                str(work),
            )
            for _ in range(2)
        ]
        address = json.loads(scheduler_file.read_text())["address"]
        wait_for(lambda: _workers_seen(address) >= 2, 120, "two workers")
        yield address, {process.pid for process in workers}, with_book
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _workers_seen(address: str) -> int:
    from distributed import Client

    with Client(address, timeout=30) as client:
        return len(client.scheduler_info(n_workers=-1)["workers"])


def test_pages_built_on_the_cluster_equal_the_process_pool_build(client_copy, cluster):
    address, worker_pids, worker_book = cluster
    by_pool = outputs_by_page(client_copy.root)
    assert len(by_pool) == 5 + len([p for p in catalogue.executed() if not p.per_area])
    built = client_copy.send_book("book", "--executor", "dask", "--scheduler", address, "--force")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    by_cluster = outputs_by_page(client_copy.root)
    assert by_cluster.keys() == by_pool.keys()
    for page, cells in by_pool.items():
        for (source, expected), (_, found) in zip(cells, by_cluster[page], strict=True):
            assert found == expected, f"{page}, cell {source!r}"
    with open(client_copy.root / "_build/timings.csv", newline="") as handle:
        ran_on = {int(row["worker"].rsplit(":", 1)[1]) for row in csv.DictReader(handle)}
    assert ran_on == worker_pids  # both workers took pages; the build itself executed none
    # The workers wrote no page: the build wrote each one it was sent back.
    assert all(path.name.endswith("_template.ipynb") for path in worker_book.glob("chapters/**/*.ipynb"))
