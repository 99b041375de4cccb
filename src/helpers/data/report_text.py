"""The text of the held inspection reports, page by page, extracted once from the PDFs.

The PDFs are the ``inspection_reports`` dataset of the manifest (checked by sha256 like every other
file). Text is extracted with pypdf, one string per PDF page, and kept in the processed store, so
the anchors of every coded finding are checked against the report itself, not a hand-made copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from helpers.errors import InputError


class ReportTextError(InputError, LookupError):
    """A report or one of its pages is not in the book's data."""


def extract_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF, first page first."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def pages_table(files: dict[str, Path]) -> pd.DataFrame:
    """One row per page of every report: report (file stem), page (from 1) and text."""
    rows = [
        {"report": name, "page": number, "text": text}
        for name, pdf in sorted(files.items())
        for number, text in enumerate(extract_pages(pdf), start=1)
    ]
    return pd.DataFrame(rows, columns=["report", "page", "text"])


@cache
def _pages_by_report(frame_id: int, frame: pd.DataFrame) -> dict[str, list[str]]:
    by_report: dict[str, list[str]] = {}
    for report, page in frame.groupby("report", sort=False):
        by_report[report] = list(page.sort_values("page")["text"])
    return by_report


def page_text(frame: pd.DataFrame, report: str, page: int) -> str:
    """The text of one page of one report; a clear error if the report or page is not held."""
    pages = frame.loc[frame["report"] == report].sort_values("page")
    if pages.empty:
        raise ReportTextError(f"inspection report '{report}' is not in the book's data")
    if not 1 <= page <= len(pages):
        raise ReportTextError(f"inspection report '{report}' has {len(pages)} pages, not a page {page}")
    return str(pages.iloc[page - 1]["text"])
