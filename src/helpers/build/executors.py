"""Running the book's pages: papermill, in warm kernels, on a pool of workers.

Each worker keeps one Jupyter kernel alive (one per worker thread) and runs page after page in it,
resetting the namespace before each, so the imports and the processed tables are loaded once per
worker rather than once per page. Papermill still executes every page, through the ``warm`` engine
registered here.

A job carries the template itself and returns the executed notebook, which the build writes: a worker
reads and writes no file of the build, so it can run on another machine. It needs only this package
(a checkout of the book at the same commit, installed) and a data directory of its own; before it runs
a page it checks that its code and the book's own data files are the build's, and refuses otherwise.

The pool is any ``concurrent.futures.Executor``: a local process pool by default, or a Dask cluster's
(``send-book book --executor dask --scheduler tcp://host:8786``) when one machine is not enough.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import socket
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from jupyter_client import KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from helpers import paths, version

KERNEL = "python3"
#: A fresh namespace and execution count for each page, as if in a new kernel.
RESET = "get_ipython().reset(new_session=False); get_ipython().execution_count = 1"
#: Worker kernels keep no input history and no output cache (``Out``, ``_1``...): nobody reads them, the
#: history costs time on every cell, and with a cache each reset must empty it and collect garbage, about
#: a fifth of an area page's time. No page awaits at top level, so no cell is compiled twice to check.
KERNEL_ARGUMENTS = [
    "--HistoryManager.enabled=False",
    "--InteractiveShell.cache_size=0",
    "--InteractiveShell.autoawait=False",
]

#: Each worker thread's own kernel (a Dask worker may run several pages at once, one per thread).
_local = threading.local()


class WarmKernelEngine(NBClientEngine):
    """Papermill's nbclient engine, run in a kernel the worker keeps between pages.

    The engine opens the page's client itself: it resets the kernel's namespace through that client,
    which also proves the client receives the kernel's output, and hands it to nbclient. nbclient would
    otherwise open its own and wait for it to be ready, a fixed 0.2 s on every page.
    """

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
        kc = km.client()
        kc.start_channels()
        try:
            reply = kc.execute_interactive(
                RESET, timeout=60, store_history=False, output_hook=lambda msg: None
            )
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the worker's kernel could not be reset: {reply['content']}")
            kc.allow_stdin = False
            client.kc = kc
            return client.execute()
        finally:
            # The kernel stays for the next page; its client's channels do not.
            kc.stop_channels()


papermill_engines.register("warm", WarmKernelEngine)


def _shutdown(kernel: KernelManager) -> None:
    if kernel.has_kernel:
        kernel.shutdown_kernel(now=True)


def warm_kernel() -> KernelManager:
    """This thread's kernel, started (and waited for) on first use; each page resets its namespace."""
    kernel = getattr(_local, "kernel", None)
    if kernel is None or not kernel.is_alive():
        kernel = KernelManager(kernel_name=KERNEL)
        kernel.start_kernel(cwd=str(paths.ROOT), extra_arguments=KERNEL_ARGUMENTS)
        atexit.register(_shutdown, kernel)
        client = kernel.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
        finally:
            client.stop_channels()
        _local.kernel = kernel
    return kernel


def restart_kernel() -> None:
    """Drop this thread's kernel (after a failed page, its state cannot be trusted)."""
    kernel = getattr(_local, "kernel", None)
    if kernel is not None:
        _shutdown(kernel)
    _local.kernel = None


def fingerprint() -> str:
    """What a page's output depends on besides its template and parameters: this copy's code and the
    book's own data files (manifest, run list, register). The national data are checked by their
    checksums in the manifest wherever they are read."""
    digest = hashlib.sha256(version.code_digest().encode())
    for file in sorted(paths.BOOK_DATA.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(paths.BOOK_DATA).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Job:
    """One page to execute: the template notebook itself, its parameters, and where the build will
    write it (a label here: the worker never touches that path)."""

    name: str
    notebook: str
    target: Path
    parameters: dict
    #: The build's ``fingerprint()``: a worker whose copy of the book differs refuses the job.
    expected: str

    @classmethod
    def for_page(cls, name: str, template: Path, target: Path, parameters: dict, expected: str) -> Job:
        return cls(name, template.read_text(encoding="utf-8"), target, parameters, expected)


@dataclass(frozen=True)
class Outcome:
    """What happened to one page: the executed notebook, or the error."""

    name: str
    target: Path
    seconds: float
    worker: str
    #: Sent back as it is (pickled by the pool), not as text: the build validates it once, as it writes it.
    notebook: nbformat.NotebookNode | None = None
    error: str | None = None


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_job(job: Job) -> Outcome:
    """Execute one page in this worker's warm kernel and return it (runs in the worker)."""
    started = time.perf_counter()
    if fingerprint() != job.expected:
        return Outcome(
            job.name,
            job.target,
            time.perf_counter() - started,
            _worker_name(),
            error=f"the worker's copy of the book at {paths.ROOT} differs from the build's (its code or "
            "its data/ folder); check out the same commit there and install it.",
        )
    try:
        executed = papermill.execute_notebook(
            nbformat.reads(job.notebook, as_version=4),
            None,
            parameters=job.parameters,
            kernel_name=KERNEL,
            engine_name="warm",
            km=warm_kernel(),
            progress_bar=False,
            # Papermill otherwise would save the notebook after every cell; here nothing is written.
            request_save_on_cell_execute=False,
        )
    except Exception as error:  # noqa: BLE001 - reported with the page's name, the others still run
        restart_kernel()
        return Outcome(job.name, job.target, time.perf_counter() - started, _worker_name(), error=str(error))
    # Papermill records the input it was given, here the whole template: keep only where it lives.
    executed.metadata.papermill["input_path"] = None
    return Outcome(job.name, job.target, time.perf_counter() - started, _worker_name(), executed)


@contextmanager
def dask_executor(scheduler: str | None, workers: int | None):
    """A Dask cluster's executor: the scheduler at ``scheduler``, or a local cluster of ``workers``."""
    try:
        from distributed import Client
    except ImportError as error:
        raise RuntimeError(
            "The dask executor needs the 'distributed' package: pip install -e \".[cluster]\""
        ) from error
    client = Client(scheduler) if scheduler else Client(n_workers=workers)
    try:
        with client.get_executor() as executor:
            yield executor
    finally:
        client.close()


def make_executor(kind: str = "process", workers: int | None = None, scheduler: str | None = None):
    """A local process pool (default: one worker per core) or a Dask cluster's executor; either is used
    as a context manager that yields a ``concurrent.futures.Executor``."""
    if kind == "process":
        return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    if kind == "dask":
        return dask_executor(scheduler, workers)
    raise ValueError(f"Unknown executor {kind!r}: use 'process' or 'dask'.")


def run_all(jobs: list[Job], executor: Executor, progress: bool = True):
    """Run the jobs on the executor, yielding each outcome as it finishes, with a progress bar."""
    from tqdm.auto import tqdm

    futures = [executor.submit(run_job, job) for job in jobs]
    with tqdm(total=len(futures), desc="pages", unit="page", disable=None if progress else True) as bar:
        for future in as_completed(futures):
            bar.update(1)
            yield future.result()
