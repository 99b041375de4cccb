"""The comparison chapter: whatever areas the run list holds, side by side.

Indicators with their intervals and flags, small-multiple trends, the participation evidence theme by
theme, a map, and a narrative, each made by ``helpers.present.comparison_views`` from the same numbers
and evidence the area pages use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from IPython.display import HTML, Markdown

from helpers.data import areas
from helpers.pages import catalogue
from helpers.present import comparison_views, evidence_views, headline_views
from helpers.present.figures import Figure
from helpers.present.provenance import Provenance
from helpers.stats.benchmarks import AreaNumbers

PAGE = catalogue.get("comparison")
BIBLIOGRAPHY_PAGE = "../evidence/bibliography.html"


@dataclass
class Comparison:
    """Two or more areas compared."""

    compared: list[areas.Area]

    def __post_init__(self) -> None:
        if len(self.compared) < 2:
            raise ValueError("A comparison needs at least two areas; add one with `make area AREA=...`.")

    @cached_property
    def numbers(self) -> list[AreaNumbers]:
        return [AreaNumbers(area) for area in self.compared]

    @cached_property
    def evidence(self) -> list[evidence_views.AreaEvidence]:
        register = evidence_views.load_register(BIBLIOGRAPHY_PAGE)
        return [evidence_views.AreaEvidence(area, register) for area in self.compared]

    def spine(self) -> Figure:
        """Every national indicator, one column of points per area, beside England and all areas."""
        return headline_views.spine(self.numbers, PAGE.output)

    def narrative(self) -> Markdown:
        return comparison_views.narrative_text(self.numbers, self.evidence)

    def map(self) -> Figure:
        return comparison_views.compared_map(self.compared)

    def indicator_table(self) -> HTML:
        return comparison_views.indicator_table(self.numbers)

    def small_multiples(self, indicator_id: str) -> Figure:
        return comparison_views.small_multiples(self.numbers, indicator_id)

    def participation_table(self) -> HTML:
        return comparison_views.participation_table(self.evidence)

    def coverage_table(self) -> HTML:
        return comparison_views.coverage_table(self.evidence)

    def provenance(self) -> Provenance:
        """What this page was made from: code, data, its input files and the areas compared."""
        reports = [e.coding.coding.report for e in self.evidence if e.coding]
        return Provenance(
            parameters={"area_codes": [area.code for area in self.compared]},
            book_files=PAGE.input_files(),
            reports=reports,
        )


def load(area_codes: list[str]) -> Comparison:
    """The comparison of these areas (ONS codes), in the given order."""
    return Comparison([areas.get(code) for code in area_codes])
