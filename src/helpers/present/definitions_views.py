"""Indicator definitions: what each national indicator counts, where it comes from and how the book
compares it, as the definitions page shows it, and the link every table and chart gives to it.

Each indicator's section has the indicator's id as its anchor (``definitions.html#plans_20_weeks``).
The rules (the interval, the comparison, the benchmarks, the small-numbers threshold) are rendered from
the constants of the code that applies them, so the page cannot drift from what the book computes.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath
from statistics import NormalDist

import pandas as pd
from IPython.display import HTML, Markdown

from helpers.data import areas, manifest
from helpers.present import tables
from helpers.present.narrative import NEIGHBOUR_NOTE, listing
from helpers.stats import comparisons
from helpers.stats.comparisons import HIGHER_IS_BETTER, LOWER_IS_BETTER, MIN_DENOMINATOR
from helpers.stats.indicators import INDICATORS, Indicator, national_table
from helpers.stats.intervals import Z95

#: Where the definitions page is, from the repository root (the page type ``indicator-definitions``
#: in ``helpers.pages.catalogue`` declares it; a test checks the two agree).
DEFINITIONS_PAGE = "chapters/indicators/definitions.ipynb"

#: Anchors of the page's general sections, for links to a rule rather than to one indicator.
SECTION_ANCHORS = {
    "comparisons": "How an area is compared",
    "benchmarks": "How the benchmarks are formed",
    "small-numbers": "The small-numbers rule",
}


def definition_link(indicator_id: str, from_page: str) -> str:
    """The relative address of an indicator's definition (or of a section in ``SECTION_ANCHORS``)
    from a page of the book.

    ``from_page`` is the linking page's path from the repository root, as its source
    (``chapters/areas/profiles/haringey.ipynb``) or as built (``chapters/compare/compare.html``): the
    site keeps the folders of the sources. For example, from an area profile,
    ``definition_link("plans_20_weeks", "chapters/areas/profiles/haringey.ipynb")`` is
    ``"../../indicators/definitions.html#plans_20_weeks"``.
    """
    if indicator_id not in INDICATORS and indicator_id not in SECTION_ANCHORS:
        raise KeyError(
            f"No definition for {indicator_id!r}: the indicators are {', '.join(INDICATORS)} "
            f"(helpers.stats.indicators.INDICATORS) and the sections {', '.join(SECTION_ANCHORS)}."
        )
    page = PurePosixPath(str(from_page).replace("\\", "/"))
    if page.is_absolute() or not page.parts or page.parts[0] != "chapters":
        raise ValueError(
            f"from_page {from_page!r} is not a page of the book: give its path from the repository root, "
            "under chapters/ (e.g. 'chapters/compare/compare.ipynb')."
        )
    target = PurePosixPath(DEFINITIONS_PAGE).with_suffix(".html")
    relative = posixpath.relpath(str(target), str(page.parent))
    return f"{relative}#{indicator_id}"


# --- what each indicator counts ---------------------------------------------------------------------


@dataclass(frozen=True)
class Definition:
    """What an indicator counts, beyond what ``helpers.stats.indicators.Indicator`` declares."""

    definition: str
    numerator: str
    denominator: str
    #: How the region's figure, the benchmark an area is set beside, is formed.
    region: str
    #: Caveats beyond the indicator's own (``Indicator.caveat``), which the page shows first.
    caveats: tuple[str, ...] = ()


#: The regional rows of DfE's own tables: the region's counts added up, then divided.
_DFE_REGION = (
    "The region's figure as DfE publishes it: the counts of all the region's authorities added up, then "
    "divided (a pooled rate, so larger authorities weigh more), not an average of their rates."
)
_LAIT_REGION = (
    "The region's percentage as DfE publishes it in LAIT, from the school census counts of all the "
    "region's schools."
)

DEFINITIONS: dict[str, Definition] = {
    "ehcp_pupils_pct": Definition(
        definition="The share of pupils who have an education, health and care (EHC) plan, or in "
        "earlier years a statement of special educational needs, in the school census each January.",
        numerator="Pupils with an EHC plan or statement, all schools.",
        denominator="All pupils on roll, all schools.",
        region=_LAIT_REGION,
    ),
    "sen_support_pct": Definition(
        definition="The share of pupils with special educational needs but no EHC plan or statement "
        "(SEN support), in the school census each January.",
        numerator="Pupils on SEN support, all schools.",
        denominator="All pupils on roll, all schools.",
        region=_LAIT_REGION,
    ),
    "ehcp_per_1000": Definition(
        definition="EHC plans the council maintains, per 1,000 residents aged 0 to 25, the ages an EHC "
        "plan can cover.",
        numerator="EHC plans maintained by the council in January (DfE's SEN2 return), every age.",
        denominator="Residents aged 0 to 25 in the ONS mid-year estimate of the year before; January "
        "2025 uses mid-2023, the latest estimate by single year of age the book holds.",
        region="The region's plans in January (DfE's regional total) per 1,000 of the region's "
        "residents aged 0 to 25: a pooled rate.",
    ),
    "plans_20_weeks": Definition(
        definition="The share of new EHC plans issued within the statutory 20 weeks of the request for "
        "an assessment, in the calendar year, leaving out plans where a legal exception to the time "
        "limit applied.",
        numerator="New EHC plans issued within 20 weeks, excluding exceptions.",
        denominator="All new EHC plans issued in the year, excluding exceptions.",
        region=_DFE_REGION,
        caveats=(
            "DfE footnotes its 2024 figures: Dorset and City of London classed all their new plans as "
            "having permitted exceptions, so this measure, which leaves exceptions out, counts none for "
            "them (0 of 0) and they are not compared.",
        ),
    ),
    "requests_refused": Definition(
        definition="The share of initial requests for an EHC needs assessment that the council decided "
        "not to assess, in the calendar year.",
        numerator="Requests the council decided not to assess (from 2023); initial requests refused "
        "(2014 to 2022).",
        denominator="Every request received in the year, including those withdrawn and those with no "
        "decision made by the year's end (from 2023); initial requests for an EHC plan (2014 to 2022).",
        region=_DFE_REGION,
        caveats=(
            "From 2023 the denominator includes requests with no decision made yet, so an area with "
            "many undecided requests shows a lower refusal rate than it will when they are decided.",
            "Where DfE records no request refused but some as “decision not made”, the zero may mean "
            "refusals went unrecorded: the figure is shown with a caveat, is not compared, and is left "
            "out of the neighbours' mean and of the lowest and highest values a map names until it is "
            "confirmed.",
        ),
    ),
    "tribunal_appeal_rate": Definition(
        definition="Appeals registered with the SEND Tribunal as a share of the council's decisions "
        "that could be appealed, in the calendar year.",
        numerator="Appeals registered with the First-tier Tribunal (SEND) against the council "
        "(HM Courts and Tribunals Service).",
        denominator="Appealable decisions (DfE's SEN2): refusals to assess, decisions not to issue a "
        "plan, plans maintained in January and plans ceased because the needs were met.",
        region="The appeals and appealable decisions of the region's authorities, as the table "
        "publishes them, added up and divided (the table gives no regional rows; Inner and Outer "
        "London count as London). An authority missing either figure is left out.",
        caveats=(
            "The 2024 table also gives an appealable-decisions measure still in development; the book "
            "uses the published measure.",
        ),
    ),
}


# --- the rules, rendered from the code that applies them -----------------------------------------


def _confidence() -> str:
    """'95%', from the z the intervals use (1.96 for a two-sided 95% interval)."""
    return f"{round(100 * (2 * NormalDist().cdf(Z95) - 1))}%"


def comparison_rules() -> Markdown:
    """How an area is set beside a benchmark: the interval, the flags and when it is not compared."""
    confidence = _confidence()
    directed = [indicator.title for indicator in INDICATORS.values() if indicator.polarity]
    declared = (
        f"only {listing(directed)} {'declares' if len(directed) == 1 else 'declare'} one"
        if directed
        else "none of the book's indicators declares one"
    )
    return Markdown(
        f"Every rate with published counts carries a {confidence} Wilson score interval, worked out "
        "from its numerator and denominator. An area is **Higher** or **Lower** than a benchmark only "
        f"when the benchmark lies outside the area's {confidence} interval, and **Similar** when it lies "
        "inside. Where an indicator declares which direction is better, **Better** and **Worse** take "
        f"the place of Higher and Lower; {declared}. The comparison uses the figures at full "
        "precision; only their display is rounded (half up).\n\n"
        "An area is **Not compared** when its figure is one the data make doubtful (until it is "
        "confirmed), when a rate has no cases (0 of 0), when there is no interval (a percentage "
        f"published without counts), when it has fewer than {MIN_DENOMINATOR} cases, or when there is "
        "no benchmark value for the year."
    )


def benchmark_rules() -> Markdown:
    """How England's, the region's and the neighbours' figures are formed."""
    vintage = areas.CURRENT_NEIGHBOUR_LIST
    sizes = sorted({len(areas.neighbours(area, vintage)) for area in areas.all_areas()})
    size = f"{sizes[0]}" if len(sizes) == 1 else f"{sizes[0]} to {sizes[-1]}"
    return Markdown(
        "Each area is set beside three benchmarks, for the same indicator and year:\n\n"
        "- **England**: the figure for England as its publisher gives it.\n"
        "- **Region**: the figure for the area's region, formed as each indicator's definition below "
        "says; for the rates DfE publishes it is the region's counts added up, then divided (a pooled "
        "rate), so a large authority weighs more than a small one.\n"
        f"- **Statistical neighbours**: the plain (unweighted) mean of the values of the area's {size} "
        f"{NEIGHBOUR_NOTE}, each neighbour counting once whatever its "
        "size. Only the neighbours with a value that year enter the mean, and the tables say how many "
        "did. A figure the data make doubtful (until it is confirmed), and a figure a current "
        "neighbour's table gives for the authority it replaced, are left out. The mean has no interval "
        "of its own: the area's interval is set beside it as beside any benchmark value.\n\n"
        "England's figures and DfE's regional figures are used as published: they are the publisher's "
        "own totals, so the book cannot take a doubtful figure out of them."
    )


def small_numbers_rule() -> Markdown:
    """The too-few-cases threshold, in the words the code states it."""
    return Markdown(
        f"{comparisons.SMALL_NUMBERS_RULE} Such an area's figure is still shown, with its interval, "
        "which is wide; each indicator below lists the areas the rule applied to in its latest year."
    )


# --- one indicator ----------------------------------------------------------------------------------


def _period(indicator: Indicator) -> str:
    if indicator.period == "January":
        return "A count in January each year"
    return "Calendar year (January to December)"


def _polarity(indicator: Indicator) -> str:
    if indicator.polarity == HIGHER_IS_BETTER:
        return "Higher is better: an area is Better or Worse than a benchmark, not Higher or Lower."
    if indicator.polarity == LOWER_IS_BETTER:
        return "Lower is better: an area is Better or Worse than a benchmark, not Higher or Lower."
    return (
        "No direction declared: a higher or a lower figure is not in itself better or worse, so an "
        "area is Higher, Similar or Lower."
    )


def _years(rows: pd.DataFrame) -> str:
    england = rows[rows["area_code"] == areas.ENGLAND_CODE]["year"]
    first, last = int(england.min()), int(england.max())
    indicator = INDICATORS[rows["indicator"].iloc[0]]
    return f"{indicator.period_label(first)} to {indicator.period_label(last)}"


def not_compared_in_latest_year(indicator_id: str) -> dict[str, list[str]]:
    """The areas not compared with England in the indicator's latest year, by reason (a reason from
    ``helpers.stats.comparisons``), each area named with its figures ('Isles of Scilly, 2 of 4')."""
    table = national_table()
    rows = table[table["indicator"] == indicator_id]
    year = int(rows.loc[rows["area_code"] == areas.ENGLAND_CODE, "year"].max())
    rows = rows[rows["year"] == year]
    england = rows.loc[rows["area_code"] == areas.ENGLAND_CODE, "value"].iloc[0]
    found: dict[str, list[str]] = {}
    for row in rows[rows["level"] == "Local authority"].itertuples(index=False):
        reason = comparisons.not_compared_reason(
            row.lower, row.upper, england, row.denominator, bool(row.unconfirmed)
        )
        if reason in (comparisons.TOO_FEW, comparisons.NO_CASES, comparisons.UNCONFIRMED):
            counts = f", {row.numerator:,.0f} of {row.denominator:,.0f}" if pd.notna(row.denominator) else ""
            found.setdefault(reason, []).append(f"{row.area_name}{counts}")
    return {reason: sorted(names) for reason, names in found.items()}


#: How the page words each reason an area was not compared.
REASON_WORDS = {
    comparisons.TOO_FEW: f"fewer than {MIN_DENOMINATOR} cases",
    comparisons.NO_CASES: "no cases (0 of 0)",
    comparisons.UNCONFIRMED: "a figure the data make doubtful, not yet confirmed",
}


def _small_numbers(indicator_id: str, rows: pd.DataFrame) -> str:
    if rows["denominator"].isna().all():
        return "Does not apply: the figures are published without counts, so no area is compared."
    latest = INDICATORS[indicator_id].period_label(
        int(rows.loc[rows["area_code"] == areas.ENGLAND_CODE, "year"].max())
    )
    excluded = not_compared_in_latest_year(indicator_id)
    if not excluded:
        return (
            f"Applies (fewer than {MIN_DENOMINATOR} cases: not compared). In {latest} every area had "
            "enough cases and a figure that could be compared."
        )
    parts = [f"{REASON_WORDS[reason]}: {'; '.join(names)}" for reason, names in excluded.items()]
    return (
        f"Applies (fewer than {MIN_DENOMINATOR} cases: not compared). Not compared in {latest}, with "
        + " — ".join(parts)
        + "."
    )


def _sources(indicator: Indicator) -> tuple[list[tables.Link], list[str], list[str]]:
    datasets = [manifest.get(source) for source in indicator.sources]
    links = [tables.Link(f"{d.publisher}: {d.title}", d.url) for d in datasets]
    releases = list(dict.fromkeys(d.vintage for d in datasets))
    licences = list(dict.fromkeys(d.licence for d in datasets))
    return links, releases, licences


def definition_frame(indicator_id: str) -> pd.DataFrame:
    """One indicator's definition as rows of (what, the definition): the table the page shows."""
    indicator = INDICATORS[indicator_id]
    definition = DEFINITIONS[indicator_id]
    rows = national_table()
    rows = rows[rows["indicator"] == indicator_id]
    links, releases, licences = _sources(indicator)
    has_counts = not rows["denominator"].isna().all()
    caveats = [text for text in (indicator.caveat, *definition.caveats) if text]
    entries = [
        ("Definition", definition.definition),
        ("Measure", f"{indicator.measure} (shown as {indicator.unit})"),
        ("Numerator", definition.numerator),
        ("Denominator", definition.denominator),
        ("Period", _period(indicator)),
        ("Years in the book", _years(rows)),
        ("Source", links),
        ("Release", releases),
        ("Licence", licences),
        ("Polarity", _polarity(indicator)),
        (
            "Interval",
            f"{_confidence()} Wilson score interval from the numerator and denominator"
            if has_counts
            else "None: published as a percentage without counts",
        ),
        ("England benchmark", "The figure for England as published."),
        ("Region benchmark", definition.region),
        (
            "Neighbours benchmark",
            "The unweighted mean of the statistical neighbours' values (see How the benchmarks are formed).",
        ),
        ("Small numbers", _small_numbers(indicator_id, rows)),
        ("Known caveats", caveats or None),
    ]
    return pd.DataFrame(entries, columns=["About the indicator", "Definition"])


def definition_table(indicator_id: str) -> HTML:
    """One indicator's definition, source, rules and caveats as an accessible table."""
    indicator = INDICATORS[indicator_id]
    return tables.table(
        definition_frame(indicator_id), f"{indicator.title}: definition, source, rules and caveats"
    )


def contents() -> HTML:
    """The indicators, each linked to its definition on this page, with what it measures."""
    items = "".join(
        f'<li><a href="#{html.escape(indicator.id)}">{html.escape(indicator.title)}</a>: '
        f"{html.escape(indicator.measure)}</li>"
        for indicator in INDICATORS.values()
    )
    return HTML(f'<ul class="indicator-contents">{items}</ul>')


def introduction() -> Markdown:
    """What the page is for, and how other pages link to it."""
    count = len(INDICATORS)
    return Markdown(
        f"What each of the book's {count} national indicators counts, where it comes from and how the "
        "book compares an area on it, indicator by indicator as Fingertips sets out its definitions. "
        "Each indicator's definition has an address of its own, the page's address followed by the "
        "indicator's id (for example #plans_20_weeks), so that a table or chart can link straight to "
        "it. None of the indicators "
        "measures whether parent carers are involved in decisions: they show how the local SEND system "
        "is working and the pressure it is under."
    )
