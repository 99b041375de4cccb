"""Running the book's pages: papermill, in warm kernels, on a pool of worker processes.

Each worker keeps one Jupyter kernel alive and runs page after page in it, resetting the namespace
before each, so the imports and the processed tables are loaded once per worker rather than once per
page. Papermill still executes every page (through the ``warm`` engine registered here).

The pool is any ``concurrent.futures.Executor``: a local process pool by default, or a Dask cluster's
executor (``send-book book --executor dask --scheduler tcp://host:8786``) when one machine is not
enough. Workers need only this package and the data directory.
"""

from __future__ import annotations

import atexit
import os
import time
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import papermill
from jupyter_client import KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from helpers import paths

KERNEL = "python3"
#: A fresh namespace and execution count for each page, as if in a new kernel.
RESET = "get_ipython().reset(new_session=False); get_ipython().execution_count = 1"
#: Worker kernels keep no input history: nobody reads it, and writing it costs time on every cell.
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]

_kernel: KernelManager | None = None


class WarmKernelEngine(NBClientEngine):
    """Papermill's nbclient engine, run in a kernel the worker keeps between pages."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        km = kwargs.pop("km")
        client = PapermillNotebookClient(
            nb_man,
            km=km,
            kernel_name=kernel_name,
            startup_timeout=kwargs.pop("start_timeout", 60),
            timeout=kwargs.pop("execution_timeout", None),
            log_output=kwargs.pop("log_output", False),
            stdout_file=kwargs.pop("stdout_file", None),
            stderr_file=kwargs.pop("stderr_file", None),
            **{k: v for k, v in kwargs.items() if k not in ("input_path", "progress_bar")},
        )
        try:
            return client.execute()
        finally:
            # The kernel stays for the next page; its client's channels do not.
            if client.kc is not None:
                client.kc.stop_channels()


papermill_engines.register("warm", WarmKernelEngine)


def _shutdown() -> None:
    if _kernel is not None and _kernel.has_kernel:
        _kernel.shutdown_kernel(now=True)


def warm_kernel() -> KernelManager:
    """This process's kernel, started on first use, with a fresh namespace."""
    global _kernel
    started = _kernel is None or not _kernel.is_alive()
    if started:
        _kernel = KernelManager(kernel_name=KERNEL)
        _kernel.start_kernel(cwd=str(paths.ROOT), extra_arguments=KERNEL_ARGUMENTS)
        atexit.register(_shutdown)
    # A short-lived client: one kept open beside papermill's own client stops receiving replies.
    client = _kernel.client()
    client.start_channels()
    try:
        if started:  # waiting costs a fixed 0.2 s, needed only for a kernel that has just started
            client.wait_for_ready(timeout=60)
        client.execute_interactive(RESET, timeout=60, store_history=False)
    finally:
        client.stop_channels()
    return _kernel


def restart_kernel() -> None:
    """Drop this process's kernel (after a failed page, its state cannot be trusted)."""
    global _kernel
    _shutdown()
    _kernel = None


@dataclass(frozen=True)
class Job:
    """One page to execute: its template, where it goes and its parameters."""

    name: str
    template: Path
    target: Path
    parameters: dict


@dataclass(frozen=True)
class Outcome:
    """What happened to one page."""

    name: str
    target: Path
    seconds: float
    worker: int
    error: str | None = None


def run_job(job: Job) -> Outcome:
    """Execute one page in this worker's warm kernel (runs in the worker process)."""
    started = time.perf_counter()
    job.target.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(job.template),
            str(job.target),
            parameters=job.parameters,
            kernel_name=KERNEL,
            engine_name="warm",
            km=warm_kernel(),
            progress_bar=False,
            # Papermill otherwise rewrites the whole notebook after every cell (about 40 times a
            # page); a page that fails is still written, with its error, before it is reported.
            request_save_on_cell_execute=False,
        )
    except Exception as error:  # noqa: BLE001 - reported with the page's name, the others still run
        restart_kernel()
        return Outcome(job.name, job.target, time.perf_counter() - started, os.getpid(), str(error))
    return Outcome(job.name, job.target, time.perf_counter() - started, os.getpid())


def make_executor(
    kind: str = "process", workers: int | None = None, scheduler: str | None = None
) -> Executor:
    """A local process pool (default: one worker per core) or a Dask cluster's executor."""
    if kind == "process":
        return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    if kind == "dask":
        try:
            from distributed import Client
        except ImportError as error:
            raise RuntimeError(
                "The dask executor needs the 'distributed' package: pip install distributed"
            ) from error
        return Client(scheduler).get_executor() if scheduler else Client(n_workers=workers).get_executor()
    raise ValueError(f"Unknown executor {kind!r}: use 'process' or 'dask'.")


def run_all(jobs: list[Job], executor: Executor, progress: bool = True):
    """Run the jobs on the executor, yielding each outcome as it finishes, with a progress bar."""
    from tqdm.auto import tqdm

    futures = [executor.submit(run_job, job) for job in jobs]
    with tqdm(total=len(futures), desc="pages", unit="page", disable=None if progress else True) as bar:
        for future in as_completed(futures):
            bar.update(1)
            yield future.result()
