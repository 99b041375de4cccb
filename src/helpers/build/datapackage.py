"""The data behind the book, published with the site to download and reuse: CSV files and a Frictionless
data package descriptor (``_build/html/data/datapackage.json``).

Two groups of tables:

- the national indicators: the tidy table of every indicator for every area, region and England, with
  its intervals and caveats; each area's benchmarks and comparison flags; what each indicator is; the
  national datasets they come from;
- the coded register: every evidence item (the hand-coded register and the findings coded from
  inspection reports), its figures, recommendations and follow-through, the coded inspection reports
  and their aspects (silences included), the sources, and the codebook that decodes the codes.

Each field is declared once below, with its type, its description and any constraint, and the
descriptor is written from those declarations. A table with a column the declarations do not describe,
or without one they do, stops the build naming the table and the column.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

import pandas as pd

from helpers import paths
from helpers.data import areas, manifest, store
from helpers.errors import InputError
from helpers.evidence import evidence_base, inspection_coding, participation, register
from helpers.present.definitions_views import DEFINITIONS, DEFINITIONS_PAGE
from helpers.stats import comparisons
from helpers.stats.benchmarks import benchmarks
from helpers.stats.indicators import INDICATORS, national_table
from helpers.version import PACKAGE, code_version

#: The folder of the site the package is published in, and its descriptor.
FOLDER = "data"
DESCRIPTOR = "datapackage.json"
NAME = "send-participation-evidence-book"
LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
#: The flags a comparison can give (``helpers.stats.comparisons``).
FLAGS = ["Higher", "Similar", "Lower", "Better", "Worse", comparisons.NOT_COMPARED]
GSS_CODE = r"^E\d{8}$"


class DataPackageError(InputError, ValueError):
    """A published table does not match its declared schema; the message names the table and column."""


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type, description and constraints."""

    name: str
    type: str
    description: str
    constraints: dict = field(default_factory=dict)

    def descriptor(self) -> dict:
        out = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "string" and self.name in ("url", "report_url"):
            out["format"] = "uri"
        if self.constraints:
            out["constraints"] = self.constraints
        return out


@dataclass(frozen=True)
class Table:
    """One CSV file of the package: what it holds, its fields, keys and sources, and how it is made."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    make: Callable[[], pd.DataFrame]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...] = ()
    #: Manifest dataset ids, or "register" for the book's own coded evidence.
    sources: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


def required(**constraints) -> dict:
    return {"required": True, **constraints}


def _foreign(fields: list[str], resource: str, target: list[str]) -> dict:
    return {"fields": fields, "reference": {"resource": resource, "fields": target}}


# --- the national indicators ------------------------------------------------------------------------


def indicators_frame() -> pd.DataFrame:
    return national_table()


def comparisons_frame() -> pd.DataFrame:
    """Each area's benchmarks and comparison flags, for every indicator and year it has a figure."""
    table = national_table()
    keys = ["area_code", "indicator", "year"]
    parts = []
    for area in areas.all_areas():
        found = benchmarks(table, area).assign(area_code=area.code)
        parts.append(found)
    frame = pd.concat(parts, ignore_index=True)
    # Years where England has a figure and the area has no row in the table are not the area's.
    present = table.loc[table["level"] == "Local authority", keys]
    frame = frame.merge(present, on=keys, how="inner")
    frame["neighbour_list"] = areas.CURRENT_NEIGHBOUR_LIST
    columns = [
        *keys,
        "england",
        "region",
        "neighbours",
        "neighbours_with_data",
        "neighbour_list",
        "vs_england",
        "vs_region",
        "vs_neighbours",
    ]
    return frame[columns].sort_values(keys).reset_index(drop=True)


def definitions_address() -> str:
    """The definitions page, relative to the package's folder at the site's root."""
    return posixpath.relpath(str(PurePosixPath(DEFINITIONS_PAGE).with_suffix(".html")), FOLDER)


def definitions_frame() -> pd.DataFrame:
    rows = []
    for indicator in INDICATORS.values():
        definition = DEFINITIONS[indicator.id]
        rows.append(
            {
                "id": indicator.id,
                "title": indicator.title,
                "measure": indicator.measure,
                "unit": indicator.unit,
                "scale": indicator.scale,
                "period": indicator.period,
                "polarity": indicator.polarity or "",
                "definition": definition.definition,
                "numerator": definition.numerator,
                "denominator": definition.denominator,
                "region_benchmark": definition.region,
                "caveat": indicator.caveat,
                "sources": " ".join(indicator.sources),
                "definition_page": f"{definitions_address()}#{indicator.id}",
            }
        )
    return pd.DataFrame(rows)


def datasets_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": d.id,
                "title": d.title,
                "publisher": d.publisher,
                "url": d.url,
                "licence": d.licence,
                "vintage": d.vintage,
                "file": d.file,
                "sha256": d.sha256,
            }
            for d in manifest.datasets().values()
        ]
    )


# --- the coded register -----------------------------------------------------------------------------


def _evidence() -> evidence_base.Evidence:
    return evidence_base.load()


def items_frame() -> pd.DataFrame:
    rows = []
    for coded in sorted(_evidence().items, key=lambda c: c.item.id):
        item = coded.item
        rows.append(
            {
                "id": item.id,
                "area": coded.area,
                "source": item.source,
                "date": item.date,
                "date_note": item.date_note or "",
                "event": item.event or "",
                "kind": item.kind,
                "finding": item.finding,
                "ladder": item.ladder or "",
                "themes": " ".join(item.themes),
                "duties": " ".join(item.duties),
                "strength": item.strength,
                "perspective": item.perspective,
                "second_hand": item.second_hand,
                "commitment": item.is_commitment,
                "same_event_as": item.same_event_as or "",
                "direction": item.direction or "",
                "aspect": item.aspect or "",
                "page": item.page,
                "anchor": item.anchor or "",
                "quote": item.quote.text if item.quote else "",
                "quote_attribution": item.quote.attribution if item.quote else "",
            }
        )
    frame = pd.DataFrame(rows)
    frame["page"] = frame["page"].astype("Int64")
    return frame


def figures_frame() -> pd.DataFrame:
    rows = [
        {
            "item_id": coded.item.id,
            "position": position,
            "value": figure.value,
            "unit": figure.unit,
            "measure": figure.measure,
            "base": figure.base or "",
            "qualifier": figure.qualifier or "",
        }
        for coded in _evidence().items
        for position, figure in enumerate(coded.item.figures, start=1)
    ]
    return pd.DataFrame(rows, columns=[f.name for f in FIGURE_FIELDS]).sort_values(["item_id", "position"])


def recommendations_frame() -> pd.DataFrame:
    rows = [
        {"item_id": coded.item.id, "recommendation": recommendation.id, "text": recommendation.text}
        for coded in _evidence().items
        for recommendation in coded.item.recommendations
    ]
    columns = [f.name for f in RECOMMENDATION_FIELDS]
    return pd.DataFrame(rows, columns=columns).sort_values(["item_id", "recommendation"])


def follow_through_frame() -> pd.DataFrame:
    rows = [
        {
            "item_id": coded.item.id,
            "recommendation_item": follow.recommendation.split("/")[0],
            "recommendation": follow.recommendation.split("/")[1],
            "status": follow.status,
            "note": follow.note,
        }
        for coded in _evidence().items
        for follow in coded.item.follow_through
    ]
    columns = [f.name for f in FOLLOW_THROUGH_FIELDS]
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["item_id", "recommendation_item", "recommendation"]
    )


def reports_frame() -> pd.DataFrame:
    rows = []
    for loaded in sorted(_evidence().codings.values(), key=lambda c: c.coding.report):
        coding = loaded.coding
        rows.append(
            {
                "report": coding.report,
                "area": coding.area,
                "area_code": coding.report.split("_")[0],
                "published": coding.published,
                "source": inspection_coding.source_id(coding),
                "forum_named_as": coding.forum_named_as or "",
                "forum_page": coding.forum_page,
                "coproduction": coding.coproduction,
                "coproduction_page": coding.coproduction_page,
                "coproduction_anchor": coding.coproduction_anchor or "",
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("forum_page", "coproduction_page"):
        frame[column] = frame[column].astype("Int64")
    return frame


def aspects_frame() -> pd.DataFrame:
    codebook = register.framework()
    rows = []
    for loaded in sorted(_evidence().codings.values(), key=lambda c: c.coding.report):
        coding = loaded.coding
        for aspect_id, heading in inspection_coding.ASPECTS.items():
            aspect = coding.aspects[aspect_id]
            rows.append(
                {
                    "report": coding.report,
                    "aspect": aspect_id,
                    "aspect_heading": heading,
                    "says_nothing": aspect.says_nothing,
                    "findings": len(aspect.items),
                    "strengths": sum(f.direction == "strength" for f in aspect.items),
                    "weaknesses": sum(f.direction == "weakness" for f in aspect.items),
                    "rung": inspection_coding.aspect_rung(aspect, codebook) or "",
                }
            )
    return pd.DataFrame(rows)


def sources_frame() -> pd.DataFrame:
    rows = [
        {
            "id": source.id,
            "area": source.area,
            "title": source.title,
            "publisher": source.publisher,
            "author": source.author or "",
            "date": source.date,
            "year": source.year,
            "url": source.url or "",
            "kind": source.kind,
            "full_text_sha256": source.full_text_sha256 or "",
        }
        for source in sorted(_evidence().sources.values(), key=lambda s: s.id)
    ]
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def codebook_frame() -> pd.DataFrame:
    """Every code the register uses, with its label and meaning."""
    codebook = register.framework()
    rows = []
    for part in ("bands", "ladder", "themes", "duties", "strength"):
        for rank, entry in enumerate(getattr(codebook, part), start=1):
            rows.append(
                {
                    "part": part,
                    "id": entry.id,
                    "label": entry.label,
                    "meaning": entry.definition or entry.summary or "",
                    "rank": rank,
                    "band": entry.band or "",
                }
            )
    for rank, (perspective, label) in enumerate(participation.PERSPECTIVES.items(), start=1):
        meaning = participation.PERSPECTIVE_MEANINGS[perspective]
        rows.append(
            {"part": "perspective", "id": perspective, "label": label, "meaning": meaning, "rank": rank}
        )
    for rank, (aspect, heading) in enumerate(inspection_coding.ASPECTS.items(), start=1):
        rows.append({"part": "aspect", "id": aspect, "label": heading, "meaning": "", "rank": rank})
    for rank, kind in enumerate(codebook.kinds, start=1):
        rows.append({"part": "kind", "id": kind, "label": kind, "meaning": "", "rank": rank})
    return pd.DataFrame(rows).fillna({"band": ""})


# --- the declarations -------------------------------------------------------------------------------

AREA_CODE = Field(
    "area_code",
    "string",
    "ONS GSS code of the area: an upper-tier local authority (December 2024 geography), a region "
    "(E12) or England (E92000001).",
    required(pattern=GSS_CODE),
)
INDICATOR = Field(
    "indicator",
    "string",
    "Indicator id; see indicator_definitions.csv and the book's indicator definitions page.",
    required(enum=list(INDICATORS)),
)
YEAR = Field(
    "year",
    "integer",
    "Year of the figure: the calendar year of a flow (requests, plans issued, appeals), or the year of "
    "the January count (pupils, plans maintained).",
    required(minimum=2000),
)

INDICATOR_FIELDS = (
    AREA_CODE,
    Field(
        "area_name", "string", "Name of the area (England, the region or the local authority).", required()
    ),
    Field(
        "level",
        "string",
        "Geographic level of the row.",
        required(enum=["England", "Region", "Local authority"]),
    ),
    INDICATOR,
    YEAR,
    Field("period", "string", "The period as the book shows it, e.g. '2024' or 'January 2025'.", required()),
    Field(
        "numerator",
        "integer",
        "The count the rate is made of (e.g. plans issued within 20 weeks); empty where the publisher "
        "gives a percentage without counts, or suppresses the count.",
        {"minimum": 0},
    ),
    Field(
        "denominator",
        "integer",
        "The count the rate is out of (e.g. all plans issued, excluding exceptions); empty where not "
        "published.",
        {"minimum": 0},
    ),
    Field(
        "value",
        "number",
        "The figure, at full precision, in the indicator's unit (a percentage, or per 1,000 for "
        "ehcp_per_1000); empty where none was published. Round only for display.",
        {"minimum": 0},
    ),
    Field(
        "lower",
        "number",
        "Lower bound of the 95% Wilson score interval, in the same unit; empty without counts.",
        {"minimum": 0},
    ),
    Field(
        "upper",
        "number",
        "Upper bound of the 95% Wilson score interval; empty without counts.",
        {"minimum": 0},
    ),
    Field(
        "symbol",
        "string",
        "The statistical symbol the publisher printed instead of a figure (z not applicable, x not "
        "available, .. not available, - nil or not available, ~ suppressed; 'missing' for a blank "
        "cell); empty where a figure was published.",
    ),
    Field("source", "string", "Id of the national dataset (national_datasets.csv).", required()),
    Field("note", "string", "How the figure was formed, where that varies (e.g. the population year used)."),
    Field("caveat", "string", "What a reader needs to know about this figure, in words; empty when nothing."),
    Field(
        "unconfirmed",
        "boolean",
        "True for a figure the data themselves make doubtful (e.g. no request refused while DfE records "
        "requests with no decision made): shown, not compared, and left out of the neighbours' mean.",
        required(),
    ),
    Field(
        "former_area",
        "string",
        "For a figure a current area's row gives for the authority it replaced (Dorset before 2019), "
        "that authority; empty otherwise.",
    ),
)

COMPARISON_FIELDS = (
    AREA_CODE,
    INDICATOR,
    YEAR,
    Field("england", "number", "England's value for the indicator and year; the benchmark of vs_england."),
    Field(
        "region",
        "number",
        "The area's region's value (a pooled figure: the region's counts added up, then divided); the "
        "benchmark of vs_region.",
    ),
    Field(
        "neighbours",
        "number",
        "Unweighted mean of the values of the area's statistical neighbours that have one (unconfirmed "
        "figures and figures for a neighbour's former authority left out); the benchmark of "
        "vs_neighbours.",
    ),
    Field(
        "neighbours_with_data",
        "integer",
        "How many of the statistical neighbours had a value in the mean.",
        {"minimum": 0},
    ),
    Field(
        "neighbour_list",
        "integer",
        "The year of DfE's children's services statistical neighbours list used (2025: May 2025).",
        required(),
    ),
    Field(
        "vs_england",
        "string",
        "The area compared with England: Higher or Lower when England's value lies outside the area's "
        "95% interval, else Similar; Better or Worse where the indicator declares a polarity; Not "
        f"compared with no interval, fewer than {comparisons.MIN_DENOMINATOR} cases, no cases, an "
        "unconfirmed figure or no benchmark.",
        required(enum=FLAGS),
    ),
    Field("vs_region", "string", "The area compared with its region, as vs_england.", required(enum=FLAGS)),
    Field(
        "vs_neighbours",
        "string",
        "The area compared with its neighbours' mean, as vs_england.",
        required(enum=FLAGS),
    ),
)

DEFINITION_FIELDS = (
    Field("id", "string", "Indicator id, as indicators.csv writes it.", required()),
    Field("title", "string", "The indicator's title in the book.", required()),
    Field("measure", "string", "What the value measures, with its unit.", required()),
    Field("unit", "string", "Unit of value, lower and upper.", required()),
    Field("scale", "number", "What the proportion numerator / denominator is multiplied by (100 or 1,000)."),
    Field("period", "string", "'calendar year' for a flow, 'January' for a count in January.", required()),
    Field(
        "polarity",
        "string",
        "'higher is better' where the indicator declares a direction; empty where a higher or lower "
        "value is not in itself better or worse.",
        {"enum": [comparisons.HIGHER_IS_BETTER, comparisons.LOWER_IS_BETTER, ""]},
    ),
    Field("definition", "string", "What the indicator counts.", required()),
    Field("numerator", "string", "What the numerator counts, in words.", required()),
    Field("denominator", "string", "The denominator, in words.", required()),
    Field("region_benchmark", "string", "How the region's figure is formed.", required()),
    Field("caveat", "string", "The indicator's standing caveat."),
    Field(
        "sources", "string", "Ids of the national datasets it is made from, separated by spaces.", required()
    ),
    Field(
        "definition_page",
        "string",
        "Address of the indicator's definition in the book, relative to this file.",
        required(),
    ),
)

DATASET_FIELDS = (
    Field("id", "string", "Dataset id, as data/manifest.yml keys it.", required()),
    Field("title", "string", "The dataset's title, as its publisher gives it.", required()),
    Field("publisher", "string", "Who publishes the dataset.", required()),
    Field("url", "string", "Where a reader can get it.", required()),
    Field("licence", "string", "The licence it is published under.", required()),
    Field("vintage", "string", "Which release and period the book uses.", required()),
    Field("file", "string", "Its path in the book's national data directory.", required()),
    Field(
        "sha256", "string", "SHA-256 checksum of the file the book read.", required(pattern=r"^[0-9a-f]{64}$")
    ),
)

ITEM_ID = Field("item_id", "string", "Id of the evidence item (register_items.csv).", required())

ITEM_FIELDS = (
    Field(
        "id",
        "string",
        "Item id: the area's slug, then a number ('-insp-' for inspection findings).",
        required(),
    ),
    Field(
        "area",
        "string",
        "Slug of the area the item is about (e.g. 'west-sussex'), or 'national'.",
        required(),
    ),
    Field("source", "string", "Id of the source it is coded from (register_sources.csv).", required()),
    Field(
        "date",
        "string",
        "Date of the event or finding, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
        required(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    ),
    Field("date_note", "string", "How the date was arrived at, where it needs saying."),
    Field("event", "string", "A short name for the event, when the item records one."),
    Field("kind", "string", "What sort of evidence it is (codebook.csv, part 'kind').", required()),
    Field("finding", "string", "The finding, in the book's own words.", required()),
    Field(
        "ladder",
        "string",
        "The rung of the ladder of co-production the item shows (codebook.csv, part 'ladder'); empty "
        "when it shows none.",
    ),
    Field(
        "themes",
        "string",
        "Themes it speaks to (codebook.csv, part 'themes'), separated by spaces.",
        required(),
    ),
    Field(
        "duties",
        "string",
        "Statutory duties and frameworks it speaks to (codebook.csv, part 'duties'), separated by spaces.",
    ),
    Field("strength", "string", "How far it can be relied on (codebook.csv, part 'strength').", required()),
    Field(
        "perspective",
        "string",
        "Whose account it is: independent, families (and their forum) or claimed (the council about "
        "itself); codebook.csv, part 'perspective'.",
        required(enum=list(participation.PERSPECTIVES)),
    ),
    Field("second_hand", "boolean", "True when it reports another document's account.", required()),
    Field(
        "commitment",
        "boolean",
        "True for a charter, strategy or pledge: what is promised, not shown in practice.",
        required(),
    ),
    Field(
        "same_event_as",
        "string",
        "The item, or held inspection report, recording the same event; an event counts once.",
    ),
    Field(
        "direction",
        "string",
        "For inspection findings: a strength or a weakness, as the report presents it.",
        {"enum": ["strength", "weakness", ""]},
    ),
    Field(
        "aspect",
        "string",
        "For inspection findings: the aspect of the report (inspection_aspects.csv).",
        {"enum": [*inspection_coding.ASPECTS, ""]},
    ),
    Field("page", "integer", "The page of the source the anchor is on.", {"minimum": 1}),
    Field(
        "anchor",
        "string",
        "A few consecutive words copied exactly from that page, so the citation can be checked.",
    ),
    Field("quote", "string", "A short quotation from the source, when the item gives one."),
    Field("quote_attribution", "string", "Who said or wrote the quotation."),
)

FIGURE_FIELDS = (
    ITEM_ID,
    Field("position", "integer", "The figure's place among the item's figures, from 1.", required(minimum=1)),
    Field("value", "number", "The number the source reports.", required()),
    Field("unit", "string", "The unit of the number (e.g. %, parents).", required()),
    Field("measure", "string", "What the number counts.", required()),
    Field("base", "string", "Out of what, where the source says."),
    Field(
        "qualifier",
        "string",
        "How the source qualifies the number (about, nearly, over, under, at least, up to).",
        {"enum": ["about", "nearly", "over", "under", "at least", "up to", ""]},
    ),
)

RECOMMENDATION_FIELDS = (
    ITEM_ID,
    Field("recommendation", "string", "Recommendation id within the item (R1, R2, ...).", required()),
    Field("text", "string", "The recommendation, in the book's words.", required()),
)

FOLLOW_THROUGH_FIELDS = (
    ITEM_ID,
    Field("recommendation_item", "string", "Id of the item that made the recommendation.", required()),
    Field("recommendation", "string", "Id of the recommendation within that item.", required()),
    Field(
        "status",
        "string",
        "What this item shows of it.",
        required(enum=["done", "partly done", "not done", "unclear"]),
    ),
    Field("note", "string", "What the item shows of the recommendation, in words.", required()),
)

REPORT_FIELDS = (
    Field(
        "report",
        "string",
        "The report's file name without .pdf: area code, area, publication date.",
        required(),
    ),
    Field("area", "string", "Slug of the area inspected.", required()),
    Field("area_code", "string", "ONS GSS code of the area inspected.", required(pattern=GSS_CODE)),
    Field("published", "date", "Date the report was published.", required()),
    Field("source", "string", "Id of the report as a source (register_sources.csv).", required()),
    Field("forum_named_as", "string", "The parent carer forum's name as the report gives it; empty if none."),
    Field("forum_page", "integer", "The page that names the forum.", {"minimum": 1}),
    Field(
        "coproduction",
        "string",
        "How the report describes co-production across the local area partnership.",
        required(enum=list(inspection_coding.COPRODUCTION_STATUS)),
    ),
    Field("coproduction_page", "integer", "The page that describes co-production so.", {"minimum": 1}),
    Field("coproduction_anchor", "string", "Words copied exactly from that page."),
)

ASPECT_FIELDS = (
    Field("report", "string", "The report (inspection_reports.csv).", required()),
    Field(
        "aspect",
        "string",
        "The aspect of working with families.",
        required(enum=list(inspection_coding.ASPECTS)),
    ),
    Field("aspect_heading", "string", "The aspect of working with families, in words.", required()),
    Field(
        "says_nothing",
        "boolean",
        "True when the report says nothing on the aspect (a silence, recorded as such, not uncoded).",
        required(),
    ),
    Field("findings", "integer", "Findings coded on the aspect.", required(minimum=0)),
    Field("strengths", "integer", "How many of the findings are strengths.", required(minimum=0)),
    Field("weaknesses", "integer", "How many of the findings are weaknesses.", required(minimum=0)),
    Field(
        "rung",
        "string",
        "The middle rung of the ladder among the aspect's findings that show one; empty when none does.",
    ),
)

SOURCE_FIELDS = (
    Field("id", "string", "Source id, as register_items.csv writes it.", required()),
    Field("area", "string", "Slug of the area it is about, or 'national'.", required()),
    Field("title", "string", "The source's title.", required()),
    Field("publisher", "string", "Who published the source.", required()),
    Field("author", "string", "The source's author, where named."),
    Field("date", "string", "Its date, as the source gives it.", required()),
    Field("year", "integer", "The source's year, for sorting."),
    Field("url", "string", "Its web address; empty for a source with none (ask its publisher)."),
    Field("kind", "string", "What sort of source it is.", required()),
    Field(
        "full_text_sha256",
        "string",
        "SHA-256 of the held full text the items' anchors were checked against; empty when none is held.",
        {"pattern": r"^([0-9a-f]{64})?$"},
    ),
)

CODEBOOK_FIELDS = (
    Field(
        "part",
        "string",
        "Which list the code belongs to.",
        required(enum=["bands", "ladder", "themes", "duties", "strength", "perspective", "aspect", "kind"]),
    ),
    Field("id", "string", "The code as the other tables write it.", required()),
    Field("label", "string", "The code in words, as the book shows it.", required()),
    Field("meaning", "string", "What the code means; empty where its label says it."),
    Field("rank", "integer", "Its place in its list (the ladder from its lowest rung).", required(minimum=1)),
    Field("band", "string", "For a rung of the ladder: its stage (part 'bands')."),
)

REGISTER = ("register",)

TABLES: tuple[Table, ...] = (
    Table(
        "indicators",
        "National indicators for every area, region and England",
        "Every national indicator the book shows, for every current upper-tier local authority, every "
        "region and England, every year available: the published counts, the value at full precision, "
        "its 95% Wilson score interval, the publisher's symbol where no figure was published, and the "
        "caveats the book attaches.",
        INDICATOR_FIELDS,
        indicators_frame,
        ("area_code", "indicator", "year"),
        (
            _foreign(["indicator"], "indicator_definitions", ["id"]),
            _foreign(["source"], "national_datasets", ["id"]),
        ),
        sources=tuple(dict.fromkeys(s for i in INDICATORS.values() for s in i.sources)),
    ),
    Table(
        "comparisons",
        "Each area beside England, its region and its statistical neighbours",
        "For every upper-tier local authority, indicator and year it has a row in indicators.csv: the "
        "three benchmarks and how the area compares with each (the Fingertips convention: the "
        "area's 95% interval against the benchmark value).",
        COMPARISON_FIELDS,
        comparisons_frame,
        ("area_code", "indicator", "year"),
        (_foreign(["area_code", "indicator", "year"], "indicators", ["area_code", "indicator", "year"]),),
        sources=("neighbours_2025",),
    ),
    Table(
        "indicator_definitions",
        "What each indicator counts",
        "Each indicator's definition, numerator, denominator, polarity, how its region figure is formed, "
        "its standing caveat and its sources.",
        DEFINITION_FIELDS,
        definitions_frame,
        ("id",),
    ),
    Table(
        "national_datasets",
        "The national datasets",
        "Every national dataset the book reads, with its publisher, address, licence, release and the "
        "checksum of the file read.",
        DATASET_FIELDS,
        datasets_frame,
        ("id",),
    ),
    Table(
        "register_items",
        "The coded evidence register",
        "Every item of evidence on how areas involve parent carers: the hand-coded register and the "
        "findings coded from area SEND inspection reports, with whose account each is (perspective), "
        "its source, page and anchor.",
        ITEM_FIELDS,
        items_frame,
        ("id",),
        (_foreign(["source"], "register_sources", ["id"]),),
        sources=REGISTER,
    ),
    Table(
        "register_figures",
        "Numbers the evidence reports",
        "The numbers an item's source reports, with what they count and out of what.",
        FIGURE_FIELDS,
        figures_frame,
        ("item_id", "position"),
        (_foreign(["item_id"], "register_items", ["id"]),),
        sources=REGISTER,
    ),
    Table(
        "register_recommendations",
        "Recommendations and areas for improvement",
        "Recommendations an item makes, and an inspection's areas for improvement, which later evidence "
        "can follow through.",
        RECOMMENDATION_FIELDS,
        recommendations_frame,
        ("item_id", "recommendation"),
        (_foreign(["item_id"], "register_items", ["id"]),),
        sources=REGISTER,
    ),
    Table(
        "register_follow_through",
        "What later evidence shows of earlier recommendations",
        "For each item that follows a recommendation through: the recommendation and its status.",
        FOLLOW_THROUGH_FIELDS,
        follow_through_frame,
        ("item_id", "recommendation_item", "recommendation"),
        (
            _foreign(["item_id"], "register_items", ["id"]),
            _foreign(
                ["recommendation_item", "recommendation"],
                "register_recommendations",
                ["item_id", "recommendation"],
            ),
        ),
        sources=REGISTER,
    ),
    Table(
        "inspection_reports",
        "The coded area SEND inspection reports",
        "Each area SEND inspection report the book holds (2023 framework): the forum as the report "
        "names it and how it describes co-production, with page and anchor.",
        REPORT_FIELDS,
        reports_frame,
        ("report",),
        (_foreign(["source"], "register_sources", ["id"]),),
        sources=REGISTER,
    ),
    Table(
        "inspection_aspects",
        "What each report says on each aspect of working with families, silences included",
        "One row per report and aspect: the findings coded, or a recorded silence, so a silent report "
        "can be told from an uncoded one.",
        ASPECT_FIELDS,
        aspects_frame,
        ("report", "aspect"),
        (_foreign(["report"], "inspection_reports", ["report"]),),
        sources=REGISTER,
    ),
    Table(
        "register_sources",
        "The sources of the evidence",
        "Every source the register is coded from (the bibliography and the held inspection reports).",
        SOURCE_FIELDS,
        sources_frame,
        ("id",),
        sources=REGISTER,
    ),
    Table(
        "codebook",
        "The codebook",
        "Every code the register uses: the ladder of co-production and its stages, themes, duties, "
        "strength grades, perspectives, inspection aspects and kinds of evidence.",
        CODEBOOK_FIELDS,
        codebook_frame,
        ("part", "id"),
        sources=REGISTER,
    ),
)


# --- writing --------------------------------------------------------------------------------------


def checked(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's columns in declared order, as the CSV writes them; a column missing from either the
    frame or the declarations stops with the table and column named."""
    declared = [f.name for f in table.fields]
    undescribed = [column for column in frame.columns if column not in declared]
    if undescribed:
        raise DataPackageError(
            f"The data package table '{table.name}' has columns {undescribed} that {__name__} does not "
            "describe: declare each (name, type, description) in its fields."
        )
    absent = [name for name in declared if name not in frame.columns]
    if absent:
        raise DataPackageError(
            f"The data package table '{table.name}' declares fields {absent} that its data do not have."
        )
    out = frame[declared].copy()
    for spec in table.fields:
        if spec.type == "integer":
            values = pd.to_numeric(out[spec.name])
            whole = values.dropna()
            if not (whole == whole.round()).all():
                raise DataPackageError(
                    f"The data package table '{table.name}', field '{spec.name}', is declared integer but "
                    "holds fractions."
                )
            out[spec.name] = values.astype("Int64")
        elif spec.type == "boolean":
            out[spec.name] = out[spec.name].map({True: "true", False: "false"})
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV as published: UTF-8, comma-separated, a header row, empty for a missing value, numbers
    at full precision (the shortest text that reads back as the same number)."""
    return frame.to_csv(index=False, lineterminator="\n", float_format=None).encode("utf-8")


def _source_entry(source_id: str) -> dict:
    if source_id == "register":
        return {
            "title": "The book's coding of the evidence register and of the area SEND inspection reports "
            "(data/evidence, data/framework.yml, data/sources.yml)",
        }
    dataset = manifest.get(source_id)
    return {"title": dataset.citation(), "path": dataset.url}


def resource(table: Table, content: bytes) -> dict:
    schema = {
        "fields": [f.descriptor() for f in table.fields],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = list(table.foreign_keys)
    out = {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
        "schema": schema,
    }
    if table.sources:
        out["sources"] = [_source_entry(s) for s in table.sources]
    return out


def descriptor(resources: list[dict]) -> dict:
    used = dict.fromkeys(s for table in TABLES for s in table.sources if s != "register")
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Involving parent carers in SEND: the data behind the evidence book",
        "description": "The national SEND indicators for every English upper-tier local authority, region "
        "and England, with intervals, benchmarks, comparison flags and caveats, and the coded evidence "
        "register on how areas involve parent carers, as the book publishes them. None of the national "
        "indicators measures participation itself.",
        "version": metadata.version(PACKAGE),
        # The digest of the code that made the files, as every page's provenance gives it.
        "code_version": code_version(),
        "licenses": [LICENCE],
        "sources": [_source_entry(s) for s in used] + [_source_entry("register")],
        "resources": resources,
    }


def write(directory: Path) -> Path:
    """Write every table as CSV and the descriptor into ``directory`` (replacing what was there, all at
    once); the descriptor's path."""
    directory = Path(directory)
    staging = directory.with_name(f".{directory.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    resources = []
    for table in TABLES:
        content = csv_bytes(checked(table, table.make()))
        (staging / table.path).write_bytes(content)
        resources.append(resource(table, content))
    text = json.dumps(descriptor(resources), indent=1, ensure_ascii=False) + "\n"
    (staging / DESCRIPTOR).write_text(text, encoding="utf-8")
    previous = directory.with_name(f".{directory.name}.old")
    shutil.rmtree(previous, ignore_errors=True)
    if directory.exists():
        directory.rename(previous)
    staging.rename(directory)
    shutil.rmtree(previous, ignore_errors=True)
    return directory / DESCRIPTOR


#: What the published package was made from, kept beside the build (not published).
STAMP = paths.BUILD / "datapackage.json"


def inputs_digest() -> str:
    """What the package is made from: the code, the processed store's key (the national data) and the
    book's own data files (the register, the codebook, the bibliography, the manifest)."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(store.key().encode())
    for file in sorted(paths.BOOK_DATA.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(paths.ROOT).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def publish(site: Path = paths.HTML) -> tuple[Path, bool]:
    """Publish the data package with the built site, in ``<site>/data/``, unless what is there was made
    from the same inputs. The descriptor's path, and whether it was written."""
    target = site / FOLDER / DESCRIPTOR
    digest = inputs_digest()
    if target.is_file() and STAMP.is_file() and STAMP.read_text(encoding="utf-8") == digest:
        return target, False
    written = write(site / FOLDER)
    STAMP.write_text(digest, encoding="utf-8")
    return written, True
