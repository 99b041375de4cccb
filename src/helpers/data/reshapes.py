"""Byte-exact recipes that turn a downloaded upstream file into a dataset of the data directory.

Each function takes the upstream bytes (or, for a dataset built from several files, a mapping of names
to bytes) and returns the dataset's bytes. They reproduce how the data directory's derived files were
made, down to number formatting and row order, so ``make data`` can verify the result against the
manifest's sha256. Output is always written with the ``csv`` module (UTF-8, no byte-order mark, ``\\n``
line endings, quotes only where needed) so it does not depend on the pandas version; pandas is used
only to read parquet and spreadsheet files.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
from collections.abc import Callable, Iterable

import openpyxl
import pandas as pd


def _csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _float_text(value: str) -> str:
    """'1,071' -> '1071.0', '1.30%' -> '1.3', a symbol or blank -> '' (as pandas wrote floats)."""
    try:
        return repr(float(value.strip().replace(",", "").rstrip("%")))
    except ValueError:
        return ""


# --- LAIT -----------------------------------------------------------------------------------------

#: The 30 SEND measures (``Short Desc``) of the LAIT store that the book's LAIT file keeps.
LAIT_SEND_MEASURES = frozenset(
    {
        "SEN_TotStat", "SEN_TotSENSuP", "PrimStatements", "SecStatements", "PrimNoStatements",
        "SecNoStatements", "SEN_INIT_REQ", "EHCP_Initial_req_refused", "SEN_ASSESSMENT",
        "SEN_PLAN_ISSUED", "SEN_PLAN_NOT_ISSUED", "SEN_NOT_ISSUE_PLAN_16WKS", "SEN_EHC_All_20wks",
        "SEN_EHC_Excpt_20wks", "SEN_State-Plans_sch", "SEN_CASES_JAN", "SEN_CASES_DUR_YEAR",
        "SEN_AN_REVIEW_EXPECTED", "SEN_PEC_AN_REVIEW_EXPECTED", "SEN_AN_REVIEW_MEET_REC",
        "SEN_PEC_AN_REVIEW_MEET_REC", "SEN_PEC_OUTCOME_COM_4WKS", "SEN_TOT_CEASED_EHC_PLAN",
        "SEN_AppealableDec", "CINStatement", "CINSEN_SUP", "CINNoSEN", "LAC_SEN",
        "LAC_SEN_Statement", "16-17YroldSEN_ET",
    }
)  # fmt: skip


def lait_send(data: bytes) -> bytes:
    """The SEND measures' rows of the LAIT long store, in its order, without ``Data item``.

    ``Values`` stay the store's strings (with artefacts such as ``4.4000000000000004``); ``LA Number``,
    stored as a float, is written as a whole number.
    """
    columns = ["Short Desc", "Years", "LA and Regions", "Values", "LA Number", "Region"]
    store = pd.read_parquet(io.BytesIO(data))
    kept = store.loc[store["Short Desc"].isin(LAIT_SEND_MEASURES), columns]
    return _csv_bytes(columns, ([*row[:4], int(row[4]), row[5]] for row in kept.itertuples(index=False)))


# --- codes and names ------------------------------------------------------------------------------


def la_codes(data: bytes) -> bytes:
    """DfE number, current ONS code, name and region of the 153 areas (2024 rows), by DfE number."""
    rows = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    areas = [r for r in rows if r["geographic_level"] == "Local authority" and r["time_period"] == "2024"]
    areas.sort(key=lambda r: int(r["old_la_code"]))
    return _csv_bytes(
        ["la_number", "ctyua24cd", "la_name", "region_code", "region_name"],
        (
            [r["old_la_code"], r["new_la_code"], r["la_name"], r["region_code"], r["region_name"]]
            for r in areas
        ),
    )


#: Input name -> the data-directory file it is recorded as in the crosswalk's ``source_files``.
SEN2_CROSSWALK_INPUTS = {
    "2022/sen2_age_caseload.csv": "sen2_ehcp/2022/data/sen2_age_caseload.csv.gz",
    "2025/caseload.csv": "sen2_ehcp/2025/data/caseload.csv.gz",
    "2025/newplans.csv": "sen2_ehcp/2025/data/newplans.csv.gz",
}


def sen2_code_crosswalk(inputs: dict[str, bytes]) -> bytes:
    """Every distinct (old code, new code, name, region) on the SEN2 files' local authority rows.

    With the first and last ``time_period`` seen (compared as text, as recorded) and the files it is in.
    """
    key_columns = ["old_la_code", "new_la_code", "la_name", "region_code", "region_name"]
    seen: dict[tuple, list] = {}  # key -> [first, last, source files]
    for name, source_file in SEN2_CROSSWALK_INPUTS.items():
        # The 2025 files begin with a byte-order mark; without utf-8-sig 'time_period' is not found.
        for row in csv.DictReader(io.StringIO(inputs[name].decode("utf-8-sig"))):
            if row["geographic_level"] != "Local authority":
                continue
            period = row["time_period"]
            entry = seen.setdefault(tuple(row[c] for c in key_columns), [period, period, set()])
            entry[0], entry[1] = min(entry[0], period), max(entry[1], period)
            entry[2].add(source_file)
    # By old code, then first period, so an area's older ONS code comes before its newer one.
    ordered = sorted(seen.items(), key=lambda item: (item[0][0], item[1][0], item[0][1]))
    return _csv_bytes(
        [*key_columns, "first_time_period", "last_time_period", "source_files"],
        ([*key, first, last, ";".join(sorted(files))] for key, (first, last, files) in ordered),
    )


# --- tribunals ------------------------------------------------------------------------------------


def tribunal_appeals(data: bytes) -> bytes:
    """The spreadsheet-style appeal-rate CSV as one row per area and year.

    Raw cells are kept as published (symbols and spaces included) beside their parsed numbers. Each
    area also gets a 2024 row for the 'in development' denominator and rate in the last two columns.
    """
    header = [
        "geographic_level", "region_heading", "la_name", "la_name_clean", "old_la_code", "year",
        "appeals_registered_raw", "total_appealable_decisions_raw", "appeal_rate_raw", "measure_variant",
        "appeals_registered", "total_appealable_decisions", "appeal_rate_pct",
    ]  # fmt: skip
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))  # the file begins with a BOM
    years = [cell for cell in rows[3][2:] if cell]  # the year heads every third column

    def long_rows():
        region = ""
        for row in rows[5:]:
            name, code = row[0], row[1]
            if not name or name.startswith(("Sources:", "Notes")) or re.match(r"^(\d+\.|\.\.|~) ", name):
                continue  # blank rows and footnotes
            if not code and name.isupper():
                region = name  # a region heading (INNER and OUTER LONDON follow LONDON)
                continue
            level, heading = ("National", "") if name.startswith("England") else ("Local authority", region)
            clean = re.sub(r"[\d,]+$", "", name).strip()  # footnote markers: 'Poole5', 'England Total4,9'
            cells = [(year, *row[2 + 3 * i : 5 + 3 * i], "published") for i, year in enumerate(years)]
            cells.append((years[-1], row[2 + 3 * (len(years) - 1)], row[-2], row[-1], "in_development_2024"))
            for year, appeals, decisions, rate, variant in cells:
                yield [
                    level, heading, name, clean, code, year, appeals, decisions, rate, variant,
                    _float_text(appeals), _float_text(decisions), _float_text(rate),
                ]  # fmt: skip

    return _csv_bytes(header, long_rows())


# --- inspections ----------------------------------------------------------------------------------


def _ods_cell(value) -> str:
    """One cell of Ofsted's spreadsheet as the recorded CSV writes it."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int | float) and not isinstance(value, bool):
        # The count columns have blanks, so they were held as floats: '2.0', whatever the reader gives.
        return repr(float(value))
    return str(value)  # text, including 'Not revisited yet' in the revisit-date column


def inspections_2016(data: bytes) -> bytes:
    """The data sheet of Ofsted's area SEND spreadsheet (header on row 5), dates as YYYY-MM-DD."""
    sheet = pd.read_excel(io.BytesIO(data), sheet_name="Area_SEND_up_to_31_Aug_2022", header=4, engine="odf")
    return _csv_bytes(
        list(sheet.columns), ([_ods_cell(v) for v in row] for row in sheet.itertuples(index=False))
    )


# --- population -----------------------------------------------------------------------------------


def _persons_sheet(data: bytes) -> bytes:
    """ONS sheet 'MYE2 - Persons' as CSV from its header (row 8); the title rows above are dropped.

    The counts are whole-number cells, so they are written without '.0'. The sheet's used range runs on
    into empty formatted rows, which are skipped.
    """
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["MYE2 - Persons"]
    rows = sheet.iter_rows(min_row=8, values_only=True)
    present = [row for row in rows if any(value is not None for value in row)]
    return _csv_bytes(list(present[0]), present[1:])


population_mid2023 = population_mid2022 = _persons_sheet


# --- statistical neighbours -----------------------------------------------------------------------


def _neighbours_long(areas: list) -> bytes:
    """Wide rows (number, name, _, region code, region, then ten neighbour/closeness pairs) made long."""
    names = {area[0]: area[1] for area in areas}
    return _csv_bytes(
        ["la_number", "la_name", "go_ind", "go_region", "sn_rank", "sn_la_number", "sn_la_name", "closeness"],
        (
            [area[0], area[1], area[3], area[4], rank, area[3 + 2 * rank], names[area[3 + 2 * rank]],
             area[4 + 2 * rank]]
            for area in areas
            for rank in range(1, 11)
        ),
    )  # fmt: skip


def neighbours_2025(data: bytes) -> bytes:
    """DfE's May 2025 groupings sheet, one row per area and neighbour rank, in sheet order.

    The header is on row 3; after the current areas come blank rows, an 'Old SNs:' label and the
    pre-reorganisation areas, so the rows kept are those whose first cell is a DfE number.
    """
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["LA SN Groups"]
    return _neighbours_long(
        [row for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    )


def neighbours_2021(data: bytes) -> bytes:
    """DfE's April 2021 groupings CSV (byte-order mark, trailing empty column) made long, as for 2025."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return _neighbours_long([row for row in rows[1:] if row[0].strip().isdigit()])


#: Recipe name (as written in the manifest's ``download.reshape``) -> function.
RESHAPES: dict[str, Callable] = {
    "lait_send": lait_send,
    "la_codes": la_codes,
    "sen2_code_crosswalk": sen2_code_crosswalk,
    "tribunal_appeals": tribunal_appeals,
    "inspections_2016": inspections_2016,
    "population_mid2023": population_mid2023,
    "population_mid2022": population_mid2022,
    "neighbours_2025": neighbours_2025,
    "neighbours_2021": neighbours_2021,
}
