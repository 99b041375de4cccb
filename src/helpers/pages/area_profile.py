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
from helpers.present import area_views, briefing, evidence_views, headline_views
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

    def outcome_line(self) -> Markdown:
        """The first screen: the latest inspection outcome in one sentence."""
        return headline_views.outcome_line(self.area, self.inspection)

    def headline_table(self) -> HTML:
        """The first screen: the participation headline by theme and perspective."""
        return headline_views.headline_table(self.evidence)

    @cached_property
    def spine_figure(self) -> Figure:
        return headline_views.spine([self.numbers], PAGE.output.replace("{slug}", self.area.slug))

    def spine(self) -> Figure:
        """The first screen: every national indicator beside England and all areas."""
        return self.spine_figure

    def briefing(self) -> briefing.BriefingLink:
        """The area's briefing on paper (A4, tagged PDF), linked from the page."""
        return briefing.BriefingLink(self.briefing_document().pdf(), f"../../../pdf/{self.area.slug}.pdf")

    def briefing_document(self) -> briefing.Briefing:
        numbers, evidence = self.numbers, self.evidence
        periods = sorted(numbers.headline["period"], key=lambda p: (p[-4:], p))
        coding = evidence.coding
        report = (
            f"; inspection report published {coding.report_date:%-d %B %Y}"
            if coding
            else "; no inspection report under the 2023 framework in the book's data"
        )
        headline = headline_views.headline_rows(evidence)
        return briefing.Briefing(
            area=self.area.name,
            address=briefing.page_address(f"chapters/areas/profiles/{self.area.slug}.html"),
            data_date=f"National figures to {periods[-1]} (the latest year of each){report}.",
            outcome=headline_views.outcome_line(self.area, self.inspection)
            .data.split(" [Read")[0]
            .replace("**", ""),
            headline_header=list(headline.columns),
            headline_rows=headline.fillna("no level").values.tolist(),
            headline_sources=headline_views.sources_behind(evidence),
            spine_rows=self.spine_figure.data.to_dict("records"),
            spine_alt=self.spine_figure.description,
            key_header=headline_views.KEY_HEADER,
            key_rows=headline_views.key_rows(numbers),
            key_note=briefing.KEY_NOTE,
            provenance=briefing.provenance_lines(self.area.slug),
        )

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

    def trends(self) -> Figure:
        """Every indicator's trend in one figure, a panel each."""
        return area_views.trend_panels(self.numbers)

    def trend(self, indicator_id: str) -> Figure:
        return area_views.trend(self.numbers, indicator_id)

    def locator(self) -> Figure:
        return area_views.locator(self.area)

    def neighbours_table(self) -> HTML:
        """The neighbour lists, collapsed under the map that shows them."""
        table = area_views.neighbours_table(self.area).data
        return HTML(
            f"<details><summary>{self.area.name}'s statistical neighbours, ranked, in DfE's 2025 and 2021 "
            f"lists</summary>\n{table}\n</details>"
        )

    def caveats(self) -> HTML:
        """What the figures can and cannot show, collapsed: each figure carries its own notes."""
        return evidence_views.collapsed_list(
            area_views.caveats(self.area).data, "What these figures can and cannot show"
        )

    def sources(self) -> HTML:
        """The national datasets behind the page, collapsed: each chart and table names its own."""
        return evidence_views.collapsed_list(
            area_views.sources().data, "The national datasets behind this page, with their releases"
        )

    def provenance(self) -> Provenance:
        """What this page was made from: code, data, its input files, parameters and neighbours."""
        return Provenance(
            parameters={"area_code": self.area.code},
            book_files=PAGE.input_files(self.area.slug, self.area.code),
            neighbours=[(n.rank, n.name, n.la_number) for n in areas.neighbours(self.area)],
            neighbour_list="DfE, May 2025 list, used for the benchmarks",
            # Of the inspection reports, only the area's own is read.
            reports=[self.evidence.coding.coding.report] if self.evidence.coding else [],
        )


def load(area_code: str) -> AreaProfile:
    """The profile of the area with this GSS code (a former code resolves to its successor)."""
    return AreaProfile(areas.get(area_code))
