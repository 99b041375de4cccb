"""The national chapter on what the inspectors found about working with families: counts across the held
reports, a map, the table of every report and the relation to the inspection outcome."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, inspection_reports, manifest
from helpers.evidence import evidence_base, inspection_coding
from helpers.evidence.inspection_coding import LoadedCoding
from helpers.present import maps, tables
from helpers.present.charts import PALETTE
from helpers.present.figures import Figure
from helpers.present.narrative import listing
from helpers.present.tables import Link

NO_REPORT = "No report in the book's data"
#: The map's categories: the report's co-production status, and areas with no held report.
STATUS_LABELS = {
    "embedded": "Co-production embedded",
    "developing": "Co-production developing",
    "not embedded": "Co-production not embedded",
    "not stated": "Report does not characterise co-production",
}
STATUS_COLOURS = [
    PALETTE["dark blue"],
    PALETTE["turquoise"],
    PALETTE["orange"],
    PALETTE["light purple"],
    "#E6E6E6",
]
#: How a report refers to the forum when it gives it no name of its own.
GENERIC_FORUM = re.compile(r"^(the )?parent(s)? (and )?carers?['’]? (forum|council)$", re.IGNORECASE)
#: What an area for improvement is about, read from the book's own summary of it and the report's words.
ABOUT_COPRODUCTION = re.compile(r"co-?produc", re.IGNORECASE)
ABOUT_CHILDRENS_VOICE = re.compile(
    r"(children|young people)[^.]*\b(voice|views|heard|involv|participat|co-?produc)", re.IGNORECASE
)


def improvements(loaded: LoadedCoding) -> list[inspection_coding.CodedFinding]:
    return list(loaded.coding.aspects["improvement"].items)


def asks_about(loaded: LoadedCoding, pattern: re.Pattern) -> bool:
    """Whether any area for improvement concerns the topic (its summary or the report's words say so)."""
    return any(pattern.search(f"{f.finding} {f.anchor}") for f in improvements(loaded))


@dataclass
class Row:
    loaded: LoadedCoding
    report: inspection_reports.HeldReport
    outcome: str

    @property
    def coding(self) -> inspection_coding.ReportCoding:
        return self.loaded.coding


@dataclass
class InspectionFindings:
    """Every coded report, with its outcome, for the national chapter."""

    evidence: evidence_base.Evidence
    marked: list[areas.Area]

    @cached_property
    def rows(self) -> list[Row]:
        held = {report.stem: report for report in inspection_reports.held()}
        rows = [
            Row(loaded, held[stem], inspection_reports.outcome(stem))
            for stem, loaded in self.evidence.codings.items()
        ]
        return sorted(rows, key=lambda r: r.report.area.name)

    def summary(self) -> Markdown:
        rows = self.rows
        n = len(rows)
        status = Counter(r.coding.coproduction for r in rows)
        forum = sum(r.coding.forum_named_as is not None for r in rows)
        named = sum(
            r.coding.forum_named_as is not None and not GENERIC_FORUM.match(r.coding.forum_named_as)
            for r in rows
        )
        silent = Counter(
            aspect for r in rows for aspect, coded in r.coding.aspects.items() if coded.says_nothing
        )
        findings = sum(1 for r in rows for _ in r.coding.findings())
        coproduction_asks = sum(asks_about(r.loaded, ABOUT_COPRODUCTION) for r in rows)
        voice_asks = sum(asks_about(r.loaded, ABOUT_CHILDRENS_VOICE) for r in rows)
        dates = sorted(r.report.published for r in rows)
        lines = [
            f"The book holds {n} reports of area SEND inspections under the 2023 framework, published "
            f"{dates[0]:%-d %B %Y} to {dates[-1]:%-d %B %Y}, and codes {findings} findings from them on "
            "six aspects of working with families.",
            "",
            f"- **The parent carer forum**: {forum} of the {n} reports refer to the area's parent carer "
            f"forum, and {named} of them give it a name of its own (such as Haringey SEND Power); the others "
            "call it the parent carer forum.",
            f"- **Co-production across the partnership**: the inspectors find it embedded in "
            f"{status['embedded']} reports, developing in {status['developing']} and not embedded in "
            f"{status['not embedded']}; {status['not stated']} reports do not characterise it.",
            f"- **Areas for improvement**: {coproduction_asks} reports ask for improvement on co-production "
            "and "
            f"{voice_asks} on children's and young people's voice.",
            "- **Silence**: how many reports say nothing on each aspect: "
            + listing([f"{inspection_coding.ASPECT_SHORT[a]} {silent[a]}" for a in inspection_coding.ASPECTS])
            + ".",
        ]
        return Markdown("\n".join(lines))

    def map(self) -> Figure:
        """England coloured by the held report's co-production status; areas with none shown as such."""
        by_code = {r.report.area.code: r for r in self.rows}
        order = [*STATUS_LABELS.values(), NO_REPORT]
        frame = pd.DataFrame(
            [
                {
                    "code": area.code,
                    "name": area.name,
                    "category": (
                        STATUS_LABELS[by_code[area.code].coding.coproduction]
                        if area.code in by_code
                        else NO_REPORT
                    ),
                    "published": (
                        f"{by_code[area.code].report.published:%-d %B %Y}"
                        if area.code in by_code
                        else "none held"
                    ),
                }
                for area in areas.all_areas()
            ]
        )
        counts = frame["category"].value_counts()
        title = (
            f"Co-production in {len(self.rows)} inspection reports: embedded in "
            f"{counts.get(order[0], 0)}, not embedded in {counts.get(order[2], 0)}"
        )
        subtitle = [
            "How each report describes co-production across the local area partnership, as the book codes it",
            f"Reports under the Ofsted and CQC 2023 framework; {counts.get(NO_REPORT, 0)} of 153 areas have "
            "none "
            "in the book's data",
        ]
        description = (
            "Map of England's 153 upper-tier local authorities coloured by how the area's inspection report "
            "describes co-production: "
            + "; ".join(f"{category}: {counts.get(category, 0)} areas" for category in order)
            + ". Areas with no report in the book's data are a category of their own, not a low value."
        )
        chart = maps.category_map(
            frame,
            order,
            STATUS_COLOURS,
            self.marked,
            title,
            subtitle,
            description,
            tooltip=[("published", "Report published")],
            category_title="Co-production",
        )
        table = frame.rename(
            columns={"name": "Area", "category": "Co-production", "published": "Report published"}
        )
        return Figure(
            chart=chart,
            title=title,
            description=description,
            source="the book's coding of the Ofsted and CQC area SEND inspection reports "
            "(data/evidence/inspections); " + manifest.get("boundaries_2024").citation(),
            table=table[["Area", "Co-production", "Report published"]],
            table_caption="Co-production as each area's inspection report describes it",
            data=frame,
            csv_name="inspection-coproduction.csv",
        )

    def reports_table(self) -> HTML:
        """Every held report: outcome, forum, co-production, findings, and a link to the official report."""
        frame = pd.DataFrame(
            {
                "Area": [r.report.area.name for r in self.rows],
                "Published": [r.coding.published for r in self.rows],
                "Outcome": [r.outcome for r in self.rows],
                "Forum as the report names it": [r.coding.forum_named_as for r in self.rows],
                "Co-production": [r.coding.coproduction for r in self.rows],
                "Findings (strengths / weaknesses)": [
                    "{} / {}".format(
                        sum(f.direction == "strength" for _, f in r.coding.findings()),
                        sum(f.direction == "weakness" for _, f in r.coding.findings()),
                    )
                    for r in self.rows
                ],
                "Areas for improvement on these aspects": [
                    str(len(improvements(r.loaded))) for r in self.rows
                ],
                "Silent aspects": [
                    str(sum(coded.says_nothing for coded in r.coding.aspects.values())) for r in self.rows
                ],
                "Report": [Link("Official report", r.report.url) for r in self.rows],
            }
        )
        return tables.table(frame, f"The {len(self.rows)} inspection reports the book holds, by area")

    def outcome_table(self) -> HTML:
        """How the co-production status relates to the inspection outcome: counts of reports."""
        outcomes = list(inspection_reports.OUTCOMES.values())
        statuses = list(STATUS_LABELS)
        counts = Counter((r.outcome, r.coding.coproduction) for r in self.rows)
        frame = pd.DataFrame(
            [
                {
                    "Inspection outcome": outcome,
                    **{STATUS_LABELS[s]: str(counts[(outcome, s)]) for s in statuses},
                    "All reports": str(sum(counts[(outcome, s)] for s in statuses)),
                }
                for outcome in outcomes
            ]
            + [
                {
                    "Inspection outcome": "All outcomes",
                    **{STATUS_LABELS[s]: str(sum(counts[(o, s)] for o in outcomes)) for s in statuses},
                    "All reports": str(len(self.rows)),
                }
            ]
        )
        return tables.table(
            frame, "Reports by inspection outcome and by how they describe co-production (counts)"
        )


def load(marked: list[areas.Area]) -> InspectionFindings:
    return InspectionFindings(evidence_base.load(), marked)
