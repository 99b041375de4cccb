"""The evidence register: the codebook, the bibliography and the coded evidence items, validated.

Every item is checked against a pydantic schema and the codebook (``data/framework.yml``) and every
source against the bibliography (``data/sources.yml``). A bad item stops the build with a message that
names the file, the line, the item and the field, and says what is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from helpers import paths
from helpers.errors import InputError
from helpers.evidence import anchors

#: libyaml's loader where PyYAML was built with it (about ten times faster), else the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

EVIDENCE_DIR = paths.BOOK_DATA / "evidence"
FRAMEWORK = paths.BOOK_DATA / "framework.yml"
BIBLIOGRAPHY = paths.BOOK_DATA / "sources.yml"
NATIONAL = "national"
#: A direct quotation is at most a short phrase.
MAX_QUOTE_WORDS = 12
EARLIEST_YEAR = 1990
#: The ids of findings coded from inspection reports (see helpers.evidence.inspection_coding).
INSPECTION_ITEM = re.compile(r"[a-z][a-z0-9-]*-insp-\d{3}")
#: Kinds of evidence that state intentions rather than show practice.
COMMITMENT_KINDS = ("charter", "strategy")


class EvidenceError(InputError, ValueError):
    """The register, codebook or bibliography is invalid; the message says where and why."""


def _web_address(value: str) -> str:
    # Only web links are published: a javascript:, data: or file: address could run or leak something.
    if not re.fullmatch(r"https?://[^\s/]\S*", value):
        raise ValueError(
            f"{value!r} is not a web address: links start with http:// or https:// and hold no spaces"
        )
    return value


#: A link the book publishes: http or https only.
WebAddress = Annotated[str, AfterValidator(_web_address)]


# --- the codebook ---------------------------------------------------------------------------------


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid")
    term: str
    meaning: str
    ladder: str


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    area: str
    source: str
    note: str
    terms: list[Term]


class Coded(BaseModel):
    """A codebook entry: an id, a label and a definition."""

    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    definition: str | None = None
    band: str | None = None
    summary: str | None = None
    url: WebAddress | None = None


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    publisher: str
    url: WebAddress


class Framework(BaseModel):
    """The participation framework: ladder, bands, vocabularies, themes, duties, strength, kinds."""

    model_config = ConfigDict(extra="forbid")
    ladder_source: Reference
    bands_source: Reference
    bands: list[Coded]
    ladder: list[Coded]
    vocabularies: list[Vocabulary]
    themes: list[Coded]
    duties: list[Coded]
    strength: list[Coded]
    kinds: list[str]

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        bands = {band.id for band in self.bands}
        for rung in self.ladder:
            if rung.band not in bands:
                raise ValueError(
                    f"ladder level '{rung.id}' has band {rung.band!r}, not one of {sorted(bands)}"
                )
        rungs = {rung.id for rung in self.ladder}
        for vocabulary in self.vocabularies:
            for term in vocabulary.terms:
                if term.ladder not in rungs:
                    raise ValueError(
                        f"{vocabulary.area} term '{term.term}' maps to unknown level {term.ladder!r}"
                    )
        return self

    def ids(self, part: str) -> list[str]:
        return [entry.id for entry in getattr(self, part)]

    def rank(self, ladder_id: str) -> int:
        """1 for the lowest rung (coercion) up to 7 for co-production."""
        return self.ids("ladder").index(ladder_id) + 1

    def label(self, part: str, entry_id: str) -> str:
        return next(entry.label for entry in getattr(self, part) if entry.id == entry_id)


@cache
def framework(file: Path = FRAMEWORK) -> Framework:
    """The codebook, validated."""
    try:
        return Framework.model_validate(yaml.load(file.read_text(encoding="utf-8"), Loader=YAML_LOADER))
    except ValidationError as error:
        raise EvidenceError(f"{file}: {_first_error(error)}") from error


# --- the bibliography -----------------------------------------------------------------------------


class Source(BaseModel):
    """One source in the bibliography."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)+$")
    area: str
    title: str
    publisher: str
    author: str | None = None
    date: str
    year: int | None = None
    url: WebAddress | None = None
    kind: str
    #: The file in the held-texts folder (``../shared/sources``) holding the source's full text, and the
    #: sha256 of its bytes: items citing it carry anchors the build checks against it.
    full_text: str | None = Field(default=None, pattern=r"^[a-z0-9-]+\.txt$")
    full_text_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")

    @model_validator(mode="after")
    def _pinned(self) -> Source:
        if bool(self.full_text) != bool(self.full_text_sha256):
            raise ValueError("a held full text needs both 'full_text' and 'full_text_sha256'")
        return self


@cache
def bibliography(file: Path = BIBLIOGRAPHY) -> dict[str, Source]:
    """Every source, keyed by id; ids must be unique."""
    text = file.read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=YAML_LOADER) or {}
    lines = _entry_lines(text, "sources")
    found: dict[str, Source] = {}
    for position, entry in enumerate(raw.get("sources", []), start=1):
        line = lines[position - 1] if position <= len(lines) else 0
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"{file}, line {line}, source {label or position}"
        try:
            source = Source.model_validate(entry)
        except ValidationError as error:
            raise EvidenceError(f"{where}: {_first_error(error)}") from error
        if source.id in found:
            raise EvidenceError(f"{where}, field 'id': duplicate id '{source.id}'.")
        found[source.id] = source
    return found


# --- evidence items -------------------------------------------------------------------------------


class Figure(BaseModel):
    """A number the source reports, with what it counts and out of what."""

    model_config = ConfigDict(extra="forbid")
    value: float
    unit: str
    measure: str
    base: str | None = None
    #: How the source qualifies the number ("nearly 100", "over 80%"): shown with it, never dropped.
    qualifier: Literal["about", "nearly", "over", "under", "at least", "up to"] | None = None


class Quote(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    attribution: str

    @field_validator("text")
    @classmethod
    def _short(cls, text: str) -> str:
        if len(text.split()) > MAX_QUOTE_WORDS:
            raise ValueError(f"a quotation is at most {MAX_QUOTE_WORDS} words; paraphrase the rest")
        return text


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^R\d+$")
    text: str


class FollowThrough(BaseModel):
    """What this item shows about an earlier recommendation (``<item id>/<recommendation id>``)."""

    model_config = ConfigDict(extra="forbid")
    recommendation: str = Field(pattern=r"^[a-z][a-z0-9-]*-\d{3}/R\d+$")
    status: Literal["done", "partly done", "not done", "unclear"]
    note: str


class Item(BaseModel):
    """One coded piece of evidence. Codes are checked against the codebook by ``_check_codes``."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*-\d{3}$")
    source: str
    date: str = Field(description="date of the event or finding: YYYY, YYYY-MM or YYYY-MM-DD")
    date_note: str | None = None
    event: str | None = Field(default=None, max_length=90)
    kind: str
    finding: str = Field(min_length=20)
    figures: list[Figure] = []
    ladder: str | None = None
    themes: list[str] = Field(min_length=1)
    duties: list[str] = []
    strength: str
    #: Whose account this is: the council or partnership about itself, families and their forum, or an
    #: independent body (see helpers.evidence.participation).
    perspective: Literal["claimed", "families", "independent"]
    second_hand: bool = False
    #: A charter, strategy or pledge: what is promised, with no rung until evidence shows practice.
    commitment: bool = False
    #: The same event as another item (its id) or as a held inspection report (its file stem): one event
    #: counts once, however many documents report it.
    same_event_as: str | None = Field(
        default=None, pattern=r"^([a-z][a-z0-9-]*-\d{3}|E\d{8}_[a-z0-9-]+_\d{4}-\d{2}-\d{2})$"
    )
    #: Whether the finding is a strength or a weakness as its source presents it (inspection findings).
    direction: Literal["strength", "weakness"] | None = None
    #: The aspect of an inspection report the finding belongs to (see helpers.evidence.inspection_coding).
    aspect: str | None = None
    #: The page of the source's held full text the anchor is on (1 for a text without pages).
    page: int | None = Field(default=None, ge=1)
    #: Four to twelve consecutive words copied exactly from that page, so the citation can be checked.
    anchor: anchors.Anchor | None = None
    quote: Quote | None = None
    recommendations: list[Recommendation] = []
    follow_through: list[FollowThrough] = []
    #: True when the item's text gives an organisation's published contact (an email address or phone
    #: number on its public website); personal contact details are never published.
    published_contact: bool = False

    @property
    def is_commitment(self) -> bool:
        return self.commitment or self.kind in COMMITMENT_KINDS

    @field_validator("date", mode="before")
    @classmethod
    def _as_written(cls, value):
        # YAML reads 2014-03-13 as a date and 2020 as a number; both mean what they say.
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        parsed = parse_date(value)
        if parsed.year < EARLIEST_YEAR or parsed > date.today():
            raise ValueError(f"{value} is outside {EARLIEST_YEAR} to today")
        return value

    @property
    def when(self) -> date:
        """The first day the date can mean (2020-07 -> 1 July 2020), for sorting and timelines."""
        return parse_date(self.date)

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.date)]


def parse_date(value: str) -> date:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; anything else (or an impossible date) raises ValueError."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value))
    if not match or (match.group(3) and not match.group(2)):
        raise ValueError(f"{value!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date ({error})") from None


@dataclass(frozen=True)
class CodedItem:
    """A validated item with where it came from."""

    item: Item
    area: str
    file: Path
    line: int


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(item)"
    # pydantic prefixes the message of a custom check with "Value error, ": the reader needs only the check.
    return f"field '{field}': {first['msg'].removeprefix('Value error, ')}"


def _entry_lines(text: str, key: str = "items") -> list[int]:
    """The line on which each entry of the file's top-level list ``key`` starts."""
    root = yaml.compose(text, Loader=YAML_LOADER)
    if root is None:
        return []
    for node_key, value in getattr(root, "value", []):
        if node_key.value == key and isinstance(value, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in value.value]
    return []


#: An email address, or a UK phone number written as people write them (020 7946 0000, +44 20 7946 0000,
#: 07700 900123, (01234) 567890). Years, counts and ranges such as 2014-2020 do not match.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w.,+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w,])")


def _texts(value, field: str = ""):
    """Every string in an item's data, with the field it is in (``quote.text``, ``figures.0.base``)."""
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _texts(inner, f"{field}.{key}" if field else key)
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            yield from _texts(inner, f"{field}.{position}")


def contact_details(item: Item) -> tuple[str, str] | None:
    """The first (field, match) where an item's text holds an email address or a phone number."""
    if item.published_contact:
        return None
    for field, text in _texts(item.model_dump()):
        found = EMAIL.search(text) or PHONE.search(text)
        if found:
            return field, found.group(0)
    return None


def _check_codes(item: Item, codebook: Framework, sources: dict[str, Source]) -> tuple[str, str] | None:
    """The first (field, problem) where an item's codes are not in the codebook or bibliography."""
    allowed = {
        "ladder": codebook.ids("ladder"),
        "themes": codebook.ids("themes"),
        "duties": codebook.ids("duties"),
        "strength": codebook.ids("strength"),
        "kind": codebook.kinds,
    }
    if item.source not in sources:
        return "source", f"'{item.source}' is not in data/sources.yml"
    for field, options in allowed.items():
        values = getattr(item, field)
        for value in values if isinstance(values, list) else [values]:
            if value is not None and value not in options:
                return field, f"{value!r} is not one of {', '.join(options)}"
    if item.second_hand and item.strength not in ("limited", "weak"):
        return "strength", "a second-hand report is graded 'limited' or 'weak'"
    return None


def load_file(file: Path, known_areas: set[str] | None = None) -> list[CodedItem]:
    """Load and validate one register file (one area, or ``national``)."""
    text = file.read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        raise EvidenceError(f"{file}: not valid YAML: {error}") from error
    area = raw.get("area")
    if known_areas is not None and area not in known_areas:
        raise EvidenceError(
            f"{file}, field 'area': {area!r} is not 'national' or the slug of a current area."
        )
    if file.stem != area:
        raise EvidenceError(f"{file}, field 'area': {area!r} does not match the file name ({file.stem}).")
    entries = raw.get("items")
    if not isinstance(entries, list):
        raise EvidenceError(f"{file}: needs a list 'items' (it may be empty: items: []).")
    lines = _entry_lines(text)
    codebook, sources = framework(), bibliography()
    coded: list[CodedItem] = []
    for position, entry in enumerate(entries):
        line = lines[position] if position < len(lines) else 0
        item_id = (
            entry.get("id", f"number {position + 1}") if isinstance(entry, dict) else f"number {position + 1}"
        )
        where = f"{file}, line {line}, item {item_id}"
        try:
            item = Item.model_validate(entry)
        except ValidationError as error:
            raise EvidenceError(f"{where}: {_first_error(error)}") from error
        if not item.id.startswith(f"{area}-"):
            raise EvidenceError(f"{where}, field 'id': ids in this file start with '{area}-'.")
        problem = _check_codes(item, codebook, sources)
        if problem:
            raise EvidenceError(f"{where}, field '{problem[0]}': {problem[1]}.")
        contact = contact_details(item)
        if contact:
            raise EvidenceError(
                f"{where}, field '{contact[0]}': contains contact details ({contact[1]!r}). The book does "
                "not publish personal contact details: remove them, or, if they are an organisation's "
                "published contact, set 'published_contact: true' on the item."
            )
        coded.append(CodedItem(item, area, file, line))
    return coded


def known_areas() -> set[str]:
    """Register areas: 'national' and the slug of every current upper-tier area."""
    from helpers.data import areas

    return {NATIONAL} | {area.slug for area in areas.all_areas()}


def register_files(directory: Path | None = None) -> list[Path]:
    """The register's files: one per area, and national."""
    return sorted((directory or EVIDENCE_DIR).glob("*.yml"))


def load_register(files: list[Path] | None = None) -> list[CodedItem]:
    """Every item of the given files (default: the whole register), validated together: ids unique,
    follow-through resolvable. Kept in memory until a file changes."""
    chosen = register_files() if files is None else files
    stamp = tuple(
        (str(f), f.stat().st_size, f.stat().st_mtime_ns) if f.exists() else (str(f), -1, -1) for f in chosen
    )
    return list(_load_register(stamp))


def by_id(items: list[CodedItem]) -> dict[str, CodedItem]:
    """The items keyed by id; a duplicate id stops with both places it is used."""
    seen: dict[str, CodedItem] = {}
    for coded in items:
        if coded.item.id in seen:
            first = seen[coded.item.id]
            raise EvidenceError(
                f"{coded.file}, line {coded.line}, item {coded.item.id}, field 'id': duplicate id, already "
                f"used at {first.file}, line {first.line}."
            )
        seen[coded.item.id] = coded
    return seen


@cache
def _load_register(stamp: tuple) -> tuple[CodedItem, ...]:
    files = [Path(entry[0]) for entry in stamp]
    allowed = known_areas()
    everything: list[CodedItem] = []
    for file in files:
        everything += load_file(file, allowed)
    seen = by_id(everything)
    for coded in everything:
        for position, follow in enumerate(coded.item.follow_through):
            item_id, recommendation = follow.recommendation.split("/")
            if INSPECTION_ITEM.fullmatch(item_id):
                continue  # an inspection's area for improvement: checked with the coded reports
            target = seen.get(item_id)
            if target is None or recommendation not in {r.id for r in target.item.recommendations}:
                field = f"follow_through.{position}.recommendation"
                raise EvidenceError(
                    f"{coded.file}, line {coded.line}, item {coded.item.id}, field '{field}': "
                    f"no recommendation "
                    f"{follow.recommendation} in the register."
                )
    return tuple(everything)


def for_area(register: list[CodedItem], area_slug: str) -> list[CodedItem]:
    """The items of one area, oldest first."""
    return sorted((c for c in register if c.area == area_slug), key=lambda c: (c.item.when, c.item.id))


STARTER = """# Evidence register: {name}. No items are coded yet.
# Add one item per finding or dated event, coded against data/framework.yml, with a source from
# data/sources.yml (add the source there first). See data/evidence/haringey.yml for examples and the
# book's chapter "Re-running the book for another area" for the steps. Then run: make book
area: {slug}
items: []
"""


def create_starter(area_slug: str, area_name: str, directory: Path | None = None) -> Path | None:
    """Create an empty, valid register file for an area; None if the area already has one."""
    file = (directory or EVIDENCE_DIR) / f"{area_slug}.yml"
    if file.exists():
        return None
    file.write_text(STARTER.format(name=area_name, slug=area_slug), encoding="utf-8")
    return file


def remove_starter(area_slug: str, directory: Path | None = None) -> bool:
    """Delete an area's register file only if it holds no items (coded evidence is never thrown away)."""
    file = (directory or EVIDENCE_DIR) / f"{area_slug}.yml"
    if not file.exists():
        return False
    raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    if raw.get("items"):
        return False
    file.unlink()
    return True
