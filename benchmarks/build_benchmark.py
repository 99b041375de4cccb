"""How fast the book builds, against its targets. Run from the repository root after `make env`:

    .venv/bin/python benchmarks/build_benchmark.py [--areas N]

Everything runs in a temporary copy of the repository, so your own build is left alone. It prints:

* the floor: an empty notebook run through papermill, once, and N of them in parallel on every core;
* the time per area page in the national build, and its ratio to the floor (target: within 2x);
* the national build (N areas, default all 153) and its ratio to N x floor / cores plus the site build
  (target: within 1.5x);
* an unchanged rebuild (target: under 10% of the full build) and a rebuild after one area's evidence
  changed (target: that page plus the pages that depend on it);
* the peak memory of the build (all its processes together) and the page weight of an area page.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "_build",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
    "profiles",
    "maps.ipynb",
    "compare.ipynb",
    "register.ipynb",
    "framework.ipynb",
    "bibliography.ipynb",
)


def empty_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("area_code = ''", metadata={"tags": ["parameters"]})]
    path = folder / "empty.ipynb"
    nbformat.write(notebook, path)
    return path


def quiet_kernels() -> None:
    """Send this worker's stderr, which its kernels inherit, to /dev/null: each new kernel logs a
    warning there, and the floor starts one per page."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)


def run_empty(args: tuple[str, str]) -> float:
    source, target = args
    started = time.perf_counter()
    papermill.execute_notebook(
        source, target, parameters={"area_code": "E09000014"}, kernel_name="python3", progress_bar=False
    )
    return time.perf_counter() - started


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
    """Run `send-book book` in the copy; return wall seconds, peak memory of the process tree, output."""
    environment = {**os.environ, "PYTHONPATH": str(copy / "src")}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "helpers.build.cli", "book", *extra],
        cwd=copy,
        env=environment,
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
        raise SystemExit(f"build failed:\n{output[-4000:]}")
    return elapsed, peak[0], output


def site_seconds(output: str) -> float:
    found = re.findall(r"Site built \((?:clean|incremental)\) in ([\d.]+) s", output)
    return float(found[-1]) if found else 0.0


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--areas", type=int, default=153, help="areas in the national build (default: all 153)"
    )
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="book-benchmark-"))
    copy = work / "main"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    os.environ.setdefault("SEND_BOOK_DATA_DIR", str((ROOT.parent / "shared" / "data").resolve()))
    print(f"Benchmark on {cores} cores, in {copy}\n")

    empty = empty_notebook(work)
    with ProcessPoolExecutor(max_workers=1, initializer=quiet_kernels) as pool:
        singles = list(pool.map(run_empty, [(str(empty), str(work / f"single-{i}.ipynb")) for i in range(3)]))
    floor = statistics.median(singles)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=cores, initializer=quiet_kernels) as pool:
        list(pool.map(run_empty, [(str(empty), str(work / f"par-{i}.ipynb")) for i in range(args.areas)]))
    parallel_floor = time.perf_counter() - started
    print(f"Floor: an empty notebook through papermill        {floor:6.2f} s per page (median of 3)")
    print(
        f"Floor: {args.areas} empty notebooks on {cores} cores            {parallel_floor:6.1f} s "
        f"(N x floor / cores = {args.areas * floor / cores:.1f} s)"
    )

    extra = ["--areas", "all"] if args.areas == 153 else []
    if args.areas != 153:
        # A run list of the first N areas, for a quicker benchmark.
        sys.path.insert(0, str(copy / "src"))
        from helpers.data import areas as registry

        chosen = registry.all_areas()[: args.areas]
        (copy / "data/areas.yml").write_text(
            "areas:\n" + "".join(f"  - code: {a.code}\n    name: {a.name}\n" for a in chosen)
        )
    full, peak, output = timed_build(copy, *extra)
    site = site_seconds(output)
    timings = (copy / "_build/timings.csv").read_text().splitlines()[1:]
    area_names = {a for a in re.findall(r'^"([^"]+)"', "\n".join(timings), re.M)}
    national = {"Comparison", "England maps", "Framework and methods", "Evidence register", "Bibliography"}
    area_times = [
        float(line.split(",")[-3]) for line in timings if line.split(",")[0].strip('"') not in national
    ]
    per_page = statistics.mean(area_times)
    pages_wall = full - site
    print(
        f"\nNational build: {len(area_times)} area pages + {len(national)} national pages, site of "
        f"{len(area_names)} pages"
    )
    print(
        f"Area page, mean in the build                     {per_page:6.2f} s   ratio to floor "
        f"{per_page / floor:4.2f}  (target within 2x: {verdict(per_page <= 2 * floor)})"
    )
    print(f"Area page, slowest (a worker's first, cold)      {max(area_times):6.2f} s")
    reference = parallel_floor + site
    print(
        f"National build wall time                         {full:6.1f} s   (pages and checks {pages_wall:.1f} s, "
        f"site {site:.1f} s)"
    )
    print(
        f"  ratio to parallel floor + site build ({reference:.1f} s)  {full / reference:4.2f}  "
        f"(target within 1.5x: {verdict(full <= 1.5 * reference)})"
    )

    unchanged, _, output = timed_build(copy, *extra)
    print(
        f"Unchanged rebuild                                {unchanged:6.2f} s   {100 * unchanged / full:4.1f}% of the "
        f"full build (target under 10%: {verdict(unchanged < 0.1 * full)})"
    )
    evidence_file = copy / "data/evidence/haringey.yml"
    evidence_file.write_text(evidence_file.read_text() + "\n# benchmark: one area's evidence changed\n")
    changed, _, output = timed_build(copy, *extra)
    executed = re.search(r"(\d+) of (\d+) pages to execute", output)
    print(
        f"Rebuild after Haringey's evidence changed        {changed:6.1f} s   executed {executed.group(1)} of "
        f"{executed.group(2)} pages (Haringey plus the 4 pages that read the register: "
        f"{verdict(executed.group(1) == '5')})"
    )
    print(f"Peak memory of the build (all processes)         {peak / 2**20:6.0f} MiB")

    sys.path.insert(0, str(copy / "src"))
    from helpers.build.pageweight import AREA_PAGE_BUDGET, site_weight

    weight = site_weight(copy / "_build/html")
    areas_weight = weight.pages[weight.pages["page"].str.startswith("chapters/areas/profiles/")]
    print(
        f"Area page weight (HTML + what it alone loads)    {areas_weight['page_weight'].max() / 1e6:6.2f} MB  "
        f"(target under {AREA_PAGE_BUDGET / 1e6:.1f} MB: {verdict(areas_weight['page_weight'].max() < AREA_PAGE_BUDGET)})"
        f"; shared assets {weight.shared_bytes / 1e6:.2f} MB, counted once"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
