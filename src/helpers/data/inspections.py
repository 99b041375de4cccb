"""The latest Ofsted/CQC area SEND inspection of an area, from the 2023-framework table or, failing
that, the official statistics on the 2016 framework."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.data import areas, manifest, sources

OUTCOMES_2023 = {
    1: "Typically positive experiences and outcomes",
    2: "Inconsistent experiences and outcomes",
    3: "Widespread and/or systemic failings",
}


@dataclass(frozen=True)
class Inspection:
    """One area SEND inspection: framework, outcome, dates and where to read the report."""

    framework: str
    outcome: str
    detail: str
    start: date | None
    published: date | None
    link: str
    source_id: str

    @property
    def source(self) -> manifest.Dataset:
        return manifest.get(self.source_id)


def _as_date(value) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def latest(area: areas.Area) -> Inspection | None:
    """The area's most recent full area SEND inspection in the data, or None if there is none."""
    new = sources.inspections_2023()
    new = new[new["la_number"] == area.la_number]
    if not new.empty:
        row = new.sort_values("published").iloc[-1]
        grade = int(float(row["outcome_grade"])) if str(row["outcome_grade"]).strip() else None
        return Inspection(
            framework="Ofsted and CQC area SEND inspection framework of 2023",
            outcome=OUTCOMES_2023.get(grade, row["outcome_category"] or "Outcome not recorded"),
            detail="Outcome as recorded from the published report (management information, not "
            "official statistics).",
            start=_as_date(row["start"]),
            published=_as_date(row["published"]),
            link=row["link"],
            source_id="inspections_2023",
        )
    old = sources.inspections_2016()
    codes = {area.code, *area.former_codes}
    old = old[old["code_2022"].isin(codes)]
    if old.empty:
        return None
    row = old.sort_values("published").iloc[-1]
    if row["wsoa"] == "Yes":
        outcome = "Written statement of action required"
        weaknesses = int(float(row["weaknesses"])) if row["weaknesses"] else None
        detail = f"{weaknesses} significant weaknesses identified." if weaknesses else ""
        if pd.notna(row["revisit_published"]):
            detail += (
                f" Revisit published {row['revisit_published']:%-d %B %Y}: sufficient progress "
                f"on all weaknesses: {row['revisit_outcome']}."
            )
        else:
            detail += " The official statistics, which run to 31 August 2022, record no revisit by that date."
    else:
        outcome = "No written statement of action required"
        detail = ""
    link = sources.inspections_2016_links().get(row["code_2022"], manifest.get("inspections_2016").url)
    return Inspection(
        framework="Ofsted and CQC local area SEND inspection framework of 2016",
        outcome=outcome,
        detail=detail.strip(),
        start=_as_date(row["start"]),
        published=_as_date(row["published"]),
        link=link,
        source_id="inspections_2016",
    )
