"""The coding guide for inspection reports and its measured consistency, as the framework chapter shows
them: rendered from ``data/coding_guide.yml``, the coded findings and the second coding."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.evidence import agreement, coding_guide, evidence_base
from helpers.evidence import register as evidence_register
from helpers.evidence.inspection_coding import ASPECT_SHORT, ASPECTS
from helpers.present import tables
from helpers.present.narrative import listing


def principles() -> Markdown:
    guide = coding_guide.guide()
    return Markdown("\n".join(f"{n}. {text}" for n, text in enumerate(guide.principles, start=1)))


def rung_table() -> HTML:
    guide = coding_guide.guide()
    codebook = evidence_register.framework()
    frame = pd.DataFrame(
        {
            "Rung": [codebook.label("ladder", r.rung) for r in guide.rungs],
            "Report wording that supports it": [r.wording for r in guide.rungs],
        }
    )
    return tables.table(frame, "What report wording supports each rung of the ladder, highest first")


def aspects_table() -> HTML:
    guide = coding_guide.guide()
    codebook = evidence_register.framework()
    frame = pd.DataFrame(
        {
            "Aspect": [ASPECTS[a] for a in ASPECTS],
            "What counts": [guide.aspects[a].covers for a in ASPECTS],
            "Usual themes": [
                ", ".join(codebook.label("themes", t) for t in guide.aspects[a].themes) for a in ASPECTS
            ],
        }
    )
    return tables.table(frame, "The six aspects each report is coded on")


def short_title(title: str) -> str:
    """'Area SEND inspection of Haringey local area partnership (full report)' -> 'Haringey'."""
    return (
        title.removeprefix("Area SEND inspection of ")
        .removesuffix(" (full report)")
        .removesuffix(" local area partnership")
    )


def examples_table(evidence: evidence_base.Evidence) -> HTML:
    """The worked examples: the report's wording (a short attributed phrase), the rung, and why."""
    guide = coding_guide.guide()
    codebook = evidence_register.framework()
    items = {c.item.id: c for c in evidence.items}
    rows = []
    for aspect in ASPECTS:
        for example in guide.aspects[aspect].examples:
            coded = items[example.item]
            source = evidence.sources[coded.item.source]
            rows.append(
                {
                    "Aspect": ASPECT_SHORT[aspect],
                    "Report wording": f"\u201c{example.wording}\u201d",
                    "Report": tables.Link(
                        f"{short_title(source.title)}, {coded.item.date[:4]}, page {coded.item.page}",
                        f"{source.url}#page={coded.item.page}",
                    ),
                    "Coded as": (
                        codebook.label("ladder", coded.item.ladder) if coded.item.ladder else "no rung"
                    )
                    + f", {coded.item.direction}",
                    "Why": example.why,
                }
            )
    return tables.table(
        pd.DataFrame(rows),
        "Worked examples: report wording, the rung it supports and why (Ofsted and CQC, OGL v3.0)",
    )


def status_table() -> HTML:
    guide = coding_guide.guide()
    frame = pd.DataFrame(
        {"Status": list(guide.coproduction), "When the book codes it": list(guide.coproduction.values())}
    )
    return tables.table(frame, "How a report's description of co-production across the partnership is coded")


def _kappa(value: float | None) -> str:
    return "not defined" if value is None else f"{value:.2f}"


def agreement_summary() -> Markdown:
    pairs = agreement.pairs()
    names = listing([report.split("_")[1].replace("-", " ").title() for report in pairs])
    return Markdown(
        f"{len(pairs)} reports ({names}) were coded twice, independently, by two coders who did not see each "
        "other's coding. Agreement is measured on each aspect's category: its rung (the middle rung of its "
        "findings), 'no rung' when its findings show none, or 'says nothing'; and on the report's "
        "co-production "
        "status. Cohen's kappa corrects the percentage for the agreement expected by chance; it is not "
        "defined "
        "when both coders put every report in one and the same category. With so few reports, each kappa is "
        "a "
        "rough guide."
    )


def agreement_table() -> HTML:
    results = agreement.by_aspect(agreement.pairs())
    frame = pd.DataFrame(
        {
            "Aspect": [ASPECT_SHORT.get(r.aspect, "co-production status") for r in results],
            "Reports": [str(r.reports) for r in results],
            "Agreed": [str(r.agreed) for r in results],
            "Percent agreement": [f"{r.percent:.0f}%" for r in results],
            "Cohen's kappa": [_kappa(r.kappa) for r in results],
        }
    )
    return tables.table(frame, "Agreement between two independent codings of the same reports, by aspect")


def settlement_table() -> HTML | Markdown:
    results = agreement.by_aspect(agreement.pairs())
    settled = agreement.settlement()
    rows = []
    for result in results:
        for report, first, second in result.pairs:
            if first == second:
                continue
            rows.append(
                {
                    "Report": report.split("_")[1].replace("-", " ").title(),
                    "Aspect": ASPECT_SHORT.get(result.aspect, "co-production status"),
                    "First coding": first,
                    "Second coding": second,
                    "How it was settled": settled.get((report, result.aspect)),
                }
            )
    if not rows:
        return Markdown("The two codings agreed on every aspect of every report coded twice.")
    return tables.table(pd.DataFrame(rows), "Each disagreement and how it was settled")
