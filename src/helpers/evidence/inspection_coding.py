"""What each held area SEND inspection report says about working with families, coded by aspect.

One file per report in ``data/evidence/inspections/`` (named as the PDF, ``<code>_<area>_<date>.yml``).
Each of the six aspects is either coded as findings, each with its page and an anchor, or recorded as
``says_nothing: true``, so a reader can tell a silent report from an uncoded one. Findings become
register items of the *independent* perspective (``as_items``); areas for improvement become
recommendations that later evidence can follow through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from helpers.evidence import anchors, register

INSPECTIONS_DIR = register.EVIDENCE_DIR / "inspections"
#: The independent second coding of a sample of reports, kept to measure the coding's consistency.
SECOND_CODING_DIR = INSPECTIONS_DIR / "second_coding"

#: The six aspects, in the order the book shows them: (id, heading).
ASPECTS = {
    "forum": "Work with the parent carer forum",
    "strategic": "Strategic co-production (strategy, commissioning, service design)",
    "own-plan": "Families' part in their own child's assessment and EHC plan",
    "information": "Information and communication with families, including the Local Offer",
    "cyp-voice": "Children's and young people's own voice",
    "improvement": "Areas for improvement on any of these",
}
#: The aspects in a few words, for lists and counts.
ASPECT_SHORT = {
    "forum": "the forum",
    "strategic": "strategic co-production",
    "own-plan": "families' part in their own child's plan",
    "information": "information for families",
    "cyp-voice": "children's and young people's voice",
    "improvement": "areas for improvement",
}
#: How the report describes co-production across the partnership.
COPRODUCTION_STATUS = ("embedded", "developing", "not embedded", "not stated")


class CodedFinding(BaseModel):
    """One finding of a report, in the book's own words, with the page and an anchor to check it."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*-insp-\d{3}$")
    finding: str = Field(min_length=20)
    themes: list[str] = Field(min_length=1)
    ladder: str | None = None
    direction: Literal["strength", "weakness"]
    page: int = Field(ge=1)
    anchor: anchors.Anchor
    quote: register.Quote | None = None


class Aspect(BaseModel):
    """One aspect of one report: findings, or an explicit record that the report says nothing on it."""

    model_config = ConfigDict(extra="forbid")
    says_nothing: bool = False
    items: list[CodedFinding] = []

    @model_validator(mode="after")
    def _coded_or_silent(self) -> Aspect:
        if self.says_nothing and self.items:
            raise ValueError("an aspect has findings or 'says_nothing: true', not both")
        if not self.says_nothing and not self.items:
            raise ValueError("an aspect needs findings, or 'says_nothing: true' if the report is silent")
        return self


class ReportCoding(BaseModel):
    """The coding of one report."""

    model_config = ConfigDict(extra="forbid")
    report: str = Field(pattern=r"^E\d{8}_[a-z0-9-]+_\d{4}-\d{2}-\d{2}$")
    area: str
    published: str
    #: The parent carer forum's name as the report gives it; None when the report names no forum.
    forum_named_as: str | None
    forum_page: int | None = None
    coproduction: Literal["embedded", "developing", "not embedded", "not stated"]
    coproduction_page: int | None = None
    coproduction_anchor: anchors.Anchor | None = None
    aspects: dict[str, Aspect]

    @field_validator("published", mode="before")
    @classmethod
    def _as_text(cls, value):
        return value.isoformat() if isinstance(value, date) else value

    @model_validator(mode="after")
    def _complete(self) -> ReportCoding:
        missing = [aspect for aspect in ASPECTS if aspect not in self.aspects]
        unknown = [aspect for aspect in self.aspects if aspect not in ASPECTS]
        if missing:
            raise ValueError(f"aspects {', '.join(missing)} are not coded (give items or says_nothing)")
        if unknown:
            raise ValueError(f"unknown aspects {', '.join(unknown)}; the aspects are {', '.join(ASPECTS)}")
        if self.forum_named_as and not self.forum_page:
            raise ValueError("a named forum needs 'forum_page', the page where the report names it")
        if self.coproduction != "not stated" and not (self.coproduction_page and self.coproduction_anchor):
            raise ValueError("a co-production status needs 'coproduction_page' and 'coproduction_anchor'")
        return self

    def findings(self):
        """(aspect, finding) for every coded finding, in aspect order."""
        for aspect in ASPECTS:
            for finding in self.aspects[aspect].items:
                yield aspect, finding

    def anchored(self):
        """(field, page, anchor) for everything in the coding that cites a page."""
        if self.coproduction_anchor:
            yield "coproduction_anchor", self.coproduction_page, self.coproduction_anchor
        for aspect, finding in self.findings():
            yield f"aspects.{aspect}.{finding.id}.anchor", finding.page, finding.anchor


class CodingError(register.EvidenceError):
    """A report coding is invalid; the message names the file, the item and the field."""


@dataclass(frozen=True)
class LoadedCoding:
    coding: ReportCoding
    file: Path
    lines: dict[str, int]

    @property
    def report_date(self) -> date:
        return date.fromisoformat(self.coding.published)

    def where(self, item_id: str | None = None) -> str:
        if item_id is None:
            return str(self.file)
        return f"{self.file}, line {self.lines.get(item_id, 0)}, item {item_id}"


def _item_lines(text: str) -> dict[str, int]:
    return {
        match.group(1): text.count("\n", 0, match.start()) + 1
        for match in re.finditer(r"^\s*-\s*id:\s*([a-z0-9-]+)\s*$", text, flags=re.MULTILINE)
    }


def load_coding(file: Path) -> LoadedCoding:
    """Read and validate one report's coding against its schema and the codebook."""
    text = file.read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=register.YAML_LOADER) or {}
    except yaml.YAMLError as error:
        raise CodingError(f"{file}: not valid YAML: {error}") from error
    lines = _item_lines(text)
    try:
        coding = ReportCoding.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        location = [str(part) for part in first["loc"]]
        item = None
        if "items" in location:
            position = int(location[location.index("items") + 1])
            aspect = location[location.index("aspects") + 1]
            entries = (raw.get("aspects") or {}).get(aspect, {}).get("items") or []
            item = entries[position].get("id") if position < len(entries) else None
        where = f"{file}, line {lines.get(item, 0)}, item {item}" if item else str(file)
        raise CodingError(f"{where}: {register._first_error(error)}") from error
    if file.stem != coding.report:
        raise CodingError(f"{file}, field 'report': {coding.report!r} does not match the file name.")
    loaded = LoadedCoding(coding, file, lines)
    codebook = register.framework()
    rungs, themes = codebook.ids("ladder"), codebook.ids("themes")
    seen: set[str] = set()
    for aspect_id, finding in coding.findings():
        where = loaded.where(finding.id)
        if not finding.id.startswith(f"{coding.area}-"):
            raise CodingError(f"{where}, field 'id': ids in this file start with '{coding.area}-insp-'.")
        if finding.id in seen:
            raise CodingError(f"{where}, field 'id': duplicate id.")
        seen.add(finding.id)
        if finding.ladder and finding.ladder not in rungs:
            raise CodingError(
                f"{where}, field 'ladder': {finding.ladder!r} is not one of {', '.join(rungs)}."
            )
        for theme in finding.themes:
            if theme not in themes:
                raise CodingError(f"{where}, field 'themes': {theme!r} is not one of {', '.join(themes)}.")
        if aspect_id == "improvement" and finding.direction != "weakness":
            raise CodingError(f"{where}, field 'direction': an area for improvement is a 'weakness'.")
    return loaded


def middle_rung(rungs: list[str], codebook: register.Framework) -> str | None:
    """The middle of a list of rungs, ordered up the ladder; the lower of the two middle ones when the
    number is even; None for no rungs."""
    if not rungs:
        return None
    ordered = sorted(rungs, key=codebook.rank)
    return ordered[(len(ordered) - 1) // 2]


def aspect_rung(aspect: Aspect, codebook: register.Framework | None = None) -> str | None:
    """The rung of an aspect as a whole: the middle rung of its findings that show one."""
    codebook = codebook or register.framework()
    return middle_rung([f.ladder for f in aspect.items if f.ladder], codebook)


def coding_files(directory: Path | None = None) -> list[Path]:
    # Only report codings, named after their PDF; the folder may hold other records beside them.
    return sorted((directory or INSPECTIONS_DIR).glob("E[0-9]*_*.yml"))


def check_anchors(loaded: LoadedCoding, page_text) -> None:
    """Stop with the file, item and field if any anchor is not on its cited page.

    ``page_text(report, page)`` returns the extracted text of one page of one report.
    """
    coding = loaded.coding
    report_text = "\n".join(
        page_text(coding.report, page) for page in sorted({f.page for _, f in coding.findings()})
    )
    for _, finding in coding.findings():
        copied = anchors.copied_run(finding.finding, report_text, register.MAX_QUOTE_WORDS + 1)
        if copied:
            raise CodingError(
                f"{loaded.where(finding.id)}, field 'finding': copies {register.MAX_QUOTE_WORDS + 1} or more "
                f"consecutive words of the report ({copied!r}); write the finding in the book's own words."
            )
    for field, page, anchor in coding.anchored():
        item_id = field.split(".")[2] if field.startswith("aspects.") else None
        text = page_text(coding.report, page)
        if not anchors.on_page(anchor, text):
            where = loaded.where(item_id) if item_id else str(loaded.file)
            name = "anchor" if item_id else field
            raise CodingError(
                f"{where}, field '{name}': the anchor {anchor!r} is not on page {page} of the report "
                f"{coding.report}.pdf; copy up to {anchors.MAX_WORDS} consecutive words from that page."
            )


def check_files(files: list[Path], data_dir: Path | None = None) -> int:
    """Validate codings and their anchors against the report PDFs; the number of findings checked."""
    from helpers import paths
    from helpers.data import report_text

    reports = (data_dir or paths.data_dir()) / "ofsted_send_reports"
    cache: dict[str, list[str]] = {}

    def page_text(report: str, page: int) -> str:
        if report not in cache:
            pdf = reports / f"{report}.pdf"
            if not pdf.is_file():
                raise CodingError(f"inspection report {pdf} is not in the data directory")
            cache[report] = report_text.extract_pages(pdf)
        pages = cache[report]
        if not 1 <= page <= len(pages):
            raise CodingError(f"{report}.pdf has {len(pages)} pages, not a page {page}")
        return pages[page - 1]

    count = 0
    for file in files:
        loaded = load_coding(file)
        check_anchors(loaded, page_text)
        count += sum(1 for _ in loaded.coding.findings())
    return count


if __name__ == "__main__":
    import sys

    arguments = [Path(argument) for argument in sys.argv[1:]] or coding_files()
    print(f"{check_files(arguments)} findings in {len(arguments)} files: schema and anchors check out")


# --- the coded reports as register items -----------------------------------------------------------

#: Inspection findings are first-hand reports by an independent body with statutory standing.
REPORT_STRENGTH = "strong"


def source_id(coding: ReportCoding) -> str:
    """The bibliography id of a held report: ``ofsted-cqc-<area>-<published>``."""
    return f"ofsted-cqc-{coding.area}-{coding.published}"


def as_source(coding: ReportCoding, title: str, url: str) -> register.Source:
    """The report as a bibliography entry (title and address come from the manifest)."""
    return register.Source(
        id=source_id(coding),
        area=coding.area,
        title=title,
        publisher="Ofsted and the Care Quality Commission",
        date=coding.published,
        year=int(coding.published[:4]),
        url=url,
        kind="inspection report",
    )


def as_items(loaded: LoadedCoding) -> list[register.CodedItem]:
    """Every finding of a coded report as a register item of the independent perspective.

    An area for improvement is also a recommendation (``R1``), so later evidence can follow it through.
    """
    coding = loaded.coding
    items = []
    for aspect, finding in coding.findings():
        item = register.Item(
            id=finding.id,
            source=source_id(coding),
            date=coding.published,
            kind="inspection",
            finding=finding.finding,
            ladder=finding.ladder,
            themes=finding.themes,
            strength=REPORT_STRENGTH,
            perspective="independent",
            direction=finding.direction,
            aspect=aspect,
            page=finding.page,
            anchor=finding.anchor,
            quote=finding.quote,
            duties=["area-send-framework-2023"],
            recommendations=(
                [register.Recommendation(id="R1", text=finding.finding)] if aspect == "improvement" else []
            ),
        )
        items.append(register.CodedItem(item, coding.area, loaded.file, loaded.lines.get(finding.id, 0)))
    return items
