"""The bibliography chapter: every source the register is coded from, with how many items cite it."""

from __future__ import annotations

from dataclasses import dataclass

from IPython.display import HTML

from helpers.pages import catalogue
from helpers.present import evidence_views
from helpers.present.provenance import Provenance

PAGE = catalogue.get("bibliography")


@dataclass
class BibliographyChapter:
    register: evidence_views.RegisterView

    def table(self) -> HTML:
        return evidence_views.bibliography_table(self.register)

    def provenance(self) -> Provenance:
        return Provenance(parameters={}, book_files=PAGE.input_files())


def load() -> BibliographyChapter:
    return BibliographyChapter(evidence_views.load_register(bibliography_page="bibliography.html"))
