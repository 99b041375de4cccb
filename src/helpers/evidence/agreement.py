"""How consistently the inspection reports are coded: two independent codings of the same reports,
compared aspect by aspect on the rung (percent agreement and Cohen's kappa)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.evidence import inspection_coding, register
from helpers.evidence.inspection_coding import ASPECTS, LoadedCoding

#: The categories an aspect's coding falls in besides a rung of the ladder.
SILENT = "says nothing"
NO_RUNG = "no rung"
#: How the disagreements were settled, one entry per report and aspect (or co-production status).
SETTLEMENT = inspection_coding.SECOND_CODING_DIR / "settlement.yml"
#: The first codings of the reports coded twice, as they stood when the second coding was done (the
#: published first codings have since been settled; settlement.yml says how).
FIRST_BEFORE_SETTLEMENT = inspection_coding.SECOND_CODING_DIR / "first_before_settlement"
UNITS = (*ASPECTS, "coproduction")


def category(coding: inspection_coding.ReportCoding, aspect: str) -> str:
    """An aspect's code as one category: its rung, 'no rung' or 'says nothing'."""
    coded = coding.aspects[aspect]
    if coded.says_nothing:
        return SILENT
    return inspection_coding.aspect_rung(coded) or NO_RUNG


def cohen_kappa(first: list[str], second: list[str]) -> float | None:
    """Cohen's kappa for two coders' categories of the same units; None when chance agreement is
    total (both coders used one and the same category), where kappa is not defined."""
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two equally long, non-empty lists of codes")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    one, two = Counter(first), Counter(second)
    expected = sum(one[c] * two[c] for c in set(one) | set(two)) / n**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def percent_agreement(first: list[str], second: list[str]) -> float:
    return 100 * sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


@dataclass(frozen=True)
class AspectAgreement:
    aspect: str
    reports: int
    agreed: int
    percent: float
    kappa: float | None
    pairs: tuple[tuple[str, str, str], ...]  # (report, first, second)


def second_codings(directory: Path | None = None) -> dict[str, LoadedCoding]:
    """The second codings, by report."""
    files = inspection_coding.coding_files(directory or inspection_coding.SECOND_CODING_DIR)
    return {f.stem: inspection_coding.load_coding(f) for f in files}


def categories(coding: inspection_coding.ReportCoding) -> dict[str, str]:
    """Every unit of agreement of one coding: each aspect's category and the co-production status."""
    return {**{aspect: category(coding, aspect) for aspect in ASPECTS}, "coproduction": coding.coproduction}


def first_before_settlement(directory: Path = FIRST_BEFORE_SETTLEMENT) -> dict[str, dict[str, str]]:
    """The first coding's categories before settlement, by report."""
    files = inspection_coding.coding_files(directory)
    return {f.stem: categories(inspection_coding.load_coding(f).coding) for f in files}


def pairs(
    first: dict[str, dict[str, str]] | None = None, second: dict[str, LoadedCoding] | None = None
) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """(first categories, second categories) for every report coded twice."""
    first = first if first is not None else first_before_settlement()
    second = second if second is not None else second_codings()
    if set(first) != set(second):
        raise register.EvidenceError(
            f"{FIRST_BEFORE_SETTLEMENT}: the reports recorded ({', '.join(sorted(first))}) are not the "
            "reports "
            f"coded twice ({', '.join(sorted(second))})"
        )
    return {report: (first[report], categories(second[report].coding)) for report in sorted(second)}


def by_aspect(coded_twice: dict[str, tuple[dict[str, str], dict[str, str]]]) -> list[AspectAgreement]:
    """Agreement on each aspect's category, and on the report's co-production status."""
    results = []
    for unit in UNITS:
        rows = [(report, one[unit], two[unit]) for report, (one, two) in coded_twice.items()]
        first, second = [r[1] for r in rows], [r[2] for r in rows]
        results.append(
            AspectAgreement(
                unit,
                len(rows),
                sum(a == b for a, b in zip(first, second, strict=True)),
                percent_agreement(first, second),
                cohen_kappa(first, second),
                tuple(rows),
            )
        )
    return results


def settlement(file: Path = SETTLEMENT) -> dict[tuple[str, str], str]:
    """How each disagreement was settled: {(report, aspect): what was decided and why}."""
    if not file.is_file():
        return {}
    raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    return {(entry["report"], entry["aspect"]): entry["settled"] for entry in raw.get("settled", [])}
