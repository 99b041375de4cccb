"""The evidence register chapter: every coded item, filterable by area, theme, level and strength."""

from __future__ import annotations

from dataclasses import dataclass

from IPython.display import HTML, Markdown

from helpers.pages import catalogue
from helpers.present import evidence_views
from helpers.present.provenance import Provenance

PAGE = catalogue.get("register")


@dataclass
class RegisterChapter:
    register: evidence_views.RegisterView

    def summary(self) -> Markdown:
        return evidence_views.register_summary(self.register)

    def table(self) -> HTML:
        return evidence_views.register_table(self.register)

    def provenance(self) -> Provenance:
        return Provenance(parameters={}, book_files=PAGE.input_files())


def load() -> RegisterChapter:
    return RegisterChapter(evidence_views.load_register(bibliography_page="bibliography.html"))
