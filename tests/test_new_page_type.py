"""A new page type is one declaration, one template and one page module: the build derives the rest.

In a copy of the book, a page listing the run list's areas is added the way the next engineer would,
then the copy is built. The built site has the page, with its provenance, in the table of contents, and
nbval collects and checks it. Nothing else in the copy is edited.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import nbformat
import pytest
import yaml

pytestmark = pytest.mark.slow

DECLARATION = """\
    PageType(
        "run-list",
        "The areas in this book",
        "Comparison",
        "chapters/run-list/run_list.ipynb",
        template="chapters/run-list/run_list_template.ipynb",
        parameters=("area_codes",),
        inputs=("data/areas.yml",),
    ),
"""

PAGE_MODULE = '''\
"""The run list as a page: which areas the book profiles, with their regions."""

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from helpers.data import areas
from helpers.pages import catalogue
from helpers.present import tables
from helpers.present.provenance import Provenance

PAGE = catalogue.get("run-list")


@dataclass
class RunListPage:
    listed: list[areas.Area]

    def table(self) -> HTML:
        frame = pd.DataFrame(
            {"Area": [a.name for a in self.listed], "Region": [a.region_name for a in self.listed]}
        )
        return tables.table(frame, "The areas this book profiles")

    def provenance(self) -> Provenance:
        codes = [a.code for a in self.listed]
        return Provenance(parameters={"area_codes": codes}, book_files=PAGE.input_files())


def load(area_codes: list[str]) -> RunListPage:
    return RunListPage([areas.get(code) for code in area_codes])
'''


def template() -> nbformat.NotebookNode:
    """A page template as the house style has it: a title cell, typed parameters, thin display cells."""
    cell = nbformat.v4.new_code_cell
    cells = [
        nbformat.v4.new_markdown_cell("# The areas in this book", metadata={"tags": ["title"]}),
        cell(
            'area_codes: list = ["E09000014", "E06000066"]  # GSS codes of the areas in the run list',
            metadata={"tags": ["parameters", "remove-cell"]},
        ),
        cell(
            "from helpers.pages import run_list\n\npage = run_list.load(area_codes)",
            metadata={"tags": ["setup", "remove-cell"]},
        ),
        nbformat.v4.new_markdown_cell("Which areas does this book profile?"),
        cell("page.table()", metadata={"tags": ["remove-input"]}),
        nbformat.v4.new_markdown_cell("## Provenance"),
        cell("page.provenance()", metadata={"tags": ["remove-input"]}),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def text_of(file) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", file.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def built(book_copy):
    copy = book_copy()
    catalogue = copy.root / "src/helpers/pages/catalogue.py"
    source = catalogue.read_text(encoding="utf-8")
    # The new declaration goes into the tuple of page types, before the "About this book" pages.
    at = source.rindex("    PageType(", 0, source.index('"analysts-guide"'))
    catalogue.write_text(source[:at] + DECLARATION + source[at:], encoding="utf-8")
    (copy.root / "src/helpers/pages/run_list.py").write_text(PAGE_MODULE, encoding="utf-8")
    (copy.root / "chapters/run-list").mkdir()
    nbformat.write(template(), copy.root / "chapters/run-list/run_list_template.ipynb")
    result = copy.send_book("book")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy


def test_the_site_has_the_new_page_with_its_provenance(built):
    page = built.root / "_build/html/chapters/run-list/run_list.html"
    shown = text_of(page)
    listed = yaml.safe_load((built.root / "data/areas.yml").read_text(encoding="utf-8"))["areas"]
    assert "The areas in this book" in shown
    assert all(entry["name"] in shown for entry in listed)
    run_list_sha = hashlib.sha256((built.root / "data/areas.yml").read_bytes()).hexdigest()
    assert "Provenance" in shown and f"data/areas.yml {run_list_sha}" in shown
    codes = ", ".join(entry["code"] for entry in listed)
    assert f"Parameters area_codes = {codes}" in shown


def test_the_new_page_is_in_the_table_of_contents(built):
    toc = yaml.safe_load((built.root / "_toc.yml").read_text(encoding="utf-8"))
    comparison = next(part for part in toc["parts"] if part["caption"] == "Comparison")
    assert {"file": "chapters/run-list/run_list"} in comparison["chapters"]
    front = (built.root / "_build/html/chapters/intro.html").read_text(encoding="utf-8")
    assert 'href="run-list/run_list.html"' in front


def test_nbval_collects_and_passes_the_new_page(built):
    def pytest_in_copy(*arguments: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval", *arguments]
        return subprocess.run(
            command, cwd=built.root, env=built.environment(), capture_output=True, text=True, timeout=600
        )

    collected = pytest_in_copy("--collect-only", "-q", "chapters")
    assert "chapters/run-list/run_list.ipynb::Cell" in collected.stdout
    assert "run_list_template.ipynb" not in collected.stdout
    checked = pytest_in_copy(
        "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "chapters/run-list/run_list.ipynb"
    )
    assert checked.returncode == 0, checked.stdout[-3000:]
    assert re.search(r"\b[2-9] passed\b", checked.stdout)
