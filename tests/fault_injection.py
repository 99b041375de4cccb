"""Fault injection: feed a built copy of the book bad input, one case at a time, and check each is refused.

Run from the repository root after `make book` (or `make env`):

    .venv/bin/python tests/fault_injection.py

It copies the book and the national data to a temporary folder, builds the copy, then for each case
breaks one thing, runs `send-book book`, puts the thing back and checks three facts: the command exited
non-zero (or, for the two cases that should succeed, zero), its message says what and where, and the
published book (`_build/html`), the executed pages and the book's input files are exactly as before.
It prints a table of case, expected and observed, and exits non-zero if any case fails.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from book_copy import BookCopy
from local_publisher import Publisher

from helpers.data.fetch import stored_gzip

# --- faults: each changes one thing and returns how to put it back -------------------------------


def replace_text(file: Path, old: str, new: str) -> Callable[[], None]:
    original = file.read_bytes()
    text = original.decode("utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return lambda: file.write_bytes(original)


def write_file(file: Path, text: str) -> Callable[[], None]:
    original = file.read_bytes() if file.exists() else None
    file.write_text(text, encoding="utf-8")
    return lambda: file.write_bytes(original) if original is not None else file.unlink()


def edit_yaml(file: Path, change: Callable[[dict], None]) -> Callable[[], None]:
    original = file.read_bytes()
    data = yaml.safe_load(original)
    change(data)
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return lambda: file.write_bytes(original)


def item_of(data: dict, position: int = 0) -> dict:
    return data["items"][position]


def release(book: BookCopy, dataset_id: str, change: Callable[[str], str]) -> Callable[[], None]:
    """A 'new release' of a dataset: its text changed, and the manifest updated to the new checksum, so
    the file passes its checksum and the loader itself must notice the problem."""
    manifest = book.root / "data/manifest.yml"
    entry = yaml.safe_load(manifest.read_text())["datasets"][dataset_id]
    file = book.data / entry["file"]
    original = file.read_bytes()
    compressed = file.suffix == ".gz"
    text = (gzip.decompress(original) if compressed else original).decode("utf-8-sig")
    changed = change(text).encode("utf-8")
    if compressed:
        changed = stored_gzip(changed)
    file.write_bytes(changed)
    undo_manifest = replace_text(manifest, entry["sha256"], hashlib.sha256(changed).hexdigest())

    def undo() -> None:
        file.write_bytes(original)
        undo_manifest()

    return undo


def checksum(book: BookCopy, dataset_id: str) -> str:
    return yaml.safe_load((book.root / "data/manifest.yml").read_text())["datasets"][dataset_id]["sha256"]


def data_file(book: BookCopy, dataset_id: str) -> Path:
    entry = yaml.safe_load((book.root / "data/manifest.yml").read_text())["datasets"][dataset_id]
    return book.data / entry["file"]


def remove(file: Path) -> Callable[[], None]:
    original = file.read_bytes()
    file.unlink()
    return lambda: file.write_bytes(original)


def truncate(file: Path) -> Callable[[], None]:
    original = file.read_bytes()
    file.write_bytes(original[: len(original) // 2])
    return lambda: file.write_bytes(original)


def empty_data_directory(book: BookCopy) -> Callable[[], None]:
    held = book.data.with_name("data-held")
    book.data.rename(held)
    book.data.mkdir()

    def undo() -> None:
        book.data.rmdir()
        held.rename(book.data)

    return undo


def unwritable_area_page(book: BookCopy) -> Callable[[], None]:
    """Every area page must run again, and Somerset's cannot be written: the others must still run."""
    profiles = book.root / "chapters/areas/profiles"
    saved = {f.name: f.read_bytes() for f in profiles.glob("*.ipynb")}
    for file in profiles.glob("*.ipynb"):
        file.unlink()
    (profiles / "somerset.ipynb").mkdir()

    def undo() -> None:
        (profiles / "somerset.ipynb").rmdir()
        for name, content in saved.items():
            (profiles / name).write_bytes(content)

    return undo


def tampered_download(book: BookCopy) -> Callable[[], None]:
    """`make data` where the publisher's file has changed: a local web server serves one altered byte."""
    manifest = book.root / "data/manifest.yml"
    entry = yaml.safe_load(manifest.read_text())["datasets"]["la_code_changes"]
    file = book.data / entry["file"]
    publisher = Publisher(book.root.parent / "publisher")
    local = publisher.base + "/changes.csv"
    publisher.put(local, file.read_bytes().replace(b"E06000066", b"E06000067", 1))
    undo_manifest = replace_text(manifest, entry["download"]["from"][0]["url"], local)
    undo_file = remove(file)  # so `make data` fetches it

    def undo() -> None:
        publisher.close()
        if file.exists():
            raise AssertionError(f"the altered download was saved as {file}")
        undo_file()
        undo_manifest()

    return undo


@dataclass
class Case:
    name: str
    expected: str
    #: A pattern the command's output must contain.
    message: str
    fault: Callable[[BookCopy], Callable[[], None]]
    exit_code: int = 2
    #: The command run with the fault in place.
    command: tuple[str, ...] = ("book",)


EVIDENCE = "data/evidence/haringey.yml"
CASES = [
    Case(
        "unknown area code in areas.yml",
        "error naming areas.yml, the entry and field 'code'",
        r"areas\.yml, area 2, field 'code': .*E10000099",
        lambda b: replace_text(b.root / "data/areas.yml", "E06000066", "E10000099"),
    ),
    Case(
        "abolished area code in areas.yml",
        "error giving the current code",
        r"areas\.yml, area 2, field 'code': E10000027 is a former code; use the current code E06000066",
        lambda b: replace_text(b.root / "data/areas.yml", "E06000066", "E10000027"),
    ),
    Case(
        "malformed areas.yml",
        "error: not valid YAML, with the line",
        r"areas\.yml is not valid YAML.*line",
        lambda b: replace_text(b.root / "data/areas.yml", "areas:", "areas: [\n  - code: {"),
    ),
    Case(
        "evidence item missing a field",
        "error naming file, line, item and field 'finding'",
        r"haringey\.yml, line \d+, item haringey-001: field 'finding': Field required",
        lambda b: edit_yaml(b.root / EVIDENCE, lambda d: item_of(d).pop("finding")),
    ),
    Case(
        "evidence field of the wrong type",
        "error naming the item and field 'themes'",
        r"haringey\.yml, line \d+, item haringey-001: field 'themes': Input should be a valid list",
        lambda b: edit_yaml(b.root / EVIDENCE, lambda d: item_of(d).update(themes="relationships-trust")),
    ),
    Case(
        "impossible date",
        "error naming field 'date'",
        r"item haringey-001: field 'date': .*'2021-02-30' is not a real date",
        lambda b: edit_yaml(b.root / EVIDENCE, lambda d: item_of(d).update(date="2021-02-30")),
    ),
    Case(
        "unknown source",
        "error naming field 'source'",
        r"item haringey-001, field 'source': 'no-such-source-2020' is not in data/sources\.yml",
        lambda b: edit_yaml(b.root / EVIDENCE, lambda d: item_of(d).update(source="no-such-source-2020")),
    ),
    Case(
        "unknown area in an evidence file",
        "error naming the file and field 'area'",
        r"narnia\.yml, field 'area': 'narnia' is not 'national' or the slug of a current area",
        lambda b: write_file(b.root / "data/evidence/narnia.yml", "area: narnia\nitems: []\n"),
    ),
    Case(
        "duplicate item id",
        "error naming both places",
        r"item haringey-001, field 'id': duplicate id, already used at .*haringey\.yml, line \d+",
        lambda b: edit_yaml(b.root / EVIDENCE, lambda d: d["items"].append(dict(item_of(d)))),
    ),
    Case(
        "contact details in evidence text",
        "error naming the field and the number",
        r"item haringey-001, field 'finding': contains contact details \('020 7946 0000'\)",
        lambda b: edit_yaml(
            b.root / EVIDENCE,
            lambda d: item_of(d).update(finding=item_of(d)["finding"] + " Call 020 7946 0000."),
        ),
    ),
    Case(
        "source with a non-http(s) URL",
        "error naming sources.yml, line, source and field 'url'",
        r"sources\.yml, line \d+, source [a-z0-9-]+: field 'url': .*links start with http",
        lambda b: edit_yaml(
            b.root / "data/sources.yml", lambda d: d["sources"][0].update(url="javascript:alert(1)")
        ),
    ),
    Case(
        "national data file missing",
        "error naming the file and where to get it",
        r"Missing data file sen2_ehcp/2025/data/caseload\.csv\.gz .*available from https://",
        lambda b: remove(data_file(b, "sen2_caseload")),
    ),
    Case(
        "national data file truncated",
        "checksum error naming the file",
        r"caseload\.csv\.gz does not match its checksum",
        lambda b: truncate(data_file(b, "sen2_caseload")),
    ),
    Case(
        "checksum changed in the manifest",
        "checksum error naming the file",
        r"dfe_sn_may_2025_long\.csv does not match its checksum in data/manifest\.yml "
        r"\(expected sha256 f{64}",
        lambda b: replace_text(b.root / "data/manifest.yml", checksum(b, "neighbours_2025"), "f" * 64),
    ),
    Case(
        "columns renamed in a new release",
        "error naming the file and the missing column",
        r"dfe_sn_may_2025_long\.csv has no column\(s\) sn_rank",
        lambda b: release(b, "neighbours_2025", lambda text: text.replace("sn_rank", "rank", 1)),
    ),
    Case(
        "new statistical symbol in a new release",
        "error naming file, line and column",
        r"caseload\.csv\.gz, line \d+, column 'ehcplans': '\?\?' is neither a number nor a known symbol",
        lambda b: release(
            b,
            "sen2_caseload",
            lambda text: re.sub(r"(,Haringey,All EHC plans,All EHC plans,)\d+", r"\1??", text, count=1),
        ),
    ),
    Case(
        "empty data directory",
        "one error: the directory holds none of the datasets",
        r"holds none of the \d+ national datasets",
        empty_data_directory,
    ),
    Case(
        "one area page fails",
        "the others execute; a summary names the failure",
        r"1 of \d+ pages failed; the others were executed:\n  - Somerset: .*\nThe site was not rebuilt",
        unwritable_area_page,
        exit_code=1,
    ),
    Case(
        "make data: download differs from its checksum",
        "refused with both checksums; nothing saved",
        r"la_code_changes\s+mismatch\s+the file downloaded from http://127\.0\.0\.1:\d+/changes\.csv "
        r"is not the one recorded \(expected sha256 [0-9a-f]{64}, found [0-9a-f]{64}\).*Nothing was saved",
        tampered_download,
        exit_code=1,
        command=("data", "--only", "la_code_changes"),
    ),
]


def first_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    found = [
        line
        for line in lines
        if line.startswith(("error:", "  - ")) or " mismatch " in line or "failed" in line
    ]
    return (found or lines or ["(no output)"])[0].strip()[:150]


def run_case(book: BookCopy, case: Case, before: str) -> tuple[bool, str]:
    undo = case.fault(book)
    try:
        result = book.send_book(*case.command)
    finally:
        undo()
    output = result.stdout + result.stderr
    clear = re.search(case.message, output, re.S) is not None
    intact = book.snapshot() == before
    if case.name == "one area page fails":
        # The other areas ran again, so their pages exist; the put-back restored Somerset's.
        areas = len(yaml.safe_load((book.root / "data/areas.yml").read_text())["areas"])
        executed = re.search(r"(\d+) of (\d+) pages to execute", output)
        intact = intact and executed is not None and executed.group(1) == str(areas)
    ok = result.returncode == case.exit_code and clear and intact
    observed = (
        f"exit {result.returncode}; {first_error_line(output)}; "
        f"book {'intact' if intact else 'CHANGED'}" + ("" if clear else "; MESSAGE NOT AS EXPECTED")
    )
    return ok, observed


def concurrent_builds(book: BookCopy) -> tuple[bool, str]:
    """Two builds started at once: one waits for the other, both succeed, the site is whole."""
    undo = replace_text(book.root / "chapters/intro.md", "\n", "\n\n")  # a change the site must show
    try:
        first, second = book.start("book"), book.start("book")
        outputs = [first.communicate(timeout=1800)[0], second.communicate(timeout=1800)[0]]
        codes = [first.returncode, second.returncode]
    finally:
        undo()
    waited = sum("Another build of this book is running" in output for output in outputs)
    rebuilt = book.send_book("book")  # back to the book as it was
    whole = (book.root / "_build/html/index.html").is_file() and rebuilt.returncode == 0
    ok = codes == [0, 0] and waited == 1 and whole
    return ok, f"exits {codes}; {waited} waited for the other; site whole: {whole}"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="book-faults-"))
    book = BookCopy(work, copy_data=True)
    print(f"Building a copy of the book in {book.root} ...", flush=True)
    started = time.perf_counter()
    built = book.send_book("book")
    if built.returncode != 0:
        print(built.stdout[-3000:] + built.stderr[-3000:])
        return 1
    print(f"Built in {time.perf_counter() - started:.0f} s. Running {len(CASES) + 1} cases.\n", flush=True)
    before = book.snapshot()
    rows = []
    for case in CASES:
        ok, observed = run_case(book, case, before)
        rows.append((ok, case.name, case.expected, observed))
        print(f"{'PASS' if ok else 'FAIL'}  {case.name}", flush=True)
    ok, observed = concurrent_builds(book)
    rows.append((ok, "two builds at once", "the second waits; both succeed; the site is whole", observed))
    print(f"{'PASS' if ok else 'FAIL'}  two builds at once\n", flush=True)
    width = max(len(row[1]) for row in rows)
    print(f"{'case':<{width}}  {'expected':<52}  observed")
    print("-" * (width + 120))
    for ok, name, expected, observed in rows:
        print(f"{name:<{width}}  {expected:<52}  {observed}{'' if ok else '   <-- FAILED'}")
    failed = [row for row in rows if not row[0]]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} cases behaved as expected.")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
