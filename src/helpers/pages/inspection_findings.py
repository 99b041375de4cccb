"""The national chapter: what the inspectors found about working with families, across every report
the book holds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from IPython.display import HTML, Markdown

from helpers.data import areas
from helpers.pages import catalogue
from helpers.present import inspection_views
from helpers.present.figures import Figure
from helpers.present.provenance import Provenance

PAGE = catalogue.get("inspection-findings")


@dataclass
class InspectionChapter:
    marked: list[areas.Area]

    @cached_property
    def findings(self) -> inspection_views.InspectionFindings:
        return inspection_views.load(self.marked)

    def summary(self) -> Markdown:
        return self.findings.summary()

    def map(self) -> Figure:
        return self.findings.map()

    def reports_table(self) -> HTML:
        return self.findings.reports_table()

    def outcome_table(self) -> HTML:
        return self.findings.outcome_table()

    def provenance(self) -> Provenance:
        return Provenance(
            parameters={"area_codes": [area.code for area in self.marked]}, book_files=PAGE.input_files()
        )


def load(area_codes: list[str]) -> InspectionChapter:
    return InspectionChapter([areas.get(code) for code in area_codes])
