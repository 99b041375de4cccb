"""All the evidence the book rests on: the hand-coded register and the coded inspection reports, checked
together (ids unique, every reference resolved) with the bibliography that links them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from helpers.data import inspection_reports
from helpers.evidence import inspection_coding, participation, register
from helpers.evidence.inspection_coding import LoadedCoding
from helpers.evidence.register import CodedItem, EvidenceError


@dataclass(frozen=True)
class Evidence:
    """The register's items and every coded report's findings, with their sources."""

    items: tuple[CodedItem, ...]
    codings: dict[str, LoadedCoding]
    sources: dict[str, register.Source]

    @property
    def reference(self) -> date | None:
        """The newest data in the book, from which 'recent' is measured back: the publication date of
        the newest held inspection report (the newest item of evidence when no report is held)."""
        published = [report.published for report in inspection_reports.held()]
        return max(published) if published else participation.newest_evidence(list(self.items))

    @property
    def held_reports(self) -> frozenset[str]:
        return frozenset(self.codings)

    def coding_for(self, area_slug: str) -> LoadedCoding | None:
        """The area's most recent coded report, or None."""
        mine = [c for c in self.codings.values() if c.coding.area == area_slug]
        return max(mine, key=lambda c: c.coding.published) if mine else None

    def for_area(self, area_slug: str) -> list[CodedItem]:
        return register.for_area(list(self.items), area_slug)


def _stamp(files: list[Path]) -> tuple:
    return tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files)


def load(register_files: list[Path] | None = None, coding_files: list[Path] | None = None) -> Evidence:
    """Everything, validated together; kept in memory until a file changes."""
    chosen_register = register.register_files() if register_files is None else register_files
    chosen_codings = inspection_coding.coding_files() if coding_files is None else coding_files
    return _load(_stamp(chosen_register), _stamp(chosen_codings))


@cache
def _load(register_stamp: tuple, coding_stamp: tuple) -> Evidence:
    hand_coded = register.load_register([Path(entry[0]) for entry in register_stamp])
    held = {report.stem: report for report in inspection_reports.held()}
    codings: dict[str, LoadedCoding] = {}
    sources = dict(register.bibliography())
    from_reports: list[CodedItem] = []
    for entry in coding_stamp:
        loaded = inspection_coding.load_coding(Path(entry[0]))
        report = held.get(loaded.coding.report)
        if report is None:
            raise EvidenceError(
                f"{loaded.file}, field 'report': {loaded.coding.report} is not a report in data/manifest.yml."
            )
        if report.area.slug != loaded.coding.area:
            raise EvidenceError(
                f"{loaded.file}, field 'area': the report is about {report.area.slug}, not "
                f"{loaded.coding.area}."
            )
        if report.published.isoformat() != loaded.coding.published:
            raise EvidenceError(
                f"{loaded.file}, field 'published': the report was published {report.published}, not "
                f"{loaded.coding.published}."
            )
        codings[loaded.coding.report] = loaded
        source = inspection_coding.as_source(loaded.coding, report.title, report.url)
        sources[source.id] = source
        from_reports += inspection_coding.as_items(loaded)
    everything = list(hand_coded) + from_reports
    seen = register.by_id(everything)
    for coded in everything:
        where = f"{coded.file}, line {coded.line}, item {coded.item.id}"
        for position, follow in enumerate(coded.item.follow_through):
            item_id, recommendation = follow.recommendation.split("/")
            target = seen.get(item_id)
            if target is None or recommendation not in {r.id for r in target.item.recommendations}:
                raise EvidenceError(
                    f"{where}, field 'follow_through.{position}.recommendation': no recommendation "
                    f"{follow.recommendation} in the register or the coded reports."
                )
        same = coded.item.same_event_as
        if same and same not in seen and same not in held:
            raise EvidenceError(
                f"{where}, field 'same_event_as': {same!r} is neither an item nor a held inspection report."
            )
    return Evidence(tuple(everything), codings, sources)
