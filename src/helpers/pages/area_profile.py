"""The area profile: one page per area, with its national figures and its participation evidence.

The template calls one method per cell; each returns a display object made by the ``present`` layer
from the area's numbers, inspection and evidence, so the page holds no wrangling of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from IPython.display import HTML, Markdown

from helpers.data import areas, inspections
from helpers.pages import catalogue
from helpers.present import area_views, evidence_views
from helpers.present.figures import Figure
from helpers.present.provenance import Provenance
from helpers.stats.benchmarks import AreaNumbers

PAGE = catalogue.get("area-profile")
#: Where the bibliography is from an area page, for sources with no public address.
BIBLIOGRAPHY_PAGE = "../../evidence/bibliography.html"


@dataclass
class AreaProfile:
    """Everything one area's page shows."""

    area: areas.Area

    @cached_property
    def numbers(self) -> AreaNumbers:
        """Every indicator and year beside England, the region and the neighbours, with flags."""
        return AreaNumbers(self.area)

    @cached_property
    def inspection(self) -> inspections.Inspection | None:
        return inspections.latest(self.area)

    @cached_property
    def evidence(self) -> evidence_views.AreaEvidence:
        """The participation sections, derived from the area's items in the evidence register."""
        return evidence_views.AreaEvidence(self.area, evidence_views.load_register(BIBLIOGRAPHY_PAGE))

    def summary(self) -> Markdown:
        return area_views.summary(self.numbers, self.inspection)

    def indicator_table(self) -> HTML:
        return area_views.indicator_table(self.numbers)

    def inspection_summary(self) -> Markdown:
        """The latest inspection in the national data, then any later inspection evidence in the register."""
        summary = area_views.inspection_summary(self.area, self.inspection)
        later = self.evidence.later_inspection_evidence(
            self.inspection.published if self.inspection else None
        )
        return Markdown(summary.data + ("\n\n" + later.data if later else ""))

    def inspection_findings(self) -> Markdown | HTML:
        return self.evidence.inspection_findings()

    def trend(self, indicator_id: str) -> Figure:
        return area_views.trend(self.numbers, indicator_id)

    def locator(self) -> Figure:
        return area_views.locator(self.area)

    def neighbours_table(self) -> HTML:
        return area_views.neighbours_table(self.area)

    def caveats(self) -> Markdown:
        return area_views.caveats(self.area)

    def sources(self) -> Markdown:
        return area_views.sources()

    def provenance(self) -> Provenance:
        """What this page was made from: code, data, its input files, parameters and neighbours."""
        return Provenance(
            parameters={"area_code": self.area.code},
            book_files=PAGE.input_files(self.area.slug, self.area.code),
            neighbours=[(n.rank, n.name, n.la_number) for n in areas.neighbours(self.area)],
            neighbour_list="DfE, May 2025 list, used for the benchmarks",
        )


def load(area_code: str) -> AreaProfile:
    """The profile of the area with this GSS code (a former code resolves to its successor)."""
    return AreaProfile(areas.get(area_code))
