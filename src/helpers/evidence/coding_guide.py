"""The coding guide for inspection reports (``data/coding_guide.yml``), validated.

Its worked examples name coded findings by id and quote a short phrase of the report's wording; the
phrase is checked against the finding's page like an anchor, so every example can be traced and checked.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from helpers import paths
from helpers.evidence import anchors, register
from helpers.evidence.inspection_coding import ASPECTS, COPRODUCTION_STATUS

GUIDE = paths.BOOK_DATA / "coding_guide.yml"


class Example(BaseModel):
    """A worked example: a coded finding, a short phrase of the report's wording, and why it is coded so."""

    model_config = ConfigDict(extra="forbid")
    item: str = Field(pattern=r"^[a-z][a-z0-9-]*-insp-\d{3}$")
    wording: str
    why: str

    @field_validator("wording")
    @classmethod
    def _short(cls, value: str) -> str:
        trouble = anchors.problem(value)
        if trouble:
            raise ValueError(f"the quoted wording is a short phrase: {trouble}")
        return value


class AspectGuide(BaseModel):
    model_config = ConfigDict(extra="forbid")
    covers: str
    themes: list[str]
    examples: list[Example] = []


class RungWording(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rung: str
    wording: str


class Guide(BaseModel):
    model_config = ConfigDict(extra="forbid")
    principles: list[str]
    rungs: list[RungWording]
    aspects: dict[str, AspectGuide]
    coproduction: dict[str, str]


@cache
def guide(file: Path = GUIDE) -> Guide:
    """The guide, validated against the codebook and the aspects."""
    try:
        loaded = Guide.model_validate(yaml.safe_load(file.read_text(encoding="utf-8")))
    except ValidationError as error:
        raise register.EvidenceError(f"{file}: {register._first_error(error)}") from error
    codebook = register.framework()
    if set(loaded.aspects) != set(ASPECTS):
        raise register.EvidenceError(f"{file}, field 'aspects': give exactly {', '.join(ASPECTS)}")
    if set(loaded.coproduction) != set(COPRODUCTION_STATUS):
        raise register.EvidenceError(
            f"{file}, field 'coproduction': give exactly {', '.join(COPRODUCTION_STATUS)}"
        )
    for entry in loaded.rungs:
        if entry.rung not in codebook.ids("ladder"):
            raise register.EvidenceError(f"{file}, field 'rungs': {entry.rung!r} is not a rung of the ladder")
    for aspect, part in loaded.aspects.items():
        for theme in part.themes:
            if theme not in codebook.ids("themes"):
                raise register.EvidenceError(
                    f"{file}, field 'aspects.{aspect}.themes': {theme!r} is not a theme"
                )
    return loaded


def check_examples(items: dict[str, register.CodedItem], page_text, file: Path = GUIDE) -> int:
    """Each example names a coded finding of its aspect, and its wording is on that finding's page."""
    count = 0
    for aspect, part in guide(file).aspects.items():
        for example in part.examples:
            coded = items.get(example.item)
            where = f"{file}, aspects.{aspect}, example {example.item}"
            if coded is None or coded.item.aspect != aspect:
                raise register.EvidenceError(
                    f"{where}, field 'item': no finding {example.item} of this aspect"
                )
            report = coded.file.stem
            if not anchors.on_page(example.wording, page_text(report, coded.item.page)):
                raise register.EvidenceError(
                    f"{where}, field 'wording': {example.wording!r} is not on page {coded.item.page} of "
                    f"{report}"
                )
            count += 1
    return count
