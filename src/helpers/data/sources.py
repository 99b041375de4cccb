"""One loader per national dataset, each returning a tidy, typed frame.

Loaders read every file as text first (published tables mix numbers and symbols in one column), then
convert with :func:`helpers.data.symbols.parse_numbers`. DfE rows are identified by the DfE LA number
(``la_number``), never by the GSS code printed in DfE files, which lags reorganisations.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from helpers.data import manifest, store
from helpers.data.symbols import parse_numbers

LEVELS = {"National": "England", "Regional": "Region", "Local authority": "Local authority"}


def _read_text(dataset_id: str) -> pd.DataFrame:
    file = manifest.path(dataset_id)
    try:
        return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise manifest.DataError(f"Could not read {file} as CSV: {error}") from error


def _require(frame: pd.DataFrame, columns: list[str], dataset_id: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        file = manifest.get(dataset_id).file
        raise manifest.DataError(
            f"{file} has no column(s) {', '.join(missing)}; the file's layout differs from the release "
            "the book was written for. Check the publisher's data guidance and update "
            "helpers/data/sources.py."
        )


def _ees(dataset_id: str, headline: str, measures: list[str]) -> pd.DataFrame:
    """Headline rows of an Explore Education Statistics file, with the common id columns."""
    raw = _read_text(dataset_id)
    ids = [
        "time_period",
        "geographic_level",
        "region_code",
        "region_name",
        "old_la_code",
        "la_name",
    ]
    _require(raw, ids + measures, dataset_id)
    if "breakdown_topic" in raw.columns:
        raw = raw[raw["breakdown_topic"] == headline]
    raw = raw[raw["geographic_level"].isin(list(LEVELS))]
    frame = parse_numbers(raw[ids + measures], measures, manifest.get(dataset_id).file)
    frame["level"] = frame.pop("geographic_level").map(LEVELS)
    frame["la_number"] = pd.to_numeric(frame.pop("old_la_code").replace("", None)).astype("Int64")
    return frame.reset_index(drop=True)


@cache
def sen2_timeliness() -> pd.DataFrame:
    """New EHC plans issued within 20 weeks, excluding exceptions; calendar years 2019 onwards."""
    frame = _ees(
        "sen2_timeliness",
        "All EHC plans issued",
        # Plans including exceptions too: where every plan was an exception the measure has none.
        [
            "plans_issued_den",
            "plans_issued_den_ex",
            "plans_issued_20_weeks_ex",
            "PC_plans_issued_20_weeks_ex",
        ],
    )
    frame["year"] = frame.pop("time_period").astype(int)
    return frame


@cache
def sen2_requests() -> pd.DataFrame:
    """Initial requests for EHC needs assessment and refusals, person-level basis (2023 onwards)."""
    frame = _ees(
        "sen2_requests",
        "All requests for EHC needs assessments",
        # Requests with no decision recorded too: beside a zero count of refusals they make it doubtful.
        [
            "requests_received_in_year",
            "requests_decided_not_to_assess",
            "requests_decision_not_made",
            "request_not_assess_pc",
        ],
    )
    frame["year"] = frame.pop("time_period").astype(int)
    # DfE publishes the refusal rate only from 2023, when SEN2 became a person-level return; earlier
    # years come from the 2023 release on the old basis (see sen2_mi_2023).
    return frame[frame["year"] >= 2023].reset_index(drop=True)


@cache
def sen2_mi_2023() -> pd.DataFrame:
    """Initial requests and refusals on the aggregate basis, calendar years 2014-2022 (2023 release)."""
    frame = _ees("sen2_mi_2023", "", ["inreq_ehc", "ass_refused_ehc", "ass_refused_ehc_pc"])
    frame["year"] = frame.pop("time_period").astype(int)
    return frame


@cache
def sen2_caseload() -> pd.DataFrame:
    """EHC plans maintained in January; ``year`` is the calendar year of the January count."""
    frame = _ees("sen2_caseload", "All EHC plans", ["ehcplans"])
    # 2025 release writes the January 2025 count as academic year 202425.
    frame["year"] = frame.pop("time_period").str[:4].astype(int) + 1
    return frame


@cache
def lait(measure: str) -> pd.DataFrame:
    """One LAIT measure for England, regions and LAs; ``la_number`` is the DfE (or LAIT pseudo) number."""
    raw = _read_text("lait_send")
    _require(raw, ["Short Desc", "Years", "LA and Regions", "Values", "LA Number"], "lait_send")
    raw = raw[raw["Short Desc"] == measure]
    if raw.empty:
        raise manifest.DataError(f"LAIT measure '{measure}' not found in {manifest.get('lait_send').file}.")
    frame = parse_numbers(raw, ["Values"], manifest.get("lait_send").file)
    frame = frame.rename(
        columns={
            "Years": "year",
            "LA and Regions": "name",
            "Values": "value",
            "Values_symbol": "symbol",
        }
    )
    frame["year"] = frame["year"].astype(int)
    frame["la_number"] = frame["LA Number"].astype(int)
    # LAIT values carry binary-float artefacts ("4.4000000000000004"); the publication has one decimal.
    frame["value"] = frame["value"].round(6)
    return frame[["year", "la_number", "name", "value", "symbol"]].reset_index(drop=True)


@cache
def tribunal_appeals() -> pd.DataFrame:
    """SEND Tribunal appeals registered and appealable decisions (published measure), by LA and England.

    ``la_number_printed`` is the DfE number as the table prints it, which is wrong for five areas.
    """
    raw = _read_text("tribunal_appeals")
    columns = ["appeals_registered_raw", "total_appealable_decisions_raw"]
    _require(
        raw,
        ["geographic_level", "la_name", "old_la_code", "year", "measure_variant", *columns],
        "tribunal_appeals",
    )
    raw = raw[raw["measure_variant"] == "published"]
    # Two England rows per year: keep the published total, not the one excluding suppressed areas.
    raw = raw[(raw["geographic_level"] != "National") | raw["la_name"].str.startswith("England Total")]
    frame = parse_numbers(raw, columns, manifest.get("tribunal_appeals").file)
    frame = frame.rename(
        columns={
            "appeals_registered_raw": "appeals",
            "total_appealable_decisions_raw": "decisions",
            "appeals_registered_raw_symbol": "appeals_symbol",
            "total_appealable_decisions_raw_symbol": "decisions_symbol",
        }
    )
    # This table prints nil as "-": every such row has a published rate of 0.00%. Keep the symbol.
    nil = frame["appeals_symbol"].eq("-") & raw["appeal_rate_raw"].str.strip().eq("0.00%")
    frame.loc[nil, "appeals"] = 0.0
    frame["level"] = frame["geographic_level"].map(LEVELS)
    frame["year"] = frame["year"].astype(int)
    # Kept as printed: the table misprints several DfE numbers, so its rows are identified by name
    # (see indicators.tribunal_appeal_rate and the data-contract tests).
    frame["la_number_printed"] = pd.to_numeric(frame["old_la_code"].replace("", None)).astype("Int64")
    keep = [
        "level",
        "region_heading",
        "la_number_printed",
        "la_name_clean",
        "year",
        "appeals",
        "decisions",
        "appeals_symbol",
        "decisions_symbol",
    ]
    return frame[keep].rename(columns={"la_name_clean": "la_name"}).reset_index(drop=True)


@store.table("inspections-2016")
def inspections_2016() -> pd.DataFrame:
    """Area SEND inspections under the 2016 framework (official statistics to August 2022)."""
    raw = _read_text("inspections_2016")
    names = {
        "Local authority code": "code_2022",
        "Area name": "la_name",
        "Inspection start date": "start",
        "Inspection publication date": "published",
        "Inspection outcome: written statement of action required?": "wsoa",
        "Number significant weaknesses identified in written statement of action": "weaknesses",
        "Revisit start date": "revisit_start",
        "Revisit publication date": "revisit_published",
        "Revisit outcome: sufficient progress in addressing all significant weaknesses?": "revisit_outcome",
    }
    _require(raw, list(names), "inspections_2016")
    frame = raw[list(names)].rename(columns=names)
    for column in ("start", "published", "revisit_published"):
        frame[column] = pd.to_datetime(
            frame[column].where(frame[column].str.match(r"^\d{4}-")), format="%Y-%m-%d"
        )
    return frame


@store.table("inspections-2023")
def inspections_2023() -> pd.DataFrame:
    """Area SEND inspections under the 2023 framework, one row per area with a published report."""
    raw = _read_text("inspections_2023")
    keep = [
        "la_code",
        "ctyua24cd",
        "la_name_dfe",
        "outcome_grade",
        "outcome_category",
        "inspection_start_date_iso",
        "inspection_end_date_iso",
        "publication_date_iso",
        "inspection_link",
    ]
    _require(raw, keep, "inspections_2023")
    frame = raw[keep].rename(
        columns={
            "la_code": "la_number",
            "ctyua24cd": "code",
            "la_name_dfe": "la_name",
            "inspection_start_date_iso": "start",
            "inspection_end_date_iso": "end",
            "publication_date_iso": "published",
            "inspection_link": "link",
        }
    )
    frame["la_number"] = frame["la_number"].astype(int)
    for column in ("start", "end", "published"):
        frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
    return frame


def _population_0_25(dataset_id: str, year: int) -> pd.DataFrame:
    raw = _read_text(dataset_id)
    ages = [str(age) for age in range(26)]
    _require(raw, ["Code", "Name", "Geography", *ages], dataset_id)
    raw = raw[raw["Code"].str.match(r"^E(92|12|06|08|09|10)")]
    frame = parse_numbers(raw, ages, manifest.get(dataset_id).file)
    out = pd.DataFrame({"code": raw["Code"], "name": raw["Name"], "geography": raw["Geography"]})
    out["population_0_25"] = frame[ages].sum(axis=1)
    out["mid_year"] = year
    return out.drop_duplicates("code").reset_index(drop=True)


@cache
def population_0_25() -> pd.DataFrame:
    """ONS residents aged 0-25 at mid-2022 and mid-2023 (April 2023 geography), England to upper tier."""
    return pd.concat(
        [
            _population_0_25("population_mid2022", 2022),
            _population_0_25("population_mid2023", 2023),
        ],
        ignore_index=True,
    )


@store.table("la-codes")
def la_codes() -> pd.DataFrame:
    """The 153 upper-tier LAs: DfE number, current GSS code, name and (sub-)region."""
    raw = _read_text("la_codes")
    _require(raw, ["la_number", "ctyua24cd", "la_name", "region_code", "region_name"], "la_codes")
    raw["la_number"] = raw["la_number"].astype(int)
    return raw.rename(columns={"ctyua24cd": "code", "la_name": "name"})


@store.table("sen2-code-crosswalk")
def sen2_code_crosswalk() -> pd.DataFrame:
    """Every (DfE number, GSS code) pair DfE has used in the SEN2 releases."""
    raw = _read_text("sen2_code_crosswalk")
    _require(raw, ["old_la_code", "new_la_code"], "sen2_code_crosswalk")
    raw = raw[raw["old_la_code"].str.match(r"^\d+$") & (raw["new_la_code"] != "")]
    return pd.DataFrame({"la_number": raw["old_la_code"].astype(int), "code": raw["new_la_code"]})


@cache
def la_code_changes() -> pd.DataFrame:
    """ONS code changes 2018-2025: old code, new code, kind of change and year."""
    raw = _read_text("la_code_changes")
    _require(raw, ["oldcd", "oldnm", "newcd", "newnm", "type", "start"], "la_code_changes")
    return raw


@store.table("neighbours")
def statistical_neighbours(vintage: int) -> pd.DataFrame:
    """DfE statistical neighbours (2025 or 2021 list), one row per area and neighbour rank."""
    dataset_id = {2025: "neighbours_2025", 2021: "neighbours_2021"}.get(vintage)
    if dataset_id is None:
        raise ValueError(f"Statistical neighbour lists exist for 2025 and 2021, not {vintage}.")
    raw = _read_text(dataset_id)
    _require(raw, ["la_number", "sn_rank", "sn_la_number", "sn_la_name", "closeness"], dataset_id)
    for column in ("la_number", "sn_rank", "sn_la_number"):
        raw[column] = raw[column].astype(int)
    # The 2021 file writes "Very Close", the 2025 one "Very close".
    raw["closeness"] = raw["closeness"].str.capitalize()
    return raw


@store.table("la-names")
def la_names() -> pd.DataFrame:
    """mySociety's register of local authority names, with alternative spellings."""
    return _read_text("la_names")


@store.table("inspections-2016-links")
def inspections_2016_link_table() -> pd.DataFrame:
    """Each area's Ofsted page from the official spreadsheet, keyed by the 2022 GSS code.

    The CSV export lost the links; the spreadsheet keeps them as HYPERLINK formulas in column A.
    """
    from odf import opendocument, table, text

    file = manifest.path("inspections_2016_links")
    document = opendocument.load(str(file))
    links: dict[str, str] = {}
    pattern = re.compile(r'HYPERLINK\("(https://[^"]+)"')
    for sheet in document.spreadsheet.getElementsByType(table.Table):
        if not sheet.getAttribute("name").startswith("Area_SEND"):
            continue
        for row in sheet.getElementsByType(table.TableRow):
            cells = row.getElementsByType(table.TableCell)
            if len(cells) < 2:
                continue
            match = pattern.search((cells[0].getAttribute("formula") or "").replace("&quot;", '"'))
            code = "".join(str(node) for node in cells[1].getElementsByType(text.P))
            if match and code:
                links[code] = match.group(1)
    return pd.DataFrame({"code_2022": list(links), "link": list(links.values())})


@cache
def inspections_2016_links() -> dict[str, str]:
    """Each area's Ofsted page, keyed by the 2022 GSS code."""
    frame = inspections_2016_link_table()
    return dict(zip(frame["code_2022"], frame["link"], strict=True))
