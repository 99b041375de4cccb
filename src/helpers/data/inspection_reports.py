"""The held area SEND inspection reports (2023 framework): which the book has, and their text.

Each report is a dataset of its own in ``data/manifest.yml`` (``inspection_report_<file stem>``), so a
missing or altered PDF stops the build naming the report. The text of every page is extracted once into
the processed store (``pages``); coded findings are checked against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from helpers.data import areas, manifest, report_text, store

PREFIX = "inspection_report_"
#: The outcome paragraph of a report's first page, as the 2023 framework words each outcome.
OUTCOMES = {
    "typically lead to positive experiences": "Typically positive experiences and outcomes",
    "lead to inconsistent experiences": "Inconsistent experiences and outcomes",
    "widespread and/or systemic failings": "Widespread and/or systemic failings",
}


@dataclass(frozen=True)
class HeldReport:
    """One report the book holds: its file stem, area and publication date, and where to read it."""

    stem: str
    dataset_id: str
    code: str
    published: date
    title: str
    url: str

    @property
    def area(self) -> areas.Area:
        return areas.get(self.code)


def _from_dataset(dataset: manifest.Dataset) -> HeldReport:
    stem = dataset.id.removeprefix(PREFIX)
    match = re.fullmatch(r"(E\d{8})_[a-z0-9-]+_(\d{4}-\d{2}-\d{2})", stem)
    if not match:
        raise manifest.DataError(
            f"data/manifest.yml, dataset '{dataset.id}': a report is named inspection_report_<code>_<area>_"
            "<YYYY-MM-DD> after its PDF"
        )
    return HeldReport(
        stem, dataset.id, match.group(1), date.fromisoformat(match.group(2)), dataset.title, dataset.url
    )


@cache
def held() -> tuple[HeldReport, ...]:
    """Every report in the manifest, oldest first."""
    reports = [_from_dataset(d) for i, d in manifest.datasets().items() if i.startswith(PREFIX)]
    return tuple(sorted(reports, key=lambda r: (r.published, r.stem)))


def for_area(area: areas.Area) -> HeldReport | None:
    """The area's most recent held report, or None when the book's data have none."""
    codes = {area.code, *area.former_codes}
    mine = [report for report in held() if report.code in codes]
    return mine[-1] if mine else None


def by_stem(stem: str) -> HeldReport:
    for report in held():
        if report.stem == stem:
            return report
    raise manifest.DataError(f"no inspection report '{stem}' in data/manifest.yml")


@store.table("inspection-report-pages")
def pages() -> pd.DataFrame:
    """The text of every page of every held report (report, page, text), each PDF verified first."""
    return report_text.pages_table({r.stem: manifest.path(r.dataset_id) for r in held()})


def page_text(stem: str, page: int) -> str:
    return report_text.page_text(pages(), stem, page)


def outcome(stem: str) -> str:
    """The inspection outcome as the report's first page states it."""
    first = re.sub(r"\s+", " ", page_text(stem, 1))
    for wording, label in OUTCOMES.items():
        if wording in first:
            return label
    raise manifest.DataError(f"inspection report '{stem}': no 2023-framework outcome on its first page")
