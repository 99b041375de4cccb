"""What a page was made from: the code version, the national data, the book's own input files, the
parameters and the statistical neighbours, so a reader can check a figure and an analyst reproduce it.

Everything shown is a content hash or a recorded release, never a time or a machine, so re-running a
page reproduces it exactly (nbval checks this).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.data import manifest
from helpers.data.files import write_atomically
from helpers.data.inspection_reports import PREFIX as REPORT_PREFIX
from helpers.present import tables
from helpers.version import code_version


def _shown(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


@dataclass
class Provenance:
    """The provenance section of one page."""

    parameters: dict
    #: The book's own input files the page reads (run list, register, codebook, bibliography).
    book_files: list[Path] = field(default_factory=list)
    #: The statistical neighbours the page's benchmarks use: (rank, name, DfE number).
    neighbours: list[tuple[int, str, int]] = field(default_factory=list)
    neighbour_list: str = ""
    datasets_caption: str = "National datasets in the processed store this page reads, as published"
    #: The inspection reports (file stems) the page reads; None for every report the book holds.
    reports: list[str] | None = None

    def __repr__(self) -> str:
        # The plain-text form is stored in the executed page too: no absolute path, so a page executed
        # on another machine (a cluster worker) is the same page.
        files = ", ".join(str(file.relative_to(paths.ROOT)) for file in self.book_files)
        return f"Provenance: parameters {self.parameters}; book files {files or 'none'}"

    def datasets_table(self) -> str:
        rows = [
            {
                "Dataset": dataset.title,
                "Publisher": dataset.publisher,
                "Release": dataset.vintage,
                "File": dataset.file,
                "SHA-256": dataset.sha256,
            }
            for dataset in manifest.datasets().values()
            if self._reads(dataset.id)
        ]
        return tables.html_table(pd.DataFrame(rows), self.datasets_caption)

    def _reads(self, dataset_id: str) -> bool:
        if not dataset_id.startswith(REPORT_PREFIX) or self.reports is None:
            return True
        return dataset_id.removeprefix(REPORT_PREFIX) in self.reports

    def files_table(self) -> str:
        rows = [
            {"File": str(file.relative_to(paths.ROOT)), "SHA-256": manifest.sha256_of(file)}
            for file in self.book_files
            if file.is_file()
        ]
        return tables.html_table(pd.DataFrame(rows), "The book's own input files this page reads")

    def _repr_html_(self) -> str:
        shown = "; ".join(f"{name} = {_shown(value)}" for name, value in self.parameters.items()) or "none"
        parts = [
            '<dl class="book-provenance">',
            f"<dt>Code version</dt><dd>{html.escape(code_version())}</dd>",
            f"<dt>Parameters</dt><dd>{html.escape(shown)}</dd>",
        ]
        if self.neighbours:
            listed = "; ".join(f"{rank}. {name} ({number})" for rank, name, number in self.neighbours)
            parts.append(
                f"<dt>Statistical neighbours ({html.escape(self.neighbour_list)})</dt>"
                f"<dd>{html.escape(listed)}</dd>"
            )
        else:
            parts.append(
                "<dt>Statistical neighbours</dt><dd>none: this page uses no statistical neighbours</dd>"
            )
        parts.append("</dl>")
        # The checksums are for checking and reproducing, not for reading: collapsed by default.
        count = len(self.book_files) + sum(self._reads(d) for d in manifest.datasets())
        parts.append(
            f"<details><summary>The {count} files and datasets this page was made from, with their "
            "SHA-256 checksums</summary>"
        )
        if self.book_files:
            parts.append(self.files_table())
        parts.append(self.datasets_table())
        parts.append("</details>")
        return "\n".join(parts)


WRITTEN_PAGES_INTRODUCTION = (
    "What the book this page belongs to was made from: the version of the book's code and the national "
    "datasets, each with its release and SHA-256 checksum. This page is written text: it computes no "
    "figures, takes no parameters and uses no statistical neighbours."
)

WRITTEN_PAGES_DATASETS = "National datasets the book was built from, as published"


def written_pages_section() -> str:
    """The provenance section, in MyST Markdown, that the pages written by hand include."""
    # The section is Markdown so its heading joins the page's contents; the tables are the same HTML
    # the executed pages show, passed through untouched.
    return (
        f"## Provenance\n\n{WRITTEN_PAGES_INTRODUCTION}\n\n"
        f"```{{raw}} html\n{Provenance({}, datasets_caption=WRITTEN_PAGES_DATASETS)._repr_html_()}\n```\n"
    )


def write_written_pages_section(file: Path = paths.WRITTEN_PAGES_PROVENANCE) -> Path:
    """Write the section the written pages include; an unchanged section keeps its file untouched,
    so Sphinx does not rebuild those pages for nothing."""
    section = written_pages_section()
    if not file.is_file() or file.read_text(encoding="utf-8") != section:
        write_atomically(file, section)
    return file
